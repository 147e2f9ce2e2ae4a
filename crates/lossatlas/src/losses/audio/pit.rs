//! Permutation invariant training: a separation loss evaluated under the best assignment of
//! estimated sources to reference sources, so the network need not output speakers in a fixed
//! order.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "pit",
    name: "PIT Loss (Permutation Invariant Training)",
    aliases: &["Permutation Invariant Training"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2017,
    paper: Paper {
        title: "Permutation Invariant Training of Deep Models for Speaker-Independent Multi-talker Speech Separation",
        authors: "Dong Yu, Morten Kolbæk, Zheng-Hua Tan, Jesper Jensen",
        venue: "ICASSP",
        year: 2017,
        url: "https://arxiv.org/abs/1607.00325",
    },
    summary: "Wraps a per-source metric (SI-SNR, SNR, ...) and, for each mixture, takes the best mean over sources across all permutations of the outputs, so the arbitrary order of speakers does not matter. The gradient flows through the chosen assignment only; the choice itself is not differentiated. Exhaustive search costs S! evaluations; the speaker-wise mode instead fills an S x S metric matrix and solves an assignment problem (Hungarian algorithm for three or more sources in torchmetrics).",
    formula: r"\ell_b = -\max_{\pi \in \mathfrak{S}_S} \frac{1}{S}\sum_{s=1}^{S} m\bigl(\hat y_{b,\pi(s)}, y_{b,s}\bigr)",
    inputs: &[
        Input { name: "estimate", shape: "[B, S, T]", meaning: "estimated sources" },
        Input { name: "reference", shape: "[B, S, T]", meaning: "reference sources in any order" },
    ],
    params: &[
        Param { name: "metric_func", symbol: "m", default: Value::Str("scale_invariant_signal_noise_ratio"), range: Range::Choice { values: &["scale_invariant_signal_noise_ratio", "signal_noise_ratio"] }, meaning: "per-source metric to maximize (torchmetrics requires it; here it names the form)" },
        Param { name: "mode", symbol: "", default: Value::Str("speaker-wise"), range: Range::Choice { values: &["speaker-wise", "permutation-wise"] }, meaning: "speaker-wise: metric on every (estimate, reference) pair, then best assignment; permutation-wise: metric on each permuted stack" },
        Param { name: "eval_func", symbol: "", default: Value::Str("max"), range: Range::Choice { values: &["max", "min"] }, meaning: "whether the metric is better when larger (max) or smaller (min)" },
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
    equivalents: &["torchmetrics.functional.audio.permutation_invariant_training", "torchmetrics.audio.PermutationInvariantTraining", "asteroid.losses.PITLossWrapper"],
    related: &["si-snr", "snr", "sa-sdr", "sdr"],
    forms: &[
        Form { name: "scale_invariant_signal_noise_ratio", description: "minus torchmetrics permutation_invariant_training(estimate, reference, scale_invariant_signal_noise_ratio, mode, eval_func)[0]: best mean SI-SNR over permutations, one value per mixture." },
        Form { name: "signal_noise_ratio", description: "the same with torchmetrics signal_noise_ratio (zero_mean off) as the metric." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
