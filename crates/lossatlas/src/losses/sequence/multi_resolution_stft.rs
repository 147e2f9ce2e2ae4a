//! Multi-resolution STFT loss: the STFT loss averaged over several FFT sizes, hops and window
//! lengths, so spectral errors are penalized at both fine time and fine frequency resolution.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "multi-resolution-stft",
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
    formula: r"\ell = \frac{1}{M}\sum_{m=1}^{M}\left(w_{sc}\frac{\lVert |Y_m| - |X_m| \rVert_F}{\lVert |Y_m| \rVert_F} + \frac{w_{log}}{K_m}\sum \bigl|\log|Y_m| - \log|X_m|\bigr| + \frac{w_{lin}}{K_m}\sum \bigl||Y_m| - |X_m|\bigr| + w_{phs}\operatorname{MSE}(\angle X_m, \angle Y_m)\right)",
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
        Param { name: "w_phs", symbol: "w_{phs}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the phase term (MSE between STFT phase angles)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "floor of the squared magnitude before the square root (passed to every STFT loss)" },
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
        Form { name: "auraloss", description: "auraloss.freq.MultiResolutionSTFTLoss: mean over resolutions of auraloss STFTLoss. STFT as torch.stft(x, n_fft, hop_length, win_length, window, center=True, pad_mode='reflect', onesided) over every [B*C, T] channel; magnitude = sqrt(max(re^2 + im^2, eps)); spectral convergence = Frobenius norm of |Y| - |X| over the whole batch divided by that of |Y| (one norm over all channels, frequencies and frames, not a per-example mean); log-magnitude = mean |log|Y| - log|X|| (L1) or mean squared (L2) over all elements; linear magnitude likewise; phase = MSE of torch.angle." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
