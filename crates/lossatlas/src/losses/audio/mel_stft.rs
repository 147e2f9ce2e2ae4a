//! Mel-scaled STFT loss: the STFT loss computed after projecting the magnitude spectrograms onto a
//! mel filterbank, so errors are weighted by a perceptual frequency scale.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mel-stft",
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
    formula: r"\ell = w_{sc}\frac{\lVert M|Y| - M|X| \rVert_F}{\lVert M|Y| \rVert_F} + \frac{w_{log}}{K}\sum \bigl|\log M|Y| - \log M|X|\bigr| + \frac{w_{lin}}{K}\sum \bigl|M|Y| - M|X|\bigr| + w_{phs}\operatorname{MSE}(\angle X, \angle Y),\quad M \in \mathbb{R}^{n_{mels} \times (n_{fft}/2 + 1)}",
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
        Param { name: "w_phs", symbol: "w_{phs}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the phase term (MSE between STFT phase angles)" },
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
        Form { name: "auraloss", description: "auraloss.freq.MelSTFTLoss: STFTLoss with scale='mel'; magnitudes are multiplied by librosa.filters.mel(sr=sample_rate, n_fft=fft_size, n_mels=n_mels) (Slaney scale, norm='slaney', fmin 0, fmax sample_rate/2) before the spectral terms; the phase term uses the unscaled STFT. STFT as torch.stft(x, n_fft, hop_length, win_length, window, center=True, pad_mode='reflect', onesided) over every [B*C, T] channel; magnitude = sqrt(max(re^2 + im^2, eps)); spectral convergence = Frobenius norm of |Y| - |X| over the whole batch divided by that of |Y| (one norm over all channels, frequencies and frames, not a per-example mean); log-magnitude = mean |log|Y| - log|X|| (L1) or mean squared (L2) over all elements; linear magnitude likewise; phase = MSE of torch.angle." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
