//! Multi-similarity loss: soft-weights positive and negative pairs of each anchor through two
//! log-sum-exp terms around a similarity base.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "multi-similarity",
    name: "Multi-Similarity Loss",
    aliases: &["MS Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Multi-Similarity Loss with General Pair Weighting for Deep Metric Learning",
        authors: "Wang et al.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1904.06627",
    },
    summary: "For each anchor, sums exp(-alpha(s_p - base)) over positives and exp(beta(s_n - base)) over negatives inside log(1 + .) terms, so each pair's weight depends on its own similarity and on the other pairs of the anchor (self and relative similarity). Usually paired with its own pair miner. alpha and beta control how sharply hard pairs dominate; base is the similarity threshold.",
    formula: r"\ell_a = \frac{1}{\alpha}\log\Big(1 + \sum_{p} e^{-\alpha (s_{ap} - \lambda)}\Big) + \frac{1}{\beta}\log\Big(1 + \sum_{n} e^{\beta (s_{an} - \lambda)}\Big)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "scale for positive pairs" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(50.0), range: Range::POSITIVE, meaning: "scale for negative pairs" },
        Param { name: "base", symbol: r"\lambda", default: Value::Float(0.5), range: Range::REAL, meaning: "similarity base (threshold)" },
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
        "pytorch_metric_learning.losses.MultiSimilarityLoss",
    ],
    related: &["circle", "lifted-structure", "generalized-lifted-structure"],
    forms: &[
        Form { name: "pml", description: "PML MultiSimilarityLoss over all pairs (no miner); per-anchor losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
