//! Instance loss: treats each label (originally each image-text instance) as its own class and
//! applies cross-entropy over scaled cosine similarities to the batch.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "instance",
    name: "Instance Loss",
    kind: Kind::Loss,
    domains: &["metric-learning", "anomaly-multimodal"],
    year: 2017,
    paper: Paper {
        title: "Dual-Path Convolutional Image-Text Embeddings with Instance Loss",
        authors: "Zheng, Z., Zheng, L., Garrett, M., Yang, Y., Xu, M., Shen, Y.-D.",
        venue: "ACM TOMM",
        year: 2017,
        url: "https://arxiv.org/abs/1711.05535",
    },
    summary: "Scores every embedding against every embedding in the batch with gamma times the cosine similarity and applies cross-entropy with the embedding's own label index as target, so each instance class pulls its members together. Originally used to pretrain image-text embeddings where every pair is a class. In PML the targets are the labels remapped to 0..K-1 (torch.unique), which must not exceed the batch size.",
    formula: r"\ell_i = -\log \frac{e^{\gamma\, s_{i,\,c(y_i)}}}{\sum_{j=1}^{N} e^{\gamma\, s_{ij}}},\quad s_{ij} = \cos(x_i, x_j)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(64.0), range: Range::POSITIVE, meaning: "scale of the cosine similarities" },
        Param { name: "distance", symbol: "", default: Value::Str("CosineSimilarity(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
        "pytorch_metric_learning.losses.InstanceLoss",
    ],
    related: &["normalized-softmax", "supcon", "nt-xent"],
    forms: &[
        Form { name: "pml", description: "PML InstanceLoss: target of row i is the index of y_i among the sorted unique labels (a column of the batch similarity matrix); losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
