//! Short-time Fourier transforms without an FFT, for the spectral audio losses (`stft`,
//! `mel-stft`, `multi-resolution-stft`, `sum-and-difference-stft`, `jukebox-spectral`): frames
//! are gathered from the signal and multiplied by windowed cosine / sine DFT matrices, which
//! autodiff differentiates like any matmul.
//!
//! The transform is `torch.stft(x, n_fft, hop_length, win_length, window, center=True,
//! pad_mode='reflect', onesided=True)` as PyTorch computes it: the window (periodic, length
//! `win_length`) sits centred in the `n_fft` frame, the signal is reflect-padded by `n_fft / 2`
//! on both sides, and frame `j` starts at `j * hop`. The mel filterbank is librosa's
//! `filters.mel` (Slaney scale and area normalization, float32 weights) as auraloss uses it.

use std::f64::consts::PI;

use burn::tensor::Tensor;

use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, ints_like, tensor_like, vectors};

/// Analysis windows of `torch.*_window(win_length)` (periodic), named as auraloss names them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Window {
    Hann,
    Hamming,
    Blackman,
    Bartlett,
    /// `torch.kaiser_window(L)` with its default `beta = 12`.
    Kaiser,
}

impl Window {
    pub const NAMES: [&'static str; 5] = ["hann_window", "hamming_window", "blackman_window", "bartlett_window", "kaiser_window"];

    pub fn parse(loss: &str, s: &str) -> Result<Window, LossError> {
        Ok(match s {
            "hann_window" => Window::Hann,
            "hamming_window" => Window::Hamming,
            "blackman_window" => Window::Blackman,
            "bartlett_window" => Window::Bartlett,
            "kaiser_window" => Window::Kaiser,
            other => return Err(LossError::param(loss, "window", format!("one of {}", Window::NAMES.join(", ")), format!("{other:?}"))),
        })
    }

    /// The periodic window of length `l` (PyTorch: the symmetric window of length `l + 1`
    /// without its last point).
    pub fn values(self, l: usize) -> Vec<f64> {
        if l == 1 {
            return vec![1.0];
        }
        let n = l as f64;
        (0..l)
            .map(|k| {
                let k = k as f64;
                match self {
                    Window::Hann => 0.5 - 0.5 * (2.0 * PI * k / n).cos(),
                    Window::Hamming => 0.54 - 0.46 * (2.0 * PI * k / n).cos(),
                    Window::Blackman => 0.42 - 0.5 * (2.0 * PI * k / n).cos() + 0.08 * (4.0 * PI * k / n).cos(),
                    Window::Bartlett => 1.0 - (2.0 * k / n - 1.0).abs(),
                    Window::Kaiser => {
                        let alpha = n / 2.0;
                        let r = (k - alpha) / alpha;
                        bessel_i0(12.0 * (1.0 - r * r).max(0.0).sqrt()) / bessel_i0(12.0)
                    }
                }
            })
            .collect()
    }
}

/// Modified Bessel function of the first kind, order 0 (power series; converges for all x).
fn bessel_i0(x: f64) -> f64 {
    let q = x * x / 4.0;
    let (mut term, mut sum) = (1.0, 1.0);
    for k in 1..500 {
        term *= q / (k as f64 * k as f64);
        sum += term;
        if term < sum * 1e-17 {
            break;
        }
    }
    sum
}

/// One STFT resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StftSpec {
    pub n_fft: usize,
    pub hop: usize,
    pub win_length: usize,
    pub window: Window,
}

impl StftSpec {
    /// Rejects what `torch.stft` rejects (non-positive sizes, a window longer than the frame,
    /// reflect padding not shorter than the signal).
    pub fn validate(&self, loss: &str, len: usize) -> Result<(), LossError> {
        if self.n_fft == 0 {
            return Err(LossError::param(loss, "fft_size", "a positive FFT size", "0"));
        }
        if self.hop == 0 {
            return Err(LossError::param(loss, "hop_size", "a positive hop size", "0"));
        }
        if self.win_length == 0 || self.win_length > self.n_fft {
            return Err(LossError::param(loss, "win_length", format!("a window length in [1, fft_size = {}]", self.n_fft), self.win_length.to_string()));
        }
        if self.n_fft / 2 >= len {
            return Err(LossError::shape(loss, "estimate", format!("more than fft_size / 2 = {} samples (torch.stft's reflect padding)", self.n_fft / 2), format!("{len} samples")));
        }
        Ok(())
    }

