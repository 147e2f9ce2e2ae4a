//! Negative scale-invariant signal-to-noise ratio: the reference is first rescaled by the
//! least-squares gain that best explains the estimate, and the loss is minus the log ratio of that
//! target's energy to the residual energy.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "si-snr",
    name: "SI-SNR Loss (Scale-Invariant Signal-to-Noise Ratio)",
    aliases: &["SI-SDR Loss", "Scale-Invariant SDR Loss", "Negative SI-SNR"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2019,
    paper: Paper {
        title: "Conv-TasNet: Surpassing Ideal Time–Frequency Magnitude Masking for Speech Separation",
        authors: "Yi Luo, Nima Mesgarani",
        venue: "IEEE/ACM Transactions on Audio, Speech, and Language Processing",
        year: 2019,
        url: "https://arxiv.org/abs/1809.07454",
    },
    summary: "Projects the estimate onto the (zero-mean) reference to get the best-scaled target alpha * y and minimizes minus 10 log10 of the target energy over the residual energy. Rescaling the estimate leaves the loss unchanged, so the network is judged on waveform shape rather than gain; it is the standard training objective of time-domain speech separation (Conv-TasNet and successors), usually wrapped in permutation-invariant training. Because the gain is free, the output level is arbitrary and must be fixed separately if it matters.",
    formula: r"\alpha = \frac{\langle \hat y, y \rangle}{\lVert y \rVert^2 + \epsilon},\quad \ell = -10\log_{10}\left(\frac{\lVert \alpha y \rVert^2}{\lVert \hat y - \alpha y \rVert^2 + \epsilon} + \epsilon\right),\quad \hat y, y \text{ zero-mean over time}",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T] or [B, T]", meaning: "estimated signal; time is the last axis" },
        Input { name: "reference", shape: "same as estimate", meaning: "reference (target) signal" },
    ],
    params: &[
        Param { name: "zero_mean", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "subtract each signal's mean over time before the computation (auraloss's default)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "auraloss's stabilizer (the torchmetrics forms use the dtype's machine epsilon)" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the per-signal values are combined (auraloss); the torchmetrics forms return one value per signal (none)" },
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
    equivalents: &["auraloss.time.SISDRLoss", "torchmetrics.functional.audio.scale_invariant_signal_noise_ratio", "torchmetrics.functional.audio.scale_invariant_signal_distortion_ratio", "asteroid.losses.SingleSrcNegSDR(\"sisdr\")"],
    related: &["snr", "sdsdr", "sdr", "sa-sdr", "pit"],
    forms: &[
        Form { name: "auraloss-sisdr", description: "auraloss.time.SISDRLoss: optional zero-mean (default on); alpha = <x, y> / (||y||^2 + eps); -10 log10(||alpha y||^2 / (||x - alpha y||^2 + eps) + eps) per signal, then the reduction; eps = 1e-8." },
        Form { name: "torchmetrics", description: "minus torchmetrics.functional.audio.scale_invariant_signal_noise_ratio: always zero-mean; alpha = (<x, y> + eps) / (||y||^2 + eps); -10 log10((||alpha y||^2 + eps) / (||alpha y - x||^2 + eps)) with eps the dtype's machine epsilon; one value per signal; estimate and reference must have the same shape." },
        Form { name: "torchmetrics-sisdr", description: "minus torchmetrics.functional.audio.scale_invariant_signal_distortion_ratio(estimate, reference, zero_mean): the torchmetrics formula with zero-mean optional (default off)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
