//! Windowed image statistics shared by SSIM, MS-SSIM and their variants: 1-D window taps as the
//! reference libraries build them (several compute the Gaussian in float32 and cast it to the
//! input's dtype, which we reproduce so float64 results agree to ~1e-16), separable valid
//! correlation along any axis, reflect padding, and the five local moments
//! `E[x], E[y], E[x^2], E[y^2], E[xy]` in one pass over the concatenated maps.
//!
//! Every 2-D window used by these libraries is the outer product of 1-D windows, so filtering
//! along each spatial axis in turn equals their 2-D convolution up to rounding.

use burn::tensor::Tensor;

use crate::error::LossError;

/// How a library samples its Gaussian window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GaussianStyle {
    /// pytorch-msssim `_fspecial_gauss_1d`: positions `i - size // 2` (plus 1/2 for even sizes,
    /// as kornia's sampling), `exp(-x^2 / (2 sigma^2))`, normalized, all in float32.
    Float32,
    /// torchmetrics / MONAI `_gaussian` and kornia `gaussian` (same values for odd sizes):
    /// positions `(1 - size) / 2 + i`, `exp(-(x / sigma)^2 / 2)`, normalized, in the input's
    /// dtype (float64 here).
    Float64,
}

/// Normalized Gaussian taps of a window of `size` samples.
pub fn gaussian_taps(size: usize, sigma: f64, style: GaussianStyle) -> Vec<f64> {
    match style {
        GaussianStyle::Float32 => {
            let half = (size / 2) as f32;
            let even = if size % 2 == 0 { 0.5f32 } else { 0.0 };
            let denom = (2.0 * sigma * sigma) as f32;
            let g: Vec<f32> = (0..size)
                .map(|i| {
                    let x = i as f32 - half + even;
                    (-(x * x) / denom).exp()
                })
                .collect();
            // torch's vectorized float32 sum of a short window rounds like the exact sum rounded
            // once (checked against pytorch-msssim's 11-tap window); a sequential float32 sum
            // does not.
            let sum = g.iter().map(|&v| v as f64).sum::<f64>() as f32;
            g.iter().map(|v| (v / sum) as f64).collect()
        }
        GaussianStyle::Float64 => {
            let g: Vec<f64> = (0..size)
                .map(|i| {
                    let x = (1.0 - size as f64) / 2.0 + i as f64;
                    (-(x / sigma).powi(2) / 2.0).exp()
                })
                .collect();
            let sum: f64 = g.iter().sum();
            g.iter().map(|v| v / sum).collect()
        }
    }
}

/// Uniform taps `1 / size`.
pub fn uniform_taps(size: usize) -> Vec<f64> {
    vec![1.0 / size as f64; size]
}

/// Valid cross-correlation of `x` with `taps` along `axis` (the axis shrinks by `taps - 1`).
/// The caller checks that the axis is at least as long as the window.
pub fn filter_axis<const D: usize>(x: Tensor<D>, axis: usize, taps: &[f64]) -> Tensor<D> {
    let n = x.dims()[axis];
    let out = n + 1 - taps.len();
    let mut acc: Option<Tensor<D>> = None;
    for (i, &w) in taps.iter().enumerate() {
        let term = x.clone().narrow(axis, i, out).mul_scalar(w);
        acc = Some(match acc {
            None => term,
            Some(a) => a + term,
        });
    }
    acc.expect("a window has at least one tap")
}

/// Reflect padding (`F.pad(mode="reflect")`, edge not repeated) of `before` / `after` samples
/// along `axis`; both must be smaller than the axis.
pub fn reflect_pad<const D: usize>(x: Tensor<D>, axis: usize, before: usize, after: usize) -> Tensor<D> {
    let n = x.dims()[axis];
    let mut parts = vec![];
    if before > 0 {
        parts.push(x.clone().narrow(axis, 1, before).flip([axis]));
    }
    parts.push(x.clone());
    if after > 0 {
        parts.push(x.narrow(axis, n - 1 - after, after).flip([axis]));
    }
    if parts.len() == 1 { parts.pop().expect("one part") } else { Tensor::cat(parts, axis) }
}

