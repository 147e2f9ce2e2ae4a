//! Proxy-NCA: neighbourhood components analysis against one learnable proxy per class instead of
//! other batch samples.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "proxy-nca",
    name: "Proxy-NCA Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2017,
    paper: Paper {
        title: "No Fuss Distance Metric Learning Using Proxies",
        authors: "Movshovitz-Attias et al.",
        venue: "ICCV",
        year: 2017,
        url: "https://arxiv.org/abs/1703.07464",
    },
    summary: "Replaces the data points of NCA by learned class proxies: each embedding should be closer to its class proxy than to every other proxy, via a softmax over negative (squared) distances. Training no longer depends on sampling informative triplets and converges quickly. PML's version includes the positive proxy in the denominator (standard cross-entropy over proxies) and normalizes embeddings and proxies.",
    formula: r"\ell_i = -\log\frac{e^{-s\,d(x_i, p_{y_i})}}{\sum_{c} e^{-s\,d(x_i, p_c)}},\quad d(x, p) = \lVert \hat x - \hat p\rVert_2^2",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class proxies, one row per class" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML" },
        Param { name: "softmax_scale", symbol: "s", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "multiplies the distances inside the softmax" },
        Param { name: "distance", symbol: "", default: Value::Str("LpDistance(normalize_embeddings=True, p=2, power=2)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
        "pytorch_metric_learning.losses.ProxyNCALoss",
    ],
    related: &["nca", "proxy-anchor", "normalized-softmax"],
    forms: &[
        Form { name: "pml", description: "PML ProxyNCALoss; losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
