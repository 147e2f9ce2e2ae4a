//! Numerically stable primitives shared by every loss: dtype-preserving constants, stable
//! log-sigmoid / softplus / log-sum-exp, reductions, masks and host read-back for validation.
//!
//! burn panics when two operands have different float dtypes (f32 + f64), and creation
//! functions use the device's default dtype (f32). Every constant a loss creates therefore goes
//! through the `*_like` helpers here, which copy dtype and device from an input.

pub mod adversarial;
pub mod anchored;
pub mod audio_signal;
pub mod audio_stft;
pub mod axes;
pub mod box_geometry;
pub mod contrastive;
pub mod cpo;
pub mod ddf;
pub mod distance;
pub mod distill;
pub mod elementwise;
pub mod focal;
pub mod groups;
pub mod inputs;
pub mod kernel_norm;
pub mod margin_softmax;
pub mod monai_overlap;
pub mod morphology;
pub mod onehot;
pub mod overlap;
pub mod pairs;
pub mod pml_lists;
pub mod pml_pairs;
pub mod policy;
pub mod pooling;
pub mod preference;
mod reduce;
pub mod registration;
pub mod simplex;
pub mod special;
pub mod ssim_window;
pub mod vectors;


pub use reduce::{LossTensor, Reduction, reduce, reduce_with_denominator};

use burn::tensor::{Bool, DType, Int, Tensor, TensorData};

use crate::error::{LossError, fmt_shape};

/// A tensor of `shape` filled with `value`, with the dtype and device of `like`.
pub fn full_like<const D: usize, const E: usize>(like: &Tensor<E>, shape: [usize; D], value: f64) -> Tensor<D> {
    Tensor::full(shape, value, (&like.device(), like.dtype()))
}

/// A tensor from host values, with the dtype and device of `like`.
pub fn tensor_like<const D: usize, const E: usize>(like: &Tensor<E>, data: Vec<f64>, shape: [usize; D]) -> Tensor<D> {
    Tensor::<D>::from_data(TensorData::new(data, shape), (&like.device(), DType::F64)).cast(like.dtype())
}

/// Integer tensor from host values on the device of `like`.
pub fn ints_like<const D: usize, const E: usize>(like: &Tensor<E>, data: Vec<i64>, shape: [usize; D]) -> Tensor<D, Int> {
    Tensor::from_data(TensorData::new(data, shape), &like.device())
}

/// Integer (or label) tensor to floats in the dtype of `like`.
pub fn int_to_float<const D: usize, const E: usize>(t: Tensor<D, Int>, like: &Tensor<E>) -> Tensor<D> {
    t.float().cast(like.dtype())
}

/// Boolean mask to 0/1 floats in the dtype of `like`.
pub fn mask_to_float<const D: usize, const E: usize>(t: Tensor<D, Bool>, like: &Tensor<E>) -> Tensor<D> {
    t.float().cast(like.dtype())
}

/// Host copy of a float tensor (forces a device sync; use for validation only).
pub fn host_f64<const D: usize>(t: &Tensor<D>) -> Vec<f64> {
    t.clone()
        .inner()
        .into_data()
        .convert::<f64>()
        .try_into_vec::<f64>()
        .expect("converted data has f64 elements")
}

/// Host copy of an integer tensor.
pub fn host_i64<const D: usize>(t: &Tensor<D, Int>) -> Vec<i64> {
    t.clone().into_data().convert::<i64>().try_into_vec::<i64>().expect("converted data has i64 elements")
}

/// `log(sigmoid(x))`, stable for any |x| and with the exact derivative `sigmoid(-x)` everywhere
/// (also at 0, where a `min(x, 0) - log1p(exp(-|x|))` form would pick a one-sided gradient):
/// `-log1p(exp(-x))` for `x >= 0` and `x - log1p(exp(x))` for `x < 0`, each branch evaluated
/// on inputs clamped to its own side so that neither overflows.
pub fn log_sigmoid<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    let nonneg = x.clone().greater_equal_elem(0.0);
    let xp = x.clone().clamp_min(0.0);
    let xn = x.clamp_max(0.0);
    let upper = xp.neg().exp().log1p().neg();
    let lower = xn.clone() - xn.exp().log1p();
    lower.mask_where(nonneg, upper)
}

/// `log(1 + exp(x))` = `-log_sigmoid(-x)`, stable and with the exact derivative everywhere.
pub fn softplus<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    log_sigmoid(x.neg()).neg()
}

/// `sigmoid(x)` computed as `exp(log_sigmoid(x))` so it is exact in both tails.
pub fn sigmoid<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    log_sigmoid(x).exp()
}

