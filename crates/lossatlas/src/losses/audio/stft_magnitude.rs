//! STFT magnitude loss: an L1 or squared distance between (optionally log-scaled) magnitude
//! spectrograms.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "stft-magnitude",
    name: "STFT Magnitude Loss",
    aliases: &["Log STFT Magnitude Loss", "Log-Magnitude Spectral Loss"],
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
    summary: "Compares magnitude spectrograms element by element, by default as the mean absolute difference of their logarithms, which weights quiet and loud time-frequency bins more evenly than spectral convergence. It ignores phase, so it suits vocoders and enhancement models whose phase is free. The logarithm requires strictly positive magnitudes; STFT losses clamp the squared magnitude at eps before the square root for that reason.",
    formula: r"\ell = \operatorname{reduce}\, d\bigl(g(X), g(Y)\bigr),\quad g = \log \text{ (or identity)},\quad d(a, b) = |a - b| \text{ (L1) or } (a - b)^2 \text{ (L2)}",
    inputs: &[
        Input { name: "estimate", shape: "[B, F, frames]", meaning: "magnitude spectrogram of the estimate" },
        Input { name: "reference", shape: "[B, F, frames]", meaning: "magnitude spectrogram of the reference" },
    ],
    params: &[
        Param { name: "log", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "compare log-magnitudes (true) or linear magnitudes" },
        Param { name: "distance", symbol: "", default: Value::Str("L1"), range: Range::Choice { values: &["L1", "L2"] }, meaning: "L1 (torch L1Loss) or L2 (torch MSELoss)" },
        Param::REDUCTION_MEAN,
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
    equivalents: &["auraloss.freq.STFTMagnitudeLoss"],
    related: &["spectral-convergence", "stft", "multi-resolution-stft", "l1", "mse"],
    forms: &[
        Form { name: "auraloss", description: "auraloss.freq.STFTMagnitudeLoss(log, distance, reduction)(estimate, reference) on magnitude tensors (auraloss 0.4.0 has no log epsilon: zero magnitudes give -inf)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
