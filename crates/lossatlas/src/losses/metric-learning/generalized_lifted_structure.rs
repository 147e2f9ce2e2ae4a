//! Generalized lifted structure loss: per anchor, a soft maximum over positive distances plus a soft
//! maximum over negative margins, passed through a hinge.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "generalized-lifted-structure",
    name: "Generalized Lifted Structure Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2017,
    paper: Paper {
        title: "In Defense of the Triplet Loss for Person Re-Identification",
        authors: "Hermans, A., Beyer, L., Leibe, B.",
        venue: "",
        year: 2017,
        url: "https://arxiv.org/abs/1703.07737",
    },
    summary: "For each anchor, takes a log-sum-exp over its positive distances (minus pos_margin) and over neg_margin minus its negative distances, adds them and applies a hinge, so the hardest positives and negatives dominate smoothly. It is the anchor-wise generalization of the lifted structure loss described by Hermans et al. and is simpler to batch than the original pair-wise form.",
    formula: r"\ell_a = \Big[\log\sum_{p:\,y_p = y_a} e^{d_{ap} - m_{pos}} + \log\sum_{n:\,y_n \ne y_a} e^{m_{neg} - d_{an}}\Big]_+",
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
        "pytorch_metric_learning.losses.GeneralizedLiftedStructureLoss",
    ],
    related: &["lifted-structure", "triplet", "multi-similarity"],
    forms: &[
        Form { name: "pml", description: "PML GeneralizedLiftedStructureLoss; losses averaged by PML's MeanReducer (0 when there are none). over anchors." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
