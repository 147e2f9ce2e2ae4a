//! Weighted MAPE (WAPE, MAD/mean ratio): the total absolute error divided by the total absolute
//! target, a percentage error that stays defined with zero targets.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::time_series::mape::TORCHMETRICS_EPS;
use crate::numerics::elementwise::{self, with_pair};
use crate::numerics::LossTensor;

const ID: &str = "wmape";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Weighted MAPE (wMAPE)",
    aliases: &["wMAPE", "WAPE", "Weighted Mean Absolute Percentage Error", "MAD/Mean Ratio"],
    kind: Kind::Loss,
    domains: &["time-series", "regression"],
    year: 2007,
    paper: Paper {
        title: "Advantages of the MAD/Mean Ratio over the MAPE",
        authors: "Kolassa, S. & Schütz, W.",
        venue: "Foresight: The International Journal of Applied Forecasting",
        year: 2007,
        url: "https://ideas.repec.org/a/for/ijafaa/y2007i6p40-43.html",
    },
    summary: "Sums the absolute errors and divides by the summed absolute targets: equivalently a MAPE whose terms are weighted by the target magnitudes. Unlike MAPE it stays finite when individual targets are zero, which suits intermittent demand, and large series dominate the score in proportion to their volume. It is one ratio for the whole batch (not a mean of per-element terms); torchmetrics clamps the denominator at 1.17e-6.",
    formula: r"\ell = \frac{\sum_i |\hat{y}_i - y_i|}{\max\!\left(\sum_i |y_i|,\ \epsilon\right)},\qquad \epsilon = 1.17\cdot 10^{-6}",
    inputs: &[
        Input { name: "pred", shape: "[*]", meaning: "predictions" },
        Input { name: "target", shape: "[*] (as pred)", meaning: "targets" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["torchmetrics.functional.weighted_mean_absolute_percentage_error"],
    related: &["mape", "smape", "mase", "l1"],
    forms: &[Form { name: "torchmetrics", description: "torchmetrics weighted_mean_absolute_percentage_error: sum |pred - target| / max(sum |target|, 1.17e-6) over all elements, a scalar. A fraction, not percent." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// torchmetrics `weighted_mean_absolute_percentage_error`: one scalar for the whole input.
pub fn wmape<const D: usize>(pred: Tensor<D>, target: Tensor<D>) -> Result<LossTensor, LossError> {
    let p = elementwise::Pair::new(ID, pred, target)?;
    let total = p.target.clone().abs().sum().clamp_min(TORCHMETRICS_EPS);
    Ok(LossTensor::scalar(p.residual().abs().sum() / total))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("torchmetrics") {
        "torchmetrics" => with_pair!(c, |p, t| wmape(p, t)),
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
        let x = inputs(vec![("pred", randn(&[4, 3], 52, 2.0)), ("target", randn(&[4, 3], 53, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // (|3 - 1| + |0 - 0| + |2 - 5|) / (1 + 0 + 5) = 5 / 6. d/dpred_0 = 1/6, d/dtarget_2 = (-1 - 5/6)/6.
        let x = inputs(vec![("pred", f(&[3], &[3.0, 0.0, 2.0])), ("target", f(&[3], &[1.0, 0.0, 5.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 5.0 / 6.0).abs() < 1e-15);
        assert!((ev.grads["pred"].floats[0] - 1.0 / 6.0).abs() < 1e-15);
        assert!((ev.grads["target"].floats[2] - (1.0 - 5.0 / 6.0) / 6.0).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, 1e12, -1e12, 0.0])), ("target", f(&[4], &[0.0; 4]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("pred", f(&[2], &[1e-12, 1e12])), ("target", f(&[2], &[1e12, 1e-12]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let good = inputs(vec![("pred", f(&[2], &[1.0, 2.0])), ("target", f(&[2], &[1.0, 3.0]))]);
        assert_error(ID, None, &params(json!({"reduction": "none"})), &good, ErrorKind::Param);
    }
}
