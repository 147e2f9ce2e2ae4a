//! Ranking softmax loss: cross-entropy between the softmax of item scores and the (unnormalized)
//! relevance labels of a list.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ranking-softmax",
    name: "Ranking Softmax Loss",
    aliases: &["Softmax Cross-Entropy for Ranking", "ListNet top-1 with relevance labels"],
    kind: Kind::Loss,
    domains: &["recommendation"],
    year: 2019,
    paper: Paper {
        title: "An Analysis of the Softmax Cross Entropy Loss for Learning-to-Rank with Binary Relevance",
        authors: "Bruch, S., Wang, X., Bendersky, M., Najork, M.",
        venue: "ICTIR",
        year: 2019,
        url: "",
    },
    summary: "Treats each list's scores as logits and the relevance labels as unnormalized target weights: minus the label-weighted sum of log-softmax scores. It is a listwise learning-to-rank loss that bounds NDCG and MRR for binary relevance, and is simple and strong in practice. optax does not normalize the labels, masks invalid items with a -inf logit and label 0, and leaves lists without valid items out of the mean.",
    formula: r"\ell(s, y) = -\sum_{i} w_i\,y_i \log\frac{e^{s_i}}{\sum_{j} e^{s_j}}",
    inputs: &[
        Input { name: "logits", shape: "[..., L]", meaning: "scores of the L items of each list" },
        Input { name: "targets", shape: "[..., L]", meaning: "relevance labels" },
        Input { name: "weights", shape: "[..., L]", meaning: "optional per-item weights" },
        Input { name: "mask", shape: "[..., L]", meaning: "optional valid items (optax's where)" },
    ],
    params: &[
        Param { name: "reduce_fn", symbol: "", default: Value::Str("mean"), range: Range::Choice { values: &["mean", "sum", "none"] }, meaning: "reduction over lists (optax reduce_fn)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "optax.losses.ranking_softmax_loss",
    ],
    related: &["listnet", "listmle", "cross-entropy", "bpr"],
    forms: &[
        Form { name: "default", description: "optax.losses.ranking_softmax_loss(logits, labels, where, weights, reduce_fn=mean)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
