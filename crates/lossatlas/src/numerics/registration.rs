//! Image-similarity building blocks of the registration losses: MONAI's separable windowed sums
//! with zero padding and their window kernels (built in f32 as MONAI builds them), and kornia's
//! Parzen-window joint histogram with entropies.

use burn::tensor::Tensor;

use crate::error::LossError;
use crate::numerics;

/// The window weights of `monai.losses.LocalNormalizedCrossCorrelationLoss`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowKernel {
    Rectangular,
    Triangular,
    Gaussian,
}

impl WindowKernel {
    pub fn parse(loss: &str, s: &str) -> Result<Self, LossError> {
        match s {
            "rectangular" => Ok(WindowKernel::Rectangular),
            "triangular" => Ok(WindowKernel::Triangular),
            "gaussian" => Ok(WindowKernel::Gaussian),
            other => Err(LossError::param(loss, "kernel_type", "one of rectangular, triangular, gaussian", format!("{other:?}"))),
        }
    }

    /// The 1-D weights of an odd `size`, computed in f32 like MONAI (`torch.float` buffers that
    /// are later cast to the input dtype), returned as f64.
    /// - rectangular: ones;
    /// - triangular: a box of width `f` (`(size + 1) / 2`, made odd by subtracting one) of value
    ///   `1/f` correlated with itself and zero-padded to `size`;
    /// - gaussian: `exp(-x^2 / (2 sigma^2))`, `sigma = size / 3`, `x = -size/2 ..= size/2`.
    pub fn weights(self, size: usize) -> Vec<f64> {
        let half = size / 2;
        match self {
            WindowKernel::Rectangular => vec![1.0; size],
            WindowKernel::Triangular => {
                let mut f = size.div_ceil(2);
                if f % 2 == 0 {
                    f -= 1;
                }
                let v = 1.0f32 / f as f32;
                let vv = v * v;
                let pad = (size - f) / 2 + f / 2;
                // Output m of conv1d(f, f, padding=pad) overlaps the two boxes on this many cells.
                (0..2 * pad + 1)
                    .map(|m| {
                        let shift = m as i64 - pad as i64;
                        let overlap = (f as i64 - shift.abs()).max(0);
                        let mut s = 0.0f32;
                        for _ in 0..overlap {
                            s += vv;
                        }
                        s as f64
                    })
                    .collect()
            }
            WindowKernel::Gaussian => {
                let sigma = size as f64 / 3.0;
                let c = (-0.5 / (sigma * sigma)) as f32;
                (0..size).map(|i| {
                    let x = i as f32 - half as f32;
                    (c * (x * x)).exp() as f64
                }).collect()
            }
        }
    }
}

/// MONAI's `kernel_vol`: the sum of the `ndim`-fold outer product of `w` with itself, in f32.
pub fn window_volume(w: &[f64], ndim: usize) -> f64 {
    let mut vol: Vec<f32> = w.iter().map(|&x| x as f32).collect();
    for _ in 1..ndim {
        vol = vol.iter().flat_map(|&a| w.iter().map(move |&b| a * b as f32)).collect();
    }
    // Summed in order in f32, which is what torch.sum gave on the MONAI reference cases (a
    // rounded exact sum moves the gradients by ~1e-6 relative through the S_p S_t / V term).
    vol.iter().fold(0.0f32, |a, &x| a + x) as f64
}

/// MONAI `separable_filtering(x, [w] * ndim)` with zero padding: along every spatial axis
/// (from 2 on) `out[i] = sum_j w[j] x[i + j - len/2]`, values outside the image being zero. The
/// output has the shape of `x`; `w` has odd length.
pub fn window_sum<const D: usize>(x: Tensor<D>, w: &[f64]) -> Tensor<D> {
    let half = w.len() / 2;
    let mut out = x;
    for d in 2..D {
        let dims = out.dims();
        let n = dims[d];
        let padded = if half > 0 {
            let mut pad_shape = dims;
            pad_shape[d] = half;
            let zeros = numerics::full_like(&out, pad_shape, 0.0);
            Tensor::cat(vec![zeros.clone(), out, zeros], d)
        } else {
            out
        };
        let mut acc: Option<Tensor<D>> = None;
        for (j, &wj) in w.iter().enumerate() {
            if wj == 0.0 {
                continue;
            }
            let term = padded.clone().narrow(d, j, n).mul_scalar(wj);
            acc = Some(match acc.take() {
                Some(a) => a + term,
                None => term,
            });
        }
        out = acc.unwrap_or_else(|| padded.narrow(d, half, n).mul_scalar(0.0));
    }
    out
}