    pub fn bins(&self) -> usize {
        self.n_fft / 2 + 1
    }

    pub fn frames(&self, len: usize) -> usize {
        1 + (len + 2 * (self.n_fft / 2) - self.n_fft) / self.hop
    }
}

/// `|STFT(x)|` of signals `[m, T]` as `[m, frames, bins]` (note: auraloss' layout is
/// `[m, bins, frames]`), with auraloss' magnitude `sqrt(max(re^2 + im^2, eps))`.
pub fn stft_magnitude(x: Tensor<2>, spec: &StftSpec, eps: f64) -> Tensor<3> {
    let [m, t] = x.dims();
    let (n, w, f) = (spec.n_fft, spec.win_length, spec.bins());
    let frames = spec.frames(t);
    let left = (n - w) / 2;
    let pad = (n / 2) as i64;
    let last = t as i64 - 1;
    // Sample index of every windowed frame position, through the reflect padding.
    let mut idx = Vec::with_capacity(frames * w);
    for j in 0..frames {
        for k in 0..w {
            let mut p = (j * spec.hop + left + k) as i64 - pad;
            if p < 0 {
                p = -p;
            }
            if p > last {
                p = 2 * last - p;
            }
            idx.push(p);
        }
    }
    let win = spec.window.values(w);
    let (mut cos, mut sin) = (Vec::with_capacity(w * f), Vec::with_capacity(w * f));
    for (k, wk) in win.iter().enumerate() {
        for b in 0..f {
            // Reduce the phase index modulo n before scaling, for exact angles.
            let a = 2.0 * PI * (((left + k) * b) % n) as f64 / n as f64;
            cos.push(wk * a.cos());
            sin.push(-wk * a.sin());
        }
    }
    let framed = x.clone().select(1, ints_like(&x, idx, [frames * w])).reshape([m * frames, w]);
    let re = framed.clone().matmul(tensor_like(&x, cos, [w, f]));
    let im = framed.matmul(tensor_like(&x, sin, [w, f]));
    (re.square() + im.square()).clamp_min(eps).sqrt().reshape([m, frames, f])
}

/// Slaney mel scale (librosa `hz_to_mel(htk=False)`).
fn hz_to_mel(f: f64) -> f64 {
    let f_sp = 200.0 / 3.0;
    let min_log_mel = 1000.0 / f_sp;
    let logstep = 6.4f64.ln() / 27.0;
    if f >= 1000.0 { min_log_mel + (f / 1000.0).ln() / logstep } else { f / f_sp }
}

fn mel_to_hz(m: f64) -> f64 {
    let f_sp = 200.0 / 3.0;
    let min_log_mel = 1000.0 / f_sp;
    let logstep = 6.4f64.ln() / 27.0;
    if m >= min_log_mel { 1000.0 * (logstep * (m - min_log_mel)).exp() } else { f_sp * m }
}

