//! ZLPR (zero-bounded log-sum-exp and pairwise rank-based) loss: the multi-label extension of
//! softmax cross-entropy. Every positive score is pushed above every negative one and above the
//! fixed threshold 0, so a logit > 0 predicts a positive and the number of labels need not be
//! known.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "zlpr";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "ZLPR Loss",
    aliases: &["Zero-bounded Log-sum-exp and Pairwise Rank-based Loss", "Multi-label Categorical Cross-Entropy"],
    kind: Kind::Loss,
    domains: &["classification"],
    year: 2022,
    paper: Paper {
        title: "ZLPR: A Novel Loss for Multi-label Classification",
        authors: "Su, J., Zhu, M., Murtadha, A., Pan, S., Wen, B. & Liu, Y.",
        venue: "arXiv",
        year: 2022,
        url: "https://arxiv.org/abs/2208.02955",
    },
    summary: "Per sample, log(1 + sum over negatives of e^{s_j}) + log(1 + sum over positives of e^{-s_i}): a log-sum-exp relaxation of ranking every positive above every negative with 0 as the built-in threshold. Unlike per-label binary cross-entropy it couples the labels of a sample and does not grow with the number of negative classes, which suits many-label problems; it has no hyperparameter. Scores are not calibrated probabilities.",
    formula: r"\ell_i = \log\Big(1 + \sum_{j \notin P_i} e^{x_{ij}}\Big) + \log\Big(1 + \sum_{j \in P_i} e^{-x_{ij}}\Big),\quad \ell = \frac{1}{N}\sum_i \ell_i",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "scores; > 0 predicts a positive" },
        Input { name: "targets", shape: "[N, C]", meaning: "multi-hot targets; entries above 0.5 are positives (no gradient)" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["timm.loss.ZlprLoss"],
    related: &["two-way", "asymmetric", "cross-entropy", "multilabel-soft-margin"],
    forms: &[Form { name: "timm", description: "timm ZlprLoss: a zero logit appended to each masked row, log-sum-exp of the negatives and of the negated positives, mean over the batch. timm casts to float32 (its cases carry a looser tolerance); this computes in the input's precision." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// timm `ZlprLoss` on logits `[N, C]` and dense targets `[N, C]` (positives > 0.5).
pub fn zlpr(logits: Tensor<2>, targets: Tensor<2>) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &[n, c])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    let pos = targets.greater_elem(0.5);
    let zeros = numerics::full_like(&logits, [n, 1], 0.0);
    let neg = Tensor::cat(vec![logits.clone().mask_fill(pos.clone(), f64::NEG_INFINITY), zeros.clone()], 1);
    let posl = Tensor::cat(vec![logits.neg().mask_fill(pos.bool_not(), f64::NEG_INFINITY), zeros], 1);
    let per = numerics::logsumexp(neg, 1) + numerics::logsumexp(posl, 1);
    Ok(LossTensor::scalar(per.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if let Some(f) = c.form()
        && f != "timm"
    {
        return Err(c.unknown_form(&["timm"]));
    }
    zlpr(c.float::<2>("logits")?, c.float::<2>("targets")?)
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
        let t = f(&[3, 4], &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0]);
        let x = inputs(vec![("logits", randn(&[3, 4], 81, 2.0)), ("targets", t)]);
        assert_gradcheck_only(ID, None, &params(json!({})), &x, Some(&["logits"]));
    }

    #[test]
    fn value_is_the_formula() {
        // Logits (a, b), a positive: log(1 + e^b) + log(1 + e^{-a}).
        let (a, b) = (0.7f64, -1.1f64);
        let x = inputs(vec![("logits", f(&[1, 2], &[a, b])), ("targets", f(&[1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - ((1.0 + b.exp()).ln() + (1.0 + (-a).exp()).ln())).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 2], &[s, -s, -s, s])), ("targets", f(&[2, 2], &[1.0, 1.0, 0.0, 0.0]))]);
            let ev = assert_finite(ID, None, &params(json!({})), &x);
            assert!(ev.loss.floats[0] > 0.4 * s);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[3, 4], 82, 1.0);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", x.clone()), ("targets", f(&[3, 3], &[0.0; 9]))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"gamma": 1.0})), &inputs(vec![("logits", x), ("targets", f(&[3, 4], &[0.0; 12]))]), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", f(&[0, 4], &[]))]), ErrorKind::Empty);
    }
}
