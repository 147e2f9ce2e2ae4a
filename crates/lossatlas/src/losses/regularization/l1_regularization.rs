//! L1 regularization (the lasso penalty): the sum of absolute parameter values, which pushes
//! parameters to exactly zero.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::regularization::elastic_net::{flat_parameters, penalty};
use crate::numerics::LossTensor;

const ID: &str = "l1-regularization";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "L1 Regularization",
    aliases: &["Lasso", "L1 Penalty", "Lasso Penalty"],
    kind: Kind::Penalty,
    domains: &["regularization"],
    year: 1996,
    paper: Paper {
        title: "Regression Shrinkage and Selection via the Lasso",
        authors: "Tibshirani, R.",
        venue: "Journal of the Royal Statistical Society: Series B",
        year: 1996,
        url: "https://doi.org/10.1111/j.2517-6161.1996.tb02080.x",
    },
    summary: "Adds lam * sum |w| to the objective. Because its pull towards zero does not fade for small weights, it sets many parameters exactly to zero, which gives sparse, more interpretable models and performs feature selection (the lasso). The penalty is not differentiable at zero: plain (sub)gradient descent makes weights hover around zero rather than land on it, so use proximal updates (soft thresholding) when exact sparsity matters. With strongly correlated features it tends to keep one arbitrarily; the elastic net fixes that.",
    formula: r"\Omega(w) = \lambda\sum_{k}\lvert w_k\rvert",
    inputs: &[Input { name: "parameters", shape: "[*]", meaning: "the penalised parameters, any shape" }],
    params: &[Param { name: "lam", symbol: r"\lambda", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "strength of the penalty" }],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Parameters,
    },
    equivalents: &[],
    related: &["l2-regularization", "elastic-net"],
    forms: &[],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// `lam * sum |w|` over all elements of `parameters`; a scalar. The gradient at `w = 0` is 0.
pub fn l1_regularization<const D: usize>(parameters: Tensor<D>, lam: f64) -> Result<LossTensor, LossError> {
    penalty(ID, parameters, lam, 1.0)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let lam = c.f64("lam", 1.0)?;
    l1_regularization(flat_parameters(c)?, lam)
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
        assert_gradcheck(ID, None, &params(json!({"lam": 0.01})), &inputs(vec![("parameters", randn(&[2, 3, 2], 121, 1.0))]));
        // The kink: subgradient 0 at exactly 0, sign(w) * lam elsewhere.
        let ev = eval64(ID, None, &params(json!({"lam": 0.5})), &inputs(vec![("parameters", f(&[3], &[0.0, 2.0, -1e-300]))]));
        assert_eq!(ev.grads["parameters"].floats, vec![0.0, 0.5, -0.5]);
    }

    #[test]
    fn value_is_the_formula() {
        let ev = eval64(ID, None, &params(json!({"lam": 0.25})), &inputs(vec![("parameters", f(&[2, 2], &[1.0, -2.0, 3.0, -4.0]))]));
        assert_eq!(ev.loss.floats, vec![2.5]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        assert_finite(ID, None, &params(json!({})), &inputs(vec![("parameters", f(&[3], &[1e12, -1e-12, 0.0]))]));
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = inputs(vec![("parameters", randn(&[3], 1, 1.0))]);
        assert_error(ID, None, &params(json!({"lam": -1.0})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"l1_ratio": 0.5})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("parameters", f(&[2, 0], &[]))]), ErrorKind::Empty);
    }
}