/// librosa `filters.mel(sr, n_fft, n_mels)` (fmin 0, fmax sr / 2, Slaney scale and norm,
/// float32 weights), row-major `[n_mels, n_fft / 2 + 1]`. The weights are rounded to f32 twice
/// where librosa stores them in its float32 array (triangles, then after area normalization).
pub fn mel_filterbank(sample_rate: f64, n_fft: usize, n_mels: usize) -> Vec<f64> {
    let bins = n_fft / 2 + 1;
    let step = 1.0 / (n_fft as f64 * (1.0 / sample_rate));
    let fft_freqs: Vec<f64> = (0..bins).map(|i| i as f64 * step).collect();
    let (lo, hi) = (hz_to_mel(0.0), hz_to_mel(sample_rate / 2.0));
    let delta = (hi - lo) / (n_mels + 1) as f64;
    let mel_f: Vec<f64> = (0..n_mels + 2).map(|i| if i == n_mels + 1 { hi } else { i as f64 * delta + lo }).map(mel_to_hz).collect();
    let mut out = vec![0.0; n_mels * bins];
    for i in 0..n_mels {
        let (d0, d1) = (mel_f[i + 1] - mel_f[i], mel_f[i + 2] - mel_f[i + 1]);
        let enorm = 2.0 / (mel_f[i + 2] - mel_f[i]);
        for (b, fq) in fft_freqs.iter().enumerate() {
            let lower = -(mel_f[i] - fq) / d0;
            let upper = (mel_f[i + 2] - fq) / d1;
            let tri = 0f64.max(lower.min(upper)) as f32 as f64;
            out[i * bins + b] = (tri * enorm) as f32 as f64;
        }
    }
    out
}

/// Distance of the magnitude terms (auraloss `STFTMagnitudeLoss(distance)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MagDistance {
    L1,
    L2,
}

impl MagDistance {
    pub fn parse(loss: &str, name: &str, s: &str) -> Result<MagDistance, LossError> {
        match s {
            "L1" => Ok(MagDistance::L1),
            "L2" => Ok(MagDistance::L2),
            other => Err(LossError::param(loss, name, "\"L1\" or \"L2\"", format!("{other:?}"))),
        }
    }
}

/// auraloss `STFTMagnitudeLoss(log, log_eps, log_fac, distance, reduction)` on magnitudes of
/// one shape: `L1Loss` / `MSELoss` of `log(log_fac * m + log_eps)` (or of `m`).
pub fn magnitude_distance<const D: usize>(x: Tensor<D>, y: Tensor<D>, log: bool, log_eps: f64, log_fac: f64, distance: MagDistance, reduction: Reduction) -> LossTensor {
    let (x, y) = if log { (x.mul_scalar(log_fac).add_scalar(log_eps).log(), y.mul_scalar(log_fac).add_scalar(log_eps).log()) } else { (x, y) };
    let d = match distance {
        MagDistance::L1 => (x - y).abs(),
        MagDistance::L2 => (x - y).square(),
    };
    numerics::reduce(d, reduction)
}

/// auraloss 0.4.0 `SpectralConvergenceLoss`: `|y - x|_F / |y|_F` with both norms over ALL
/// elements (a batch gives one ratio, not a mean of per-signal ratios). The norm of a zero
/// difference has gradient 0 (as torch.norm).
pub fn spectral_convergence<const D: usize>(x: Tensor<D>, y: Tensor<D>) -> Tensor<1> {
    let n = x.dims().iter().product::<usize>();
    let num = vectors::l2_norm((y.clone() - x).reshape([n]), 0);
    let den = vectors::l2_norm(y.reshape([n]), 0);
    num / den
}

/// Options of auraloss `STFTLoss` that a resolution shares with the others.
#[derive(Debug, Clone, PartialEq)]
pub struct StftTerms {
    pub w_sc: f64,
    pub w_log_mag: f64,
    pub w_lin_mag: f64,
    pub scale_invariance: bool,
    /// Floor of `re^2 + im^2` before the square root.
    pub eps: f64,
    pub reduction: Reduction,
    pub mag_distance: MagDistance,
    pub log_eps: f64,
    pub log_fac: f64,
    /// Mel filterbank `(sample_rate, n_mels)`.
    pub mel: Option<(f64, usize)>,
}

impl Default for StftTerms {
    fn default() -> Self {
        StftTerms { w_sc: 1.0, w_log_mag: 1.0, w_lin_mag: 0.0, scale_invariance: false, eps: 1e-8, reduction: Reduction::Mean, mag_distance: MagDistance::L1, log_eps: 0.0, log_fac: 1.0, mel: None }
    }
}

