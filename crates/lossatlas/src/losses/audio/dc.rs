//! DC loss: the squared mean of the error over time divided by the mean power of the reference. It
//! penalizes a constant offset between estimate and reference that a frequency-weighted loss may
//! ignore.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dc",
    name: "DC Loss",
    aliases: &["DC Offset Loss"],
    kind: Kind::Loss,
    domains: &["audio", "regression"],
    year: 2020,
    paper: Paper {
        title: "Perceptual Loss Function for Neural Modelling of Audio Systems",
        authors: "Alec Wright, Vesa Välimäki",
        venue: "ICASSP",
        year: 2020,
        url: "https://arxiv.org/abs/1911.08922",
    },
    summary: "Squares the time-average of the error and divides by the reference's mean power, per signal, then reduces. It only sees the DC (zero-frequency) component of the error, so it is used as a companion to the error-to-signal ratio when training audio-effect models, where a pre-emphasis filter would otherwise hide constant offsets. On its own it does not constrain the waveform.",
    formula: r"\ell = \frac{\left(\frac{1}{T}\sum_{t} (y_t - \hat y_t)\right)^2}{\frac{1}{T}\sum_{t} y_t^2 + \epsilon}",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T] or [B, T]", meaning: "estimated signal; time is the last axis" },
        Input { name: "reference", shape: "same as estimate", meaning: "reference (target) signal" },
    ],
    params: &[
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "stabilizer added where auraloss adds it" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the per-signal values (one per leading index) are combined: mean, sum, or none" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["auraloss.time.DCLoss"],
    related: &["esr", "mse"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