/// kornia `_normalize_signal`: each row min-max scaled onto the bin centres `[0, num_bins - 1]`;
/// a row whose range is not above `eps` becomes zeros with a zero gradient.
pub fn kornia_normalize(x: Tensor<2>, num_bins: usize, eps: f64) -> Tensor<2> {
    let lo = x.clone().min_dim(1);
    let hi = x.clone().max_dim(1);
    let diff = hi - lo.clone();
    let trivial = diff.clone().lower_equal_elem(eps);
    let safe = diff.mask_where(trivial.clone(), numerics::full_like(&lo, lo.dims(), 1.0));
    let scaled = ((x - lo) / safe).mul_scalar((num_bins - 1) as f64);
    let zeros = numerics::full_like(&scaled, scaled.dims(), 0.0);
    let keep = trivial.bool_not().expand(scaled.dims());
    zeros.mask_where(keep, scaled)
}

/// kornia's `MIKernel`: the weight a sample at distance `d` (in bin widths) gives a bin; zero
/// outside `|d| <= window_radius`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MiKernel {
    /// Xu et al. (2008), `u = |d| / r`: `1 - 0.1 u - 1.8 u^2` below 0.5, `1.9 - 3.7 u + 1.8 u^2` up to 1.
    Xu,
    /// 1 on the closed support (piecewise constant: no gradient).
    Rectangular,
    /// The normal density with standard deviation `r`, cut at `|d| = r`.
    TruncatedGaussian,
}

impl MiKernel {
    pub fn parse(loss: &str, s: &str) -> Result<Self, LossError> {
        match s {
            "xu" => Ok(MiKernel::Xu),
            "rectangular" => Ok(MiKernel::Rectangular),
            "truncated_gaussian" => Ok(MiKernel::TruncatedGaussian),
            other => Err(LossError::param(loss, "kernel_function", "one of xu, rectangular, truncated_gaussian", format!("{other:?}"))),
        }
    }

    pub fn apply<const D: usize>(self, d: Tensor<D>, r: f64) -> Tensor<D> {
        let zero = numerics::full_like(&d, d.dims(), 0.0);
        match self {
            MiKernel::Xu => {
                let u = d.abs().mul_scalar(1.0 / r);
                let inner = (u.clone() * u.clone().mul_scalar(-1.8).sub_scalar(0.1)).add_scalar(1.0);
                let outer = (u.clone() * u.clone().mul_scalar(1.8).sub_scalar(3.7)).add_scalar(1.9);
                let in_outer = u.clone().lower_equal_elem(1.0);
                let in_inner = u.lower_elem(0.5);
                zero.mask_where(in_outer, outer).mask_where(in_inner, inner)
            }
            MiKernel::Rectangular => numerics::mask_to_float(d.abs().lower_equal_elem(r), &zero),
            MiKernel::TruncatedGaussian => {
                let inside = d.clone().abs().lower_equal_elem(r);
                let z = d / numerics::full_like(&zero, [1; D], r);
                let g = (z.clone() * z).mul_scalar(-0.5).exp().mul_scalar(1.0 / (r * (2.0 * std::f64::consts::PI).sqrt()));
                zero.mask_where(inside, g)
            }
        }
    }
}