impl StftTerms {
    pub fn validate(&self, loss: &str) -> Result<(), LossError> {
        for (name, v) in [("w_sc", self.w_sc), ("w_log_mag", self.w_log_mag), ("w_lin_mag", self.w_lin_mag), ("log_fac", self.log_fac)] {
            numerics::finite_param(loss, name, v)?;
        }
        numerics::non_negative_param(loss, "eps", self.eps)?;
        numerics::non_negative_param(loss, "log_eps", self.log_eps)?;
        if let Some((sr, n_mels)) = self.mel {
            numerics::positive_param(loss, "sample_rate", sr)?;
            if n_mels == 0 {
                return Err(LossError::param(loss, "n_mels", "a positive number of mel bands", "0"));
            }
        }
        Ok(())
    }
}

/// auraloss `STFTLoss` of one resolution on signals `[m, T]`:
/// `w_sc * SC + w_log_mag * LogMag + w_lin_mag * LinMag`, each term skipped when its weight is 0
/// (as auraloss does, so a NaN in an unused term never shows).
pub fn stft_loss(loss: &str, x: Tensor<2>, y: Tensor<2>, spec: &StftSpec, terms: &StftTerms) -> Result<LossTensor, LossError> {
    let [m, t] = x.dims();
    spec.validate(loss, t)?;
    terms.validate(loss)?;
    if let Some((_, n_mels)) = terms.mel
        && n_mels > spec.n_fft
    {
        return Err(LossError::param(loss, "n_mels", format!("at most fft_size = {}", spec.n_fft), n_mels.to_string()));
    }
    let mut xm = stft_magnitude(x, spec, terms.eps);
    let mut ym = stft_magnitude(y, spec, terms.eps);
    let [_, frames, mut bins] = xm.dims();
    if let Some((sr, n_mels)) = terms.mel {
        let fb = tensor_like(&xm, mel_filterbank(sr, spec.n_fft, n_mels), [n_mels, bins]).transpose();
        xm = xm.reshape([m * frames, bins]).matmul(fb.clone()).reshape([m, frames, n_mels]);
        ym = ym.reshape([m * frames, bins]).matmul(fb).reshape([m, frames, n_mels]);
        bins = n_mels;
    }
    if terms.scale_invariance {
        // auraloss multiplies y_mag [m, bins, frames] by alpha[..., None] of shape [m, 1]: the
        // broadcast aligns alpha with the BIN axis, so it only runs when m == 1 or m == bins.
        let alpha = (xm.clone() * ym.clone()).sum_dim(2).sum_dim(1).reshape([m]) / ym.clone().square().sum_dim(2).sum_dim(1).reshape([m]);
        if m == 1 {
            ym = ym * alpha.reshape([1, 1, 1]);
        } else if m == bins {
            ym = ym * alpha.reshape([1, 1, bins]);
        } else {
            return Err(LossError::shape(loss, "estimate", format!("one signal, or as many signals as frequency bins ({bins}): auraloss' scale_invariance broadcast"), format!("{m} signals")));
        }
    }
    let scalar = |v: Tensor<1>| v;
    let mut total: Option<Tensor<1>> = None;
    let mut add = |v: Tensor<1>| total = Some(match total.take() { Some(s) => s + v, None => v });
    if terms.w_sc != 0.0 {
        add(scalar(spectral_convergence(xm.clone(), ym.clone())).mul_scalar(terms.w_sc));
    }
    let mut elementwise: Option<Tensor<3>> = None;
    for (w, log) in [(terms.w_log_mag, true), (terms.w_lin_mag, false)] {
        if w == 0.0 {
            continue;
        }
        if terms.reduction == Reduction::None {
            let (a, b) = if log { (xm.clone().mul_scalar(terms.log_fac).add_scalar(terms.log_eps).log(), ym.clone().mul_scalar(terms.log_fac).add_scalar(terms.log_eps).log()) } else { (xm.clone(), ym.clone()) };
            let d = match terms.mag_distance {
                MagDistance::L1 => (a - b).abs(),
                MagDistance::L2 => (a - b).square(),
            }
            .mul_scalar(w);
            elementwise = Some(match elementwise.take() { Some(e) => e + d, None => d });
        } else {
            add(magnitude_distance(xm.clone(), ym.clone(), log, terms.log_eps, terms.log_fac, terms.mag_distance, terms.reduction).total().mul_scalar(w));
        }
    }
    let zero = || numerics::full_like(&xm, [1], 0.0);
    match elementwise {
        // auraloss' 'none': the per-bin terms [m, bins, frames] plus the scalar terms.
        Some(e) => {
            let e = e.swap_dims(1, 2);
            let e = match total {
                Some(s) => e + s.reshape([1, 1, 1]),
                None => e,
            };
            Ok(LossTensor::with_shape(e.reshape([m * bins * frames]), vec![m, bins, frames]))
        }
        None => Ok(LossTensor::scalar(total.unwrap_or_else(zero))),
    }
}

