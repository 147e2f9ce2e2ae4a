//! Reading evaluator inputs shared by several entries: host-side checks done before any tensor
//! is built (burn panics on some empty shapes and when f32 meets f64), per-sample gradients
//! flattened to rows, and scalar state (running means, EMAs) given as one-element tensors.

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

/// A per-sample input `[N, *]` (rank >= 1) as rows `[N, M]`, `M` the product of the other axes
/// (1 for a rank-1 input). The batch and the rows must be non-empty.
pub fn per_sample_rows(c: &Call, name: &str) -> Result<Tensor<2>, LossError> {
    let shape = c.shape(name)?.to_vec();
    if shape.is_empty() {
        return Err(LossError::shape(c.loss, name, "shape [N, *] (one row per sample)", fmt_shape(&shape)));
    }
    super::non_empty(c.loss, name, &shape)?;
    let m: usize = shape[1..].iter().product();
    c.float_reshaped(name, [shape[0], m])
}

/// A scalar input (shape `[]` or `[1]`) as a `[1]` tensor; its value must be finite.
pub fn scalar_input(c: &Call, name: &str) -> Result<Tensor<1>, LossError> {
    let t = c.host(name)?;
    if t.numel() != 1 || t.shape.len() > 1 {
        return Err(LossError::shape(c.loss, name, "a scalar (shape [] or [1])", fmt_shape(&t.shape)));
    }
    super::finite_values(c.loss, name, &t.as_f64())?;
    c.float_reshaped(name, [1])
}
