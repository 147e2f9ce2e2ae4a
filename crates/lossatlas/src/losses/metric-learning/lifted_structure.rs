//! Lifted structured loss: for every positive pair, a smooth maximum over the negatives of both
//! endpoints, squared-hinged against the positive distance.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "lifted-structure",
    name: "Lifted Structured Loss",
    aliases: &["Lifted Structure Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2016,
    paper: Paper {
        title: "Deep Metric Learning via Lifted Structured Feature Embedding",
        authors: "Oh Song et al.",
        venue: "CVPR",
        year: 2016,
        url: "https://arxiv.org/abs/1511.06452",
    },
    summary: "Lifts the pairwise distances of a batch to the full matrix: for each positive pair (i, j) it takes a log-sum-exp of neg_margin minus the distances from i and from j to all their negatives, adds the positive distance, and applies a squared hinge. This uses all negatives in the batch instead of one per triplet. PML halves each term because each positive pair appears twice.",
    formula: r"\ell_{ij} = \tfrac{1}{2}\Big[\log\Big(\sum_{k \in N(i)} e^{m_{neg} - d_{ik}} + \sum_{l \in N(j)} e^{m_{neg} - d_{jl}}\Big) + d_{ij} - m_{pos}\Big]_+^2",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "neg_margin", symbol: "m_{neg}", default: Value::Float(1.0), range: Range::REAL, meaning: "margin for negative distances" },
        Param { name: "pos_margin", symbol: "m_{pos}", default: Value::Float(0.0), range: Range::REAL, meaning: "margin for positive distances" },
        Param { name: "distance", symbol: "", default: Value::Str("LpDistance(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.LiftedStructureLoss",
    ],
    related: &["generalized-lifted-structure", "triplet", "n-pair"],
    forms: &[
        Form { name: "pml", description: "PML LiftedStructureLoss over ordered positive pairs; losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
