//! STFT loss: spectral convergence plus log-magnitude distance (and optional linear-magnitude and
//! phase terms) between the short-time Fourier transforms of an estimated and a reference waveform
//! at one resolution.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "stft",
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
    formula: r"\ell = w_{sc}\frac{\lVert |Y| - |X| \rVert_F}{\lVert |Y| \rVert_F} + \frac{w_{log}}{K}\sum \bigl|\log|Y| - \log|X|\bigr| + \frac{w_{lin}}{K}\sum \bigl||Y| - |X|\bigr| + w_{phs}\operatorname{MSE}(\angle X, \angle Y),\quad |X| = \sqrt{\max(|\mathrm{STFT}(\hat y)|^2, \epsilon)},\ |Y| = \sqrt{\max(|\mathrm{STFT}(y)|^2, \epsilon)}",
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
        Param { name: "w_phs", symbol: "w_{phs}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the phase term (MSE between STFT phase angles)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "floor of the squared magnitude before the square root" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "applied to the already scalar loss (no effect on the value)" },
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
        Form { name: "auraloss", description: "auraloss.freq.STFTLoss: STFT as torch.stft(x, n_fft, hop_length, win_length, window, center=True, pad_mode='reflect', onesided) over every [B*C, T] channel; magnitude = sqrt(max(re^2 + im^2, eps)); spectral convergence = Frobenius norm of |Y| - |X| over the whole batch divided by that of |Y| (one norm over all channels, frequencies and frames, not a per-example mean); log-magnitude = mean |log|Y| - log|X|| (L1) or mean squared (L2) over all elements; linear magnitude likewise; phase = MSE of torch.angle. Terms with zero weight are skipped." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