/// Checks a `[B, C, T]` pair as auraloss' `STFTLoss.forward` unpacks it, returning `[B * C, T]`.
pub fn signals_bct(loss: &str, x: &[usize], y: &[usize]) -> Result<[usize; 2], LossError> {
    if x.len() != 3 {
        return Err(LossError::shape(loss, "estimate", "a [batch, channels, time] tensor", format!("rank {}", x.len())));
    }
    numerics::same_shape(loss, "reference", y, "estimate", x)?;
    numerics::non_empty(loss, "estimate", x)?;
    Ok([x[0] * x[1], x[2]])
}

/// Reads the auraloss `STFTLoss` options every spectral entry shares from an evaluator call
/// (window, term weights, eps, reduction, mag_distance, scale_invariance; auraloss 0.4.0 has no
/// log_eps / log_fac) and
/// rejects the options that are not reproduced here (phase term, A-weighting, chroma, 'full').
pub fn read_terms(c: &Call) -> Result<(Window, StftTerms), LossError> {
    let window = Window::parse(c.loss, c.str("window", "hann_window")?)?;
    let w_phs = c.f64("w_phs", 0.0)?;
    if w_phs != 0.0 {
        return Err(LossError::unsupported(c.loss, "w_phs", "0 (the phase term is not implemented)", w_phs.to_string()));
    }
    if c.bool("perceptual_weighting", false)? {
        return Err(LossError::unsupported(c.loss, "perceptual_weighting", "false (the A-weighting FIR prefilter is not implemented)", "true"));
    }
    let output = c.str("output", "loss")?;
    if output != "loss" {
        return Err(LossError::unsupported(c.loss, "output", "\"loss\"", format!("{output:?}")));
    }
    let d = StftTerms::default();
    let terms = StftTerms {
        w_sc: c.f64("w_sc", d.w_sc)?,
        w_log_mag: c.f64("w_log_mag", d.w_log_mag)?,
        w_lin_mag: c.f64("w_lin_mag", d.w_lin_mag)?,
        scale_invariance: c.bool("scale_invariance", false)?,
        eps: c.f64("eps", d.eps)?,
        reduction: c.reduction(Reduction::Mean)?,
        mag_distance: MagDistance::parse(c.loss, "mag_distance", c.str("mag_distance", "L1")?)?,
        log_eps: d.log_eps,
        log_fac: d.log_fac,
        mel: None,
    };
    terms.validate(c.loss)?;
    Ok((window, terms))
}

/// Reads auraloss' `scale` / `sample_rate` / `n_bins` options: `None` without a scale, else the
/// sample rate and the mel band counts (one number, or one per resolution).
pub fn read_mel_scale(c: &Call) -> Result<Option<(f64, Vec<usize>)>, LossError> {
    let scale = c.str_opt("scale")?;
    let sr = c.f64_opt("sample_rate")?;
    let bins = match c.json("n_bins") {
        Some(serde_json::Value::Array(_)) => c.i64_list_opt("n_bins")?,
        _ => c.i64_opt("n_bins")?.map(|n| vec![n]),
    };
    match scale {
        None => Ok(None),
        Some("mel") => {
            let sr = sr.ok_or_else(|| LossError::param(c.loss, "sample_rate", "a sample rate (required by scale = 'mel')", "none"))?;
            let bins = bins.ok_or_else(|| LossError::param(c.loss, "n_bins", "a number of mel bands (required by scale = 'mel')", "none"))?;
            let bins = bins.into_iter().map(|n| usize::try_from(n).map_err(|_| LossError::param(c.loss, "n_bins", "positive band counts", n.to_string()))).collect::<Result<Vec<_>, _>>()?;
            Ok(Some((sr, bins)))
        }
        Some(other) => Err(LossError::unsupported(c.loss, "scale", "none or \"mel\" (chroma is not implemented)", format!("{other:?}"))),
    }
}

