//! Time-domain signal ratios shared by the audio separation losses (`snr`, `si-snr`, `sdsdr`,
//! `sa-sdr`, `pit`): zero-mean, energies along time, decibels, and the two conventions of the
//! reference libraries (auraloss adds `eps` to the noise energy and inside the log; torchmetrics
//! adds the dtype's machine epsilon to numerator and denominator).
//!
//! Every function takes signals as `[signals, time]` (or `[groups, sources, time]`) and returns the
//! RATIO in decibels per signal (a metric, larger is better); the entries negate it.

use burn::tensor::{DType, Tensor};

use crate::numerics::{host_f64, ints_like, tensor_like, vectors};

/// `torch.finfo(dtype).eps` of a tensor's float dtype (torchmetrics' stabilizer).
pub fn machine_eps<const D: usize>(x: &Tensor<D>) -> f64 {
    match x.dtype() {
        DType::F64 => f64::EPSILON,
        DType::F16 => 9.765625e-4,
        DType::BF16 => 7.8125e-3,
        _ => f32::EPSILON as f64,
    }
}

/// Subtracts each signal's mean over the last axis.
pub fn zero_mean<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    let mean = x.clone().mean_dim(D - 1);
    x - mean
}

/// `10 log10(x)`.
pub fn decibels<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    x.log().mul_scalar(10.0 / std::f64::consts::LN_10)
}

/// Energy along the last axis, `[m, t] -> [m]`.
fn energy(x: Tensor<2>) -> Tensor<1> {
    let m = x.dims()[0];
    x.square().sum_dim(1).reshape([m])
}

fn dot(x: Tensor<2>, y: Tensor<2>) -> Tensor<1> {
    let m = x.dims()[0];
    (x * y).sum_dim(1).reshape([m])
}

/// auraloss' ratio `10 log10(signal / (noise + eps) + eps)` per signal.
fn auraloss_db(signal: Tensor<1>, noise: Tensor<1>, eps: f64) -> Tensor<1> {
    decibels((signal / noise.add_scalar(eps)).add_scalar(eps))
}

/// auraloss `SNRLoss` before negation: `10 log10(|y|^2 / (|x - y|^2 + eps) + eps)`.
pub fn snr_auraloss(x: Tensor<2>, y: Tensor<2>, zero: bool, eps: f64) -> Tensor<1> {
    let (x, y) = if zero { (zero_mean(x), zero_mean(y)) } else { (x, y) };
    auraloss_db(energy(y.clone()), energy(x - y), eps)
}

/// auraloss `SISDRLoss` (`scaled_noise = true`) or `SDSDRLoss` (`false`) before negation:
/// `alpha = <x, y> / (|y|^2 + eps)`, `10 log10(|alpha y|^2 / (|x - r|^2 + eps) + eps)` with
/// `r = alpha y` for SI-SDR and `r = y` (the unscaled target) for SD-SDR.
pub fn sdr_auraloss(x: Tensor<2>, y: Tensor<2>, zero: bool, eps: f64, scaled_noise: bool) -> Tensor<1> {
    let (x, y) = if zero { (zero_mean(x), zero_mean(y)) } else { (x, y) };
    let m = x.dims()[0];
    let alpha = (dot(x.clone(), y.clone()) / energy(y.clone()).add_scalar(eps)).reshape([m, 1]);
    let scaled = y.clone() * alpha;
    let noise = if scaled_noise { energy(x - scaled.clone()) } else { energy(x - y) };
    auraloss_db(energy(scaled), noise, eps)
}

/// torchmetrics `signal_noise_ratio`: `10 log10((|y|^2 + eps) / (|y - x|^2 + eps))`, eps the
/// machine epsilon of the dtype.
pub fn snr_torchmetrics(x: Tensor<2>, y: Tensor<2>, zero: bool) -> Tensor<1> {
    let eps = machine_eps(&x);
    let (x, y) = if zero { (zero_mean(x), zero_mean(y)) } else { (x, y) };
    decibels(energy(y.clone()).add_scalar(eps) / energy(y - x).add_scalar(eps))
}

/// torchmetrics `scale_invariant_signal_distortion_ratio`: `alpha = (<x, y> + eps) / (|y|^2 + eps)`,
/// `10 log10((|alpha y|^2 + eps) / (|alpha y - x|^2 + eps))`.
pub fn si_sdr_torchmetrics(x: Tensor<2>, y: Tensor<2>, zero: bool) -> Tensor<1> {
    let eps = machine_eps(&x);
    let (x, y) = if zero { (zero_mean(x), zero_mean(y)) } else { (x, y) };
    let m = x.dims()[0];
    let alpha = (dot(x.clone(), y.clone()).add_scalar(eps) / energy(y.clone()).add_scalar(eps)).reshape([m, 1]);
    let scaled = y * alpha;
    decibels(energy(scaled.clone()).add_scalar(eps) / energy(scaled - x).add_scalar(eps))
}