/// kornia's entropies `(H_x, H_y, H_xy)` of the Parzen joint histogram of rows `input` and
/// `target` (`[B, N]` each; results `[B]`): both signals normalised to `[0, num_bins - 1]`, the
/// histogram `sum_n k(i - t_n) k(j - x_n)` over bin centres `0..num_bins`, clamped below at
/// `eps`, normalised to sum 1; `H_x` is the entropy of the input marginal.
pub fn kornia_entropies(input: Tensor<2>, target: Tensor<2>, kernel: MiKernel, num_bins: usize, window_radius: f64) -> (Tensor<1>, Tensor<1>, Tensor<1>) {
    let [b, n] = input.dims();
    let eps = dtype_eps(&input);
    let centres = numerics::tensor_like(&input, (0..num_bins).map(|i| i as f64).collect(), [1, num_bins, 1]);
    let t = kornia_normalize(target, num_bins, eps).reshape([b, 1, n]);
    let x = kornia_normalize(input, num_bins, eps).reshape([b, 1, n]);
    let vt = kernel.apply(centres.clone() - t, window_radius); // [B, bins, N]
    let vx = kernel.apply(centres - x, window_radius);
    let joint = vt.matmul(vx.swap_dims(1, 2)).clamp_min(eps); // [B, target bin, input bin]
    let total = joint.clone().sum_dim(2).sum_dim(1);
    let p = joint / total;
    let p_x = p.clone().sum_dim(1); // [B, 1, bins]
    let p_y = p.clone().sum_dim(2); // [B, bins, 1]
    let ent = |q: Tensor<3>| (q.clone() * q.log()).sum_dim(2).sum_dim(1).reshape([b]).neg();
    (ent(p_x), ent(p_y), ent(p))
}

/// Options of kornia's `mutual_information_loss` / `normalized_mutual_information_loss`
/// (defaults are kornia's).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KdeConfig {
    pub kernel_function: MiKernel,
    pub num_bins: usize,
    pub window_radius: f64,
}

impl Default for KdeConfig {
    fn default() -> Self {
        KdeConfig { kernel_function: MiKernel::Xu, num_bins: 64, window_radius: 1.0 }
    }
}

/// Reads and checks kornia's options and the `pred` / `target` signals `(*, N)` of one shape:
/// returns the rows `[prod(*), N]` and the leading shape `*`.
pub fn read_kde(c: &crate::eval::Call) -> Result<(KdeConfig, Tensor<2>, Tensor<2>, Vec<usize>), LossError> {
    let loss = c.loss;
    match c.form() {
        None | Some("default") => {}
        Some(_) => return Err(c.unknown_form(&["default"])),
    }
    let num_bins = c.i64("num_bins", 64)?;
    if num_bins < 2 {
        return Err(LossError::param(loss, "num_bins", "an integer >= 2", num_bins.to_string()));
    }
    let window_radius = numerics::positive_param(loss, "window_radius", c.f64("window_radius", 1.0)?)?;
    if !window_radius.is_finite() {
        return Err(LossError::param(loss, "window_radius", "a finite positive number", window_radius.to_string()));
    }
    let kernel_function = MiKernel::parse(loss, c.str("kernel_function", "xu")?)?;
    let shape = numerics::inputs::check_float(c, "pred")?;
    let tshape = numerics::inputs::check_float(c, "target")?;
    numerics::same_shape(loss, "target", &tshape, "pred", &shape)?;
    if shape.is_empty() {
        return Err(LossError::shape(loss, "pred", "(*, N) signals", "a scalar"));
    }
    let lead = shape[..shape.len() - 1].to_vec();
    let rows = [lead.iter().product::<usize>(), shape[shape.len() - 1]];
    let pred = c.float_reshaped("pred", rows)?;
    let target = c.float_reshaped("target", rows)?;
    Ok((KdeConfig { kernel_function, num_bins: num_bins as usize, window_radius }, pred, target, lead))
}

/// Machine epsilon of the inputs' float dtype (`torch.finfo(dtype).eps`).
pub fn dtype_eps<const D: usize>(like: &Tensor<D>) -> f64 {
    match like.dtype() {
        burn::tensor::DType::F64 => f64::EPSILON,
        burn::tensor::DType::F16 => 0.0009765625,
        burn::tensor::DType::BF16 => 0.0078125,
        _ => f32::EPSILON as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernels_follow_monai() {
        assert_eq!(WindowKernel::Triangular.weights(3), vec![0.0, 1.0, 0.0]);
        let t5 = WindowKernel::Triangular.weights(5);
        let ninth = (1.0f32 / 3.0) * (1.0f32 / 3.0);
        assert_eq!(t5[0], ninth as f64);
        assert_eq!(t5.len(), 5);
        assert_eq!(WindowKernel::Triangular.weights(7)[0], 0.0);
        assert_eq!(WindowKernel::Gaussian.weights(3)[1], 1.0);
        assert_eq!(window_volume(&[1.0; 3], 3), 27.0);
    }
}
