//! Error-to-signal ratio: the energy of the error divided by the energy of the reference, per
//! signal. A scale-normalized squared error used to train black-box models of audio effects and
//! amplifiers.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "esr",
    name: "Error-to-Signal Ratio Loss",
    aliases: &["ESR Loss"],
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
    summary: "Divides the summed squared error between estimate and reference by the reference's energy, so quiet and loud signals count alike; per signal (last axis), then reduced. It is the main objective for neural models of guitar amplifiers and audio effects, usually after a pre-emphasis filter on both signals (not part of this entry) and often next to the DC loss. A silent reference makes the ratio explode; eps only prevents division by zero.",
    formula: r"\ell = \frac{\sum_{t} (y_t - \hat y_t)^2}{\sum_{t} y_t^2 + \epsilon}",
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
    equivalents: &["auraloss.time.ESRLoss"],
    related: &["dc", "mse", "snr", "spectral-convergence"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
