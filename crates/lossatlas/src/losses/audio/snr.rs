//! Negative signal-to-noise ratio in decibels between an estimate and its reference: the
//! reference's energy over the energy of their difference, on a log scale.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "snr",
    name: "Signal-to-Noise Ratio Loss",
    aliases: &["SNR Loss", "Negative SNR"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2019,
    paper: Paper {
        title: "SDR – Half-baked or Well Done?",
        authors: "Jonathan Le Roux, Scott Wisdom, Hakan Erdogan, John R. Hershey",
        venue: "ICASSP",
        year: 2019,
        url: "https://arxiv.org/abs/1811.02508",
    },
    summary: "Minimizes minus the signal-to-noise ratio in dB, the log of the reference energy over the residual energy. The log makes the loss grow only logarithmically with the error and weights every signal equally regardless of its level. Unlike SI-SNR it is sensitive to the estimate's scale, which Le Roux et al. argue is appropriate when the gain matters. The ratio itself is a classical measure; the cited paper discusses it as a separation objective. In auraloss the eps inside the log bounds the loss above by about 80 dB; the torchmetrics form is unbounded.",
    formula: r"\ell = -10\log_{10}\left(\frac{\lVert y \rVert^2}{\lVert y - \hat y \rVert^2 + \epsilon} + \epsilon\right)",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T] or [B, T]", meaning: "estimated signal; time is the last axis" },
        Input { name: "reference", shape: "same as estimate", meaning: "reference (target) signal" },
    ],
    params: &[
        Param { name: "zero_mean", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "subtract each signal's mean over time first (auraloss's default True; torchmetrics' default is False)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "auraloss's stabilizer (the torchmetrics form uses the dtype's machine epsilon instead)" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the per-signal values are combined (auraloss); the torchmetrics form returns one value per signal (none)" },
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
    equivalents: &["auraloss.time.SNRLoss", "torchmetrics.functional.audio.signal_noise_ratio", "torchmetrics.audio.SignalNoiseRatio"],
    related: &["si-snr", "sdsdr", "sdr", "esr", "pit"],
    forms: &[
        Form { name: "auraloss", description: "auraloss.time.SNRLoss: optional zero-mean, then -10 log10(||y||^2 / (||x - y||^2 + eps) + eps) per signal (last axis), then the reduction." },
        Form { name: "torchmetrics", description: "minus torchmetrics.functional.audio.signal_noise_ratio(estimate, reference, zero_mean): -10 log10((||y||^2 + eps) / (||y - x||^2 + eps)) with eps the machine epsilon of the dtype; one value per signal." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
