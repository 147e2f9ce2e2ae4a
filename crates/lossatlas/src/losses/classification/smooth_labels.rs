//! Label smoothing as a target transformation: optax's `smooth_labels` mixes one-hot (or soft)
//! targets with the uniform distribution before any loss sees them. Not a loss itself; pair it
//! with a cross-entropy on probability targets.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor};

const ID: &str = "smooth-labels";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Smooth Labels",
    aliases: &["smooth_labels", "Label Smoothing Transform"],
    kind: Kind::Method,
    domains: &["classification", "regularization"],
    year: 2016,
    paper: Paper {
        title: "Rethinking the Inception Architecture for Computer Vision",
        authors: "Szegedy, C. et al.",
        venue: "CVPR",
        year: 2016,
        url: "https://arxiv.org/abs/1512.00567",
    },
    summary: "Replaces the targets by (1 - alpha) * targets + alpha / C, with C the size of the last (class) axis, so a one-hot label becomes 1 - alpha + alpha/C on the true class and alpha/C elsewhere. It is the data transformation behind label smoothing, kept separate from the loss so that any loss on probability targets can use it. Not a loss: its value is the smoothed array (the evaluator returns it, with gradient 1 - alpha with respect to the targets).",
    formula: r"\tilde q = (1 - \alpha)\,q + \frac{\alpha}{C}",
    inputs: &[Input { name: "targets", shape: "[..., C]", meaning: "one-hot or soft targets, class axis last" }],
    params: &[Param { name: "alpha", symbol: r"\alpha", default: Value::Null, range: Range::UNIT, meaning: "required: smoothing weight (optax has no default)" }],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::NotApplicable,
    },
    equivalents: &["optax.losses.smooth_labels", "optax.smooth_labels"],
    related: &["label-smoothing", "cross-entropy"],
    uses: &["label-smoothing", "cross-entropy"],
    forms: &[Form { name: "optax", description: "optax smooth_labels(labels, alpha): (1 - alpha) * labels + alpha / labels.shape[-1], elementwise; the result keeps the targets' shape." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// optax `smooth_labels(targets, alpha)` along the last axis.
pub fn smooth_labels<const D: usize>(targets: Tensor<D>, alpha: f64) -> Result<LossTensor, LossError> {
    numerics::param_in(ID, "alpha", alpha, 0.0, 1.0)?;
    let dims = targets.dims();
    numerics::non_empty(ID, "targets", &dims)?;
    let c = dims[D - 1] as f64;
    Ok(LossTensor::elements(targets.mul_scalar(1.0 - alpha).add_scalar(alpha / c)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if let Some(f) = c.form()
        && f != "optax"
    {
        return Err(c.unknown_form(&["optax"]));
    }
    let alpha = c.f64_opt("alpha")?.ok_or_else(|| LossError::param(ID, "alpha", "a number in [0, 1] (required)", "nothing"))?;
    let shape = c.shape("targets")?;
    numerics::non_empty(ID, "targets", shape)?;
    let rank = shape.len();
    by_rank!(c, "targets", rank, |R| smooth_labels(c.float::<R>("targets")?, alpha))
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
    fn value_and_gradient_are_the_formula() {
        let x = inputs(vec![("targets", f(&[1, 4], &[0.0, 1.0, 0.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"alpha": 0.2})), &x);
        for (a, b) in ev.loss.floats.iter().zip([0.05, 0.85, 0.05, 0.05]) {
            assert!((a - b).abs() < 1e-15);
        }
        assert!(ev.grads["targets"].floats.iter().all(|g| (g - 0.8).abs() < 1e-15));
        assert_gradcheck(ID, None, &params(json!({"alpha": 0.3})), &inputs(vec![("targets", uniform(&[3, 5], 191, 0.0, 1.0))]));
    }

    #[test]
    fn finite_at_extremes() {
        assert_finite(ID, None, &params(json!({"alpha": 1.0})), &inputs(vec![("targets", f(&[2], &[1e12, -1e12]))]));
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = inputs(vec![("targets", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0]))]);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"alpha": 1.5})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"alpha": 0.1})), &inputs(vec![("targets", f(&[2, 0], &[]))]), ErrorKind::Empty);
    }
}
