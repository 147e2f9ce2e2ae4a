//! Mel-scaled STFT loss: the STFT loss computed after projecting the magnitude spectrograms onto a
//! mel filterbank, so errors are weighted by a perceptual frequency scale.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::audio_stft::{self, StftSpec, StftTerms, Window};

const ID: &str = "mel-stft";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Mel-STFT Loss",
    aliases: &["Mel-Scale STFT Loss", "MelSTFTLoss"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2020,
    paper: Paper {
        title: "auraloss: Audio focused loss functions in PyTorch",
        authors: "Christian J. Steinmetz, Joshua D. Reiss",
        venue: "Digital Music Research Network One-day Workshop (DMRN+15)",
        year: 2020,
        url: "https://www.christiansteinmetz.com/s/DMRN15__auraloss__Audio_focused_loss_functions_in_PyTorch.pdf",
    },
    summary: "Applies a mel filterbank to the STFT magnitudes of estimate and reference and then computes the usual spectral-convergence and log-magnitude terms on the mel spectrograms. Compressing high frequencies into fewer bands makes the loss closer to perceived differences and less dominated by fine harmonic detail. It needs the sample rate to build the filterbank; auraloss uses librosa's Slaney-normalized mel filters (float32 in librosa).",
    formula: r"\ell = w_{sc}\frac{\lVert M|Y| - M|X| \rVert_F}{\lVert M|Y| \rVert_F} + \frac{w_{log}}{K}\sum \bigl|\log M|Y| - \log M|X|\bigr| + \frac{w_{lin}}{K}\sum \bigl|M|Y| - M|X|\bigr|,\quad M \in \mathbb{R}^{n_{mels} \times (n_{fft}/2 + 1)}",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T]", meaning: "estimated signal; each of the B x C channels is transformed separately" },
        Input { name: "reference", shape: "[B, C, T]", meaning: "reference signal of the same shape" },
    ],
    params: &[
        Param { name: "sample_rate", symbol: "", default: Value::Null, range: Range::POSITIVE, meaning: "sample rate in Hz used to build the mel filterbank (required)" },
        Param { name: "fft_size", symbol: "", default: Value::Int(1024), range: Range::Integer { min: 1, max: 2147483648 }, meaning: "FFT size in samples" },
        Param { name: "hop_size", symbol: "", default: Value::Int(256), range: Range::Integer { min: 1, max: 2147483648 }, meaning: "hop between frames in samples" },
        Param { name: "win_length", symbol: "", default: Value::Int(1024), range: Range::Integer { min: 1, max: 2147483648 }, meaning: "window length in samples" },
        Param { name: "window", symbol: "", default: Value::Str("hann_window"), range: Range::Choice { values: &["hann_window", "bartlett_window", "blackman_window", "hamming_window", "kaiser_window"] }, meaning: "torch window function of length win_length (periodic); zero-padded to fft_size when shorter" },
        Param { name: "w_sc", symbol: "w_{sc}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the spectral-convergence term" },
        Param { name: "w_log_mag", symbol: "w_{log}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the log-magnitude term" },
        Param { name: "w_lin_mag", symbol: "w_{lin}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the linear-magnitude term" },
        Param { name: "w_phs", symbol: "w_{phs}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of auraloss' phase term; only 0 is implemented (other values are an error)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "floor of the squared magnitude before the square root" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the log- and linear-magnitude terms reduce their bins: mean or sum (none keeps the per-bin terms)" },
        Param { name: "mag_distance", symbol: "", default: Value::Str("L1"), range: Range::Choice { values: &["L1", "L2"] }, meaning: "distance of the magnitude terms: L1 (mean absolute) or L2 (mean squared)" },
        Param { name: "scale_invariance", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "rescale the reference magnitudes by the least-squares gain <|X|, |Y|> / |Y|^2 first (auraloss' broadcast only allows one signal, or as many signals as bands)" },
        Param { name: "n_mels", symbol: "", default: Value::Int(128), range: Range::Integer { min: 1, max: 2147483648 }, meaning: "number of mel bands (at most fft_size)" },
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
    equivalents: &["auraloss.freq.MelSTFTLoss"],
    related: &["stft", "multi-resolution-stft", "mel-spectrogram"],
    forms: &[
        Form { name: "auraloss", description: "auraloss.freq.MelSTFTLoss: STFTLoss with scale='mel'; magnitudes are multiplied by librosa.filters.mel(sr=sample_rate, n_fft=fft_size, n_mels=n_mels) (Slaney scale, norm='slaney', fmin 0, fmax sample_rate/2) before the spectral terms. STFT as torch.stft(x, n_fft, hop_length, win_length, window, center=True, pad_mode='reflect', onesided) over every [B*C, T] channel; magnitude = sqrt(max(re^2 + im^2, eps)); spectral convergence = Frobenius norm of |Y| - |X| over the whole batch divided by that of |Y| (one norm over all channels, frequencies and frames, not a per-example mean); log-magnitude = mean |log|Y| - log|X|| (L1) or mean squared (L2) over all elements; linear magnitude likewise. The phase term (w_phs) and the A-weighting prefilter are not implemented (an error)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "first estimate sample (reference: a 32-sample sine; fft 16, hop 4, 4 mel bands)", from: -2.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    audio_stft::plot_first_sample(x, 1, serde_json::json!({"sample_rate": 16000, "fft_size": 16, "hop_size": 4, "win_length": 16, "n_mels": 4}))
}

/// Options of auraloss `MelSTFTLoss`; `Default` equals auraloss' defaults at 44.1 kHz (auraloss
/// requires the sample rate).
#[derive(Debug, Clone, PartialEq)]
pub struct MelStftConfig {
    pub spec: StftSpec,
    pub sample_rate: f64,
    pub n_mels: usize,
    pub terms: StftTerms,
}

impl Default for MelStftConfig {
    fn default() -> Self {
        MelStftConfig { spec: StftSpec { n_fft: 1024, hop: 256, win_length: 1024, window: Window::Hann }, sample_rate: 44100.0, n_mels: 128, terms: StftTerms::default() }
    }
}

/// auraloss `MelSTFTLoss(sample_rate, ..., n_mels)(estimate, reference)` on `[B, C, T]`.
pub fn mel_stft(estimate: Tensor<3>, reference: Tensor<3>, cfg: &MelStftConfig) -> Result<LossTensor, LossError> {
    let dims = audio_stft::signals_bct(ID, &estimate.dims(), &reference.dims())?;
    let terms = StftTerms { mel: Some((cfg.sample_rate, cfg.n_mels)), ..cfg.terms.clone() };
    audio_stft::stft_loss(ID, estimate.reshape(dims), reference.reshape(dims), &cfg.spec, &terms)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "auraloss") {
        return Err(c.unknown_form(&["auraloss"]));
    }
    let (window, mut terms) = audio_stft::read_terms(c)?;
    let spec = StftSpec { n_fft: audio_stft::read_size(c, "fft_size", 1024)?, hop: audio_stft::read_size(c, "hop_size", 256)?, win_length: audio_stft::read_size(c, "win_length", 1024)?, window };
    let sr = c.f64_opt("sample_rate")?.ok_or_else(|| LossError::param(ID, "sample_rate", "a sample rate in Hz (required)", "none"))?;
    terms.mel = Some((sr, audio_stft::read_size(c, "n_mels", 128)?));
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
        json!({"sample_rate": 16000, "fft_size": 32, "hop_size": 8, "win_length": 32, "n_mels": 6})
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(small()), &pair(&[2, 1, 48], 81));
        let p = json!({"sample_rate": 22050, "fft_size": 64, "hop_size": 16, "win_length": 48, "n_mels": 5, "w_sc": 0.0, "w_lin_mag": 1.0, "mag_distance": "L2"});
        assert_gradcheck(ID, None, &params(p), &pair(&[1, 2, 40], 83));
    }

    #[test]
    fn value_is_the_formula() {
        // Reference = 3 x estimate: mel magnitudes scale by 3 (eps 0), so SC = 2/3 and the log
        // term is log 3.
        let x = randn(&[1, 1, 48], 85, 1.0);
        let y = crate::eval::HostTensor::from_f64(x.shape.clone(), x.floats.iter().map(|v| 3.0 * v).collect());
        let mut p = small();
        p["eps"] = json!(0.0);
        let ev = eval64(ID, None, &params(p), &inputs(vec![("estimate", x), ("reference", y)]));
        assert!((ev.loss.floats[0] - (2.0 / 3.0 + 3f64.ln())).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e12] {
            let mut x = pair(&[1, 1, 48], 87);
            for t in x.values_mut() {
                t.floats.iter_mut().for_each(|v| *v *= scale);
            }
            assert_finite(ID, None, &params(small()), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let good = pair(&[1, 1, 48], 3);
        assert_error(ID, None, &params(json!({"fft_size": 32, "win_length": 32})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"sample_rate": 16000, "fft_size": 32, "win_length": 32, "n_mels": 64})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"sample_rate": -1.0, "fft_size": 32, "win_length": 32})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(small()), &pair(&[1, 48], 1), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"sample_rate": 16000, "fft_size": 32, "win_length": 32, "w_phs": 1.0})), &good, ErrorKind::Unsupported);
    }
}
