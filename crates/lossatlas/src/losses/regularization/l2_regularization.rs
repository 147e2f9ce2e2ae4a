//! L2 regularization (ridge / weight decay): half the squared Euclidean norm of the
//! parameters, whose gradient `lam * w` is the decay term of SGD's `weight_decay`.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::regularization::elastic_net::{flat_parameters, penalty};
use crate::numerics::LossTensor;

const ID: &str = "l2-regularization";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "L2 Regularization",
    aliases: &["Weight Decay", "Ridge", "Tikhonov Regularization", "L2 Penalty"],
    kind: Kind::Penalty,
    domains: &["regularization"],
    year: 1970,
    paper: Paper {
        title: "Ridge Regression",
        authors: "Hoerl & Kennard",
        venue: "Technometrics",
        year: 1970,
        url: "https://doi.org/10.1080/00401706.1970.10488634",
    },
    summary: "Adds lam / 2 * sum w² to the objective, shrinking all parameters smoothly towards zero without making them exactly zero; its gradient lam * w is what SGD's weight_decay adds, so the two are the same for plain SGD. With adaptive optimizers (Adam) the penalty's gradient gets rescaled per parameter and no longer equals decoupled weight decay (AdamW), which usually regularizes better. Exclude biases and normalization parameters, and remember that with batch normalization the penalty mostly changes the effective learning rate.",
    formula: r"\Omega(w) = \frac{\lambda}{2}\sum_{k} w_k^2",
    inputs: &[Input { name: "parameters", shape: "[*]", meaning: "the penalised parameters, any shape" }],
    params: &[Param { name: "lam", symbol: r"\lambda", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "strength of the penalty (SGD's weight_decay)" }],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Parameters,
    },
    equivalents: &["torch.optim.SGD(weight_decay=lam)", "optax.add_decayed_weights"],
    related: &["l1-regularization", "elastic-net"],
    forms: &[],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// `lam / 2 * sum w²` over all elements of `parameters`; a scalar.
pub fn l2_regularization<const D: usize>(parameters: Tensor<D>, lam: f64) -> Result<LossTensor, LossError> {
    penalty(ID, parameters, lam, 0.0)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let lam = c.f64("lam", 1.0)?;
    l2_regularization(flat_parameters(c)?, lam)
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
        let x = inputs(vec![("parameters", randn(&[4, 3], 131, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({"lam": 5e-4})), &x);
        // The gradient is lam * w (SGD weight decay).
        let ev = eval64(ID, None, &params(json!({"lam": 0.5})), &inputs(vec![("parameters", f(&[3], &[0.0, 2.0, -4.0]))]));
        assert_eq!(ev.grads["parameters"].floats, vec![0.0, 1.0, -2.0]);
    }

    #[test]
    fn value_is_the_formula() {
        let ev = eval64(ID, None, &params(json!({"lam": 0.5})), &inputs(vec![("parameters", f(&[2, 2], &[1.0, -2.0, 3.0, -4.0]))]));
        assert_eq!(ev.loss.floats, vec![7.5]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        assert_finite(ID, None, &params(json!({})), &inputs(vec![("parameters", f(&[3], &[1e12, -1e-12, 0.0]))]));
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = inputs(vec![("parameters", randn(&[3], 1, 1.0))]);
        assert_error(ID, None, &params(json!({"lam": -1.0})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"weight_decay": 0.5})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("parameters", f(&[0], &[]))]), ErrorKind::Empty);
    }
}
