//! 0/1 loss: the fraction (or number) of misclassified samples, the quantity classification
//! ultimately cares about. Piecewise constant, so it is reported, not trained on: surrogates
//! such as cross-entropy, hinge or perceptron losses are minimized instead.

use burn::tensor::{DType, Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "zero-one";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "0/1 Loss",
    aliases: &["Zero-One Loss", "Misclassification Rate", "Classification Error"],
    kind: Kind::Score,
    domains: &["classification"],
    year: 1950,
    paper: Paper { title: "Statistical Decision Functions", authors: "Wald, A.", venue: "", year: 1950, url: "" },
    summary: "Counts a sample as 1 when the predicted label differs from the true one and 0 otherwise, averaged (the error rate, 1 - accuracy) or summed; for multi-label indicator rows a sample is wrong unless every label matches (subset 0/1 loss). It is a score, not trained on: its gradient is zero almost everywhere, and minimizing it directly is NP-hard for linear models, which is why convex surrogates (logistic, hinge, perceptron) are used. Optional sample weights give a weighted error.",
    formula: r"\ell = \frac{\sum_i w_i\,[\hat y_i \ne y_i]}{\sum_i w_i}\ \ (\text{normalize}),\qquad \ell = \sum_i w_i\,[\hat y_i \ne y_i]",
    inputs: &[
        Input { name: "targets", shape: "[N] or [N, L] (i64)", meaning: "true labels, or multi-label indicator rows" },
        Input { name: "pred", shape: "targets' shape (i64)", meaning: "predicted labels" },
        Input { name: "weights", shape: "[N]", meaning: "optional sample weights (sklearn's sample_weight)" },
    ],
    params: &[Param { name: "normalize", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "true: the (weighted) fraction misclassified; false: the (weighted) count" }],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    equivalents: &["sklearn.metrics.zero_one_loss"],
    related: &["perceptron", "hinge", "cross-entropy"],
    forms: &[Form { name: "sklearn", description: "scikit-learn zero_one_loss(y_true, y_pred, normalize, sample_weight): 1 - (weighted) accuracy, or the (weighted) number of misclassified samples; 2-D indicator inputs use subset accuracy. Integer inputs, no gradient." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// scikit-learn `zero_one_loss`: `targets` and `pred` of shape `[N]` or `[N, L]`, optional
/// sample weights `[N]`; the result has dtype `dtype`.
pub fn zero_one_loss<const D: usize>(targets: Tensor<D, Int>, pred: Tensor<D, Int>, normalize: bool, sample_weight: Option<Tensor<1>>, dtype: DType) -> Result<LossTensor, LossError> {
    let dims = targets.dims();
    numerics::same_shape(ID, "pred", &pred.dims(), "targets", &dims)?;
    if D > 2 {
        return Err(LossError::shape(ID, "targets", "[N] labels or [N, L] indicator rows", fmt_shape(&dims)));
    }
    numerics::non_empty(ID, "targets", &dims)?;
    let n = dims[0];
    let wrong = targets.not_equal(pred).int().reshape([n, dims[1..].iter().product::<usize>()]).sum_dim(1).reshape([n]);
    zero_one_from_correct(wrong.equal_elem(0).float().cast(dtype), normalize, sample_weight)
}

/// The reduction of `zero_one_loss` from per-sample correctness (1.0 / 0.0) `[N]`, written as
/// scikit-learn does: `1 - accuracy`, or the number of samples minus the number correct.
pub fn zero_one_from_correct(correct: Tensor<1>, normalize: bool, sample_weight: Option<Tensor<1>>) -> Result<LossTensor, LossError> {
    let n = correct.dims()[0];
    numerics::non_empty(ID, "targets", &[n])?;
    let score = match sample_weight {
        Some(w) => {
            numerics::same_shape(ID, "weights", &w.dims(), "the batch", &[n])?;
            let w = w.cast(correct.dtype());
            let s = (correct * w.clone()).sum();
            if normalize { s / w.sum() } else { w.sum() - s }
        }
        None => {
            let s = correct.sum();
            if normalize { s.mul_scalar(1.0 / n as f64) } else { s.neg().add_scalar(n as f64) }
        }
    };
    Ok(LossTensor::scalar(if normalize { score.neg().add_scalar(1.0) } else { score }))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if let Some(f) = c.form()
        && f != "sklearn"
    {
        return Err(c.unknown_form(&["sklearn"]));
    }
    let normalize = c.bool("normalize", true)?;
    let shape = c.shape("targets")?.to_vec();
    let pshape = c.shape("pred")?.to_vec();
    if shape != pshape {
        return Err(LossError::shape(ID, "pred", format!("shape {} (the shape of targets)", fmt_shape(&shape)), fmt_shape(&pshape)));
    }
    if shape.is_empty() || shape.len() > 2 {
        return Err(LossError::shape(ID, "targets", "[N] labels or [N, L] indicator rows", fmt_shape(&shape)));
    }
    numerics::non_empty(ID, "targets", &shape)?;
    // Compared on the host: labels may exceed the range of the device's integer type.
    let (t, p) = (c.int_values("targets")?, c.int_values("pred")?);
    let n = shape[0];
    let width = t.len() / n;
    let correct: Vec<f64> = (0..n).map(|i| if t[i * width..(i + 1) * width] == p[i * width..(i + 1) * width] { 1.0 } else { 0.0 }).collect();
    let correct = Tensor::<1>::from_data(burn::tensor::TensorData::new(correct, [n]), (c.device(), DType::F64)).cast(c.dtype());
    zero_one_from_correct(correct, normalize, c.float_opt::<1>("weights")?)
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
    fn value_is_the_formula() {
        let x = inputs(vec![("targets", i(&[4], &[0, 1, 2, 2])), ("pred", i(&[4], &[0, 2, 2, 1]))]);
        assert_eq!(eval64(ID, None, &params(json!({})), &x).loss.floats[0], 0.5);
        assert_eq!(eval64(ID, None, &params(json!({"normalize": false})), &x).loss.floats[0], 2.0);
        // Weighted: wrong samples weigh 1 + 3 out of 1 + 1 + 1 + 3.
        let mut w = x.clone();
        w.insert("weights".into(), f(&[4], &[1.0, 1.0, 1.0, 3.0]));
        assert!((eval64(ID, None, &params(json!({})), &w).loss.floats[0] - 4.0 / 6.0).abs() < 1e-15);
        assert_eq!(eval64(ID, None, &params(json!({"normalize": false})), &w).loss.floats[0], 4.0);
        // Subset 0/1 on indicator rows: only the fully matching row counts as correct.
        let m = inputs(vec![("targets", i(&[2, 2], &[1, 0, 1, 1])), ("pred", i(&[2, 2], &[1, 0, 1, 0]))]);
        assert_eq!(eval64(ID, None, &params(json!({})), &m).loss.floats[0], 0.5);
    }

    #[test]
    fn no_gradient_and_finite() {
        // Labels beyond 32 bits are compared exactly.
        let x = inputs(vec![("targets", i(&[3], &[i64::MAX, -5, 3_000_000_001])), ("pred", i(&[3], &[i64::MAX, 5, 3_000_000_001]))]);
        let ev = assert_finite(ID, None, &params(json!({})), &x);
        assert!(ev.grads.is_empty());
        assert!((ev.loss.floats[0] - 1.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("targets", i(&[3], &[0, 1, 2])), ("pred", i(&[2], &[0, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("targets", i(&[3], &[0, 1, 2])), ("pred", f(&[3], &[0.0, 1.0, 2.0]))]), ErrorKind::DType);
        assert_error(ID, None, &params(json!({"normalize": 1})), &inputs(vec![("targets", i(&[1], &[0])), ("pred", i(&[1], &[0]))]), ErrorKind::Param);
        let mut x = inputs(vec![("targets", i(&[2], &[0, 1])), ("pred", i(&[2], &[0, 1]))]);
        x.insert("weights".into(), f(&[3], &[1.0; 3]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("targets", i(&[0], &[])), ("pred", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