/// torchmetrics `source_aggregated_signal_distortion_ratio` on `[groups, sources, time]`: one
/// scale shared by all sources of a group (when `scale_invariant`), energies summed over sources
/// and time; one value per group.
pub fn sa_sdr_torchmetrics(x: Tensor<3>, y: Tensor<3>, scale_invariant: bool, zero: bool) -> Tensor<1> {
    let eps = machine_eps(&x);
    let (x, y) = if zero { (zero_mean(x), zero_mean(y)) } else { (x, y) };
    let g = x.dims()[0];
    let total = |t: Tensor<3>| t.sum_dim(2).sum_dim(1).reshape([g]);
    let y = if scale_invariant {
        let alpha = total(x.clone() * y.clone()).add_scalar(eps) / total(y.clone().square()).add_scalar(eps);
        y * alpha.reshape([g, 1, 1])
    } else {
        y
    };
    decibels(total(y.clone().square()).add_scalar(eps) / total((y - x).square()).add_scalar(eps))
}

/// Solves `A x = b` (row-major `n x n`) by Gaussian elimination with partial pivoting, in f64.
fn solve_dense(mut a: Vec<f64>, mut b: Vec<f64>, n: usize) -> Vec<f64> {
    for col in 0..n {
        let piv = (col..n).max_by(|&i, &j| a[i * n + col].abs().total_cmp(&a[j * n + col].abs())).expect("non-empty");
        if piv != col {
            for k in 0..n {
                a.swap(col * n + k, piv * n + k);
            }
            b.swap(col, piv);
        }
        let d = a[col * n + col];
        for r in col + 1..n {
            let f = a[r * n + col] / d;
            if f != 0.0 {
                for k in col..n {
                    a[r * n + k] -= f * a[col * n + k];
                }
                b[r] -= f * b[col];
            }
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let mut acc = b[r];
        for k in r + 1..n {
            acc -= a[r * n + k] * x[k];
        }
        x[r] = acc / a[r * n + r];
    }
    x
}

/// torchmetrics `signal_distortion_ratio(preds, target, filter_length, zero_mean, load_diag)`
/// per signal `[m, T]`: unit-norm signals (norm clamped at 1e-6), circular auto- and
/// cross-correlations of length `min(L, n_fft)` over `n_fft = 2^ceil(log2(2T - 1))` points (what
/// the zero-padded FFTs compute), the Toeplitz system `R h = b` solved on the host, coherence
/// `c = b.h` and `10 log10(c / (1 - c))`.
///
/// The solve is differentiated implicitly: with `h` fixed, `2 h.b - h^T R h` equals `b.h` and
/// has the exact gradient of `b^T R^{-1} b` (`2h` for `b`, `-h h^T` for `R`).
pub fn sdr_torchmetrics(x: Tensor<2>, y: Tensor<2>, filter_length: usize, zero: bool, load_diag: Option<f64>) -> Tensor<1> {
    let (x, y) = if zero { (zero_mean(x), zero_mean(y)) } else { (x, y) };
    let [m, t] = x.dims();
    let y = y.clone() / vectors::l2_norm(y, 1).clamp_min(1e-6);
    let x = x.clone() / vectors::l2_norm(x, 1).clamp_min(1e-6);
    let n_fft = (2 * t - 1).next_power_of_two();
    let l = filter_length.min(n_fft);
    // Circular correlation sum_t y[t] z[(t + k) mod n_fft] with z zero-padded to n_fft.
    let mut idx = Vec::with_capacity(l * t);
    for k in 0..l {
        for tt in 0..t {
            idx.push(((tt + k) % n_fft) as i64);
        }
    }
    let corr = |z: Tensor<2>| {
        let padded = if n_fft > t { Tensor::cat(vec![z.clone(), crate::numerics::full_like(&z, [m, n_fft - t], 0.0)], 1) } else { z };
        let shifted = padded.select(1, ints_like(&y, idx.clone(), [l * t])).reshape([m, l, t]);
        (shifted * y.clone().reshape([m, 1, t])).sum_dim(2).reshape([m, l])
    };
    let mut r = corr(y.clone());
    let b = corr(x);
    if let Some(d) = load_diag {
        let mut e = vec![0.0; l];
        e[0] = d;
        r = r + tensor_like(&y, e, [1, l]);
    }
    let (rh, bh) = (host_f64(&r), host_f64(&b));
    let (mut hs, mut cs) = (Vec::with_capacity(m * l), Vec::with_capacity(m * l));
    for i in 0..m {
        let rr = &rh[i * l..(i + 1) * l];
        let mut a = vec![0.0; l * l];
        for j in 0..l {
            for k in 0..l {
                a[j * l + k] = rr[j.abs_diff(k)];
            }
        }
        let h = solve_dense(a, bh[i * l..(i + 1) * l].to_vec(), l);
        // h^T R h = sum_k c_k r_k with c_0 = |h|^2 and c_k = 2 sum_j h_j h_{j+k}.
        for k in 0..l {
            let s: f64 = (0..l - k).map(|j| h[j] * h[j + k]).sum();
            cs.push(if k == 0 { s } else { 2.0 * s });
        }
        hs.extend(h);
    }
    let h = tensor_like(&b, hs, [m, l]);
    let c = tensor_like(&b, cs, [m, l]);
    let coh = ((b * h).sum_dim(1).mul_scalar(2.0) - (r * c).sum_dim(1)).reshape([m]);
    let one_minus = coh.clone().neg().add_scalar(1.0);
    decibels(coh / one_minus)
}