/// A size param as `usize` (positive).
pub fn read_size(c: &Call, name: &str, default: i64) -> Result<usize, LossError> {
    let v = c.i64(name, default)?;
    if v <= 0 {
        return Err(LossError::param(c.loss, name, "a positive integer", v.to_string()));
    }
    Ok(v as usize)
}

/// A list of positive sizes.
pub fn read_sizes(c: &Call, name: &str, default: &[usize]) -> Result<Vec<usize>, LossError> {
    match c.i64_list_opt(name)? {
        None => Ok(default.to_vec()),
        Some(v) => v.into_iter().map(|n| if n > 0 { Ok(n as usize) } else { Err(LossError::param(c.loss, name, "positive integers", n.to_string())) }).collect(),
    }
}

/// The `[B * C, T]` estimate and reference of a spectral entry (auraloss unpacks `[B, C, T]`).
pub fn read_bct(c: &Call) -> Result<(Tensor<2>, Tensor<2>), LossError> {
    let xs = c.shape("estimate")?.to_vec();
    let ys = c.shape("reference")?.to_vec();
    let dims = signals_bct(c.loss, &xs, &ys)?;
    let x = crate::numerics::elementwise::float_input::<3>(c, "estimate")?;
    let y = crate::numerics::elementwise::float_input::<3>(c, "reference")?;
    Ok((x.reshape(dims), y.reshape(dims)))
}

/// auraloss `MultiResolutionSTFTLoss`: one `STFTLoss` per resolution, all with the same term
/// options (and an optional mel scale with one band count per resolution or one for all).
#[derive(Debug, Clone, PartialEq)]
pub struct MultiResolution {
    pub specs: Vec<StftSpec>,
    pub terms: StftTerms,
    /// `(sample_rate, n_bins)`: `n_bins` holds one count for all resolutions or one each.
    pub mel: Option<(f64, Vec<usize>)>,
}

impl MultiResolution {
    /// auraloss' defaults: FFT sizes (1024, 2048, 512), hops (120, 240, 50), windows (600, 1200,
    /// 240), Hann.
    pub fn auraloss_default() -> Self {
        let specs = [(1024, 120, 600), (2048, 240, 1200), (512, 50, 240)].into_iter().map(|(n_fft, hop, win_length)| StftSpec { n_fft, hop, win_length, window: Window::Hann }).collect();
        MultiResolution { specs, terms: StftTerms::default(), mel: None }
    }
}

/// The mean over resolutions of the single-resolution STFT loss, on signals `[m, T]`.
pub fn multi_resolution_loss(loss: &str, x: Tensor<2>, y: Tensor<2>, mr: &MultiResolution) -> Result<Tensor<1>, LossError> {
    if mr.specs.is_empty() {
        return Err(LossError::param(loss, "fft_sizes", "at least one resolution", "an empty list"));
    }
    if mr.terms.reduction == Reduction::None {
        return Err(LossError::unsupported(loss, "reduction", "mean or sum (auraloss adds per-bin 'none' tensors of different resolutions)", "none"));
    }
    if let Some((_, bins)) = &mr.mel
        && bins.len() != 1
        && bins.len() != mr.specs.len()
    {
        return Err(LossError::param(loss, "n_bins", format!("one band count or one per resolution ({})", mr.specs.len()), format!("{} counts", bins.len())));
    }
    let mut total: Option<Tensor<1>> = None;
    for (r, spec) in mr.specs.iter().enumerate() {
        let mut terms = mr.terms.clone();
        terms.mel = mr.mel.as_ref().map(|(sr, bins)| (*sr, if bins.len() == 1 { bins[0] } else { bins[r] }));
        let l = stft_loss(loss, x.clone(), y.clone(), spec, &terms)?.total();
        total = Some(match total.take() {
            Some(t) => t + l,
            None => l,
        });
    }
    Ok(total.expect("at least one resolution").mul_scalar(1.0 / mr.specs.len() as f64))
}

