//! Intra-pair variance loss: penalizes positive (negative) similarities that fall below (above) the
//! batch mean by more than a relative epsilon, shrinking the spread of pair similarities.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "intra-pair-variance",
    name: "Intra-Pair Variance Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Deep Metric Learning with Tuplet Margin Loss",
        authors: "Yu, B., Tao, D.",
        venue: "ICCV",
        year: 2019,
        url: "https://openaccess.thecvf.com/content_ICCV_2019/html/Yu_Deep_Metric_Learning_With_Tuplet_Margin_Loss_ICCV_2019_paper.html",
    },
    summary: "Computes the mean cosine similarity of positive pairs and of negative pairs and penalizes, with a squared hinge, positive pairs less similar than (1 - pos_eps) times the positive mean and negative pairs more similar than (1 + neg_eps) times the negative mean. It complements the tuplet margin loss, which it was proposed with, by reducing the variance of pair similarities.",
    formula: r"L = \operatorname{mean}_{>0}\big([(1-\epsilon_+)\,\bar s^+ - s_{ij}]_+^2\big)_{y_i = y_j} + \operatorname{mean}_{>0}\big([s_{ij} - (1+\epsilon_-)\,\bar s^-]_+^2\big)_{y_i \ne y_j}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "pos_eps", symbol: r"\epsilon_+", default: Value::Float(0.01), range: Range::NON_NEGATIVE, meaning: "relative tolerance for positive pairs" },
        Param { name: "neg_eps", symbol: r"\epsilon_-", default: Value::Float(0.01), range: Range::NON_NEGATIVE, meaning: "relative tolerance for negative pairs" },
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
        "pytorch_metric_learning.losses.IntraPairVarianceLoss",
    ],
    related: &["tuplet-margin", "contrastive"],
    forms: &[
        Form { name: "pml", description: "PML IntraPairVarianceLoss: the batch means enter with gradient; positive and negative terms each reduced by AvgNonZeroReducer and summed." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
