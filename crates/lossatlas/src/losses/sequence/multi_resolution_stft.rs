//! Multi-resolution STFT loss: the STFT loss averaged over several FFT sizes, hops and window
//! lengths, so spectral errors are penalized at both fine time and fine frequency resolution.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::audio_stft::{self, MultiResolution};

const ID: &str = "multi-resolution-stft";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Multi-Resolution STFT Loss",
    aliases: &["MR-STFT Loss", "MRSTFT"],
    kind: Kind::Loss,
    domains: &["sequence", "audio"],
    year: 2020,
    paper: Paper {
        title: "Parallel WaveGAN",
        authors: "Yamamoto et al.",
        venue: "ICASSP",
        year: 2020,
        url: "https://arxiv.org/abs/1910.11480",
    },
    summary: "Averages the single-resolution STFT loss (spectral convergence plus log-magnitude distance) over several STFT configurations, which stops the generator from exploiting the blind spots of any one time-frequency trade-off. Parallel WaveGAN introduced it as the auxiliary loss that makes GAN vocoders train stably and quickly, and it is now a default reconstruction loss for neural vocoders, codecs and audio effects. It ignores phase and can leave periodic artifacts that an adversarial loss removes.",
    formula: r"\ell = \frac{1}{M}\sum_{m=1}^{M}\left(w_{sc}\frac{\lVert |Y_m| - |X_m| \rVert_F}{\lVert |Y_m| \rVert_F} + \frac{w_{log}}{K_m}\sum \bigl|\log|Y_m| - \log|X_m|\bigr| + \frac{w_{lin}}{K_m}\sum \bigl||Y_m| - |X_m|\bigr|\right)",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T]", meaning: "estimated signal; each of the B x C channels is transformed separately" },
        Input { name: "reference", shape: "[B, C, T]", meaning: "reference signal of the same shape" },
    ],
    params: &[
        Param { name: "fft_sizes", symbol: "", default: Value::Floats(&[1024.0, 2048.0, 512.0]), range: Range::Reals { min: 1.0, max: f64::INFINITY }, meaning: "FFT size of each resolution" },
        Param { name: "hop_sizes", symbol: "", default: Value::Floats(&[120.0, 240.0, 50.0]), range: Range::Reals { min: 1.0, max: f64::INFINITY }, meaning: "hop size of each resolution" },
        Param { name: "win_lengths", symbol: "", default: Value::Floats(&[600.0, 1200.0, 240.0]), range: Range::Reals { min: 1.0, max: f64::INFINITY }, meaning: "window length of each resolution" },
        Param { name: "window", symbol: "", default: Value::Str("hann_window"), range: Range::Choice { values: &["hann_window", "bartlett_window", "blackman_window", "hamming_window", "kaiser_window"] }, meaning: "torch window function of length win_length (periodic); zero-padded to fft_size when shorter" },
        Param { name: "w_sc", symbol: "w_{sc}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the spectral-convergence term" },
        Param { name: "w_log_mag", symbol: "w_{log}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the log-magnitude term" },
        Param { name: "w_lin_mag", symbol: "w_{lin}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the linear-magnitude term" },
        Param { name: "w_phs", symbol: "w_{phs}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of auraloss' phase term; only 0 is implemented (other values are an error)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "floor of the squared magnitude before the square root (passed to every STFT loss)" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::Choice { values: &["mean", "sum"] }, meaning: "how the log- and linear-magnitude terms reduce their bins: mean or sum" },
        Param { name: "scale_invariance", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "rescale the reference magnitudes by the least-squares gain <|X|, |Y|> / |Y|^2 first (auraloss' broadcast only allows one signal, or as many signals as bins)" },
        Param { name: "scale", symbol: "", default: Value::Null, range: Range::Choice { values: &["mel"] }, meaning: "optional frequency scaling of the magnitudes: 'mel' (librosa Slaney filterbank; auraloss' 'chroma' is not implemented)" },
        Param { name: "sample_rate", symbol: "", default: Value::Null, range: Range::POSITIVE, meaning: "sample rate in Hz (required by scale = 'mel')" },
        Param { name: "n_bins", symbol: "", default: Value::Null, range: Range::Any, meaning: "number of mel bands: one for all resolutions or one per resolution (required by scale = 'mel')" },
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
    equivalents: &["auraloss.freq.MultiResolutionSTFTLoss", "parallel_wavegan.losses.MultiResolutionSTFTLoss"],
    related: &["stft", "spectral-convergence", "stft-magnitude", "mel-stft", "sum-and-difference-stft", "parallel-wavegan"],
    forms: &[
        Form { name: "auraloss", description: "auraloss.freq.MultiResolutionSTFTLoss: mean over resolutions of auraloss STFTLoss. STFT as torch.stft(x, n_fft, hop_length, win_length, window, center=True, pad_mode='reflect', onesided) over every [B*C, T] channel; magnitude = sqrt(max(re^2 + im^2, eps)); spectral convergence = Frobenius norm of |Y| - |X| over the whole batch divided by that of |Y| (one norm over all channels, frequencies and frames, not a per-example mean); log-magnitude = mean |log|Y| - log|X|| (L1) or mean squared (L2) over all elements; linear magnitude likewise. The phase term (w_phs), the A-weighting prefilter and the chroma scale are not implemented (an error)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "first estimate sample (reference: a 32-sample sine; ffts 16 and 8)", from: -2.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    audio_stft::plot_first_sample(x, 1, serde_json::json!({"fft_sizes": [16, 8], "hop_sizes": [4, 2], "win_lengths": [16, 8]}))
}

/// auraloss `MultiResolutionSTFTLoss(...)(estimate, reference)` on `[B, C, T]`: the mean over
/// resolutions of `STFTLoss`. `MultiResolution::auraloss_default()` holds auraloss' defaults.
pub fn multi_resolution_stft(estimate: Tensor<3>, reference: Tensor<3>, cfg: &MultiResolution) -> Result<LossTensor, LossError> {
    let dims = audio_stft::signals_bct(ID, &estimate.dims(), &reference.dims())?;
    Ok(LossTensor::scalar(audio_stft::multi_resolution_loss(ID, estimate.reshape(dims), reference.reshape(dims), cfg)?))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "auraloss") {
        return Err(c.unknown_form(&["auraloss"]));
    }
    let mr = audio_stft::read_multi_resolution(c, Some([&[1024, 2048, 512], &[120, 240, 50], &[600, 1200, 240]]))?;
    let (x, y) = audio_stft::read_bct(c)?;
    Ok(LossTensor::scalar(audio_stft::multi_resolution_loss(ID, x, y, &mr)?))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::losses::audio::esr::signal_tests::pair;
    use crate::testing::*;

    fn small() -> serde_json::Value {
        json!({"fft_sizes": [16, 8], "hop_sizes": [4, 2], "win_lengths": [12, 8]})
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        // These random signals have near-zero bins whose log-magnitude curves sharply: the
        // central-difference error falls as step^2 (measured at sample 41: scaled error 1.1e-1,
        // 2.1e-3, 2.1e-5, 2.1e-7 for steps 1e-4 .. 1e-7, autodiff fixed), so the default terms
        // are checked with a 1e-7 step.
        let opts = crate::eval::GradcheckOptions { step: 1e-7, tolerance: 1e-5, max_elements: 80 };
        for p in [small(), json!({"fft_sizes": [16, 12], "hop_sizes": [4, 3], "win_lengths": [12, 12]})] {
            let r = crate::eval::gradcheck(ID, None, &params(p), &pair(&[2, 1, 40], 91), None, opts).unwrap();
            assert!(r[0].max_scaled < opts.tolerance && r[1].max_scaled < opts.tolerance, "{r:?}");
        }
        let p = json!({"fft_sizes": [16, 32], "hop_sizes": [4, 8], "win_lengths": [16, 24], "w_sc": 0.5, "w_lin_mag": 1.0, "mag_distance": "L2"});
        assert_gradcheck(ID, None, &params(p), &pair(&[1, 2, 48], 93));
        let p = json!({"fft_sizes": [32, 64], "hop_sizes": [8, 16], "win_lengths": [32, 64], "scale": "mel", "sample_rate": 16000, "n_bins": [4, 6]});
        assert_gradcheck(ID, None, &params(p), &pair(&[1, 1, 64], 94));
    }

    #[test]
    fn value_is_the_formula() {
        // Reference = 2 x estimate: every resolution gives 1/2 + log 2 (eps 0), and so does
        // their mean. With the STFT entry: the mean of the two single-resolution losses.
        let x = randn(&[1, 1, 40], 95, 1.0);
        let y = crate::eval::HostTensor::from_f64(x.shape.clone(), x.floats.iter().map(|v| 2.0 * v).collect());
        let mut p = small();
        p["eps"] = json!(0.0);
        let ev = eval64(ID, None, &params(p), &inputs(vec![("estimate", x), ("reference", y)]));
        assert!((ev.loss.floats[0] - (0.5 + 2f64.ln())).abs() < 1e-12);
        let x = pair(&[2, 1, 40], 96);
        let ev = eval64(ID, None, &params(small()), &x);
        let a = eval64("stft", None, &params(json!({"fft_size": 16, "hop_size": 4, "win_length": 12})), &x);
        let b = eval64("stft", None, &params(json!({"fft_size": 8, "hop_size": 2, "win_length": 8})), &x);
        assert!((ev.loss.floats[0] - (a.loss.floats[0] + b.loss.floats[0]) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e12] {
            let mut x = pair(&[1, 1, 40], 97);
            for t in x.values_mut() {
                t.floats.iter_mut().for_each(|v| *v *= scale);
            }
            assert_finite(ID, None, &params(small()), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let good = pair(&[1, 1, 40], 3);
        for bad in [json!({"fft_sizes": [16, 8], "hop_sizes": [4], "win_lengths": [12, 8]}), json!({"fft_sizes": [], "hop_sizes": [], "win_lengths": []}), json!({"fft_sizes": [16], "hop_sizes": [4], "win_lengths": [32]}), json!({"fft_sizes": [16], "hop_sizes": [0], "win_lengths": [16]})] {
            assert_error(ID, None, &params(bad), &good, ErrorKind::Param);
        }
        // auraloss' default resolutions need more than 1024 samples.
        assert_error(ID, None, &params(json!({})), &good, ErrorKind::Shape);
        assert_error(ID, None, &params(small()), &pair(&[1, 40], 1), ErrorKind::Shape);
        let mut p = small();
        p["reduction"] = json!("none");
        assert_error(ID, None, &params(p), &good, ErrorKind::Unsupported);
    }
}
