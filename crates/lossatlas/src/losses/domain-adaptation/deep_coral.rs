//! Deep CORAL: align the second-order statistics (feature covariances) of source and target
//! activations inside a deep network.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "deep-coral",
    name: "Deep CORAL Loss",
    aliases: &["CORAL Loss", "Correlation Alignment Loss"],
    kind: Kind::Loss,
    domains: &["domain-adaptation"],
    year: 2016,
    paper: Paper {
        title: "Deep CORAL: Correlation Alignment for Deep Domain Adaptation",
        authors: "Sun & Saenko",
        venue: "ECCV 2016 Workshops",
        year: 2016,
        url: "https://arxiv.org/abs/1607.01719",
    },
    summary: "The squared Frobenius distance between the covariance matrices of source and target features of one layer, scaled by 1/(4 d^2); added to the source classification loss with a weight chosen so both terms are of similar size at the end of training. It is differentiable and cheap (d x d covariances, no adversary), and aligns only second-order statistics. The classifier alone would learn degenerate features for the CORAL term, and the CORAL term alone could shrink features; the combination is what adapts.",
    formula: r"\ell_{\text{CORAL}} = \frac{1}{4d^2}\,\lVert C_S - C_T \rVert_F^2,\quad C = \frac{1}{n-1}\Big(D^\top D - \frac{1}{n}(\mathbf{1}^\top D)^\top(\mathbf{1}^\top D)\Big)",
    inputs: &[
        Input { name: "source_features", shape: "[N_S, d]", meaning: "features of a source batch" },
        Input { name: "target_features", shape: "[N_T, d]", meaning: "features of a target batch" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["mmd", "dann", "cdd", "wasserstein-da", "gram-style"],
    status: Status::Planned("no reference cases; formula transcription pending"),
    eval: None,
    ..Entry::BLANK
};
