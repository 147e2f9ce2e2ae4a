//! N-pair loss: one anchor-positive pair per class, and cross-entropy of each anchor against all the
//! selected positives, so every anchor sees N - 1 negatives at once.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "n-pair",
    name: "N-pair Loss",
    aliases: &["Multi-class N-pair Loss", "NPairs Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "metric-learning"],
    year: 2016,
    paper: Paper {
        title: "Improved Deep Metric Learning with Multi-class N-pair Loss Objective",
        authors: "Sohn, K.",
        venue: "NeurIPS",
        year: 2016,
        url: "https://papers.nips.cc/paper/6200",
    },
    summary: "Generalizes the triplet loss from one negative to N - 1: with one (anchor, positive) pair per class, each anchor's dot products with all positives are treated as logits and its own positive is the target of a softmax cross-entropy. It makes efficient use of a batch built from N classes with two samples each. PML keeps the first pair per label and, by default, normalizes the embeddings before the dot product.",
    formula: r"\ell_i = -\log\frac{e^{f_i^\top f_i^+}}{\sum_{j=1}^{N} e^{f_i^\top f_j^+}} = \log\Big(1 + \sum_{j \ne i} e^{f_i^\top f_j^+ - f_i^\top f_i^+}\Big)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "distance", symbol: "", default: Value::Str("DotProductSimilarity(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
    equivalents: &[
        "pytorch_metric_learning.losses.NPairsLoss",
    ],
    related: &["triplet", "infonce", "nt-xent", "lifted-structure"],
    forms: &[
        Form { name: "pml", description: "PML NPairsLoss: per label the first (anchor, positive) pair in row-major order of the label-match matrix; cross-entropy over anchor-vs-positive similarities; losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
