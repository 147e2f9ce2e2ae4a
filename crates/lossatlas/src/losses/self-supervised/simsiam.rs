//! SimSiam: maximize the cosine similarity between one view's prediction and the other view's
//! projection, with a stop-gradient on the projection as the only guard against collapse.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, inputs::check_float, vectors::l2_norm};

const ID: &str = "simsiam";

pub const ENTRY: Entry = Entry {
    id: "simsiam",
    name: "SimSiam Loss",
    aliases: &["Negative Cosine Similarity Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2021,
    paper: Paper {
        title: "Exploring Simple Siamese Representation Learning",
        authors: "Chen & He",
        venue: "CVPR",
        year: 2021,
        url: "https://arxiv.org/abs/2011.10566",
    },
    summary: "Minimizes the negative cosine similarity between the predictor output p of one view and the projector output z of the other, symmetrized over the two views, with the gradient stopped through z. The paper shows that this stop-gradient, not negatives, large batches or a momentum encoder, is what prevents collapse. The reference computes one direction, -mean cos(z1, z2), and leaves the stop-gradient and the symmetrization to the caller, so both inputs receive gradients there.",
    formula: r"\mathcal{L} = -\frac{1}{N}\sum_{n=1}^{N}\frac{z_{1,n}^\top z_{2,n}}{\max(\lVert z_{1,n}\rVert_2, \epsilon)\,\max(\lVert z_{2,n}\rVert_2, \epsilon)}\quad\text{(SimSiam: } \tfrac{1}{2}\mathcal{L}(p_1, \operatorname{sg} z_2) + \tfrac{1}{2}\mathcal{L}(p_2, \operatorname{sg} z_1)\text{)}",
    inputs: &[
        Input { name: "z1", shape: "[N, D]", meaning: "predictor outputs of one view (p)" },
        Input { name: "z2", shape: "[N, D]", meaning: "projector outputs of the other view (z); detach them yourself for SimSiam" },
    ],
    params: &[
        Param { name: "dim", symbol: "", default: Value::Int(1), range: Range::Integer { min: -8, max: 8 }, meaning: "axis along which the cosine similarity is taken" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-8), range: Range::NON_NEGATIVE, meaning: "floor on the norms in torch.nn.functional.cosine_similarity" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["lightly.loss.NegativeCosineSimilarity", "torch.nn.functional.cosine_similarity"],
    related: &["byol", "barlow-twins", "cosine-distance", "cosine-embedding"],
    forms: &[
        Form { name: "lightly-negative-cosine", description: "lightly NegativeCosineSimilarity(dim, eps)(z1, z2) = -mean(cosine_similarity(z1, z2, dim, eps)); no stop-gradient, both inputs get gradients." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two vectors (radians)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("z1", HostTensor::from_f64(vec![1, 2], vec![1.0, 0.0])),
            ("z2", HostTensor::from_f64(vec![1, 2], vec![x.cos(), x.sin()])),
        ],
        wrt: "z2",
        index: 1,
    }
}

/// Options of lightly's `NegativeCosineSimilarity`; `Default` equals its defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SimSiamConfig {
    /// Axis of the vectors (negative counts from the end).
    pub dim: i64,
    /// Floor on each norm.
    pub eps: f64,
}

impl Default for SimSiamConfig {
    fn default() -> Self {
        SimSiamConfig { dim: 1, eps: 1e-8 }
    }
}

fn axis(dim: i64, rank: usize) -> Result<usize, LossError> {
    let r = rank as i64;
    if dim < -r || dim >= r {
        return Err(LossError::param(ID, "dim", format!("an axis in [-{r}, {r})"), format!("{dim}")));
    }
    Ok(if dim < 0 { (dim + r) as usize } else { dim as usize })
}

/// lightly `NegativeCosineSimilarity(dim, eps)(z1, z2)`: minus the mean over all vectors of
/// `torch.nn.functional.cosine_similarity(z1, z2, dim, eps)` (each norm floored at eps). Both
/// inputs receive gradients; SimSiam's stop-gradient on `z2` is the caller's job.
pub fn simsiam<const D: usize>(z1: Tensor<D>, z2: Tensor<D>, cfg: &SimSiamConfig) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "z2", &z2.dims(), "z1", &z1.dims())?;
    numerics::non_empty(ID, "z1", &z1.dims())?;
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let d = axis(cfg.dim, D)?;
    let n1 = l2_norm(z1.clone(), d).clamp_min(cfg.eps);
    let n2 = l2_norm(z2.clone(), d).clamp_min(cfg.eps);
    let cos = (z1 * z2).sum_dim(d) / (n1 * n2);
    Ok(LossTensor::scalar(cos.mean().neg()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "lightly-negative-cosine") {
        return Err(c.unknown_form(&["lightly-negative-cosine"]));
    }
    let cfg = SimSiamConfig { dim: c.i64("dim", 1)?, eps: c.f64("eps", 1e-8)? };
    let s1 = check_float(c, "z1")?;
    let s2 = check_float(c, "z2")?;
    numerics::same_shape(ID, "z2", &s2, "z1", &s1)?;
    if s1.is_empty() {
        return Err(LossError::shape(ID, "z1", "a tensor of rank >= 1", fmt_shape(&s1)));
    }
    axis(cfg.dim, s1.len())?;
    by_rank!(c, "z1", s1.len(), |R| simsiam(c.float::<R>("z1")?, c.float::<R>("z2")?, &cfg))
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
    fn value_is_the_formula() {
        // Rows at angles 0 and 90 degrees from their partners: -(1 + 0) / 2.
        let x = inputs(vec![("z1", f(&[2, 2], &[2.0, 0.0, 0.0, 1.0])), ("z2", f(&[2, 2], &[3.0, 0.0, 5.0, 0.0]))]);
        assert!((eval64(ID, None, &params(json!({})), &x).loss.floats[0] + 0.5).abs() < 1e-15);
        // dim 0: the columns are the vectors: (2, 0).(3, 5) / (2 sqrt 34), (0, 1).(0, 0) = 0.
        let ev = eval64(ID, None, &params(json!({"dim": 0})), &x);
        assert!((ev.loss.floats[0] + 3.0 / 34f64.sqrt() / 2.0).abs() < 1e-15);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("z1", randn(&[4, 3], 1, 1.0)), ("z2", randn(&[4, 3], 2, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"dim": -1, "eps": 0.5})), &x);
        let x3 = inputs(vec![("z1", randn(&[2, 3, 2], 3, 1.0)), ("z2", randn(&[2, 3, 2], 4, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({"dim": 1})), &x3);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("z1", f(&[2, 2], &[0.0, 0.0, 1e12, -1e12])), ("z2", f(&[2, 2], &[1e-12, 0.0, 3.0, 1e4]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("z1", randn(&[4, 3], 1, 1.0)), ("z2", randn(&[4, 2], 2, 1.0))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("z1", randn(&[4, 3], 1, 1.0)), ("z2", i(&[4, 3], &[0; 12]))]);
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        let x = inputs(vec![("z1", randn(&[4, 3], 1, 1.0)), ("z2", randn(&[4, 3], 2, 1.0))]);
        assert_error(ID, None, &params(json!({"dim": 2})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"eps": -1.0})), &x, ErrorKind::Param);
        let e = inputs(vec![("z1", f(&[0, 3], &[])), ("z2", f(&[0, 3], &[]))]);
        assert_error(ID, None, &p, &e, ErrorKind::Empty);
    }
}
