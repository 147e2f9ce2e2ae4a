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

/// Plot slice of the regularizers: a 7 x 7 field, zero but for a bump at the centre of its x
/// component.
pub fn plot_bump(x: f64) -> crate::catalog::PlotInput {
    let mut v = vec![0.0; 2 * 49];
    v[24] = x;
    crate::catalog::PlotInput { form: None, params: serde_json::json!({}), inputs: vec![("pred", crate::eval::HostTensor::from_f64(vec![1, 2, 7, 7], v))], wrt: "pred", index: 24 }
}

/// Checks shared by the MONAI regularizers: reference cases; the value on the quadratic field
/// `u_x = a x^2 + b x y`, `u_y = c y^2` (6 x 7 grid, a = 0.3, b = -0.7, c = 0.5) against
/// `want(h, w, a, b, c)`; gradients; reductions (each spatial size shrinks by 2); extremes; bad
/// inputs.
#[cfg(test)]
pub fn check_field_entry(id: &str, want: fn(usize, usize, f64, f64, f64) -> f64) {
    use serde_json::json;

    use crate::ErrorKind;
    use crate::testing::*;

    assert_cases_pass(id);
    let (h, w) = (6usize, 7usize);
    let (a, b, cc) = (0.3, -0.7, 0.5);
    let mut v = vec![0.0; 2 * h * w];
    for i in 0..h {
        for j in 0..w {
            let (y, x) = (i as f64, j as f64);
            v[i * w + j] = a * x * x + b * x * y;
            v[h * w + i * w + j] = cc * y * y;
        }
    }
    let ev = eval64(id, None, &params(json!({})), &inputs(vec![("pred", f(&[1, 2, h, w], &v))]));
    let expected = want(h, w, a, b, cc);
    assert!((ev.loss.floats[0] - expected).abs() < 1e-12, "{id}: {:?} vs {expected}", ev.loss.floats);

    for (shape, normalize) in [(vec![1, 1, 7], false), (vec![2, 2, 6, 7], true), (vec![1, 3, 5, 6, 5], false), (vec![1, 3, 5, 6, 5], true)] {
        assert_gradcheck(id, None, &params(json!({"normalize": normalize, "reduction": "sum"})), &inputs(vec![("pred", randn(&shape, 4, 1.0))]));
    }

    let x = inputs(vec![("pred", randn(&[2, 2, 7, 8], 1, 1.0))]);
    let none = eval64(id, None, &params(json!({"reduction": "none"})), &x);
    assert_eq!(none.loss.shape, vec![2, 2, 5, 6]);
    let mean = eval64(id, None, &params(json!({})), &x).loss.floats[0];
    assert!((mean - none.loss.floats.iter().sum::<f64>() / none.loss.floats.len() as f64).abs() < 1e-12);
    for scale in [1e-12, 1e12] {
        assert_finite(id, None, &params(json!({"normalize": true})), &inputs(vec![("pred", randn(&[1, 2, 7, 7], 2, scale))]));
    }
    let p = params(json!({}));
    assert_error(id, None, &p, &inputs(vec![("pred", randn(&[1, 3, 7, 7], 1, 1.0))]), ErrorKind::Shape);
    assert_error(id, None, &p, &inputs(vec![("pred", randn(&[1, 2, 7, 2], 1, 1.0))]), ErrorKind::Shape);
    assert_error(id, None, &p, &inputs(vec![("pred", randn(&[2, 7], 1, 1.0))]), ErrorKind::Shape);
    assert_error(id, None, &p, &inputs(vec![("pred", f(&[0, 2, 7, 7], &[]))]), ErrorKind::Empty);
    assert_error(id, None, &p, &inputs(vec![("pred", i(&[1, 1, 7], &[0; 7]))]), ErrorKind::DType);
    assert_error(id, None, &params(json!({"normalize": "yes"})), &x, ErrorKind::Param);
}
