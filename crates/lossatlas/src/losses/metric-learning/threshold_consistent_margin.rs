//! Threshold-consistent margin loss: a regularizer that penalizes only hard positive pairs (cosine
//! below m+) and hard negative pairs (cosine above m-), to make one distance threshold work across classes.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pml_lists::{two_class_plot, bools_like, check_batch, cosine_self, default_distance_only, host_pair_masks, pml_form, read_batch};
use crate::numerics::{self, LossTensor};

const ID: &str = "threshold-consistent-margin";
const DISTANCE: &str = "CosineSimilarity(normalize_embeddings=True, p=2, power=1)";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Threshold-Consistent Margin Loss",
    aliases: &["TCM Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2024,
    paper: Paper {
        title: "Threshold-Consistent Margin Loss for Open-World Deep Metric Learning",
        authors: "Zhang, Q., Xu, L., Tang, Q., Fang, J., Wu, Y.N., Tighe, J., Xing, Y.",
        venue: "ICLR",
        year: 2024,
        url: "https://arxiv.org/abs/2307.04047",
    },
    summary: "Adds to a base metric loss two averaged hinge terms: positive pairs whose cosine similarity is at most margin_plus and negative pairs whose similarity is at least margin_minus. By acting only on the hard pairs near the decision threshold it evens out the operating threshold across classes, which matters for open-world retrieval with a single global threshold. It is meant as a regularizer, not a standalone loss.",
    formula: r"L = \lambda_+\,\frac{\sum_{s_p \le m_+}(m_+ - s_p)}{|\{s_p \le m_+\}|} + \lambda_-\,\frac{\sum_{s_n \ge m_-}(s_n - m_-)}{|\{s_n \ge m_-\}|}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "lambda_plus", symbol: r"\lambda_+", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the positive term" },
        Param { name: "lambda_minus", symbol: r"\lambda_-", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the negative term" },
        Param { name: "margin_plus", symbol: "m_+", default: Value::Float(0.9), range: Range::Real { min: -1.0, max: 1.0, open_min: false, open_max: false }, meaning: "cosine below which positive pairs are penalized" },
        Param { name: "margin_minus", symbol: "m_-", default: Value::Float(0.5), range: Range::Real { min: -1.0, max: 1.0, open_min: false, open_max: false }, meaning: "cosine above which negative pairs are penalized" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.ThresholdConsistentMarginLoss",
    ],
    related: &["contrastive", "intra-pair-variance"],
    forms: &[
        Form { name: "pml", description: "PML ThresholdConsistentMarginLoss on its own (no base loss): cosine similarities of all ordered positive pairs (same label, i != j) and all ordered negative pairs of the batch; each term is the mean over its hard pairs (s <= m+ for positives, s >= m- for negatives), and an empty hard set contributes 0." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two rows of class 0 (angles 0 and x) and one of class 1 at angle pi / 2.
fn plot_at(x: f64) -> PlotInput {
    two_class_plot(x, serde_json::json!({}))
}

/// Options of PML's `ThresholdConsistentMarginLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct TcmConfig {
    pub lambda_plus: f64,
    pub lambda_minus: f64,
    pub margin_plus: f64,
    pub margin_minus: f64,
}

impl Default for TcmConfig {
    fn default() -> Self {
        TcmConfig { lambda_plus: 1.0, lambda_minus: 1.0, margin_plus: 0.9, margin_minus: 0.5 }
    }
}

/// The mean of `values` over the selected host positions (`(select, count)`), or 0 when none is.
fn hard_mean(values: Tensor<2>, select: &[bool], n: usize) -> Tensor<1> {
    let count = select.iter().filter(|&&b| b).count();
    let mask = bools_like(&values, select, [n, n]);
    let total = (values * mask).sum();
    if count == 0 { total.mul_scalar(0.0) } else { total.mul_scalar(1.0 / count as f64) }
}

/// PML `ThresholdConsistentMarginLoss(lambda_plus, lambda_minus, margin_plus, margin_minus)`:
/// `lambda+ mean_{s_p <= m+}(m+ - s_p) + lambda- mean_{s_n >= m-}(s_n - m-)` over the cosine
/// similarities of all positive and negative pairs.
pub fn threshold_consistent_margin(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &TcmConfig) -> Result<LossTensor, LossError> {
    check_batch(ID, &embeddings.dims(), &labels.dims())?;
    for (name, v) in [("lambda_plus", cfg.lambda_plus), ("lambda_minus", cfg.lambda_minus), ("margin_plus", cfg.margin_plus), ("margin_minus", cfg.margin_minus)] {
        numerics::finite_param(ID, name, v)?;
    }
    let y = numerics::host_i64(&labels);
    let n = y.len();
    let (pos, neg) = host_pair_masks(&y);
    let s = cosine_self(embeddings);
    let sv = numerics::host_f64(&s);
    let hard_pos: Vec<bool> = (0..n * n).map(|k| pos[k] && sv[k] <= cfg.margin_plus).collect();
    let hard_neg: Vec<bool> = (0..n * n).map(|k| neg[k] && sv[k] >= cfg.margin_minus).collect();
    let pos_term = hard_mean(s.clone().neg().add_scalar(cfg.margin_plus), &hard_pos, n);
    let neg_term = hard_mean(s.sub_scalar(cfg.margin_minus), &hard_neg, n);
    Ok(LossTensor::scalar(pos_term.mul_scalar(cfg.lambda_plus) + neg_term.mul_scalar(cfg.lambda_minus)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    pml_form(c)?;
    default_distance_only(c, DISTANCE)?;
    let cfg = TcmConfig {
        lambda_plus: c.f64("lambda_plus", 1.0)?,
        lambda_minus: c.f64("lambda_minus", 1.0)?,
        margin_plus: c.f64("margin_plus", 0.9)?,
        margin_minus: c.f64("margin_minus", 0.5)?,
    };
    let (x, y) = read_batch(c)?;
    threshold_consistent_margin(x, y, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[7, 3], seed, 1.0)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 2]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Rows at angles 0, 1 (class 0) and 0.2 (class 1): positive cosine cos 1 (<= 0.9, hard),
        // negative cosines cos 0.2 and cos 0.8 (both >= 0.5, hard).
        // L = 2 (0.9 - cos 1) + 0.5 ((cos 0.2 - 0.5) + (cos 0.8 - 0.5)) / 2.
        let e = |a: f64| [a.cos(), a.sin()];
        let rows: Vec<f64> = [e(0.0), e(1.0), e(0.2)].concat();
        let x = inputs(vec![("embeddings", f(&[3, 2], &rows)), ("labels", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"lambda_plus": 2.0, "lambda_minus": 0.5})), &x);
        let want = 2.0 * (0.9 - 1f64.cos()) + 0.5 * ((0.2f64.cos() - 0.5) + (0.8f64.cos() - 0.5)) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, p) in [(1, json!({})), (5, json!({"margin_plus": 0.3, "margin_minus": -0.2})), (9, json!({"lambda_plus": 2.0, "lambda_minus": 0.5, "margin_plus": 0.8, "margin_minus": 0.3}))] {
            assert_gradcheck(ID, None, &params(p), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs_and_zero_without_hard_pairs() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 0, 1]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e-12)), ("labels", i(&[4], &[0, 1, 0, 1]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        // One row: no pair at all.
        let x = inputs(vec![("embeddings", randn(&[1, 3], 3, 1.0)), ("labels", i(&[1], &[0]))]);
        assert_eq!(assert_finite(ID, None, &params(json!({})), &x).loss.floats[0], 0.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &params(json!({"margin_plus": "nan"})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"distance": "LpDistance()"})), &batch(1), ErrorKind::Param);
        let x = inputs(vec![("embeddings", randn(&[4, 3], 1, 1.0)), ("labels", i(&[3], &[0, 0, 1]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
