//! Confidence penalty: cross-entropy minus beta times the entropy of the predicted
//! distribution, discouraging over-confident (low-entropy) outputs. A data-independent
//! regularizer related to label smoothing (which penalizes the KL divergence from the uniform
//! distribution in the other direction).

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::focal::target_log_probs;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "confidence-penalty";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Confidence Penalty",
    aliases: &["Entropy Regularization", "Output Entropy Penalty"],
    kind: Kind::Loss,
    domains: &["regularization", "classification", "calibration-fairness"],
    year: 2017,
    paper: Paper {
        title: "Regularizing Neural Networks by Penalizing Confident Output Distributions",
        authors: "Pereyra et al.",
        venue: "",
        year: 2017,
        url: "https://arxiv.org/abs/1701.06548",
    },
    summary: "Adds -beta H(p) to the cross-entropy, where H(p) = -sum_c p_c log p_c is the entropy of the model's softmax: low-entropy (over-confident) predictions are penalized. It regularizes image classifiers, language models and speech recognizers much like label smoothing, with the penalty measured on the model's own distribution. Too large a beta keeps predictions uninformative; the paper also proposes annealing or hinging the penalty.",
    formula: r"\ell = -\log p_y - \beta\,H(p),\quad H(p) = -\sum_{c} p_c \log p_c,\ p = \operatorname{softmax}(x)",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "unnormalized class scores" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "class indices" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "required: strength of the entropy penalty (tuned per task in the paper)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["cross-entropy", "label-smoothing", "complement-objective", "smooth-labels"],
    forms: &[Form { name: "pereyra", description: "Pereyra et al. 2017, Eq. (2): per sample CE - beta * entropy(softmax(logits)), then mean (the reference), sum or none." }],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the true class (others 0)", from: -6.0, to: 6.0, at: |x| crate::plot::true_class_logit(x, None, serde_json::json!({"beta": 0.1})) }),
    ..Entry::BLANK
};

/// Confidence-penalized cross-entropy on logits `[N, C]` and class indices `[N]`.
pub fn confidence_penalty(logits: Tensor<2>, targets: Tensor<1, Int>, beta: f64, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::non_negative_param(ID, "beta", beta)?;
    let n = logits.dims()[0];
    let (logp, logp_y) = target_log_probs(ID, logits, targets)?;
    // p log p from log-probabilities: exp(-inf) * -inf never occurs since log_softmax of
    // finite logits is finite.
    let neg_entropy = (logp.clone().exp() * logp).sum_dim(1).reshape([n]);
    Ok(reduce(logp_y.neg() + neg_entropy.mul_scalar(beta), reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if let Some(f) = c.form()
        && f != "pereyra"
    {
        return Err(c.unknown_form(&["pereyra"]));
    }
    let beta = c.f64_opt("beta")?.ok_or_else(|| LossError::param(ID, "beta", "a number >= 0 (required)", "nothing"))?;
    confidence_penalty(c.float::<2>("logits")?, c.int::<1>("targets")?, beta, c.reduction(Reduction::Mean)?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch() -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("logits", randn(&[5, 4], 171, 2.0)), ("targets", i(&[5], &[0, 3, 2, 1, 1]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({"beta": 0.3, "reduction": "sum"})), &batch());
    }

    #[test]
    fn value_is_the_formula() {
        // p = (1/4, 3/4), target 1: ln(4/3) - beta (1/4 ln 4 + 3/4 ln(4/3)).
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 3f64.ln()])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, None, &params(json!({"beta": 0.5})), &x);
        let h = 0.25 * 4f64.ln() + 0.75 * (4.0f64 / 3.0).ln();
        assert!((ev.loss.floats[0] - ((4.0f64 / 3.0).ln() - 0.5 * h)).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[s, -s, 0.0, -s, s, s])), ("targets", i(&[2], &[1, 0]))]);
            assert_finite(ID, None, &params(json!({"beta": 0.1})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_error(ID, None, &params(json!({})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"beta": -1.0})), &batch(), ErrorKind::Param);
        let mut x = batch();
        x.insert("targets".into(), i(&[5], &[0, 4, 2, 1, 1]));
        assert_error(ID, None, &params(json!({"beta": 0.1})), &x, ErrorKind::Value);
        x.insert("targets".into(), f(&[5], &[0.0; 5]));
        assert_error(ID, None, &params(json!({"beta": 0.1})), &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"beta": 0.1})), &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
