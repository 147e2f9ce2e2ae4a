//! Elastic net: a weighted mix of the L1 (lasso) and squared L2 (ridge) penalties on the
//! parameters, in the glmnet / scikit-learn parameterisation. The L1 and L2 entries are its
//! two ends and share [`penalty`].

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "elastic-net";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Elastic Net",
    aliases: &["Elastic-Net Penalty", "L1 + L2 Regularization"],
    kind: Kind::Penalty,
    domains: &["regularization"],
    year: 2005,
    paper: Paper {
        title: "Regularization and Variable Selection via the Elastic Net",
        authors: "Zou & Hastie",
        venue: "Journal of the Royal Statistical Society: Series B",
        year: 2005,
        url: "https://doi.org/10.1111/j.1467-9868.2005.00503.x",
    },
    summary: "Adds lam * (l1_ratio * sum |w| + (1 - l1_ratio) / 2 * sum w²) to the training objective, the parameterisation of glmnet and scikit-learn's ElasticNet. The L1 part drives weights exactly to zero (sparsity, feature selection) while the L2 part keeps groups of correlated features together and makes the problem strictly convex; l1_ratio = 1 gives the lasso, 0 ridge / weight decay. The L1 part has a kink at zero where (sub)gradient methods oscillate instead of reaching exact zeros; proximal or coordinate-descent solvers handle it properly. Pass the parameters that should be penalised (usually weights, not biases or normalisation scales) flattened into one tensor.",
    formula: r"\Omega(w) = \lambda\Big(\rho\sum_{k}\lvert w_k\rvert + \frac{1-\rho}{2}\sum_{k} w_k^2\Big)",
    inputs: &[Input { name: "parameters", shape: "[*]", meaning: "the penalised parameters, any shape" }],
    params: &[
        Param { name: "lam", symbol: r"\lambda", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "overall strength (scikit-learn's alpha)" },
        Param { name: "l1_ratio", symbol: r"\rho", default: Value::Float(0.5), range: Range::UNIT, meaning: "share of the L1 part: 1 is the lasso, 0 ridge" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Parameters,
    },
    equivalents: &[],
    related: &["l1-regularization", "l2-regularization"],
    forms: &[],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// `lam * (l1_ratio * sum |w| + (1 - l1_ratio) / 2 * sum w²)` over all elements of
/// `parameters`, for the entry `loss`. Terms with weight 0 are left out (so `l1_ratio = 0`
/// has no kink at 0).
pub(crate) fn penalty<const D: usize>(loss: &str, parameters: Tensor<D>, lam: f64, l1_ratio: f64) -> Result<LossTensor, LossError> {
    numerics::non_empty(loss, "parameters", &parameters.dims())?;
    let lam = numerics::non_negative_param(loss, "lam", lam)?;
    let rho = numerics::param_in(loss, "l1_ratio", l1_ratio, 0.0, 1.0)?;
    let n: usize = parameters.dims().iter().product();
    let w = parameters.reshape([n]);
    let mut total = numerics::full_like(&w, [1], 0.0);
    if rho > 0.0 {
        total = total + w.clone().abs().sum().mul_scalar(lam * rho);
    }
    if rho < 1.0 {
        total = total + (w.clone() * w).sum().mul_scalar(lam * 0.5 * (1.0 - rho));
    }
    Ok(LossTensor::scalar(total))
}

/// Elastic-net penalty of `parameters` (any shape); a scalar.
pub fn elastic_net<const D: usize>(parameters: Tensor<D>, lam: f64, l1_ratio: f64) -> Result<LossTensor, LossError> {
    penalty(ID, parameters, lam, l1_ratio)
}

/// Reads `parameters` flattened, whatever its rank.
pub(crate) fn flat_parameters(c: &Call) -> Result<Tensor<1>, LossError> {
    let n = c.host("parameters")?.numel();
    c.float_reshaped("parameters", [n])
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let lam = c.f64("lam", 1.0)?;
    let l1_ratio = c.f64("l1_ratio", 0.5)?;
    elastic_net(flat_parameters(c)?, lam, l1_ratio)
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
        let x = inputs(vec![("parameters", randn(&[3, 4], 111, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({"lam": 0.3, "l1_ratio": 0.7})), &x);
        // At w = 0 the L1 part takes the subgradient 0 (as torch's abs), so only the L2 part
        // (also 0 there) remains.
        let x = inputs(vec![("parameters", f(&[3], &[0.0, 1.0, -2.0]))]);
        let ev = eval64(ID, None, &params(json!({"lam": 2.0, "l1_ratio": 0.5})), &x);
        assert_eq!(ev.grads["parameters"].floats, vec![0.0, 1.0 + 1.0, -1.0 - 2.0]);
    }

    #[test]
    fn value_is_the_formula() {
        // w = (1, -2, 3): sum |w| = 6, sum w² = 14. lam 0.1, l1_ratio 0.3: 0.1 (0.3 * 6 + 0.35 * 14).
        let x = inputs(vec![("parameters", f(&[3], &[1.0, -2.0, 3.0]))]);
        let ev = eval64(ID, None, &params(json!({"lam": 0.1, "l1_ratio": 0.3})), &x);
        assert!((ev.loss.floats[0] - 0.1 * (0.3 * 6.0 + 0.35 * 14.0)).abs() < 1e-15);
        // Defaults lam = 1, l1_ratio = 0.5: 3 + 3.5.
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 6.5).abs() < 1e-15);
        assert!(ev.loss.shape.is_empty());
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("parameters", f(&[4], &[1e-12, -1e-12, 1e12, 0.0]))]);
        assert_finite(ID, None, &params(json!({"lam": 1e-4})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = inputs(vec![("parameters", randn(&[3], 1, 1.0))]);
        assert_error(ID, None, &params(json!({"lam": -0.1})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"l1_ratio": 1.5})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"alpha": 1.0})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("parameters", f(&[0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("weights", randn(&[3], 1, 1.0))]), ErrorKind::Missing);
    }
}
