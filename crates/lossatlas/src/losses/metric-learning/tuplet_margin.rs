//! Tuplet margin loss: an N-pair style log-sum-exp over negatives with a slack angular margin
//! subtracted from the positive angle.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pml_pairs::{angle_probe, labelled_batch, read_batch, cosine_matrix, index_tensor, masked_logsumexp, pair_values, zero_loss};
use crate::numerics::LossTensor;

const ID: &str = "tuplet-margin";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Tuplet Margin Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Deep Metric Learning with Tuplet Margin Loss",
        authors: "Yu, B., Tao, D.",
        venue: "ICCV",
        year: 2019,
        url: "https://openaccess.thecvf.com/content_ICCV_2019/html/Yu_Deep_Metric_Learning_With_Tuplet_Margin_Loss_ICCV_2019_paper.html",
    },
    summary: "For each anchor-positive pair, compares the scaled cosine of every negative with cos(theta_ap - beta), where the margin beta is subtracted from the positive angle so that hard positives are up-weighted rather than forced together. It aims to keep some intra-class variance, which helps generalization to unseen classes. It is usually combined with the intra-pair variance loss. A positive cosine that rounds above 1 makes the angle (and the loss) NaN, as in PML.",
    formula: r"\ell_{a,p} = \log\Big(1 + \sum_{n:\,y_n \ne y_a} e^{s(\cos\theta_{an} - \cos(\theta_{ap} - \beta))}\Big),\quad \cos\theta_{ij} = \frac{x_i^\top x_j}{\lVert x_i\rVert\,\lVert x_j\rVert},\quad L = \operatorname{mean}_{(a,p):\,y_a = y_p,\ a \ne p}\ \ell_{a,p}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "margin", symbol: r"\beta", default: Value::Float(5.73), range: Range::Real { min: 0.0, max: 180.0, open_min: false, open_max: true }, meaning: "angular slack margin in degrees" },
        Param { name: "scale", symbol: "s", default: Value::Float(64.0), range: Range::POSITIVE, meaning: "scale factor" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.TupletMarginLoss",
    ],
    related: &["intra-pair-variance", "n-pair", "angular"],
    forms: &[
        Form { name: "pml", description: "PML TupletMarginLoss with its required CosineSimilarity (embeddings L2-normalized), margin in degrees, over all ordered positive pairs and every negative of the anchor; per-pair losses averaged by PML's MeanReducer; 0 when the batch has no positive or no negative pair." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.1, to: 3.0, at: angle_probe }),
    ..Entry::BLANK
};

/// Options of PML's `TupletMarginLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct TupletMarginConfig {
    /// Margin in degrees.
    pub margin: f64,
    pub scale: f64,
}

impl Default for TupletMarginConfig {
    fn default() -> Self {
        TupletMarginConfig { margin: 5.73, scale: 64.0 }
    }
}

/// PML `TupletMarginLoss(margin, scale)(embeddings, labels)`.
pub fn tuplet_margin(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &TupletMarginConfig) -> Result<LossTensor, LossError> {
    let pairs = labelled_batch(ID, &embeddings, &labels, &[("margin", cfg.margin), ("scale", cfg.scale)])?;
    if pairs.pos.is_empty() || pairs.neg.is_empty() {
        return Ok(zero_loss(&embeddings));
    }
    let (n, k) = (pairs.n, pairs.pos.len());
    let s = cosine_matrix(embeddings);
    let m = cfg.margin.to_radians();
    // cos(acos(s) - m) = s cos m + sqrt(1 - s^2) sin m (sin(acos s) >= 0); same value and gradient.
    let s_ap = pair_values(&s, &pairs.pos);
    let shifted = s_ap.clone().mul_scalar(m.cos()) + s_ap.clone().mul(s_ap).neg().add_scalar(1.0).sqrt().mul_scalar(m.sin());
    let anchors = index_tensor(&s, pairs.pos.iter().map(|p| p.0));
    let rows = s.select(0, anchors);
    let z = (rows - shifted.reshape([k, 1])).mul_scalar(cfg.scale);
    let keep: Vec<bool> = (0..k * n).map(|i| pairs.labels[pairs.pos[i / n].0] != pairs.labels[i % n]).collect();
    Ok(LossTensor::scalar(masked_logsumexp(z, &keep, true).mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (x, y) = read_batch(c, ID)?;
    tuplet_margin(x, y, &TupletMarginConfig { margin: c.f64("margin", 5.73)?, scale: c.f64("scale", 64.0)? })
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
        // three_points, margin 30 deg, scale 1.
        // Pair (0, 1): theta = 90, cos(60) = 0.5, negative s = -1: log(1 + e^{-1.5}).
        // Pair (1, 0): cos(60) = 0.5, negative s = 0: log(1 + e^{-0.5}). Mean of the two.
        let ev = eval64(ID, None, &params(json!({"margin": 30.0, "scale": 1.0})), &three_points());
        assert_close(ev.loss.floats[0], ((-1.5f64).exp().ln_1p() + (-0.5f64).exp().ln_1p()) / 2.0, 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, m, s) in [(1, 5.73, 64.0), (5, 10.0, 16.0), (9, 0.0, 4.0)] {
            assert_gradcheck(ID, None, &params(json!({"margin": m, "scale": s})), &batch(seed, 1.0, 3));
        }
    }

    #[test]
    fn degenerate_and_extreme_batches() {
        assert_degenerate_zero(ID, &params(json!({})));
        assert_finite_at_scales(ID, &params(json!({"scale": 1e3})), 3);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_rejects_bad_inputs(ID, &[json!({"margin": "nan"}), json!({"scale": "inf"})]);
    }
}
