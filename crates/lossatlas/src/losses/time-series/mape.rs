//! Mean absolute percentage error: the absolute error relative to the target, averaged. A
//! scale-free forecast accuracy measure, also used as a training loss.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, MultiOutput, with_pair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "mape";

/// torchmetrics' fixed epsilon under the denominators of its percentage errors.
pub const TORCHMETRICS_EPS: f64 = 1.17e-6;

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "MAPE (Mean Absolute Percentage Error)",
    aliases: &["MAPE", "Mean Absolute Percentage Error", "Mean Absolute Percent Error"],
    kind: Kind::Loss,
    domains: &["time-series", "regression"],
    year: 2006,
    paper: Paper {
        title: "Another Look at Measures of Forecast Accuracy",
        authors: "Rob J. Hyndman, Anne B. Koehler",
        venue: "International Journal of Forecasting",
        year: 2006,
        url: "https://doi.org/10.1016/j.ijforecast.2006.03.001",
    },
    summary: "Averages |pred - target| / |target|, a unit-free error that is easy to communicate (as a fraction here; multiply by 100 for percent). It is undefined for zero targets (libraries divide by a small epsilon instead, which makes such terms enormous), it is asymmetric, penalizing over-forecasts of small targets without bound, and as a training loss it biases predictions low; Hyndman and Koehler discuss these flaws and recommend scaled errors such as MASE. Use sMAPE, wMAPE or MASE when targets can be near zero.",
    formula: r"\ell_i = \frac{|\hat{y}_i - y_i|}{\max(|y_i|, \epsilon)},\qquad \text{mean: } \frac{1}{n}\sum_i \ell_i,\qquad \epsilon = 1.17\cdot 10^{-6} \text{ (torchmetrics)},\ 2^{-52} \text{ (sklearn)}",
    inputs: &[
        Input { name: "pred", shape: "[*] (sklearn: [N] or [N, K])", meaning: "predictions" },
        Input { name: "target", shape: "as pred", meaning: "targets (ideally away from zero)" },
        Input { name: "weights", shape: "[N]", meaning: "form sklearn: optional sample weights" },
    ],
    params: &[
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "form torchmetrics: mean (torchmetrics' value), sum or none" },
        Param { name: "multioutput", symbol: "", default: Value::Str("uniform_average"), range: Range::Any, meaning: "form sklearn: uniform_average, raw_values (one value per output) or a list of output weights" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "torchmetrics.functional.mean_absolute_percentage_error",
        "sklearn.metrics.mean_absolute_percentage_error",
        "keras.losses.MeanAbsolutePercentageError",
        "neuralforecast.losses.pytorch.MAPE",
    ],
    related: &["smape", "wmape", "mase", "l1", "msle"],
    forms: &[
        Form { name: "torchmetrics", description: "torchmetrics mean_absolute_percentage_error: |pred - target| / max(|target|, 1.17e-6) averaged over all elements (reduction mean; sum and none also offered)." },
        Form { name: "sklearn", description: "scikit-learn mean_absolute_percentage_error(sample_weight, multioutput): epsilon is float64 machine epsilon; (weighted) mean over samples per output, then uniform_average (default), raw_values or output weights. A fraction, not percent." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the torchmetrics form (`reduction` mean is torchmetrics' value).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MapeConfig {
    pub reduction: Reduction,
}

fn per_element(pred: Tensor<1>, target: Tensor<1>, eps: f64) -> Tensor<1> {
    (pred - target.clone()).abs() / target.abs().clamp_min(eps)
}

/// torchmetrics `mean_absolute_percentage_error` (with a choice of reduction).
pub fn mape<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &MapeConfig) -> Result<LossTensor, LossError> {
    let p = elementwise::Pair::new(ID, pred, target)?;
    let per = per_element(p.pred.clone(), p.target.clone(), TORCHMETRICS_EPS);
    Ok(p.reduce(per, cfg.reduction))
}

/// scikit-learn `mean_absolute_percentage_error` on `[N, K]` values.
pub fn mean_absolute_percentage_error(pred: Tensor<2>, target: Tensor<2>, sample_weight: Option<Tensor<1>>, multioutput: &MultiOutput) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "target", &target.dims(), "pred", &pred.dims())?;
    numerics::non_empty(ID, "pred", &pred.dims())?;
    let [n, k] = pred.dims();
    let per = per_element(pred.reshape([n * k]), target.reshape([n * k]), f64::EPSILON).reshape([n, k]);
    elementwise::sklearn_average(ID, per, sample_weight, multioutput)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("torchmetrics") {
        "torchmetrics" => {
            let cfg = MapeConfig { reduction: c.reduction(Reduction::Mean)? };
            with_pair!(c, |p, t| mape(p, t, &cfg))
        }
        "sklearn" => {
            let (pred, target, weights, multioutput) = elementwise::sklearn_inputs(c)?;
            mean_absolute_percentage_error(pred, target, weights, &multioutput)
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
        let x = inputs(vec![("pred", randn(&[4, 3], 47, 2.0)), ("target", randn(&[4, 3], 48, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
        assert_gradcheck(ID, Some("sklearn"), &params(json!({"multioutput": "raw_values"})), &x);
        let mut xw = x.clone();
        xw.insert("weights".into(), uniform(&[4], 49, 0.5, 2.0));
        assert_gradcheck(ID, Some("sklearn"), &params(json!({"multioutput": [1.0, 0.0, 2.0]})), &xw);
    }

    #[test]
    fn value_is_the_formula() {
        // |2.5 - 2| / 2 = 0.25; |-1 - 4| / 4 = 1.25; mean 0.75. d/dpred_0 = 1 / (2 * 2).
        let x = inputs(vec![("pred", f(&[2], &[2.5, -1.0])), ("target", f(&[2], &[2.0, 4.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.75).abs() < 1e-15);
        assert!((ev.grads["pred"].floats[0] - 0.25).abs() < 1e-15);
        // A zero target divides by the epsilon of each library.
        let x = inputs(vec![("pred", f(&[1], &[1.0])), ("target", f(&[1], &[0.0]))]);
        assert!((eval64(ID, None, &params(json!({})), &x).loss.floats[0] - 1.0 / 1.17e-6).abs() < 1e-3);
        assert_eq!(eval64(ID, Some("sklearn"), &params(json!({})), &x).loss.floats[0], 1.0 / f64::EPSILON);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, 1e12, -1e12, 0.0])), ("target", f(&[4], &[0.0, 1e-12, 1e12, 0.0]))]);
        assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_finite(ID, Some("sklearn"), &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let mismatch = inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[4], 2, 1.0))]);
        assert_error(ID, Some("sklearn"), &params(json!({})), &mismatch, ErrorKind::Shape);
        let empty = inputs(vec![("pred", f(&[0, 2], &[])), ("target", f(&[0, 2], &[]))]);
        assert_error(ID, Some("sklearn"), &params(json!({})), &empty, ErrorKind::Empty);
        let good = inputs(vec![("pred", f(&[2], &[1.0, 2.0])), ("target", f(&[2], &[1.0, 3.0]))]);
        assert_error(ID, Some("sklearn"), &params(json!({"multioutput": [1.0]})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"eps": 1e-3})), &good, ErrorKind::Param);
    }
}