/// Log-sum-exp along `dim`, keeping the dimension. The shift by the (detached) maximum makes it
/// stable; rows that are entirely `-inf` give `-inf`.
pub fn logsumexp<const D: usize>(x: Tensor<D>, dim: usize) -> Tensor<D> {
    let m = x.clone().detach().max_dim(dim);
    // A row of -inf would give -inf - -inf = NaN; shift such rows by 0 instead.
    let m = m.clone().mask_fill(m.is_inf(), 0.0);
    (x - m.clone()).exp().sum_dim(dim).log() + m
}

/// `log_softmax` along `dim` via [`logsumexp`].
pub fn log_softmax<const D: usize>(x: Tensor<D>, dim: usize) -> Tensor<D> {
    x.clone() - logsumexp(x, dim)
}

/// `softmax` along `dim`, as `exp(log_softmax)`.
pub fn softmax<const D: usize>(x: Tensor<D>, dim: usize) -> Tensor<D> {
    log_softmax(x, dim).exp()
}

/// PyTorch's `relu`: `max(x, 0)` with a zero gradient at exactly 0 (burn's `clamp_min` passes
/// the gradient there).
pub fn relu<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    let off = x.clone().lower_equal_elem(0.0);
    x.mask_fill(off, 0.0)
}

/// `x * log(y)` with the convention `0 * log(0) = 0` (torch.xlogy semantics for x = 0).
pub fn xlogy<const D: usize>(x: Tensor<D>, y: Tensor<D>) -> Tensor<D> {
    let zero = x.clone().equal_elem(0.0);
    let safe_y = y.mask_fill(zero.clone(), 1.0);
    (x * safe_y.log()).mask_fill(zero, 0.0)
}

/// Applies `f` to every element of `x` on the host (testing and validation helper).
pub fn map_host(values: &[f64], f: impl Fn(f64) -> f64) -> Vec<f64> {
    values.iter().map(|&v| f(v)).collect()
}

// ---------------------------------------------------------------------------------------------
// Validation helpers: each returns a LossError naming the loss and the argument.
// ---------------------------------------------------------------------------------------------

/// Shapes must be equal.
pub fn same_shape(loss: &str, arg: &str, found: &[usize], other: &str, expected: &[usize]) -> Result<(), LossError> {
    if found != expected {
        return Err(LossError::shape(
            loss,
            arg,
            format!("shape {} (the shape of {other})", fmt_shape(expected)),
            fmt_shape(found),
        ));
    }
    Ok(())
}

/// The tensor must not be empty along any axis.
pub fn non_empty(loss: &str, arg: &str, shape: &[usize]) -> Result<(), LossError> {
    if shape.contains(&0) {
        return Err(LossError::empty(loss, arg, format!("a non-empty tensor, got shape {}", fmt_shape(shape))));
    }
    Ok(())
}

/// Every value must be finite (not NaN or infinite).
pub fn finite_values(loss: &str, arg: &str, values: &[f64]) -> Result<(), LossError> {
    if let Some(v) = values.iter().find(|v| !v.is_finite()) {
        return Err(LossError::value(loss, arg, "finite values", format!("{v}")));
    }
    Ok(())
}

/// Labels in `[0, classes)`, except those equal to `ignore` (if given).
pub fn labels_in_range(loss: &str, arg: &str, labels: &[i64], classes: usize, ignore: Option<i64>) -> Result<(), LossError> {
    if let Some(&bad) = labels.iter().find(|&&l| Some(l) != ignore && (l < 0 || l >= classes as i64)) {
        let extra = match ignore {
            Some(i) => format!(" or ignore_index {i}"),
            None => String::new(),
        };
        return Err(LossError::value(loss, arg, format!("class indices in [0, {}){extra}", classes), format!("{bad}")));
    }
    Ok(())
}

/// A finite hyperparameter.
pub fn finite_param(loss: &str, name: &str, v: f64) -> Result<f64, LossError> {
    if !v.is_finite() {
        return Err(LossError::param(loss, name, "a finite number", format!("{v}")));
    }
    Ok(v)
}

/// A hyperparameter `>= 0`.
pub fn non_negative_param(loss: &str, name: &str, v: f64) -> Result<f64, LossError> {
    if !(v >= 0.0) || !v.is_finite() {
        return Err(LossError::param(loss, name, "a finite number >= 0", format!("{v}")));
    }
    Ok(v)
}

/// A hyperparameter `> 0`.
pub fn positive_param(loss: &str, name: &str, v: f64) -> Result<f64, LossError> {
    if !(v > 0.0) || !v.is_finite() {
        return Err(LossError::param(loss, name, "a finite number > 0", format!("{v}")));
    }
    Ok(v)
}

