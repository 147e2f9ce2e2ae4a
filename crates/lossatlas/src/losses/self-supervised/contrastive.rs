//! Contrastive (pairwise margin) loss: pulls same-label pairs together and pushes different-label
//! pairs apart until they are at least a margin away.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "contrastive",
    name: "Contrastive Loss",
    aliases: &["Siamese Contrastive Loss", "Pairwise Contrastive Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "metric-learning"],
    year: 2005,
    paper: Paper {
        title: "Learning a Similarity Metric Discriminatively, with Application to Face Verification",
        authors: "Chopra, Hadsell, LeCun",
        venue: "CVPR",
        year: 2005,
        url: "https://www.researchgate.net/publication/4156225",
    },
    summary: "For every pair of embeddings, penalizes the distance of positive pairs above pos_margin and the distance of negative pairs below neg_margin (both hinge terms). It is the original siamese metric loss and still a solid baseline, but it uses a fixed absolute margin, so it depends on the embedding scale and on how pairs are mined. PML reduces the positive and negative terms separately over their non-zero entries and adds them.",
    formula: r"L = \operatorname{mean}_{>0}\big([d_{ij} - m_{pos}]_+\big)_{y_i = y_j} + \operatorname{mean}_{>0}\big([m_{neg} - d_{ij}]_+\big)_{y_i \ne y_j}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "pos_margin", symbol: "m_{pos}", default: Value::Float(0.0), range: Range::REAL, meaning: "distance below which positive pairs are not penalized" },
        Param { name: "neg_margin", symbol: "m_{neg}", default: Value::Float(1.0), range: Range::REAL, meaning: "distance above which negative pairs are not penalized" },
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
        "pytorch_metric_learning.losses.ContrastiveLoss",
    ],
    related: &["triplet", "hinge-embedding", "cosine-embedding", "snr-contrastive", "margin-ranking"],
    forms: &[
        Form { name: "pml", description: "PML ContrastiveLoss over all pairs (i != j) of the batch; pos and neg terms each reduced by AvgNonZeroReducer, then summed; any PML distance (normalize_embeddings=False allowed)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
