//! Threshold-consistent margin loss: a regularizer that penalizes only hard positive pairs (cosine
//! below m+) and hard negative pairs (cosine above m-), to make one distance threshold work across classes.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "threshold-consistent-margin",
    name: "Threshold-Consistent Margin Loss",
    aliases: &["TCM Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2024,
    paper: Paper {
        title: "Threshold-Consistent Margin Loss for Open-World Deep Metric Learning",
        authors: "Zhang, Q., Xu, L., Tang, Q., Fang, J., Wu, Y.N., Tighe, J., Xing, Y.",
        venue: "ICLR",
        year: 2024,
        url: "https://arxiv.org/abs/2307.04047",
    },
    summary: "Adds to a base metric loss two averaged hinge terms: positive pairs whose cosine similarity is at most margin_plus and negative pairs whose similarity is at least margin_minus. By acting only on the hard pairs near the decision threshold it evens out the operating threshold across classes, which matters for open-world retrieval with a single global threshold. It is meant as a regularizer, not a standalone loss.",
    formula: r"L = \lambda_+\,\frac{\sum_{s_p \le m_+}(m_+ - s_p)}{|\{s_p \le m_+\}|} + \lambda_-\,\frac{\sum_{s_n \ge m_-}(s_n - m_-)}{|\{s_n \ge m_-\}|}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "lambda_plus", symbol: r"\lambda_+", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the positive term" },
        Param { name: "lambda_minus", symbol: r"\lambda_-", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the negative term" },
        Param { name: "margin_plus", symbol: "m_+", default: Value::Float(0.9), range: Range::Real { min: -1.0, max: 1.0, open_min: false, open_max: false }, meaning: "cosine below which positive pairs are penalized" },
        Param { name: "margin_minus", symbol: "m_-", default: Value::Float(0.5), range: Range::Real { min: -1.0, max: 1.0, open_min: false, open_max: false }, meaning: "cosine above which negative pairs are penalized" },
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
        "pytorch_metric_learning.losses.ThresholdConsistentMarginLoss",
    ],
    related: &["contrastive", "intra-pair-variance"],
    forms: &[
        Form { name: "pml", description: "PML ThresholdConsistentMarginLoss: cosine similarity of all pairs; an empty hard set contributes 0; already reduced." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