/// A hyperparameter in `[lo, hi]`.
pub fn param_in(loss: &str, name: &str, v: f64, lo: f64, hi: f64) -> Result<f64, LossError> {
    if !(v >= lo && v <= hi) {
        return Err(LossError::param(loss, name, format!("a number in [{lo}, {hi}]"), format!("{v}")));
    }
    Ok(v)
}

/// Per-class weights: `classes` finite non-negative numbers.
pub fn class_weights(loss: &str, name: &str, w: &[f64], classes: usize) -> Result<(), LossError> {
    if w.len() != classes {
        return Err(LossError::shape(loss, name, format!("{classes} values (one per class)"), format!("{} values", w.len())));
    }
    if let Some(bad) = w.iter().find(|x| !x.is_finite() || **x < 0.0) {
        return Err(LossError::param(loss, name, "finite non-negative weights", format!("{bad}")));
    }
    Ok(())
}

/// Checks that `shape` broadcasts to `target` (after left-padding with ones, every dimension
/// equal or 1) and returns the padded shape as an array of rank `D`.
pub fn broadcast_shape<const D: usize>(loss: &str, arg: &str, shape: &[usize], target: &[usize]) -> Result<[usize; D], LossError> {
    let bad = || LossError::shape(loss, arg, format!("a shape that broadcasts to {}", fmt_shape(target)), fmt_shape(shape));
    if shape.len() > D || target.len() != D {
        return Err(bad());
    }
    let mut out = [1usize; D];
    out[D - shape.len()..].copy_from_slice(shape);
    if out.iter().zip(target).any(|(a, b)| *a != *b && *a != 1) {
        return Err(bad());
    }
    Ok(out)
}

/// Host values (e.g. a per-class parameter list) as a tensor broadcast along the last axis of
/// a rank-`D` tensor like `like`: shape `[1, ..., 1, len]`.
pub fn last_axis_like<const D: usize>(like: &Tensor<D>, values: Vec<f64>) -> Tensor<D> {
    let mut shape = [1usize; D];
    shape[D - 1] = values.len();
    tensor_like(like, values, shape)
}

#[cfg(test)]
mod tests {
    use burn::tensor::{DType, Device, Tensor, TensorData};

    fn grad_of(f: impl Fn(Tensor<1>) -> Tensor<1>, xs: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let dev = Device::flex().autodiff();
        let x = Tensor::<1>::from_data(TensorData::new(xs.to_vec(), [xs.len()]), (&dev, DType::F64)).require_grad();
        let y = f(x.clone());
        let g = y.clone().sum().backward();
        (super::host_f64(&y), super::host_f64(&x.grad(&g).unwrap()))
    }

    #[test]
    fn log_sigmoid_is_exact_in_value_and_derivative() {
        let xs = [-1e4, -50.0, -1.0, 0.0, 1.0, 50.0, 1e4];
        let (v, g) = grad_of(super::log_sigmoid, &xs);
        for ((x, v), g) in xs.iter().zip(v).zip(g) {
            let want = if *x >= 0.0 { -(-x).exp().ln_1p() } else { x - x.exp().ln_1p() };
            let dwant = 1.0 / (1.0 + x.exp());
            assert!((v - want).abs() <= 1e-12 * want.abs().max(1.0), "log_sigmoid({x}) = {v}, want {want}");
            assert!((g - dwant).abs() <= 1e-12, "d log_sigmoid({x}) = {g}, want {dwant}");
        }
        let (_, g) = grad_of(super::softplus, &[0.0]);
        assert!((g[0] - 0.5).abs() < 1e-15);
    }

    #[test]
    fn no_div_scalar_in_the_crate() {
        // burn 0.22.1 computes div_scalar's backward with an f32 reciprocal (about 1e-8 relative
        // error in f64 gradients); the crate multiplies by the reciprocal instead.
        fn walk(dir: &std::path::Path, bad: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, bad);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    for (n, line) in std::fs::read_to_string(&p).unwrap().lines().enumerate() {
                        let code = line.split("//").next().unwrap_or("");
                        if code.contains(&[".div", "_scalar("].concat()) {
                            bad.push(format!("{}:{}", p.display(), n + 1));
                        }
                    }
                }
            }
        }
        let mut bad = vec![];
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut bad);
        assert!(bad.is_empty(), "use mul_scalar(1.0 / c) instead of div_scalar: {bad:?}");
    }

    #[test]
    fn logsumexp_handles_large_and_infinite_rows() {
        let dev = Device::flex();
        let x = Tensor::<2>::from_data(TensorData::new(vec![1e4, 1e4, f64::NEG_INFINITY, f64::NEG_INFINITY], [2, 2]), (&dev, DType::F64));
        let v = super::host_f64(&super::logsumexp(x, 1));
        assert!((v[0] - (1e4 + 2f64.ln())).abs() < 1e-9);
        assert_eq!(v[1], f64::NEG_INFINITY);
    }
}
