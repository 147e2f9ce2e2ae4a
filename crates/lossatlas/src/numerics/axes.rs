//! Reductions over a chosen set of axes, as optax's `axis=` arguments (an int or a tuple of
//! ints, negative values counting from the end).

use burn::tensor::Tensor;
use serde_json::Value as Json;

use crate::error::LossError;
use crate::numerics::LossTensor;

/// Resolves an optax-style `axis` (an integer or a list of integers, negative from the end) for
/// a tensor of rank `rank` into sorted, distinct axes.
pub fn resolve_axes(loss: &str, name: &str, axis: Option<&Json>, default: &[i64], rank: usize) -> Result<Vec<usize>, LossError> {
    let bad = |found: String| LossError::param(loss, name, format!("an axis or a list of distinct axes in [-{rank}, {rank})"), found);
    let raw: Vec<i64> = match axis {
        None => default.to_vec(),
        Some(Json::Number(n)) => vec![n.as_i64().ok_or_else(|| bad(n.to_string()))?],
        Some(Json::Array(xs)) => xs.iter().map(|x| x.as_i64().ok_or_else(|| bad(x.to_string()))).collect::<Result<_, _>>()?,
        Some(other) => return Err(bad(other.to_string())),
    };
    let mut axes = Vec::with_capacity(raw.len());
    for a in raw {
        let r = rank as i64;
        if a < -r || a >= r {
            return Err(bad(format!("{a}")));
        }
        axes.push(if a < 0 { (a + r) as usize } else { a as usize });
    }
    axes.sort_unstable();
    if axes.windows(2).any(|w| w[0] == w[1]) {
        return Err(bad(format!("{axes:?} (repeated)")));
    }
    Ok(axes)
}

/// Sums `x` over `axes` (sorted, distinct), dropping them: the result has the shape of the kept
/// axes (a scalar when every axis is summed).
pub fn sum_axes<const D: usize>(x: Tensor<D>, axes: &[usize]) -> LossTensor {
    let dims = x.dims();
    let keep: Vec<usize> = (0..D).filter(|a| !axes.contains(a)).collect();
    let mut order = keep.clone();
    order.extend_from_slice(axes);
    let perm: [usize; D] = order.try_into().expect("keep and axes cover every axis once");
    let kept_shape: Vec<usize> = keep.iter().map(|&a| dims[a]).collect();
    let m: usize = kept_shape.iter().product();
    let r: usize = axes.iter().map(|&a| dims[a]).product();
    let summed = x.permute(perm).reshape([m, r]).sum_dim(1);
    if kept_shape.is_empty() { LossTensor::scalar(summed) } else { LossTensor::with_shape(summed, kept_shape) }
}