/// Reads `fft_sizes`, `hop_sizes`, `win_lengths` (equal lengths; `defaults` when absent, or
/// required when `None`), the shared term options and the mel scale.
pub fn read_multi_resolution(c: &Call, defaults: Option<[&[usize]; 3]>) -> Result<MultiResolution, LossError> {
    let (window, terms) = read_terms(c)?;
    let mut lists = Vec::new();
    for (k, name) in ["fft_sizes", "hop_sizes", "win_lengths"].into_iter().enumerate() {
        let v = match defaults {
            Some(d) => read_sizes(c, name, d[k])?,
            None => read_sizes(c, name, &[])?,
        };
        if v.is_empty() {
            return Err(LossError::param(c.loss, name, "a non-empty list of sizes (required)", "none"));
        }
        lists.push(v);
    }
    if lists[1].len() != lists[0].len() || lists[2].len() != lists[0].len() {
        return Err(LossError::param(c.loss, "hop_sizes", format!("as many hop sizes and window lengths as FFT sizes ({})", lists[0].len()), format!("{} and {}", lists[1].len(), lists[2].len())));
    }
    let specs = (0..lists[0].len()).map(|r| StftSpec { n_fft: lists[0][r], hop: lists[1][r], win_length: lists[2][r], window }).collect();
    Ok(MultiResolution { specs, terms, mel: read_mel_scale(c)? })
}

/// Normalization of a (multi-axis) DFT, as `torch.fft.fftn(norm=...)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FftNorm {
    /// No scaling.
    Backward,
    /// `1 / n`.
    Forward,
    /// `1 / sqrt(n)` (unitary).
    Ortho,
}

impl FftNorm {
    pub fn parse(loss: &str, s: &str) -> Result<FftNorm, LossError> {
        match s {
            "backward" => Ok(FftNorm::Backward),
            "forward" => Ok(FftNorm::Forward),
            "ortho" => Ok(FftNorm::Ortho),
            other => Err(LossError::param(loss, "fft_norm", "\"backward\", \"forward\" or \"ortho\"", format!("{other:?}"))),
        }
    }
}

/// The `[n, size]` real and imaginary DFT matrices of one axis: input length `n` cropped or
/// zero-padded to `size`, scaled per `norm`.
fn dft_matrices(n: usize, size: usize, norm: FftNorm) -> (Vec<f64>, Vec<f64>) {
    let scale = match norm {
        FftNorm::Backward => 1.0,
        FftNorm::Forward => 1.0 / size as f64,
        FftNorm::Ortho => 1.0 / (size as f64).sqrt(),
    };
    let (mut re, mut im) = (vec![0.0; n * size], vec![0.0; n * size]);
    for j in 0..n.min(size) {
        for k in 0..size {
            let a = 2.0 * PI * ((j * k) % size) as f64 / size as f64;
            re[j * size + k] = scale * a.cos();
            im[j * size + k] = -scale * a.sin();
        }
    }
    (re, im)
}

