//! Quantile (pinball) loss: an asymmetric L1 whose minimizer is the alpha-quantile of the
//! target distribution; the loss behind quantile regression and probabilistic forecasters.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, MultiOutput, with_pair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "quantile";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Quantile Loss",
    aliases: &["Pinball Loss", "Check Loss", "Quantile Regression Loss", "Mean Pinball Loss"],
    kind: Kind::Loss,
    domains: &["regression", "time-series", "uncertainty"],
    year: 1978,
    paper: Paper {
        title: "Regression Quantiles",
        authors: "Koenker, R. & Bassett, G.",
        venue: "Econometrica",
        year: 1978,
        url: "https://people.eecs.berkeley.edu/~jordan/sail/readings/koenker-bassett.pdf",
    },
    summary: "Charges alpha per unit when the prediction is below the target and 1 - alpha per unit when it is above, so its minimizer is the alpha-quantile of the conditional distribution (alpha = 0.5 gives half the absolute error, the median). Training one output per quantile level yields prediction intervals, as in quantile regression forests, DeepAR-style and temporal-fusion forecasters. The gradient is piecewise constant, so convergence near the optimum is slow, and separate quantile heads can cross.",
    formula: r"\ell_i = \alpha\,\max(y_i - \hat{y}_i, 0) + (1 - \alpha)\max(\hat{y}_i - y_i, 0);\qquad \text{sklearn: } \frac{1}{K}\sum_k \frac{\sum_i w_i\,\ell_{ik}}{\sum_i w_i}",
    inputs: &[
        Input { name: "pred", shape: "[N] or [N, K]", meaning: "predicted alpha-quantiles (K outputs)" },
        Input { name: "target", shape: "as pred", meaning: "observed targets" },
        Input { name: "weights", shape: "[N]", meaning: "form sklearn-pinball: optional sample weights" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.5), range: Range::UNIT, meaning: "the quantile level" },
        Param { name: "multioutput", symbol: "", default: Value::Str("uniform_average"), range: Range::Any, meaning: "form sklearn-pinball: uniform_average, raw_values (one value per output) or a list of output weights" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "form elementwise: mean, sum or none" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["sklearn.metrics.mean_pinball_loss"],
    related: &["l1", "crps", "mse", "gaussian-nll"],
    forms: &[
        Form { name: "sklearn-pinball", description: "scikit-learn mean_pinball_loss(alpha, sample_weight, multioutput): the (weighted) mean over samples per output, then uniform_average (default), raw_values or weights over outputs. The gradient at pred == target is 0." },
        Form { name: "elementwise", description: "The pinball loss per element of any shape, reduction mean (default), sum or none." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the elementwise pinball loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuantileConfig {
    /// Quantile level in [0, 1].
    pub alpha: f64,
    pub reduction: Reduction,
}

impl Default for QuantileConfig {
    fn default() -> Self {
        QuantileConfig { alpha: 0.5, reduction: Reduction::Mean }
    }
}

/// ψ(r), r = pred - target: alpha relu(-r) + (1 - alpha) relu(r), with gradient 0 at r = 0.
pub fn psi(r: Tensor<1>, alpha: f64) -> Tensor<1> {
    let under = r.clone().neg().mask_fill(r.clone().greater_equal_elem(0.0), 0.0);
    let over = r.clone().mask_fill(r.lower_equal_elem(0.0), 0.0);
    under.mul_scalar(alpha) + over.mul_scalar(1.0 - alpha)
}

/// The pinball loss per element, reduced.
pub fn quantile<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &QuantileConfig) -> Result<LossTensor, LossError> {
    numerics::param_in(ID, "alpha", cfg.alpha, 0.0, 1.0)?;
    elementwise::distance(ID, pred, target, cfg.reduction, |r| psi(r, cfg.alpha))
}

/// scikit-learn `mean_pinball_loss` on `[N, K]` values.
pub fn mean_pinball_loss(pred: Tensor<2>, target: Tensor<2>, alpha: f64, sample_weight: Option<Tensor<1>>, multioutput: &MultiOutput) -> Result<LossTensor, LossError> {
    numerics::param_in(ID, "alpha", alpha, 0.0, 1.0)?;
    numerics::same_shape(ID, "target", &target.dims(), "pred", &pred.dims())?;
    numerics::non_empty(ID, "pred", &pred.dims())?;
    let [n, k] = pred.dims();
    let per = psi((pred - target).reshape([n * k]), alpha).reshape([n, k]);
    elementwise::sklearn_average(ID, per, sample_weight, multioutput)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let alpha = c.f64("alpha", 0.5)?;
    match c.form().unwrap_or("sklearn-pinball") {
        "sklearn-pinball" => {
            let (pred, target, weights, multioutput) = elementwise::sklearn_inputs(c)?;
            mean_pinball_loss(pred, target, alpha, weights, &multioutput)
        }
        "elementwise" => {
            let cfg = QuantileConfig { alpha, reduction: c.reduction(Reduction::Mean)? };
            with_pair!(c, |p, t| quantile(p, t, &cfg))
        }
        _ => Err(elementwise::unknown_form(c, &ENTRY)),
    }
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
        let x = inputs(vec![("pred", randn(&[5, 3], 39, 1.0)), ("target", randn(&[5, 3], 40, 1.0)), ("weights", uniform(&[5], 41, 0.1, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"alpha": 0.2})), &x);
        assert_gradcheck(ID, None, &params(json!({"alpha": 0.7, "multioutput": [0.2, 0.3, 0.5]})), &x);
        assert_gradcheck(ID, None, &params(json!({"alpha": 0.9, "multioutput": "raw_values"})), &x);
        let x = inputs(vec![("pred", randn(&[2, 3, 2], 42, 1.0)), ("target", randn(&[2, 3, 2], 43, 1.0))]);
        assert_gradcheck(ID, Some("elementwise"), &params(json!({"alpha": 0.3, "reduction": "none"})), &x);
        // Near the kink r = 0: slopes -alpha and 1 - alpha.
        let x = inputs(vec![("pred", f(&[2], &[1e-3, -1e-3])), ("target", f(&[2], &[0.0; 2]))]);
        assert_gradcheck(ID, None, &params(json!({"alpha": 0.1})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // alpha = 0.1: pred below target by 2 -> 0.2; above by 3 -> 2.7; equal -> 0 (gradient 0).
        let x = inputs(vec![("pred", f(&[3], &[0.0, 3.0, 1.0])), ("target", f(&[3], &[2.0, 0.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({"alpha": 0.1})), &x);
        assert!((ev.loss.floats[0] - (0.2 + 2.7) / 3.0).abs() < 1e-15);
        assert_eq!(ev.grads["pred"].floats[2], 0.0);
        // Sample weights (1, 2, 1): (0.2 + 2 * 2.7) / 4.
        let mut xw = x.clone();
        xw.insert("weights".into(), f(&[3], &[1.0, 2.0, 1.0]));
        let ev = eval64(ID, None, &params(json!({"alpha": 0.1})), &xw);
        assert!((ev.loss.floats[0] - (0.2 + 5.4) / 4.0).abs() < 1e-15);
        // Two outputs, raw values and output weights.
        let x = inputs(vec![("pred", f(&[2, 2], &[0.0, 1.0, 0.0, 1.0])), ("target", f(&[2, 2], &[1.0, 0.0, 3.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"alpha": 0.5, "multioutput": "raw_values"})), &x);
        assert_eq!(ev.loss.shape, vec![2]);
        assert_eq!(ev.loss.floats, vec![1.0, 0.5]);
        let ev = eval64(ID, None, &params(json!({"alpha": 0.5, "multioutput": [3.0, 1.0]})), &x);
        assert!((ev.loss.floats[0] - 0.875).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, -1e-12, 1e12, -1e12])), ("target", f(&[4], &[0.0; 4]))]);
        assert_finite(ID, None, &params(json!({"alpha": 0.3})), &x);
        assert_finite(ID, Some("elementwise"), &params(json!({"alpha": 1.0, "reduction": "none"})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let good = || inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0))]);
        let cases = [
            (inputs(vec![("pred", randn(&[2, 2, 2], 1, 1.0)), ("target", randn(&[2, 2, 2], 2, 1.0))]), params(json!({})), ErrorKind::Shape),
            (good(), params(json!({"alpha": 1.5})), ErrorKind::Param),
            (good(), params(json!({"alpha": -0.1})), ErrorKind::Param),
            (good(), params(json!({"alpha": "nan"})), ErrorKind::Param),
            (good(), params(json!({"multioutput": "variance_weighted"})), ErrorKind::Param),
            (good(), params(json!({"multioutput": [0.5, 0.5]})), ErrorKind::Param),
            (inputs(vec![("pred", randn(&[3, 2], 1, 1.0)), ("target", randn(&[3, 2], 2, 1.0))]), params(json!({"multioutput": [1.0, 2.0, 3.0]})), ErrorKind::Shape),
            (inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0)), ("weights", f(&[2], &[1.0, 1.0]))]), params(json!({})), ErrorKind::Shape),
            (inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0)), ("weights", f(&[3], &[1.0, -1.0, 0.0]))]), params(json!({})), ErrorKind::Value),
        ];
        for (x, p, kind) in cases {
            assert_error(ID, None, &p, &x, kind);
        }
    }
}
