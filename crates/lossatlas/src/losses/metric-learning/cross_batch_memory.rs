//! Cross-batch memory: a queue of embeddings and labels from past iterations that serves as extra
//! reference samples for a pair-based metric loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "cross-batch-memory",
    name: "Cross-Batch Memory (XBM)",
    aliases: &["XBM", "CrossBatchMemory"],
    kind: Kind::Method,
    domains: &["metric-learning"],
    year: 2020,
    paper: Paper {
        title: "Cross-Batch Memory for Embedding Learning",
        authors: "Wang, X., Zhang, H., Huang, W., Scott, M.R.",
        venue: "CVPR",
        year: 2020,
        url: "https://arxiv.org/abs/1912.06798",
    },
    summary: "Keeps a first-in first-out memory of recent embeddings (which drift slowly once training has warmed up) and mines pairs between the current batch and the whole memory, so a pair-based loss such as contrastive or multi-similarity sees thousands of negatives at the cost of a small batch. It is a training procedure wrapped around another loss, not a loss of its own; start it after a warm-up, when features are stable.",
    formula: r"L = \ell\big(\{x_i, y_i\}_{\text{batch}},\ \{\tilde x_j, \tilde y_j\}_{\text{memory}}\big),\quad \text{memory} \leftarrow \text{enqueue}(\text{batch}),\ |\text{memory}| \le M",
    params: &[
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension of the memory" },
        Param { name: "memory_size", symbol: "M", default: Value::Int(1024), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of past embeddings kept" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::Unknown,
        suits_label_noise: Tri::Unknown,
        operand: Operand::NotApplicable,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.CrossBatchMemory",
    ],
    related: &["contrastive", "multi-similarity", "triplet"],
    uses: &["contrastive", "multi-similarity", "triplet"],
    status: Status::NotExecutable("stateful across iterations: the memory queue of past embeddings and labels is training state, and the loss it evaluates is another entry"),
    eval: None,
    ..Entry::BLANK
};
