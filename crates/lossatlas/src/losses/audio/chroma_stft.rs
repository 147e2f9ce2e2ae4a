//! Chroma STFT loss: the STFT loss computed on magnitudes projected onto 12 pitch classes (chroma),
//! comparing harmonic content independently of octave.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "chroma-stft",
    name: "Chroma STFT Loss",
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
    summary: "Projects the STFT magnitudes of estimate and reference through a chroma filterbank (librosa's, n_chroma bins per octave class) and applies the spectral convergence and log-magnitude terms of the STFT loss to the chroma representation. It emphasizes pitch-class and harmonic content while ignoring octave and timbre details, which suits music tasks. Requires the sample rate to build the filterbank.",
    formula: r"L = w_{sc}\,\frac{\lVert C|Y| - C|X|\rVert_F}{\lVert C|Y|\rVert_F} + w_{log}\,\frac{1}{n}\lVert \log(C|Y|) - \log(C|X|)\rVert_1,\quad C \in \mathbb{R}^{12 \times F}",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T]", meaning: "estimated signal" },
        Input { name: "reference", shape: "[B, C, T]", meaning: "reference signal" },
    ],
    params: &[
        Param { name: "sample_rate", symbol: "", default: Value::Null, range: Range::POSITIVE, meaning: "sample rate in Hz (required)" },
        Param { name: "fft_size", symbol: "", default: Value::Int(1024), range: Range::Integer { min: 2, max: i64::MAX }, meaning: "FFT size" },
        Param { name: "hop_size", symbol: "", default: Value::Int(256), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "hop size" },
        Param { name: "win_length", symbol: "", default: Value::Int(1024), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "window length" },
        Param { name: "window", symbol: "", default: Value::Str("hann_window"), range: Range::Any, meaning: "window function" },
        Param { name: "n_chroma", symbol: "", default: Value::Int(12), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of chroma bins" },
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
        "auraloss.freq.ChromaSTFTLoss",
    ],
    related: &["stft", "mel-stft", "multi-resolution-stft"],
    status: Status::Planned("no reference cases yet; needs librosa's chroma filterbank as a constant; auraloss.freq.ChromaSTFTLoss is the reference"),
    eval: None,
    ..Entry::BLANK
};
