//! Margin loss: positive distances should fall below a boundary beta and negative distances above
//! it, each by a margin; beta can be learned globally or per class.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "margin",
    name: "Margin Loss",
    aliases: &["Distance-Weighted Margin Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2017,
    paper: Paper {
        title: "Sampling Matters in Deep Embedding Learning",
        authors: "Wu, C.-Y., Manmatha, R., Smola, A.J., Krähenbühl, P.",
        venue: "ICCV",
        year: 2017,
        url: "https://arxiv.org/abs/1706.07567",
    },
    summary: "Replaces the relative triplet constraint with an absolute boundary beta: for each triplet it penalizes d(a,p) above beta - margin and d(a,n) below beta + margin. The boundary can be a fixed scalar or learned (optionally per class) with a regularizer nu*beta. It was proposed together with distance-weighted negative sampling, which matters as much as the loss. PML divides the summed hinge terms by the number of non-zero terms.",
    formula: r"L = \frac{\sum_{(a,p,n)} \big([d_{ap} - \beta_{y_a} + m]_+ + [\beta_{y_a} - d_{an} + m]_+\big)}{\#\{\text{non-zero terms}\}} + \nu\,\beta\ \ (\text{learned } \beta)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "beta", shape: "[C]", meaning: "per-class boundaries when learn_beta=True with num_classes (a learnable module parameter)" },
    ],
    params: &[
        Param { name: "margin", symbol: "m", default: Value::Float(0.2), range: Range::NON_NEGATIVE, meaning: "margin around the boundary" },
        Param { name: "nu", symbol: r"\nu", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the beta regularizer (only when beta is learned)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(1.2), range: Range::REAL, meaning: "initial / fixed boundary" },
        Param { name: "triplets_per_anchor", symbol: "", default: Value::Str("all"), range: Range::Any, meaning: "number of triplets per anchor, or all" },
        Param { name: "learn_beta", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "make beta a learnable parameter" },
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes for a per-class beta" },
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
        "pytorch_metric_learning.losses.MarginLoss",
    ],
    related: &["triplet", "contrastive"],
    forms: &[
        Form { name: "pml", description: "PML MarginLoss on all triplets of the batch; hinge terms divided by the count of non-zero terms (DivisorReducer); with learn_beta the regularizer nu*beta is added (per anchor for a per-class beta)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