/// Checks a reflect padding is possible (PyTorch requires padding < size).
pub fn check_reflect(loss: &str, arg: &str, size: usize, pad: usize) -> Result<(), LossError> {
    if pad >= size {
        return Err(LossError::shape(loss, arg, format!("spatial size > {pad} for reflect padding by {pad}"), format!("{size}")));
    }
    Ok(())
}

/// Local moments of two images under a separable window.
#[derive(Debug, Clone)]
pub struct Moments<const D: usize> {
    pub mu_x: Tensor<D>,
    pub mu_y: Tensor<D>,
    pub xx: Tensor<D>,
    pub yy: Tensor<D>,
    pub xy: Tensor<D>,
}

/// Filters `x`, `y`, `x^2`, `y^2` and `x y` (batch axis 0) with `windows`, a list of
/// `(axis, taps)` applied in order (valid correlation).
pub fn local_moments<const D: usize>(x: Tensor<D>, y: Tensor<D>, windows: &[(usize, Vec<f64>)]) -> Moments<D> {
    let b = x.dims()[0];
    let stacked = Tensor::cat(vec![x.clone(), y.clone(), x.clone() * x.clone(), y.clone() * y.clone(), x * y], 0);
    let mut f = stacked;
    for (axis, taps) in windows {
        f = filter_axis(f, *axis, taps);
    }
    let part = |k: usize| f.clone().narrow(0, k * b, b);
    Moments { mu_x: part(0), mu_y: part(1), xx: part(2), yy: part(3), xy: part(4) }
}

/// Mean over every axis but the first `keep` ones, as a `[prod(kept dims)]` tensor.
pub fn mean_trailing<const D: usize>(x: Tensor<D>, keep: usize) -> Tensor<1> {
    let dims = x.dims();
    let m: usize = dims[..keep].iter().product();
    let r: usize = dims[keep..].iter().product();
    x.reshape([m, r]).mean_dim(1).reshape([m])
}

/// `x.max()` over the whole tensor with torch's gradient rule: split evenly between tied maxima.
/// (`x.min()` is `-full_max(-x)`.)
pub fn full_max<const D: usize>(x: Tensor<D>) -> Tensor<1> {
    let n = x.dims().iter().product::<usize>();
    let flat = x.reshape([n]);
    let m = flat.clone().detach().max();
    let w = super::mask_to_float(flat.clone().equal(m.expand([n])), &flat);
    let count = w.clone().sum();
    (flat * w).sum() / count
}

/// 2x average pooling along `axis` (`avg_pool` with kernel and stride 2): output `k` averages
/// inputs `2k` and `2k + 1`, dropping a last odd sample; with `pad_odd`, an odd axis is first
/// zero-padded by one sample in front and the zero counts in the average (PyTorch's
/// `padding=1, count_include_pad=True`, as pytorch-msssim pools odd sizes).
pub fn pair_pool<const D: usize>(x: Tensor<D>, axis: usize, pad_odd: bool) -> Tensor<D> {
    let n = x.dims()[axis];
    let (out, offset) = if pad_odd && n % 2 == 1 { ((n + 1) / 2, 1usize) } else { (n / 2, 0) };
    let mut m = vec![0.0; n * out];
    for k in 0..out {
        for j in [2 * k, 2 * k + 1] {
            if j >= offset && j - offset < n {
                m[(j - offset) * out + k] = 0.5;
            }
        }
    }
    let pool: Tensor<2> = super::tensor_like(&x, m, [n, out]);
    let xs = x.swap_dims(axis, D - 1);
    let sd = xs.dims();
    let rows: usize = sd[..D - 1].iter().product();
    let mut nd = sd;
    nd[D - 1] = out;
    xs.reshape([rows, n]).matmul(pool).reshape(nd).swap_dims(axis, D - 1)
}
