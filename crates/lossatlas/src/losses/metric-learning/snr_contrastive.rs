//! SNR contrastive loss: the contrastive pair loss computed with the signal-to-noise-ratio distance
//! Var(b - a) / Var(a) instead of a Euclidean distance.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pairs::avg_non_zero;
use crate::numerics::pml_pairs::{angle_probe, labelled_batch, read_batch, pair_values, snr_matrix, zero_loss};
use crate::numerics::{self, LossTensor};
use crate::numerics::relu;

const ID: &str = "snr-contrastive";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Signal-to-Noise Ratio Contrastive Loss",
    aliases: &["SNR Contrastive Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Signal-To-Noise Ratio: A Robust Distance Metric for Deep Metric Learning",
        authors: "Yuan, T., Deng, W., Tang, J., Tang, Y., Chen, B.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1904.02616",
    },
    summary: "Treats one embedding of a pair as signal and their difference as noise and uses the ratio of variances as the pair distance; positive pairs are penalized above pos_margin and negative pairs below neg_margin. The SNR distance is invariant to shifting and scaling both embeddings together, which the authors found more robust than Euclidean distance. It is not symmetric in the two embeddings, and one-dimensional embeddings have no variance (NaN).",
    formula: r"L = \operatorname{mean}_{>0}\big([d_{ij} - m_{pos}]_+\big)_{y_i = y_j,\,i \ne j} + \operatorname{mean}_{>0}\big([m_{neg} - d_{ij}]_+\big)_{y_i \ne y_j},\quad d_{ij} = \frac{\operatorname{Var}(\hat x_i - \hat x_j)}{\operatorname{Var}(\hat x_i)},\quad \hat x = \frac{x}{\lVert x\rVert}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "pos_margin", symbol: "m_{pos}", default: Value::Float(0.0), range: Range::REAL, meaning: "SNR distance below which positive pairs are not penalized" },
        Param { name: "neg_margin", symbol: "m_{neg}", default: Value::Float(1.0), range: Range::REAL, meaning: "SNR distance above which negative pairs are not penalized" },
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
        "pytorch_metric_learning.losses.SignalToNoiseRatioContrastiveLoss",
    ],
    related: &["contrastive"],
    forms: &[
        Form { name: "pml", description: "PML SignalToNoiseRatioContrastiveLoss (ContrastiveLoss with its required SNRDistance on L2-normalized embeddings) over all ordered pairs: the positive and the negative hinge terms are each averaged over their non-zero values by AvgNonZeroReducer (0 when none is), then summed." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: angle_probe }),
    ..Entry::BLANK
};

/// Options of PML's `SignalToNoiseRatioContrastiveLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SnrContrastiveConfig {
    pub pos_margin: f64,
    pub neg_margin: f64,
}

impl Default for SnrContrastiveConfig {
    fn default() -> Self {
        SnrContrastiveConfig { pos_margin: 0.0, neg_margin: 1.0 }
    }
}

/// PML `SignalToNoiseRatioContrastiveLoss(pos_margin, neg_margin)(embeddings, labels)`.
pub fn snr_contrastive(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &SnrContrastiveConfig) -> Result<LossTensor, LossError> {
    let pairs = labelled_batch(ID, &embeddings, &labels, &[("pos_margin", cfg.pos_margin), ("neg_margin", cfg.neg_margin)])?;
    if pairs.no_pairs() {
        return Ok(zero_loss(&embeddings));
    }
    let d = snr_matrix(embeddings);
    let mut total = numerics::full_like(&d, [1], 0.0);
    if !pairs.pos.is_empty() {
        let per = relu(pair_values(&d, &pairs.pos).sub_scalar(cfg.pos_margin));
        let ones = numerics::full_like(&per, [pairs.pos.len()], 1.0);
        total = total + avg_non_zero(per, ones);
    }
    if !pairs.neg.is_empty() {
        let per = relu(pair_values(&d, &pairs.neg).neg().add_scalar(cfg.neg_margin));
        let ones = numerics::full_like(&per, [pairs.neg.len()], 1.0);
        total = total + avg_non_zero(per, ones);
    }
    Ok(LossTensor::scalar(total))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (x, y) = read_batch(c, ID)?;
    snr_contrastive(x, y, &SnrContrastiveConfig { pos_margin: c.f64("pos_margin", 0.0)?, neg_margin: c.f64("neg_margin", 1.0)? })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::numerics::pml_pairs::test_support::*;
    use crate::testing::*;

    /// Var(b - a) / Var(a) of the normalized vectors, transcribed.
    fn snr(a: &[f64], b: &[f64]) -> f64 {
        let unit = |v: &[f64]| {
            let n = v.iter().map(|x| x * x).sum::<f64>().sqrt();
            v.iter().map(|x| x / n).collect::<Vec<_>>()
        };
        let var = |v: &[f64]| {
            let m = v.iter().sum::<f64>() / v.len() as f64;
            v.iter().map(|x| (x - m).powi(2)).sum::<f64>()
        };
        let (a, b) = (unit(a), unit(b));
        let diff: Vec<f64> = a.iter().zip(&b).map(|(x, y)| x - y).collect();
        var(&diff) / var(&a)
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Three 3-d embeddings, labels (0, 0, 1), pos_margin 0, neg_margin 10 (every negative term non-zero).
        let e = [[1.0, 2.0, 0.5], [0.3, -1.0, 2.0], [-1.5, 0.2, 0.7]];
        let x = inputs(vec![("embeddings", f(&[3, 3], &e.concat())), ("labels", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"pos_margin": 0.0, "neg_margin": 10.0})), &x);
        let pos = (snr(&e[0], &e[1]) + snr(&e[1], &e[0])) / 2.0;
        let neg_pairs = [(0, 2), (1, 2), (2, 0), (2, 1)];
        let neg = neg_pairs.iter().map(|&(a, b)| 10.0 - snr(&e[a], &e[b])).sum::<f64>() / 4.0;
        assert_close(ev.loss.floats[0], pos + neg, 1e-13);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, pm, nm) in [(1, 0.0, 1.0), (5, 0.1, 0.8), (9, 0.5, 2.0)] {
            assert_gradcheck(ID, None, &params(json!({"pos_margin": pm, "neg_margin": nm})), &batch(seed, 1.0, 4));
        }
    }

    #[test]
    fn degenerate_and_extreme_batches() {
        // A batch of one: 0; one class or distinct labels: one of the two terms.
        assert_batch_of_one_zero(ID, &params(json!({})));
        loss_of(ID, &params(json!({})), [4, 4, 4, 4]);
        loss_of(ID, &params(json!({})), [0, 1, 2, 3]);
        assert_finite_at_scales(ID, &params(json!({"neg_margin": 1e3})), 4);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_rejects_bad_inputs(ID, &[json!({"neg_margin": "nan"}), json!({"pos_margin": "inf"})]);
    }
}
