//! Negative BSS-Eval signal-to-distortion ratio: the estimate is explained by the reference passed
//! through the best FIR filter of a given length, and the loss is minus the log ratio of the
//! explained energy to the rest.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sdr",
    name: "Signal-to-Distortion Ratio Loss",
    aliases: &["SDR Loss", "BSS-Eval SDR"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2006,
    paper: Paper {
        title: "Performance measurement in blind audio source separation",
        authors: "Emmanuel Vincent, Rémi Gribonval, Cédric Févotte",
        venue: "IEEE Transactions on Audio, Speech, and Language Processing",
        year: 2006,
        url: "https://ieeexplore.ieee.org/document/1643671",
    },
    summary: "Allows a time-invariant FIR filter of length filter_length as acceptable distortion of the reference: it solves the Toeplitz normal equations for the filter that best maps the unit-norm reference onto the unit-norm estimate, and scores the fraction of the estimate explained by it. The value is invariant to gain and to short filtering, which makes it lenient toward reverberation-like errors. The reference here is torchmetrics' differentiable version (FFT correlations and a direct solve); it costs a linear solve of size filter_length per signal and can be ill-conditioned for silent references (load_diag adds diagonal loading).",
    formula: r"\ell = -10\log_{10}\frac{\mathbf b^\top R^{-1}\mathbf b}{1 - \mathbf b^\top R^{-1}\mathbf b},\quad R_{jk} = r_{|j-k|},\ r_l = \sum_{t} \bar y_t \bar y_{t+l},\ b_l = \sum_{t} \bar y_t\, \bar{\hat y}_{t+l},\ \bar y = \frac{y}{\max(\lVert y \rVert, 10^{-6})},\ l < L",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T] or [B, T]", meaning: "estimated signal; time is the last axis" },
        Input { name: "reference", shape: "same as estimate", meaning: "reference (target) signal" },
    ],
    params: &[
        Param { name: "filter_length", symbol: "L", default: Value::Int(512), range: Range::Integer { min: 1, max: 2147483648 }, meaning: "length of the allowed distortion filter" },
        Param { name: "zero_mean", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "subtract each signal's mean first" },
        Param { name: "load_diag", symbol: "", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "value added to the diagonal of R before solving (off by default)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["torchmetrics.functional.audio.signal_distortion_ratio", "torchmetrics.audio.SignalDistortionRatio"],
    related: &["si-snr", "sdsdr", "snr", "sa-sdr"],
    forms: &[
        Form { name: "torchmetrics", description: "minus torchmetrics.functional.audio.signal_distortion_ratio(estimate, reference, filter_length, zero_mean, load_diag) in float64: both signals scaled to unit norm (norm clamped at 1e-6), autocorrelation and cross-correlation by zero-padded FFT, filter from torch.linalg.solve on the symmetric Toeplitz matrix; one value per signal." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
