//! Mean squared logarithmic error: the squared error between log(1 + pred) and log(1 + target),
//! a relative-error loss for non-negative targets spanning orders of magnitude.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, MultiOutput, with_pair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "msle";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Mean Squared Logarithmic Error (MSLE)",
    aliases: &["MSLE", "Mean Squared Log Error", "Squared Log Error"],
    kind: Kind::Loss,
    domains: &["regression", "time-series"],
    year: 2017,
    year_approx: true,
    paper: Paper {
        title: "Mean squared logarithmic error (scikit-learn User Guide)",
        authors: "scikit-learn developers",
        venue: "",
        year: 2017,
        url: "https://scikit-learn.org/stable/modules/model_evaluation.html#mean-squared-logarithmic-error",
    },
    summary: "The mean squared difference of log(1 + pred) and log(1 + target): it penalizes the ratio of (1 + pred) to (1 + target) rather than their difference, so an error of 10 on a target of 1000 counts far less than on a target of 10, and under-prediction is penalized more than over-prediction of the same size. Suited to non-negative targets with exponential growth or heavy right tails (prices, counts, sales); its square root is the RMSLE used by many forecasting competitions. Values at or below -1 make the logarithm undefined (scikit-learn rejects them; torchmetrics returns NaN).",
    formula: r"\ell_i = \left(\log(1 + \hat{y}_i) - \log(1 + y_i)\right)^2,\qquad \text{mean: } \frac{1}{n}\sum_i \ell_i",
    inputs: &[
        Input { name: "pred", shape: "[*] (sklearn: [N] or [N, K])", meaning: "predictions > -1" },
        Input { name: "target", shape: "as pred", meaning: "targets > -1" },
        Input { name: "weights", shape: "[N]", meaning: "form sklearn: optional sample weights" },
    ],
    params: &[
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "form torchmetrics: mean (torchmetrics' value), sum or none" },
        Param { name: "multioutput", symbol: "", default: Value::Str("uniform_average"), range: Range::Any, meaning: "form sklearn: uniform_average, raw_values (one value per output) or a list of output weights" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "sklearn.metrics.mean_squared_log_error",
        "torchmetrics.functional.mean_squared_log_error",
        "keras.losses.MeanSquaredLogarithmicError",
    ],
    related: &["mse", "mape", "tweedie-deviance", "poisson-nll"],
    forms: &[
        Form { name: "torchmetrics", description: "torchmetrics mean_squared_log_error: the mean over all elements (reduction mean; sum and none also offered); no domain check, so values <= -1 give NaN." },
        Form { name: "sklearn", description: "scikit-learn mean_squared_log_error(sample_weight, multioutput): values <= -1 are an error; (weighted) mean over samples per output, then uniform_average (default), raw_values or output weights." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the torchmetrics form (`reduction` mean is torchmetrics' value).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MsleConfig {
    pub reduction: Reduction,
}

fn per_element(pred: Tensor<1>, target: Tensor<1>) -> Tensor<1> {
    (pred.log1p() - target.log1p()).square()
}

/// torchmetrics `mean_squared_log_error` (with a choice of reduction).
pub fn msle<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &MsleConfig) -> Result<LossTensor, LossError> {
    let p = elementwise::Pair::new(ID, pred, target)?;
    let per = per_element(p.pred.clone(), p.target.clone());
    Ok(p.reduce(per, cfg.reduction))
}

/// scikit-learn `mean_squared_log_error` on `[N, K]` values; values <= -1 are an error.
pub fn mean_squared_log_error(pred: Tensor<2>, target: Tensor<2>, sample_weight: Option<Tensor<1>>, multioutput: &MultiOutput) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "target", &target.dims(), "pred", &pred.dims())?;
    numerics::non_empty(ID, "pred", &pred.dims())?;
    for (name, t) in [("target", &target), ("pred", &pred)] {
        if let Some(v) = numerics::host_f64(t).into_iter().find(|v| !(*v > -1.0)) {
            return Err(LossError::value(ID, name, "values > -1", format!("{v}")));
        }
    }
    let [n, k] = pred.dims();
    let per = per_element(pred.reshape([n * k]), target.reshape([n * k])).reshape([n, k]);
    elementwise::sklearn_average(ID, per, sample_weight, multioutput)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("torchmetrics") {
        "torchmetrics" => {
            let cfg = MsleConfig { reduction: c.reduction(Reduction::Mean)? };
            with_pair!(c, |p, t| msle(p, t, &cfg))
        }
        "sklearn" => {
            let (pred, target, weights, multioutput) = elementwise::sklearn_inputs(c)?;
            mean_squared_log_error(pred, target, weights, &multioutput)
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
        let x = inputs(vec![("pred", uniform(&[4, 3], 44, 0.0, 5.0)), ("target", uniform(&[4, 3], 45, 0.0, 5.0))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
        assert_gradcheck(ID, Some("sklearn"), &params(json!({"multioutput": [1.0, 2.0, 3.0]})), &x);
        let mut xw = x.clone();
        xw.insert("weights".into(), uniform(&[4], 46, 0.5, 2.0));
        assert_gradcheck(ID, Some("sklearn"), &params(json!({})), &xw);
    }

    #[test]
    fn value_is_the_formula() {
        // pred = e - 1, target = 0: (1 - 0)^2 = 1; pred = target: 0. Mean 0.5.
        let e = std::f64::consts::E;
        let x = inputs(vec![("pred", f(&[2], &[e - 1.0, 3.0])), ("target", f(&[2], &[0.0, 3.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.5).abs() < 1e-15);
        // d/dpred = 2 (log1p(p) - log1p(t)) / (1 + p) / 2 = 1 / e for the first element.
        assert!((ev.grads["pred"].floats[0] - 1.0 / e).abs() < 1e-15);
        let ev = eval64(ID, Some("sklearn"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.5).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, 0.0, 1e12, -1.0 + 1e-12])), ("target", f(&[4], &[0.0, 1e-12, 0.0, 1e12]))]);
        assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_finite(ID, Some("sklearn"), &params(json!({})), &x);
    }

    #[test]
    fn domain_and_bad_inputs() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        // torchmetrics does not check the domain: log1p(-2) is NaN.
        let x = inputs(vec![("pred", f(&[2], &[-2.0, 1.0])), ("target", f(&[2], &[1.0, 1.0]))]);
        assert!(eval64(ID, None, &params(json!({})), &x).loss.floats[0].is_nan());
        assert_error(ID, Some("sklearn"), &params(json!({})), &x, ErrorKind::Value);
        let x = inputs(vec![("pred", f(&[2], &[1.0, 1.0])), ("target", f(&[2], &[-1.0, 1.0]))]);
        assert_error(ID, Some("sklearn"), &params(json!({})), &x, ErrorKind::Value);
        let mismatch = inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[4], 2, 1.0))]);
        assert_error(ID, Some("sklearn"), &params(json!({})), &mismatch, ErrorKind::Shape);
        let empty = inputs(vec![("pred", f(&[0], &[])), ("target", f(&[0], &[]))]);
        assert_error(ID, Some("sklearn"), &params(json!({})), &empty, ErrorKind::Empty);
        let good = inputs(vec![("pred", f(&[2], &[1.0, 2.0])), ("target", f(&[2], &[1.0, 3.0]))]);
        assert_error(ID, Some("sklearn"), &params(json!({"reduction": "sum"})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"multioutput": "raw_values"})), &good, ErrorKind::Param);
    }
}
