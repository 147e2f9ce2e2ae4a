//! InfoNCE: classify the positive key of each query among negative keys with a softmax over
//! temperature-scaled similarities; a lower bound on mutual information.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "infonce",
    name: "InfoNCE",
    aliases: &["CPC Loss", "Contrastive Predictive Coding Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "metric-learning"],
    year: 2018,
    paper: Paper {
        title: "Representation Learning with Contrastive Predictive Coding",
        authors: "van den Oord et al.",
        venue: "",
        year: 2018,
        url: "https://arxiv.org/abs/1807.03748",
    },
    summary: "Cross-entropy of picking each query's positive key out of a set that also holds negatives, with L2-normalized vectors and similarities divided by a temperature. Minimizing it maximizes a lower bound on the mutual information between query and key, which saturates at log of the number of candidates, so more negatives give a tighter bound. Without explicit negatives the other positives of the batch serve as negatives; a low temperature focuses on hard negatives but makes training less stable.",
    formula: r"\ell_i = -\log\frac{e^{\hat q_i^\top \hat k_i^{+}/\tau}}{e^{\hat q_i^\top \hat k_i^{+}/\tau} + \sum_{j} e^{\hat q_i^\top \hat k_{ij}^{-}/\tau}},\quad \hat x = \frac{x}{\lVert x\rVert_2}",
    inputs: &[
        Input { name: "query", shape: "[N, D]", meaning: "query (anchor) vectors" },
        Input { name: "positive_key", shape: "[N, D]", meaning: "one positive key per query" },
        Input { name: "negative_keys", shape: "[M, D] or [N, M, D]", meaning: "optional negatives: shared by all queries (unpaired) or per query (paired); absent: the other positive keys are the negatives" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "similarities are divided by tau" },
        Param::REDUCTION_MEAN,
        Param { name: "negative_mode", symbol: "", default: Value::Str("unpaired"), range: Range::Choice { values: &["unpaired", "paired"] }, meaning: "whether negative_keys are shared ([M, D]) or per query ([N, M, D])" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["info_nce.InfoNCE", "info_nce.info_nce"],
    related: &["nt-xent", "clip", "moco", "supcon", "n-pair", "decoupled-contrastive"],
    forms: &[],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
