//! Host-side checks of evaluator inputs, done before any tensor is built (burn panics on some
//! empty shapes and when f32 meets f64): float dtype, rank and non-empty axes, with errors that
//! name the loss and the input.

use burn::tensor::Tensor;

use crate::error::{LossError, fmt_shape};
use crate::eval::Call;

/// Checks that input `name` holds floating-point values with no empty axis; returns its shape.
/// Integer or boolean data is a dtype error (a prediction must be differentiable).
pub fn check_float(c: &Call, name: &str) -> Result<Vec<usize>, LossError> {
    let t = c.host(name)?;
    if !t.dtype.is_float() {
        return Err(LossError::dtype(c.loss, name, "floating-point values", format!("{} values", t.dtype.as_str())));
    }
    super::non_empty(c.loss, name, &t.shape)?;
    Ok(t.shape.clone())
}

/// A float input of rank `D` with no empty axis; `shape` describes the expected shape in the
/// error for another rank (e.g. `"[N, D]"`).
pub fn float_input<const D: usize>(c: &Call, name: &str, shape: &str) -> Result<Tensor<D>, LossError> {
    let s = c.shape(name)?;
    if s.len() != D {
        return Err(LossError::shape(c.loss, name, format!("shape {shape}"), fmt_shape(s)));
    }
    check_float(c, name)?;
    c.float::<D>(name)
}
