//! Ranked list loss: per query, separates positives and negatives by a margin in distance, with
//! exponential weighting of the violating negatives (and optionally positives).

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ranked-list",
    name: "Ranked List Loss",
    kind: Kind::Loss,
    domains: &["metric-learning", "recommendation"],
    year: 2019,
    paper: Paper {
        title: "Ranked List Loss for Deep Metric Learning",
        authors: "Wang, X., Hua, Y., Kodirov, E., Hu, G., Garnier, R., Robertson, N.M.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1903.03238",
    },
    summary: "For each query it pushes the negatives inside a boundary alpha out and pulls positives beyond alpha - margin in, weighting violators by exp(T_n (alpha - d)) (and exp(T_p (d - (alpha - margin))) for positives), then mixes the two terms with an imbalance factor. It keeps some intra-class spread instead of collapsing each class to a point. alpha defaults to 1 + margin / 2 in PML; large temperatures overflow.",
    formula: r"\ell_i = (1-\lambda)\frac{\sum_{j \in P^*_i} w_{ij}(d_{ij} - (\alpha - m))}{\sum_{j} (w_{ij} + 10^{-5})} + \lambda\frac{\sum_{j \in N^*_i} w_{ij}(\alpha - d_{ij})}{\sum_{j} (w_{ij} + 10^{-5})},\ P^*_i = \{d_{ij} > \alpha - m\},\ N^*_i = \{d_{ij} < \alpha\}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "margin", symbol: "m", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "distance margin between positives and negatives (required by PML)" },
        Param { name: "Tn", symbol: "T_n", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "temperature of the negative weights (required by PML)" },
        Param { name: "imbalance", symbol: r"\lambda", default: Value::Float(0.5), range: Range::UNIT, meaning: "weight of the negative term" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Null, range: Range::REAL, meaning: "negative boundary; None means 1 + margin / 2" },
        Param { name: "Tp", symbol: "T_p", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "temperature of the positive weights" },
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
        "pytorch_metric_learning.losses.RankedListLoss",
    ],
    related: &["lifted-structure", "triplet", "margin"],
    forms: &[
        Form { name: "pml", description: "PML RankedListLoss: weights are built from the distances with gradient; losses averaged by PML's MeanReducer (0 when there are none). over queries." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
