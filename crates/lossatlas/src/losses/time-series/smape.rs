//! Symmetric mean absolute percentage error: the absolute error relative to the mean magnitude
//! of prediction and target, bounded by 2 and defined when the target is zero.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::time_series::mape::TORCHMETRICS_EPS;
use crate::numerics::elementwise::{self, with_pair};
use crate::numerics::{LossTensor, Reduction};

const ID: &str = "smape";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "sMAPE (Symmetric MAPE)",
    aliases: &["sMAPE", "Symmetric Mean Absolute Percentage Error", "Symmetric MAPE"],
    kind: Kind::Loss,
    domains: &["time-series", "regression"],
    year: 1999,
    paper: Paper {
        title: "A Better Measure of Relative Prediction Accuracy for Model Selection and Model Estimation",
        authors: "Tofallis, C.",
        venue: "Journal of the Operational Research Society",
        year: 2015,
        url: "https://doi.org/10.1057/jors.2014.103",
    },
    summary: "Divides the absolute error by the average magnitude of prediction and target, 2|pred - target| / (|pred| + |target|), so the error is bounded by 2 and stays defined for a zero target as long as the prediction is nonzero. It was adopted by the M3 and M4 forecasting competitions as a fix for MAPE's blow-up, but it is not truly symmetric (under-forecasts cost more than over-forecasts of the same size), it is unstable when both values are near zero, and as a training loss it rewards inflating predictions. torchmetrics clamps the denominator at 1.17e-6.",
    formula: r"\ell_i = \frac{2\,|\hat{y}_i - y_i|}{\max(|\hat{y}_i| + |y_i|,\ \epsilon)},\qquad \text{mean: } \frac{1}{n}\sum_i \ell_i,\qquad \epsilon = 1.17\cdot 10^{-6}",
    inputs: &[
        Input { name: "pred", shape: "[*]", meaning: "predictions" },
        Input { name: "target", shape: "[*] (as pred)", meaning: "targets" },
    ],
    params: &[Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "mean (torchmetrics' value), sum or none" }],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "torchmetrics.functional.symmetric_mean_absolute_percentage_error",
        "neuralforecast.losses.pytorch.SMAPE",
    ],
    related: &["mape", "wmape", "mase", "l1"],
    forms: &[Form { name: "torchmetrics", description: "torchmetrics symmetric_mean_absolute_percentage_error: 2|pred - target| / max(|pred| + |target|, 1.17e-6) averaged over all elements (reduction mean; sum and none also offered). A fraction in [0, 2], not percent." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the torchmetrics form (`reduction` mean is torchmetrics' value).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SmapeConfig {
    pub reduction: Reduction,
}

/// torchmetrics `symmetric_mean_absolute_percentage_error` (with a choice of reduction).
pub fn smape<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &SmapeConfig) -> Result<LossTensor, LossError> {
    let p = elementwise::Pair::new(ID, pred, target)?;
    let denom = (p.pred.clone().abs() + p.target.clone().abs()).clamp_min(TORCHMETRICS_EPS);
    let per = p.residual().abs().mul_scalar(2.0) / denom;
    Ok(p.reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("torchmetrics") {
        "torchmetrics" => {
            let cfg = SmapeConfig { reduction: c.reduction(Reduction::Mean)? };
            with_pair!(c, |p, t| smape(p, t, &cfg))
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
        let x = inputs(vec![("pred", randn(&[4, 3], 50, 2.0)), ("target", randn(&[4, 3], 51, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"reduction": "none"})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // pred 3, target 1: 2 * 2 / 4 = 1; pred 0, target 5: 2 * 5 / 5 = 2; mean 1.5.
        let x = inputs(vec![("pred", f(&[2], &[3.0, 0.0])), ("target", f(&[2], &[1.0, 5.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 1.5).abs() < 1e-15);
        // d/dpred_0 of 2 (p - t) / (p + t) at (3, 1): 2 * 2t / (p + t)^2 = 4 / 16, halved by the mean.
        assert!((ev.grads["pred"].floats[0] - 0.125).abs() < 1e-15);
        // Both zero: 0 / eps = 0.
        let x = inputs(vec![("pred", f(&[1], &[0.0])), ("target", f(&[1], &[0.0]))]);
        assert_eq!(eval64(ID, None, &params(json!({})), &x).loss.floats, vec![0.0]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, 1e12, -1e12, 0.0])), ("target", f(&[4], &[0.0, 1e-12, 1e12, 0.0]))]);
        let ev = assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
        assert!(ev.loss.floats.iter().all(|v| *v <= 2.0));
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let good = inputs(vec![("pred", f(&[2], &[1.0, 2.0])), ("target", f(&[2], &[1.0, 3.0]))]);
        assert_error(ID, Some("sklearn"), &params(json!({})), &good, ErrorKind::Unsupported);
    }
}
