//! Reading the inputs that gradient penalties and running-statistic regularizers share from the
//! evaluator: per-sample gradients flattened to rows, and scalar state (running means, EMAs)
//! given as one-element tensors.

use burn::tensor::Tensor;

use crate::error::{LossError, fmt_shape};
use crate::eval::Call;

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
