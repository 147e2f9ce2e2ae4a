//! ListNet: a listwise ranking loss, the cross-entropy between the top-one probabilities
//! implied by the true relevance scores and by the predicted scores.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "listnet",
    name: "ListNet Loss",
    aliases: &["ListNet", "Top-One Listwise Loss"],
    kind: Kind::Loss,
    domains: &["recommendation"],
    year: 2007,
    paper: Paper {
        title: "Learning to Rank: From Pairwise Approach to Listwise Approach",
        authors: "Cao et al.",
        venue: "ICML",
        year: 2007,
        url: "https://www.microsoft.com/en-us/research/wp-content/uploads/2016/02/tr-2007-40.pdf",
    },
    summary: "Maps the relevance labels and the predicted scores of the items of one query to probability distributions of being ranked first (a softmax of each), and minimizes the cross-entropy between them. It treats the whole list at once instead of item pairs, is convex in the scores and cheap (linear in list length), and in practice works as a strong baseline for learning to rank. The top-one approximation ignores the order below the first position, and the result depends on the scale of the labels passed through the softmax; padded list entries must be masked out.",
    formula: r"\mathcal{L} = -\sum_{j=1}^{n}\frac{e^{y_j}}{\sum_{k} e^{y_k}}\,\log\frac{e^{s_j}}{\sum_{k} e^{s_k}}",
    inputs: &[
        Input { name: "logits", shape: "[N, L]", meaning: "predicted scores s of the L items of each list" },
        Input { name: "targets", shape: "[N, L]", meaning: "relevance labels y" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["allrank.models.losses.listNet"],
    related: &["listmle", "ranking-softmax", "cross-entropy", "bpr"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
