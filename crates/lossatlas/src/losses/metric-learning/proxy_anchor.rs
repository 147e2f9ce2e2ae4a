//! Proxy anchor loss: each class proxy acts as an anchor and pulls its batch members together while
//! pushing all other batch embeddings away through log-sum-exp terms.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "proxy-anchor",
    name: "Proxy Anchor Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2020,
    paper: Paper {
        title: "Proxy Anchor Loss for Deep Metric Learning",
        authors: "Kim et al.",
        venue: "CVPR",
        year: 2020,
        url: "https://arxiv.org/abs/2003.13911",
    },
    summary: "Uses one learnable proxy per class as anchor: for every proxy, a softplus of the log-sum-exp of -alpha(s - margin) over the batch embeddings of its class, and of alpha(s + margin) over all other embeddings. This gives data-to-data interactions through the proxies at proxy-loss cost and converges fast. The positive term is averaged over proxies with positives in the batch, the negative term over all proxies.",
    formula: r"L = \frac{1}{|P^+|}\sum_{p \in P^+}\log\Big(1 + \sum_{x \in X_p^+} e^{-\alpha(s(x,p) - \delta)}\Big) + \frac{1}{|P|}\sum_{p \in P}\log\Big(1 + \sum_{x \in X_p^-} e^{\alpha(s(x,p) + \delta)}\Big)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class proxies, one row per class (PML's proxies)" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML" },
        Param { name: "margin", symbol: r"\delta", default: Value::Float(0.1), range: Range::NON_NEGATIVE, meaning: "margin" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(32.0), range: Range::POSITIVE, meaning: "scale" },
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
        "pytorch_metric_learning.losses.ProxyAnchorLoss",
    ],
    related: &["proxy-nca", "soft-triple", "multi-similarity"],
    forms: &[
        Form { name: "pml", description: "PML ProxyAnchorLoss: cosine similarity; DivisorReducer with divisors = number of proxies with positives (positive term) and number of proxies (negative term)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
