//! STFT loss: spectral convergence plus log-magnitude distance (and optional linear-magnitude and
//! phase terms) between the short-time Fourier transforms of an estimated and a reference waveform
//! at one resolution.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::audio_stft::{self, StftSpec, StftTerms, Window};

const ID: &str = "stft";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "STFT Loss",
    aliases: &["Single-Resolution STFT Loss"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2019,
    paper: Paper {
        title: "Fast Spectrogram Inversion using Multi-head Convolutional Neural Networks",
        authors: "Sercan Ö. Arık, Heewoo Jun, Gregory Diamos",
        venue: "IEEE Signal Processing Letters",
        year: 2019,
        url: "https://arxiv.org/abs/1808.06719",
    },
    summary: "Transforms both waveforms with one STFT configuration and combines spectral convergence (relative error dominated by strong components) with a log-magnitude L1 distance (which covers quiet components), optionally adding linear-magnitude and phase terms. It trains waveform generators toward the right spectral envelope without requiring phase alignment. A single resolution trades time against frequency detail and lets artifacts hide between bins; the multi-resolution version averages several.",
    formula: r"\ell = w_{sc}\frac{\lVert |Y| - |X| \rVert_F}{\lVert |Y| \rVert_F} + \frac{w_{log}}{K}\sum \bigl|\log|Y| - \log|X|\bigr| + \frac{w_{lin}}{K}\sum \bigl||Y| - |X|\bigr|,\quad |X| = \sqrt{\max(|\mathrm{STFT}(\hat y)|^2, \epsilon)},\ |Y| = \sqrt{\max(|\mathrm{STFT}(y)|^2, \epsilon)}",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T]", meaning: "estimated signal; each of the B x C channels is transformed separately" },
        Input { name: "reference", shape: "[B, C, T]", meaning: "reference signal of the same shape" },
    ],
    params: &[
        Param { name: "fft_size", symbol: "", default: Value::Int(1024), range: Range::Integer { min: 1, max: 2147483648 }, meaning: "FFT size in samples" },
        Param { name: "hop_size", symbol: "", default: Value::Int(256), range: Range::Integer { min: 1, max: 2147483648 }, meaning: "hop between frames in samples" },
        Param { name: "win_length", symbol: "", default: Value::Int(1024), range: Range::Integer { min: 1, max: 2147483648 }, meaning: "window length in samples (at most fft_size)" },
        Param { name: "window", symbol: "", default: Value::Str("hann_window"), range: Range::Choice { values: &["hann_window", "bartlett_window", "blackman_window", "hamming_window", "kaiser_window"] }, meaning: "torch window function of length win_length (periodic); zero-padded to fft_size when shorter" },
        Param { name: "w_sc", symbol: "w_{sc}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the spectral-convergence term" },
        Param { name: "w_log_mag", symbol: "w_{log}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the log-magnitude term" },
        Param { name: "w_lin_mag", symbol: "w_{lin}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the linear-magnitude term" },
        Param { name: "w_phs", symbol: "w_{phs}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of auraloss' phase term; only 0 is implemented (other values are an error)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "floor of the squared magnitude before the square root" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the log- and linear-magnitude terms reduce their bins: mean, sum, or none (the per-bin terms [B*C, bins, frames] plus the spectral-convergence scalar)" },
        Param { name: "scale_invariance", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "rescale the reference magnitudes by the least-squares gain <|X|, |Y|> / |Y|^2 first (auraloss' broadcast only allows one signal, or as many signals as bins)" },
        Param { name: "scale", symbol: "", default: Value::Null, range: Range::Choice { values: &["mel"] }, meaning: "optional frequency scaling of the magnitudes: 'mel' (librosa Slaney filterbank; auraloss' 'chroma' is not implemented)" },
        Param { name: "sample_rate", symbol: "", default: Value::Null, range: Range::POSITIVE, meaning: "sample rate in Hz (required by scale = 'mel')" },
        Param { name: "n_bins", symbol: "", default: Value::Null, range: Range::Integer { min: 1, max: 2147483648 }, meaning: "number of mel bands (required by scale = 'mel'; at most fft_size)" },
        Param { name: "mag_distance", symbol: "", default: Value::Str("L1"), range: Range::Choice { values: &["L1", "L2"] }, meaning: "distance of the magnitude terms: L1 (mean absolute) or L2 (mean squared)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["auraloss.freq.STFTLoss"],
    related: &["multi-resolution-stft", "spectral-convergence", "stft-magnitude", "mel-stft"],
    forms: &[
        Form { name: "auraloss", description: "auraloss.freq.STFTLoss: STFT as torch.stft(x, n_fft, hop_length, win_length, window, center=True, pad_mode='reflect', onesided) over every [B*C, T] channel; magnitude = sqrt(max(re^2 + im^2, eps)); spectral convergence = Frobenius norm of |Y| - |X| over the whole batch divided by that of |Y| (one norm over all channels, frequencies and frames, not a per-example mean); log-magnitude = mean |log|Y| - log|X|| (L1) or mean squared (L2) over all elements; linear magnitude likewise; scale='mel' multiplies the magnitudes by librosa's Slaney mel filterbank first; scale_invariance rescales |Y| by <|X|,|Y|>/|Y|^2. Terms with zero weight are skipped. The phase term (w_phs), the A-weighting prefilter and the chroma scale are not implemented (an error)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "first estimate sample (reference: a 32-sample sine; fft 16, hop 4)", from: -2.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    audio_stft::plot_first_sample(x, 1, serde_json::json!({"fft_size": 16, "hop_size": 4, "win_length": 16}))
}

/// Options of auraloss `STFTLoss`; `Default` equals auraloss' defaults (1024-point FFT, hop 256,
/// 1024-sample Hann window, spectral convergence + log-magnitude).
#[derive(Debug, Clone, PartialEq)]
pub struct StftConfig {
    pub spec: StftSpec,
    pub terms: StftTerms,
}

impl Default for StftConfig {
    fn default() -> Self {
        StftConfig { spec: StftSpec { n_fft: 1024, hop: 256, win_length: 1024, window: Window::Hann }, terms: StftTerms::default() }
    }
}

/// auraloss `STFTLoss(...)(estimate, reference)` on `[B, C, T]` signals: every channel is
/// transformed separately; the loss is one scalar (or, with reduction 'none', the per-bin terms
/// `[B * C, bins, frames]` plus the spectral-convergence scalar).
pub fn stft(estimate: Tensor<3>, reference: Tensor<3>, cfg: &StftConfig) -> Result<LossTensor, LossError> {
    let dims = audio_stft::signals_bct(ID, &estimate.dims(), &reference.dims())?;
    audio_stft::stft_loss(ID, estimate.reshape(dims), reference.reshape(dims), &cfg.spec, &cfg.terms)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "auraloss") {
        return Err(c.unknown_form(&["auraloss"]));
    }
    let (window, mut terms) = audio_stft::read_terms(c)?;
    let spec = StftSpec { n_fft: audio_stft::read_size(c, "fft_size", 1024)?, hop: audio_stft::read_size(c, "hop_size", 256)?, win_length: audio_stft::read_size(c, "win_length", 1024)?, window };
    terms.mel = match audio_stft::read_mel_scale(c)? {
        None => None,
        Some((sr, bins)) if bins.len() == 1 => Some((sr, bins[0])),
        Some(_) => return Err(LossError::param(ID, "n_bins", "one number of mel bands", "a list")),
    };
    let (x, y) = audio_stft::read_bct(c)?;
    audio_stft::stft_loss(ID, x, y, &spec, &terms)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::losses::audio::esr::signal_tests::pair;
    use crate::testing::*;

    fn small() -> serde_json::Value {
        json!({"fft_size": 16, "hop_size": 4, "win_length": 12})
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(small()), &pair(&[2, 1, 40], 61));
        let p = json!({"fft_size": 8, "hop_size": 3, "win_length": 8, "w_lin_mag": 0.5, "mag_distance": "L2", "window": "hamming_window", "reduction": "sum"});
        assert_gradcheck(ID, None, &params(p), &pair(&[1, 2, 30], 63));
        let p = json!({"fft_size": 16, "hop_size": 4, "win_length": 16, "scale_invariance": true, "scale": "mel", "sample_rate": 8000, "n_bins": 4});
        assert_gradcheck(ID, None, &params(p), &pair(&[1, 1, 40], 65));
        let p = json!({"fft_size": 8, "hop_size": 4, "win_length": 6, "w_lin_mag": 1.0, "reduction": "none", "window": "kaiser_window"});
        assert_gradcheck(ID, None, &params(p), &pair(&[1, 2, 20], 67));
    }

    #[test]
    fn value_is_the_formula() {
        // Reference = 2 x estimate: |Y| = 2 |X| in every bin (eps 0), so spectral convergence is
        // |2X - X|_F / |2X|_F = 1/2 and the log-magnitude term is log 2 everywhere.
        let x = randn(&[2, 1, 40], 69, 1.0);
        let y = crate::eval::HostTensor::from_f64(x.shape.clone(), x.floats.iter().map(|v| 2.0 * v).collect());
        let mut p = small();
        p["eps"] = json!(0.0);
        let ev = eval64(ID, None, &params(p.clone()), &inputs(vec![("estimate", x.clone()), ("reference", y.clone())]));
        assert!((ev.loss.floats[0] - (0.5 + 2f64.ln())).abs() < 1e-12);
        // Linear L2 term only: mean over bins of (|2X| - |X|)^2 = mean |X|^2, checked against a
        // direct DFT of the reflect-padded, Hann-windowed frames.
        p["w_sc"] = json!(0.0);
        p["w_log_mag"] = json!(0.0);
        p["w_lin_mag"] = json!(1.0);
        p["mag_distance"] = json!("L2");
        let ev = eval64(ID, None, &params(p), &inputs(vec![("estimate", x.clone()), ("reference", y)]));
        let (n, hop, w) = (16usize, 4usize, 12usize);
        let win: Vec<f64> = (0..w).map(|k| 0.5 - 0.5 * (2.0 * std::f64::consts::PI * k as f64 / w as f64).cos()).collect();
        let (mut acc, mut count) = (0.0, 0usize);
        for s in 0..2 {
            let sig = &x.floats[s * 40..(s + 1) * 40];
            let padded: Vec<f64> = (0..40 + n).map(|j| { let p = j as i64 - 8; let p = if p < 0 { -p } else if p > 39 { 78 - p } else { p }; sig[p as usize] }).collect();
            for fr in 0..=(40 + n - n) / hop {
                for b in 0..=n / 2 {
                    let (mut re, mut im) = (0.0, 0.0);
                    for k in 0..w {
                        let a = 2.0 * std::f64::consts::PI * (b * (k + 2)) as f64 / n as f64;
                        re += win[k] * padded[fr * hop + k + 2] * a.cos();
                        im -= win[k] * padded[fr * hop + k + 2] * a.sin();
                    }
                    acc += re * re + im * im;
                    count += 1;
                }
            }
        }
        assert!((ev.loss.floats[0] - acc / count as f64).abs() < 1e-10 * (acc / count as f64));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e12] {
            let mut x = pair(&[1, 1, 40], 71);
            for t in x.values_mut() {
                t.floats.iter_mut().for_each(|v| *v *= scale);
            }
            assert_finite(ID, None, &params(small()), &x);
        }
        // A silent estimate: magnitudes floor at sqrt(eps); finite.
        let x = inputs(vec![("estimate", f(&[1, 1, 40], &[0.0; 40])), ("reference", randn(&[1, 1, 40], 72, 1.0))]);
        assert_finite(ID, None, &params(small()), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(small());
        assert_error(ID, None, &p, &pair(&[2, 40], 1), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("estimate", randn(&[1, 1, 40], 1, 1.0)), ("reference", randn(&[1, 1, 41], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &pair(&[1, 1, 8], 1), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("estimate", f(&[1, 0, 40], &[])), ("reference", f(&[1, 0, 40], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("estimate", i(&[1, 1, 2], &[1, 2])), ("reference", f(&[1, 1, 2], &[1.0, 2.0]))]), ErrorKind::DType);
        let good = pair(&[1, 1, 40], 3);
        for bad in [json!({"fft_size": 16, "win_length": 32}), json!({"fft_size": 0}), json!({"fft_size": 16, "hop_size": -1}), json!({"window": "gauss"}), json!({"mag_distance": "L3"}), json!({"eps": -1.0}), json!({"scale": "mel", "n_bins": 4}), json!({"fft_size": 16, "win_length": 16, "scale": "mel", "sample_rate": 8000, "n_bins": 32})] {
            assert_error(ID, None, &params(bad), &good, ErrorKind::Param);
        }
        for bad in [json!({"w_phs": 1.0}), json!({"perceptual_weighting": true}), json!({"output": "full"}), json!({"scale": "chroma", "sample_rate": 8000, "n_bins": 12})] {
            assert_error(ID, None, &params(bad), &good, ErrorKind::Unsupported);
        }
        // auraloss' scale_invariance broadcast fails for 2 signals and 9 bins.
        assert_error(ID, None, &params(json!({"fft_size": 16, "hop_size": 4, "win_length": 16, "scale_invariance": true})), &pair(&[2, 1, 40], 4), ErrorKind::Shape);
    }
}
