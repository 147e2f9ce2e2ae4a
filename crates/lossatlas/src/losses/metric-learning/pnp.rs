//! PNP loss: a smooth average-precision surrogate that only counts the negatives ranked above each
//! positive, with several decreasing or increasing penalty shapes.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "pnp",
    name: "PNP Loss",
    aliases: &["Penalizing Negative instances before Positive ones"],
    kind: Kind::Loss,
    domains: &["metric-learning", "recommendation"],
    year: 2022,
    paper: Paper {
        title: "Rethinking the Optimization of Average Precision: Only Penalizing Negative Instances before Positive Ones is Enough",
        authors: "Li, Z., Min, W., Song, J., Zhu, Y., Kang, L., Wei, X., Wei, X., Jiang, S.",
        venue: "AAAI",
        year: 2022,
        url: "https://arxiv.org/abs/2102.04640",
    },
    summary: "For each query and each of its positives, counts (with a temperature-controlled sigmoid) how many negatives are more similar than that positive, maps the count through a penalty function and averages over positives and queries. Only negatives ranked before positives are penalized, which the paper argues is enough to optimize AP and avoids pulling all positives together. The variants O (raw count), Ds (log), Dq (rational, 1 - mean), Iu and Ib change how strongly large counts are punished.",
    formula: r"R_{qp} = \sum_{n \in N(q)} \sigma\big((s_{qn} - s_{qp})/\tau\big),\quad \ell_q = \frac{1}{|P(q)|}\sum_{p \in P(q)} g(R_{qp}),\ g \in \{R,\ \log(1+R),\ (1+R)^{-a},\ (1+R)\log(1+R),\ \tfrac{bR - \log(1+bR)}{b^2}\}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "b", symbol: "b", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "parameter of the Ib variant" },
        Param { name: "alpha", symbol: "a", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "exponent of the Dq variant" },
        Param { name: "anneal", symbol: r"\tau", default: Value::Float(0.01), range: Range::POSITIVE, meaning: "sigmoid temperature" },
        Param { name: "variant", symbol: "", default: Value::Str("O"), range: Range::Choice { values: &["O", "Ds", "Dq", "Iu", "Ib"] }, meaning: "penalty shape applied to the soft count" },
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
        "pytorch_metric_learning.losses.PNPLoss",
    ],
    related: &["smooth-ap", "fast-ap"],
    forms: &[
        Form { name: "pml", description: "PML PNPLoss: the query itself counts as a positive in the denominator |P(q)|; sigmoid arguments clamped to [-50, 50]; mean over queries with positives; the Dq variant returns 1 minus that mean." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
