//! Probabilistic knowledge transfer (PKT): turn each batch of embeddings into conditional
//! probabilities "sample j is a neighbour of sample i" from cosine similarities, and make the
//! student's neighbourhood distributions match the teacher's with a KL divergence.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, distill, vectors};

const ID: &str = "pkt";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "PKT",
    aliases: &["Probabilistic KD", "Probabilistic Knowledge Transfer"],
    kind: Kind::Loss,
    domains: &["distillation", "metric-learning"],
    year: 2018,
    paper: Paper {
        title: "Learning Deep Representations with Probabilistic Knowledge Transfer",
        authors: "Passalis & Tefas",
        venue: "ECCV 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1803.10837",
    },
    summary: "Matches the geometry of two embedding spaces of possibly different widths through probability distributions: cosine similarities within the batch, mapped from [-1, 1] to [0, 1] and normalized per row, give each sample a distribution over its neighbours, and the loss is the KL divergence of the student's distribution from the teacher's, averaged over all N² entries (the mdistiller form, with eps = 1e-7 inside the logarithm and in the norms). Being based on cosines it is invariant to the scale of either embedding; it needs batches large enough for the neighbour distributions to be informative.",
    formula: r"\ell = \frac{1}{N^2}\sum_{i,j} p^t_{ij}\log\frac{p^t_{ij} + \epsilon}{p^s_{ij} + \epsilon},\quad p_{ij} = \frac{k_{ij}}{\sum_{l} k_{il}},\ k_{ij} = \frac{1}{2}\Big(1 + \frac{f_i\cdot f_j}{(\lVert f_i\rVert + \epsilon)(\lVert f_j\rVert + \epsilon)}\Big)",
    inputs: &[
        Input { name: "features", shape: "[N, Ds]", meaning: "student embeddings" },
        Input { name: "teacher_features", shape: "[N, Dt]", meaning: "teacher embeddings (differentiable like any input; detach them to train only the student)" },
    ],
    params: &[Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-7), range: Range::NON_NEGATIVE, meaning: "added to the norms and inside the logarithm" }],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Embeddings,
    },
    equivalents: &["mdistiller.distillers.PKT.pkt_loss"],
    related: &["rkd", "crd", "dist-kd", "kl-divergence"],
    forms: &[Form {
        name: "mdistiller",
        description: "mdistiller pkt_loss: rows divided by (norm + eps), cosine kernel (cos + 1)/2, row-normalized, mean of t * log((t + eps)/(s + eps)) over the N×N matrix.",
    }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of [`pkt`]; `Default` is mdistiller's `eps = 1e-7`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PktConfig {
    pub eps: f64,
}

impl Default for PktConfig {
    fn default() -> Self {
        PktConfig { eps: 1e-7 }
    }
}

/// Row-normalized cosine kernel `(cos + 1) / 2` of `[N, D]` features, `[N, N]`.
fn neighbour_probs(f: Tensor<2>, eps: f64) -> Tensor<2> {
    let f = f.clone() / vectors::l2_norm(f, 1).add_scalar(eps);
    let k = f.clone().matmul(f.transpose()).add_scalar(1.0).mul_scalar(1.0 / 2.0);
    k.clone() / k.sum_dim(1)
}

/// PKT loss between student `[N, Ds]` and teacher `[N, Dt]` embeddings; a scalar.
pub fn pkt(features: Tensor<2>, teacher_features: Tensor<2>, cfg: &PktConfig) -> Result<LossTensor, LossError> {
    let (s, t) = (features.dims(), teacher_features.dims());
    distill::check_feature_pair(ID, &s, &t)?;
    let eps = numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let ps = neighbour_probs(features, eps);
    let pt = neighbour_probs(teacher_features, eps);
    let per = pt.clone() * (pt.add_scalar(eps).log() - ps.add_scalar(eps).log());
    Ok(LossTensor::scalar(per.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("mdistiller") => {}
        _ => return Err(c.unknown_form(&["mdistiller"])),
    }
    let cfg = PktConfig { eps: c.f64("eps", 1e-7)? };
    for name in ["features", "teacher_features"] {
        let shape = c.shape(name)?;
        if shape.len() != 2 {
            return Err(LossError::shape(ID, name, "shape [N, D]", fmt_shape(shape)));
        }
    }
    pkt(c.float::<2>("features")?, c.float::<2>("teacher_features")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("features", randn(&[5, 3], 51, 1.0)), ("teacher_features", randn(&[5, 6], 52, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"eps": 0.0})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // Two samples. Student rows (1, 0), (0, 1): cos = 0, k = [[1, 1/2], [1/2, 1]], p = [[2/3, 1/3], [1/3, 2/3]].
        // Teacher rows (1, 0), (1, 0): cos = 1, k = all ones, p = all 1/2.
        // With eps = 0: loss = mean of 1/2 log((1/2)/p_s) = (1/4)(2 * 1/2 ln(3/4) + 2 * 1/2 ln(3/2)).
        let x = inputs(vec![("features", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0])), ("teacher_features", f(&[2, 2], &[1.0, 0.0, 1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"eps": 0.0})), &x);
        let want = 0.25 * ((0.75f64).ln() + (1.5f64).ln());
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{} vs {want}", ev.loss.floats[0]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e4, 1e12] {
            let mut s = randn(&[4, 3], 53, 1.0);
            s.floats.iter_mut().for_each(|v| *v *= scale);
            assert_finite(ID, None, &params(json!({})), &inputs(vec![("features", s), ("teacher_features", randn(&[4, 3], 54, 1.0))]));
        }
        // A zero embedding: its row of the kernel is 1/2 everywhere; the gradient stays finite.
        let x = inputs(vec![("features", f(&[3, 2], &[0.0, 0.0, 1.0, 2.0, -1.0, 0.5])), ("teacher_features", randn(&[3, 2], 55, 1.0))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("features", randn(&[4, 3], 1, 1.0)), ("teacher_features", randn(&[3, 3], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("features", randn(&[4, 3, 2], 1, 1.0)), ("teacher_features", randn(&[4, 3, 2], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("features", f(&[0, 3], &[])), ("teacher_features", f(&[0, 3], &[]))]), ErrorKind::Empty);
        let ok = inputs(vec![("features", randn(&[4, 3], 1, 1.0)), ("teacher_features", randn(&[4, 3], 2, 1.0))]);
        assert_error(ID, None, &params(json!({"eps": -1.0})), &ok, ErrorKind::Param);
    }
}
