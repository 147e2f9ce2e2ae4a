//! Time-domain signal ratios shared by the audio separation losses (`snr`, `si-snr`, `sdsdr`,
//! `sa-sdr`, `pit`): zero-mean, energies along time, decibels, and the two conventions of the
//! reference libraries (auraloss adds `eps` to the noise energy and inside the log; torchmetrics
//! adds the dtype's machine epsilon to numerator and denominator).
//!
//! Every function takes signals as `[signals, time]` (or `[groups, sources, time]`) and returns the
//! RATIO in decibels per signal (a metric, larger is better); the entries negate it.

use burn::tensor::{DType, Tensor};

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
