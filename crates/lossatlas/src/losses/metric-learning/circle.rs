//! Circle loss: a pair-similarity loss that re-weights each positive and negative similarity by how
//! far it is from its optimum, giving a circular decision boundary.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "circle",
    name: "Circle Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2020,
    paper: Paper {
        title: "Circle Loss: A Unified Perspective of Pair Similarity Optimization",
        authors: "Sun et al.",
        venue: "CVPR",
        year: 2020,
        url: "https://arxiv.org/abs/2002.10857",
    },
    summary: "Optimizes within-class similarities s_p towards 1 and between-class similarities s_n towards 0 with self-paced weights: a similarity far from its optimum gets a larger weight, so the decision boundary is a circle rather than the line s_n - s_p = m. A single margin m and scale gamma cover both pair-based and proxy-based settings. The weights are detached (no gradient flows through them), as in the paper and in PML.",
    formula: r"\ell_a = \operatorname{softplus}\Big(\log\sum_{n} e^{\gamma\,\alpha_n (s_n - \Delta_n)} + \log\sum_{p} e^{-\gamma\,\alpha_p (s_p - \Delta_p)}\Big),\quad \alpha_p = [1 + m - s_p]_+,\ \alpha_n = [s_n + m]_+,\ \Delta_p = 1 - m,\ \Delta_n = m",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "m", symbol: "m", default: Value::Float(0.4), range: Range::NON_NEGATIVE, meaning: "relaxation margin" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(80.0), range: Range::POSITIVE, meaning: "scale factor" },
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
        "pytorch_metric_learning.losses.CircleLoss",
    ],
    related: &["multi-similarity", "cosface", "supcon"],
    forms: &[
        Form { name: "pml", description: "PML CircleLoss: per anchor over all its positives and negatives; anchors with no positive or no negative give 0; losses averaged by PML's AvgNonZeroReducer over those > 0 (0 when none is)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
