//! Symmetric cross-entropy (SCE): cross-entropy plus reverse cross-entropy, which swaps the roles
//! of prediction and label (with log 0 clipped to log 1e-4). The reverse term is bounded and
//! robust to label noise; the forward term keeps learning fast on hard classes.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::focal::{one_hot, target_log_probs};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "symmetric-cross-entropy";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Symmetric Cross-Entropy (SCE)",
    aliases: &["SCE", "Symmetric Cross Entropy", "Reverse Cross-Entropy"],
    kind: Kind::Loss,
    domains: &["classification"],
    year: 2019,
    paper: Paper {
        title: "Symmetric Cross Entropy for Robust Learning with Noisy Labels",
        authors: "Wang, Y. et al.",
        venue: "ICCV",
        year: 2019,
        url: "https://arxiv.org/abs/1908.06112",
    },
    summary: "alpha * CE + beta * RCE, where the reverse cross-entropy RCE = -sum_c p_c log q_c uses the (clipped) one-hot label q as the 'prediction': with log 0 replaced by log 1e-4 it equals -log(1e-4) (1 - p_y), a scaled MAE. The bounded reverse term resists noisy labels while CE keeps fitting underlearned classes. alpha and beta must be tuned per dataset (the paper uses alpha = 0.1, beta = 1 on CIFAR-10); the clipping constant A = log 1e-4 sets the scale of the reverse term.",
    formula: r"\ell = \alpha\,\big(-\log p_y\big) + \beta\,\Big(-\sum_{c} \operatorname{clip}(p_c, 10^{-7}, 1)\,\log \operatorname{clip}([y = c], 10^{-4}, 1)\Big),\quad p = \operatorname{softmax}(x)",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "unnormalized class scores" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "class indices" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.1), range: Range::NON_NEGATIVE, meaning: "weight of the cross-entropy (the paper's CIFAR-10 value 0.1)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the reverse cross-entropy (the paper's CIFAR-10 value 1)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["cross-entropy", "generalized-cross-entropy", "taylor-cross-entropy", "l1"],
    forms: &[Form { name: "wang", description: "YisenWang/symmetric_cross_entropy_for_noisy_labels SCELoss: alpha * mean CE + beta * mean(-sum(clamp(softmax, 1e-7, 1) * log(clamp(one_hot, 1e-4, 1)))); reduction none/sum apply to the per-sample alpha CE_i + beta RCE_i." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// SCE on logits `[N, C]` and class indices `[N]`.
pub fn symmetric_cross_entropy(logits: Tensor<2>, targets: Tensor<1, Int>, alpha: f64, beta: f64, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::non_negative_param(ID, "alpha", alpha)?;
    numerics::non_negative_param(ID, "beta", beta)?;
    let [n, c] = logits.dims();
    let (logp, logp_y) = target_log_probs(ID, logits, targets.clone())?;
    let p = logp.exp().clamp(1e-7, 1.0);
    let log_label = one_hot(targets, c, &p).clamp(1e-4, 1.0).log();
    let rce = (p * log_label).sum_dim(1).reshape([n]).neg();
    Ok(reduce(logp_y.neg().mul_scalar(alpha) + rce.mul_scalar(beta), reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if let Some(f) = c.form()
        && f != "wang"
    {
        return Err(c.unknown_form(&["wang"]));
    }
    symmetric_cross_entropy(c.float::<2>("logits")?, c.int::<1>("targets")?, c.f64("alpha", 0.1)?, c.f64("beta", 1.0)?, c.reduction(Reduction::Mean)?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch() -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("logits", randn(&[5, 4], 151, 2.0)), ("targets", i(&[5], &[0, 3, 2, 1, 1]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({"alpha": 0.5, "beta": 2.0, "reduction": "sum"})), &batch());
    }

    #[test]
    fn value_is_the_formula() {
        // p = (1/4, 3/4), target 1: alpha ln(4/3) + beta (1/4) (-ln 1e-4).
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 3f64.ln()])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, None, &params(json!({"alpha": 2.0, "beta": 3.0})), &x);
        let want = 2.0 * (4.0f64 / 3.0).ln() + 3.0 * 0.25 * -(1e-4f64).ln();
        assert!((ev.loss.floats[0] - want).abs() < 1e-13);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[s, -s, 0.0, -s, s, s])), ("targets", i(&[2], &[1, 0]))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_error(ID, None, &params(json!({"alpha": -0.1})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"beta": "nan"})), &batch(), ErrorKind::Param);
        let mut x = batch();
        x.insert("targets".into(), i(&[5], &[0, 4, 2, 1, 1]));
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Value);
        x.insert("targets".into(), i(&[3], &[0, 1, 1]));
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
