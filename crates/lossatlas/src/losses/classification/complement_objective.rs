//! Complement objective training (COT): alongside cross-entropy, maximize the entropy of the
//! predicted distribution over the incorrect classes (normalized to exclude the true class), so
//! that the probability the model does not give to the truth is spread evenly instead of
//! concentrating on a few confusable classes.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::focal::{one_hot, target_log_probs};
use crate::numerics::LossTensor;

const ID: &str = "complement-objective";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Complement Objective Training",
    aliases: &["COT", "Complement Entropy"],
    kind: Kind::Loss,
    domains: &["classification", "adversarial-ood"],
    year: 2019,
    paper: Paper {
        title: "Complement Objective Training",
        authors: "Chen, H.-Y. et al.",
        venue: "ICLR",
        year: 2019,
        url: "https://arxiv.org/abs/1903.01182",
    },
    summary: "Training alternates a cross-entropy step with a step on the complement entropy: the (negated) entropy of the softmax restricted to the wrong classes and renormalized, P_j = p_j / (1 - p_y), averaged over the batch and the classes. Minimizing it flattens the distribution over incorrect classes, which the paper reports improves accuracy and robustness to single-step adversarial attacks. The loss here is the complement-entropy term alone (negative, at least -log(C - 1) / C per sample); pair it with cross-entropy as in the paper.",
    formula: r"\ell = \frac{1}{N C}\sum_{i}\sum_{j \ne y_i} P_{ij}\log\big(P_{ij} + 10^{-10}\big),\quad P_{ij} = \frac{p_{ij}}{1 - p_{iy_i} + 10^{-7}},\ p = \operatorname{softmax}(x)",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "unnormalized class scores" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "class indices" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["cross-entropy", "confidence-penalty"],
    forms: &[Form { name: "complement-entropy", description: "henry8527/COT ComplementEntropy: sum over non-target classes of P log(P + 1e-10) with P = softmax / (1 - p_y + 1e-7), divided by the batch size and the number of classes." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// COT complement entropy on logits `[N, C]` and class indices `[N]`.
pub fn complement_entropy(logits: Tensor<2>, targets: Tensor<1, Int>) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    let (logp, logp_y) = target_log_probs(ID, logits, targets.clone())?;
    let p = logp.exp();
    let denom = logp_y.exp().neg().add_scalar(1.0 + 1e-7).reshape([n, 1]);
    let px = p / denom;
    let zerohot = one_hot(targets, c, &px).neg().add_scalar(1.0);
    let out = px.clone() * px.add_scalar(1e-10).log() * zerohot;
    Ok(LossTensor::scalar(out.sum().mul_scalar(1.0 / (n as f64 * c as f64))))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if let Some(f) = c.form()
        && f != "complement-entropy"
    {
        return Err(c.unknown_form(&["complement-entropy"]));
    }
    complement_entropy(c.float::<2>("logits")?, c.int::<1>("targets")?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch() -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("logits", randn(&[5, 4], 161, 2.0)), ("targets", i(&[5], &[0, 3, 2, 1, 1]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &batch());
    }

    #[test]
    fn value_is_the_formula() {
        // Three classes, logits (0, 0, ln 2), target 2: p = (1/4, 1/4, 1/2), P = (1/2, 1/2)
        // (up to the 1e-7 guard): 2 * (1/2) ln(1/2) / 3.
        let x = inputs(vec![("logits", f(&[1, 3], &[0.0, 0.0, 2f64.ln()])), ("targets", i(&[1], &[2]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.5f64.ln() / 3.0).abs() < 1e-6);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[s, -s, 0.0, -s, s, s])), ("targets", i(&[2], &[0, 1]))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_error(ID, None, &params(json!({"gamma": 1.0})), &batch(), ErrorKind::Param);
        let mut x = batch();
        x.insert("targets".into(), i(&[5], &[0, 4, 2, 1, 1]));
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Value);
        x.insert("targets".into(), f(&[5], &[0.0; 5]));
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
