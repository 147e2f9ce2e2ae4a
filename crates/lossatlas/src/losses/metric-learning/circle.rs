//! Circle loss: a pair-similarity loss that re-weights each positive and negative similarity by how
//! far it is from its optimum, giving a circular decision boundary.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pairs::{avg_non_zero, check_embeddings};
use crate::numerics::pmlA_metric::{PairLists, angle_probe, bool_tensor, cosine_matrix, masked_logsumexp, torch_softplus, zero_loss};
use crate::numerics::{self, LossTensor};

const ID: &str = "circle";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Circle Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2020,
    paper: Paper {
        title: "Circle Loss: A Unified Perspective of Pair Similarity Optimization",
        authors: "Sun et al.",
        venue: "CVPR",
        year: 2020,
        url: "https://arxiv.org/abs/2002.10857",
    },
    summary: "Optimizes within-class similarities s_p towards 1 and between-class similarities s_n towards 0 with self-paced weights: a similarity far from its optimum gets a larger weight, so the decision boundary is a circle rather than the line s_n - s_p = m. A single margin m and scale gamma cover both pair-based and proxy-based settings. The weights are detached (no gradient flows through them), as in the paper and in PML, so the gradient is not the derivative of the value.",
    formula: r"\ell_a = \operatorname{softplus}\Big(\log\sum_{n} e^{\gamma\,\alpha_n (s_{an} - \Delta_n)} + \log\sum_{p} e^{-\gamma\,\alpha_p (s_{ap} - \Delta_p)}\Big),\quad \alpha_p = \operatorname{sg}[1 + m - s_{ap}]_+,\ \alpha_n = \operatorname{sg}[s_{an} + m]_+,\ \Delta_p = 1 - m,\ \Delta_n = m,\quad L = \operatorname{mean}\{\ell_a : \ell_a > 0\}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "m", symbol: "m", default: Value::Float(0.4), range: Range::NON_NEGATIVE, meaning: "relaxation margin" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(80.0), range: Range::POSITIVE, meaning: "scale factor" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.CircleLoss",
    ],
    related: &["multi-similarity", "cosface", "supcon"],
    forms: &[
        Form { name: "pml", description: "PML CircleLoss with its required CosineSimilarity (embeddings L2-normalized): per anchor over all its positives and negatives, weights alpha detached; anchors with no positive or no negative give 0; torch's Softplus (linear above 20); losses averaged by PML's AvgNonZeroReducer over those > 0 (0 when none is)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: angle_probe }),
    ..Entry::BLANK
};

/// Options of PML's `CircleLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct CircleConfig {
    pub m: f64,
    pub gamma: f64,
}

impl Default for CircleConfig {
    fn default() -> Self {
        CircleConfig { m: 0.4, gamma: 80.0 }
    }
}

/// PML `CircleLoss(m, gamma)(embeddings, labels)`.
pub fn circle(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &CircleConfig) -> Result<LossTensor, LossError> {
    check_embeddings(ID, &embeddings.dims(), &labels.dims())?;
    numerics::non_empty(ID, "embeddings", &embeddings.dims())?;
    numerics::finite_param(ID, "m", cfg.m)?;
    numerics::finite_param(ID, "gamma", cfg.gamma)?;
    let pairs = PairLists::from_tensor(&labels);
    if pairs.no_pairs() {
        return Ok(zero_loss(&embeddings));
    }
    let n = pairs.n;
    let s = cosine_matrix(embeddings);
    let (pos, neg) = (pairs.pos_flags(), pairs.neg_flags());
    let sd = s.clone().detach();
    // Self-paced weights, outside autograd as in the paper.
    let alpha_p = sd.clone().neg().add_scalar(1.0 + cfg.m).clamp_min(0.0);
    let alpha_n = sd.add_scalar(cfg.m).clamp_min(0.0);
    let logit_p = (alpha_p * s.clone().sub_scalar(1.0 - cfg.m)).mul_scalar(-cfg.gamma);
    let logit_n = (alpha_n * s.sub_scalar(cfg.m)).mul_scalar(cfg.gamma);
    let lse_p = masked_logsumexp(logit_p, &pos, false);
    let lse_n = masked_logsumexp(logit_n, &neg, false);
    let per = torch_softplus(lse_p + lse_n);
    let full: Vec<bool> = (0..n).map(|a| (0..n).any(|b| pos[a * n + b]) && (0..n).any(|b| neg[a * n + b])).collect();
    let per = per.clone().mask_fill(bool_tensor(&per, &full, [n, 1]).bool_not(), 0.0);
    let ones = numerics::full_like(&per, [n, 1], 1.0);
    Ok(LossTensor::scalar(avg_non_zero(per, ones)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("pml") => {}
        Some(_) => return Err(c.unknown_form(&["pml"])),
    }
    let cfg = CircleConfig { m: c.f64("m", 0.4)?, gamma: c.f64("gamma", 80.0)? };
    check_embeddings(ID, c.shape("embeddings")?, c.shape("labels")?)?;
    circle(c.float::<2>("embeddings")?, c.int::<1>("labels")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64, scale: f64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[7, 3], seed, scale)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 3]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Unit vectors at 0, 90 and 180 degrees with labels (0, 0, 1), m = 0.25, gamma = 1.
        // Anchor 0: s_p = 0 (alpha_p = 1.25, Delta_p = 0.75), s_n = -1 (alpha_n = relu(-0.75) = 0):
        //   softplus(-(1.25)(0 - 0.75) + 0) = softplus(0.9375).
        // Anchor 1: s_p = 0 as above, s_n = 0 (alpha_n = 0.25, Delta_n = 0.25): softplus(0.9375 - 0.0625).
        // Anchor 2 has no positive: 0, not counted by the non-zero mean.
        let x = inputs(vec![("embeddings", f(&[3, 2], &[2.0, 0.0, 0.0, 3.0, -1.0, 0.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"m": 0.25, "gamma": 1.0})), &x);
        let sp = |z: f64| z.exp().ln_1p();
        let want = (sp(0.9375) + sp(0.875)) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-14, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn degenerate_batches_give_zero() {
        for labels in [[4i64, 4, 4, 4], [0, 1, 2, 3]] {
            let x = inputs(vec![("embeddings", randn(&[4, 3], 2, 1.0)), ("labels", i(&[4], &labels))]);
            let ev = assert_finite(ID, None, &params(json!({})), &x);
            assert_eq!(ev.loss.floats[0], 0.0);
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-8, 1e4] {
            assert_finite(ID, None, &params(json!({"gamma": 1e3})), &batch(3, scale));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("embeddings", randn(&[7, 3], 3, 1.0)), ("labels", i(&[6], &[0, 1, 0, 2, 1, 0]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("embeddings", randn(&[3, 3], 3, 1.0)), ("labels", f(&[3], &[0.0, 1.0, 0.0]))]);
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"m": "nan"})), &batch(1, 1.0), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"gamma": "inf"})), &batch(1, 1.0), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
