//! Random-resolution STFT loss: the STFT loss (spectral convergence plus log magnitude) averaged over
//! several FFT sizes, hops and windows drawn at random.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "random-resolution-stft",
    name: "Random-Resolution STFT Loss",
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2020,
    paper: Paper {
        title: "auraloss: Audio focused loss functions in PyTorch",
        authors: "Steinmetz, C.J., Reiss, J.D.",
        venue: "DMRN+15",
        year: 2020,
        url: "https://www.christiansteinmetz.com/s/DMRN15__auraloss__Audio_focused_loss_functions_in_PyTorch.pdf",
    },
    summary: "Like the multi-resolution STFT loss, but the FFT sizes, hop sizes (as fractions of the window) and window functions are resampled at random every randomize_rate calls, so over training the model is compared with the target at many time-frequency resolutions and cannot overfit a fixed set. Each resolution contributes the usual weighted sum of spectral convergence and log-magnitude distances. Because the resolutions are random, values are only reproducible with a fixed random state.",
    formula: r"L = \frac{1}{R}\sum_{r=1}^{R} \Big(w_{sc}\,\frac{\lVert |Y_r| - |X_r|\rVert_F}{\lVert |Y_r|\rVert_F} + w_{log}\,\frac{1}{n}\lVert \log|Y_r| - \log|X_r|\rVert_1\Big),\quad (N_r, H_r, w_r) \sim \text{random}",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T]", meaning: "estimated signal" },
        Input { name: "reference", shape: "[B, C, T]", meaning: "reference signal" },
    ],
    params: &[
        Param { name: "resolutions", symbol: "R", default: Value::Int(3), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of random resolutions" },
        Param { name: "min_fft_size", symbol: "", default: Value::Int(16), range: Range::Integer { min: 2, max: i64::MAX }, meaning: "smallest FFT size" },
        Param { name: "max_fft_size", symbol: "", default: Value::Int(32768), range: Range::Integer { min: 2, max: i64::MAX }, meaning: "largest FFT size" },
        Param { name: "min_hop_size", symbol: "", default: Value::Float(0.1), range: Range::Real { min: 0.0, max: 1.0, open_min: true, open_max: false }, meaning: "smallest hop as a fraction of the window" },
        Param { name: "max_hop_size", symbol: "", default: Value::Float(1.0), range: Range::Real { min: 0.0, max: 1.0, open_min: true, open_max: false }, meaning: "largest hop as a fraction of the window" },
        Param { name: "windows", symbol: "", default: Value::Str("hann, bartlett, blackman, hamming, kaiser"), range: Range::Any, meaning: "window functions to draw from" },
        Param { name: "randomize_rate", symbol: "", default: Value::Int(1), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "calls between redraws" },
        Param { name: "w_sc", symbol: "", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the spectral convergence term" },
        Param { name: "w_log_mag", symbol: "", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the log-magnitude term" },
        Param { name: "w_lin_mag", symbol: "", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the linear-magnitude term" },
        Param { name: "w_phs", symbol: "", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the phase term" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "auraloss.freq.RandomResolutionSTFTLoss",
    ],
    related: &["multi-resolution-stft", "stft", "spectral-convergence", "stft-magnitude"],
    status: Status::Planned("no reference cases yet; the resolutions are random, so a reference needs a seeded sampler; each resolution's term is the stft entry"),
    eval: None,
    ..Entry::BLANK
};
