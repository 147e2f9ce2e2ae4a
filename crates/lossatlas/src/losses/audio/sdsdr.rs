//! Negative scale-dependent signal-to-distortion ratio: the numerator uses the optimally scaled
//! reference as in SI-SDR, but the error is measured against the unscaled reference, so a wrong
//! gain is penalized.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sdsdr",
    name: "Scale-Dependent SDR Loss",
    aliases: &["SD-SDR Loss", "SD-SDR"],
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
    summary: "Computes the SI-SDR gain alpha but divides the scaled target's energy by the error to the unscaled reference, so rescaling the estimate changes the loss. Le Roux et al. proposed it for tasks where the output level matters. As in auraloss, the residual uses the raw reference, not alpha * y; zero-mean is on by default.",
    formula: r"\alpha = \frac{\langle \hat y, y \rangle}{\lVert y \rVert^2 + \epsilon},\quad \ell = -10\log_{10}\left(\frac{\lVert \alpha y \rVert^2}{\lVert \hat y - y \rVert^2 + \epsilon} + \epsilon\right)",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T] or [B, T]", meaning: "estimated signal; time is the last axis" },
        Input { name: "reference", shape: "same as estimate", meaning: "reference (target) signal" },
    ],
    params: &[
        Param { name: "zero_mean", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "subtract each signal's mean over time before the computation (auraloss's default)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "stabilizer added where auraloss adds it" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the per-signal values (one per leading index) are combined: mean, sum, or none" },
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
    equivalents: &["auraloss.time.SDSDRLoss", "asteroid.losses.SingleSrcNegSDR(\"sdsdr\")"],
    related: &["si-snr", "snr", "sdr"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