/// `|torch.fft.fftn(x, s=sizes, dim=axes, norm)|` of a real tensor: a complex DFT along each
/// axis in turn (as matmuls), then `sqrt(re^2 + im^2)` (no floor, as MONAI).
pub fn fftn_amplitude<const D: usize>(x: Tensor<D>, axes: &[usize], sizes: &[usize], norm: FftNorm) -> Tensor<D> {
    let mut re = x;
    let mut im: Option<Tensor<D>> = None;
    for (&axis, &size) in axes.iter().zip(sizes) {
        let n = re.dims()[axis];
        let (cr, ci) = dft_matrices(n, size, norm);
        let cr = tensor_like(&re, cr, [n, size]);
        let ci = tensor_like(&re, ci, [n, size]);
        let moved = re.clone().swap_dims(axis, D - 1);
        let mut shape = moved.dims();
        let rows = shape[..D - 1].iter().product::<usize>();
        shape[D - 1] = size;
        let apply = |t: Tensor<D>, m: Tensor<2>| t.reshape([rows, n]).matmul(m).reshape(shape).swap_dims(axis, D - 1);
        // (a + ib)(c + id) = (ac - bd) + i(ad + bc)
        let (nr, ni) = match im.take() {
            None => (apply(moved.clone(), cr), apply(moved, ci)),
            Some(b) => {
                let b = b.swap_dims(axis, D - 1);
                (apply(moved.clone(), cr.clone()) - apply(b.clone(), ci.clone()), apply(moved, ci) + apply(b, cr))
            }
        };
        re = nr;
        im = Some(ni);
    }
    match im {
        Some(i) => (re.square() + i.square()).sqrt(),
        None => re.abs(),
    }
}

/// A plot slice for the spectral entries: the reference is a 32-sample sine on every channel,
/// the estimate equals it except for its first sample, which is `x`.
pub fn plot_first_sample(x: f64, channels: usize, params: serde_json::Value) -> crate::catalog::PlotInput {
    use crate::eval::HostTensor;
    let t = 32;
    let reference: Vec<f64> = (0..channels * t).map(|i| (2.0 * PI * 3.0 * (i % t) as f64 / t as f64).sin() * (1.0 + (i / t) as f64 * 0.5)).collect();
    let mut estimate = reference.clone();
    estimate[0] = x;
    crate::catalog::PlotInput {
        form: None,
        params,
        inputs: vec![("estimate", HostTensor::from_f64(vec![1, channels, t], estimate)), ("reference", HostTensor::from_f64(vec![1, channels, t], reference))],
        wrt: "estimate",
        index: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_count_is_torch_stft() {
        // torch.stft(center=True): 1 + (T + 2 * (n_fft // 2) - n_fft) // hop frames.
        let spec = StftSpec { n_fft: 64, hop: 16, win_length: 64, window: Window::Hann };
        assert_eq!(spec.frames(256), 17);
        let spec = StftSpec { n_fft: 65, hop: 16, win_length: 64, window: Window::Hann };
        assert_eq!(spec.frames(300), 1 + (300 + 64 - 65) / 16);
    }

    #[test]
    fn windows_are_torch_periodic() {
        // torch.hann_window(4) = [0, 0.5, 1, 0.5]; torch.bartlett_window(4) = [0, 0.5, 1, 0.5].
        for w in [Window::Hann, Window::Bartlett] {
            let v = w.values(4);
            for (a, b) in v.iter().zip([0.0, 0.5, 1.0, 0.5]) {
                assert!((a - b).abs() < 1e-15);
            }
        }
        // torch.kaiser_window(4) (beta 12): ends at 1/I0(12) = 5.6495e-6, centre 1.
        let k = Window::Kaiser.values(4);
        assert!((k[2] - 1.0).abs() < 1e-15);
        assert!((k[0] - 1.0 / bessel_i0(12.0)).abs() < 1e-18);
        // I0(1) = 1.2660658777520082 (Abramowitz & Stegun table 9.8).
        assert!((bessel_i0(1.0) - 1.2660658777520082).abs() < 1e-15);
    }

    #[test]
    fn mel_weights_are_slaney() {
        // The Slaney scale is linear below 1 kHz (200/3 Hz per mel) and logarithmic above.
        assert!((hz_to_mel(1000.0) - 15.0).abs() < 1e-12);
        assert!((mel_to_hz(hz_to_mel(3000.0)) - 3000.0).abs() < 1e-9);
        // Slaney normalization: each triangle has area ~1 / 2 * width * height = 1 in Hz.
        let fb = mel_filterbank(16000.0, 128, 16);
        assert_eq!(fb.len(), 16 * 65);
        assert!(fb.iter().all(|w| *w >= 0.0));
    }
}
