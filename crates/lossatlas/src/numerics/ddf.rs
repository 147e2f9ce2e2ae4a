//! Dense displacement fields `[B, ndim, *spatial]` as MONAI's deformation regularizers read them:
//! central differences on the interior (`monai.losses.deform.spatial_gradient`) and the
//! per-component rescaling of `normalize=True`.

use burn::tensor::Tensor;

use crate::error::{fmt_shape, LossError};
use crate::eval::Call;
use crate::numerics::{self, Reduction};

/// `(x[i + 1] - x[i - 1]) / 2` along `dim`, every other spatial axis (from 2 on) cut to its
/// interior `1..n-1`: each spatial size shrinks by 2.
pub fn spatial_gradient<const D: usize>(x: Tensor<D>, dim: usize) -> Tensor<D> {
    let dims = x.dims();
    let mut inner = x;
    for (d, &n) in dims.iter().enumerate().skip(2) {
        if d != dim {
            inner = inner.narrow(d, 1, n - 2);
        }
    }
    let n = dims[dim];
    (inner.clone().narrow(dim, 2, n - 2) - inner.narrow(dim, 0, n - 2)).mul_scalar(0.5)
}

/// Second derivative along spatial axes `d1` and `d2` with MONAI's compact stencils
/// (`spatial_gradient_squared`): `x[i+1] - 2 x[i] + x[i-1]` for `d1 == d2`, and
/// `(x[i+1, j+1] - x[i+1, j-1] - x[i-1, j+1] + x[i-1, j-1]) / 4` otherwise; every spatial axis cut
/// to its interior.
pub fn second_derivative<const D: usize>(x: Tensor<D>, d1: usize, d2: usize) -> Tensor<D> {
    let dims = x.dims();
    // The slice of x shifted by `shift[d]` (-1, 0 or +1) along each spatial axis d.
    let shifted = |shift: &dyn Fn(usize) -> i64| -> Tensor<D> {
        let mut t = x.clone();
        for (d, &n) in dims.iter().enumerate().skip(2) {
            t = t.narrow(d, (1 + shift(d)) as usize, n - 2);
        }
        t
    };
    let at = |a: i64, b: i64| shifted(&|d: usize| if d == d1 { a } else if d == d2 { b } else { 0 });
    if d1 == d2 {
        let one = |s: i64| shifted(&|d: usize| if d == d1 { s } else { 0 });
        return one(1) - one(0).mul_scalar(2.0) + one(-1);
    }
    (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)).mul_scalar(0.25)
}

/// MONAI's `normalize`: a derivative of component `c` is multiplied by `factor / size[c]`
/// (`factor` = the product of the sizes of the axes it is taken along), as a `[1, ndim, 1, ...]`
/// tensor like `g`.
pub fn component_scale<const D: usize>(g: &Tensor<D>, sizes: &[usize], factor: f64) -> Tensor<D> {
    let mut shape = [1usize; D];
    shape[1] = sizes.len();
    let values = sizes.iter().map(|&s| factor / s as f64).collect();
    numerics::tensor_like(g, values, shape)
}

/// Checks MONAI's conditions on a displacement field: rank 3 to 5, one channel per spatial axis,
/// every spatial size above `min_size`.
pub fn check_field(loss: &str, shape: &[usize], min_size: usize) -> Result<(), LossError> {
    if !(3..=5).contains(&shape.len()) || shape[1] != shape.len() - 2 {
        return Err(LossError::shape(loss, "pred", "a displacement field [B, ndim, *spatial] with ndim = 1, 2 or 3 spatial axes", fmt_shape(shape)));
    }
    if shape[2..].iter().any(|&s| s <= min_size) || shape[0] == 0 {
        return Err(LossError::shape(loss, "pred", format!("every spatial size above {min_size} and a non-empty batch"), fmt_shape(shape)));
    }
    Ok(())
}

/// The evaluator side of the MONAI regularizers: `(normalize, reduction, shape of pred)`, the
/// field checked with [`check_field`].
pub fn read_field(loss: &str, c: &Call, min_size: usize) -> Result<(bool, Reduction, Vec<usize>), LossError> {
    let normalize = c.bool("normalize", false)?;
    let reduction = c.reduction(Reduction::Mean)?;
    let shape = numerics::inputs::check_float(c, "pred")?;
    check_field(loss, &shape, min_size)?;
    Ok((normalize, reduction, shape))
}
