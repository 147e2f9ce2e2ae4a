//! Circle loss: a pair-similarity loss that re-weights each positive and negative similarity by how
//! far it is from its optimum, giving a circular decision boundary.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pairs::avg_non_zero;
use crate::numerics::pml_pairs::{angle_probe, bool_tensor, cosine_matrix, labelled_batch, masked_logsumexp, read_batch, torch_softplus, zero_loss};
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
    let pairs = labelled_batch(ID, &embeddings, &labels, &[("m", cfg.m), ("gamma", cfg.gamma)])?;
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
    let (cnt_pos, cnt_neg) = pairs.counts();
    let full: Vec<bool> = (0..n).map(|a| cnt_pos[a] > 0 && cnt_neg[a] > 0).collect();
    let per = per.clone().mask_fill(bool_tensor(&per, &full, [n, 1]).bool_not(), 0.0);
    let ones = numerics::full_like(&per, [n, 1], 1.0);
    Ok(LossTensor::scalar(avg_non_zero(per, ones)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (x, y) = read_batch(c, ID)?;
    circle(x, y, &CircleConfig { m: c.f64("m", 0.4)?, gamma: c.f64("gamma", 80.0)? })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::numerics::pml_pairs::test_support::*;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // three_points with m = 0.25, gamma = 1 (Delta_p = 0.75, Delta_n = 0.25).
        // Anchor 0: s_p = 0 (alpha_p = 1.25), s_n = -1 (alpha_n = [-0.75]_+ = 0): softplus(0.9375 + 0).
        // Anchor 1: s_p = 0, s_n = 0 (alpha_n = 0.25): softplus(0.9375 - 0.0625).
        // Anchor 2 has no positive: 0, not counted by the non-zero mean.
        let ev = eval64(ID, None, &params(json!({"m": 0.25, "gamma": 1.0})), &three_points());
        let sp = |z: f64| z.exp().ln_1p();
        assert_close(ev.loss.floats[0], (sp(0.9375) + sp(0.875)) / 2.0, 1e-14);
    }

    #[test]
    fn degenerate_and_extreme_batches() {
        // The gradient is checked against PML's in the reference cases: the detached weights
        // make finite differences of the value disagree with it by design.
        assert_degenerate_zero(ID, &params(json!({})));
        assert_finite_at_scales(ID, &params(json!({"gamma": 1e3})), 3);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_rejects_bad_inputs(ID, &[json!({"m": "nan"}), json!({"gamma": "inf"})]);
    }
}
