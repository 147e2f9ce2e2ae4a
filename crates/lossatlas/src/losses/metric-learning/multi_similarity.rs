//! Multi-similarity loss: weights each positive and negative pair of an anchor by its own
//! similarity and by the other pairs of the anchor, through two soft-max style log terms.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::pml_pairs::{angle_probe, cosine_matrix, labelled_batch, masked_logsumexp, read_batch, zero_loss};

const ID: &str = "multi-similarity";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Multi-Similarity Loss",
    aliases: &["MS Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Multi-Similarity Loss with General Pair Weighting for Deep Metric Learning",
        authors: "Wang et al.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1904.06627",
    },
    summary: "For each anchor, sums exp(-alpha(s_p - base)) over positives and exp(beta(s_n - base)) over negatives inside log(1 + .) terms, so each pair's weight depends on its own similarity and on the other pairs of the anchor (self and relative similarity). Usually paired with its own pair miner; without one (as here) every pair of the batch is used. alpha and beta control how sharply hard pairs dominate; base is the similarity threshold.",
    formula: r"\ell_a = \frac{1}{\alpha}\log\Big(1 + \sum_{p:\,y_p = y_a,\,p \ne a} e^{-\alpha (s_{ap} - \lambda)}\Big) + \frac{1}{\beta}\log\Big(1 + \sum_{n:\,y_n \ne y_a} e^{\beta (s_{an} - \lambda)}\Big),\quad L = \frac{1}{N}\sum_a \ell_a",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "scale for positive pairs" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(50.0), range: Range::POSITIVE, meaning: "scale for negative pairs" },
        Param { name: "base", symbol: r"\lambda", default: Value::Float(0.5), range: Range::REAL, meaning: "similarity base (threshold)" },
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
        "pytorch_metric_learning.losses.MultiSimilarityLoss",
    ],
    related: &["circle", "lifted-structure", "generalized-lifted-structure"],
    forms: &[
        Form { name: "pml", description: "PML MultiSimilarityLoss with its default CosineSimilarity (embeddings L2-normalized), over all pairs (no miner); anchors without positives (negatives) get 0 for that term; per-anchor losses averaged over all N anchors (MeanReducer); 0 when the batch has no pair. Other PML distances are not supported." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: angle_probe }),
    ..Entry::BLANK
};

/// Options of PML's `MultiSimilarityLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiSimilarityConfig {
    pub alpha: f64,
    pub beta: f64,
    pub base: f64,
}

impl Default for MultiSimilarityConfig {
    fn default() -> Self {
        MultiSimilarityConfig { alpha: 2.0, beta: 50.0, base: 0.5 }
    }
}

/// PML `MultiSimilarityLoss(alpha, beta, base)(embeddings, labels)`.
pub fn multi_similarity(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &MultiSimilarityConfig) -> Result<LossTensor, LossError> {
    let pairs = labelled_batch(ID, &embeddings, &labels, &[("alpha", cfg.alpha), ("beta", cfg.beta), ("base", cfg.base)])?;
    for (name, v) in [("alpha", cfg.alpha), ("beta", cfg.beta)] {
        // PML divides by alpha and beta (1.0 / 0 raises ZeroDivisionError).
        if v == 0.0 {
            return Err(LossError::param(ID, name, "a finite non-zero number", format!("{v}")));
        }
    }
    if pairs.no_pairs() {
        return Ok(zero_loss(&embeddings));
    }
    let s = cosine_matrix(embeddings);
    let pos = masked_logsumexp(s.clone().sub_scalar(cfg.base).mul_scalar(-cfg.alpha), &pairs.pos_flags(), true);
    let neg = masked_logsumexp(s.sub_scalar(cfg.base).mul_scalar(cfg.beta), &pairs.neg_flags(), true);
    let per = pos.mul_scalar(1.0 / cfg.alpha) + neg.mul_scalar(1.0 / cfg.beta);
    Ok(LossTensor::scalar(per.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (x, y) = read_batch(c, ID)?;
    let cfg = MultiSimilarityConfig { alpha: c.f64("alpha", 2.0)?, beta: c.f64("beta", 50.0)?, base: c.f64("base", 0.5)? };
    multi_similarity(x, y, &cfg)
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
        // three_points with alpha = 1, beta = 2, base = 0.5.
        // Anchor 0: s_p = 0, s_n = -1: log(1 + e^{0.5}) + log(1 + e^{-3}) / 2.
        // Anchor 1: s_p = 0, s_n = 0: log(1 + e^{0.5}) + log(1 + e^{-1}) / 2.
        // Anchor 2: no positive; negatives s = -1, 0: log(1 + e^{-3} + e^{-1}) / 2. Mean of the three.
        let ev = eval64(ID, None, &params(json!({"alpha": 1.0, "beta": 2.0, "base": 0.5})), &three_points());
        let (l, e) = (f64::ln_1p, f64::exp);
        let want = (l(e(0.5)) + l(e(-3.0)) / 2.0 + l(e(0.5)) + l(e(-1.0)) / 2.0 + l(e(-3.0) + e(-1.0)) / 2.0) / 3.0;
        assert_close(ev.loss.floats[0], want, 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, a, b) in [(1, 2.0, 50.0), (5, 1.0, 20.0), (9, 0.5, 5.0)] {
            assert_gradcheck(ID, None, &params(json!({"alpha": a, "beta": b})), &batch(seed, 1.0, 3));
        }
    }

    #[test]
    fn degenerate_and_extreme_batches() {
        // A batch of one has no pair: 0. One class: only the positive terms; distinct labels: only the negative ones.
        assert_batch_of_one_zero(ID, &params(json!({})));
        assert!(loss_of(ID, &params(json!({})), [4, 4, 4, 4]) > 0.0);
        assert!(loss_of(ID, &params(json!({})), [0, 1, 2, 3]) > 0.0);
        assert_finite_at_scales(ID, &params(json!({"beta": 1e4})), 3);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_rejects_bad_inputs(ID, &[json!({"alpha": 0.0}), json!({"beta": "nan"}), json!({"base": "inf"})]);
    }
}
