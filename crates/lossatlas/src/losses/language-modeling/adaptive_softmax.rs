//! Adaptive softmax: a two-level softmax that keeps frequent words in a head and puts rare words in
//! smaller tail clusters, to cut the cost of large-vocabulary cross-entropy.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "adaptive-softmax",
    name: "Adaptive Softmax",
    aliases: &["AdaptiveLogSoftmaxWithLoss"],
    kind: Kind::Loss,
    domains: &["language-modeling", "classification"],
    year: 2017,
    paper: Paper {
        title: "Efficient softmax approximation for GPUs",
        authors: "Grave, E., Joulin, A., Cissé, M., Grangier, D., Jégou, H.",
        venue: "ICML",
        year: 2017,
        url: "https://arxiv.org/abs/1609.04309",
    },
    summary: "Splits the vocabulary by frequency into a head (frequent words plus one token per tail cluster) and tail clusters of decreasing projection size; the log-probability of a rare word is that of its cluster in the head plus its log-probability within the cluster. Most tokens only need the small head softmax, which speeds up language-model training considerably on GPUs while staying an exact normalized distribution. The cutoffs and the div_value that shrinks tail projections must be chosen from word frequencies.",
    formula: r"\log p(y|h) = \begin{cases} \log\operatorname{softmax}(W_0 h)_y & y \in V_0 \\ \log\operatorname{softmax}(W_0 h)_{k} + \log\operatorname{softmax}(U_k P_k h)_y & y \in V_k \end{cases},\quad L = -\frac{1}{N}\sum_i \log p(y_i|h_i)",
    inputs: &[
        Input { name: "hidden", shape: "[N, H]", meaning: "input features (hidden states)" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "class indices sorted by frequency" },
    ],
    params: &[
        Param { name: "in_features", symbol: "H", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "input dimension" },
        Param { name: "n_classes", symbol: "", default: Value::Null, range: Range::Integer { min: 2, max: i64::MAX }, meaning: "vocabulary size" },
        Param { name: "cutoffs", symbol: "", default: Value::Null, range: Range::Any, meaning: "increasing class-index boundaries of the clusters" },
        Param { name: "div_value", symbol: "", default: Value::Float(4.0), range: Range::POSITIVE, meaning: "factor by which each tail cluster's projection shrinks" },
        Param { name: "head_bias", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "bias in the head projection" },
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
        "torch.nn.AdaptiveLogSoftmaxWithLoss",
    ],
    related: &["cross-entropy", "hierarchical-softmax", "sampled-softmax", "next-token-prediction"],
    status: Status::Planned("no reference cases yet; the module's head and per-cluster projection weights must become inputs; torch.nn.AdaptiveLogSoftmaxWithLoss is the reference"),
    eval: None,
    ..Entry::BLANK
};
