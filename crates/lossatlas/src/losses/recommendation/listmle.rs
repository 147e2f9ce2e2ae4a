//! ListMLE: the negative log-likelihood of the ground-truth permutation under a Plackett-Luce
//! model of the predicted scores.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "listmle",
    name: "ListMLE Loss",
    aliases: &["ListMLE", "Plackett-Luce Loss"],
    kind: Kind::Loss,
    domains: &["recommendation"],
    year: 2008,
    paper: Paper {
        title: "Listwise Approach to Learning to Rank: Theory and Algorithm",
        authors: "Xia et al.",
        venue: "ICML",
        year: 2008,
        url: "https://dl.acm.org/doi/10.1145/1390156.1390306",
    },
    summary: "Orders the items of a list by their true relevance and maximizes the Plackett-Luce probability of that order: pick the best item from all, then the second from the remaining ones, and so on, each choice a softmax of the scores over the items not yet picked. It is convex in the scores, consistent with permutation-level ranking, and costs n log n for the sort. Ties in the labels make the target permutation arbitrary (implementations shuffle before sorting), and all positions weigh the same, so errors at the top are not emphasized.",
    formula: r"\mathcal{L} = -\sum_{i=1}^{n}\Bigl(s_{\pi(i)} - \log\sum_{k=i}^{n} e^{s_{\pi(k)}}\Bigr),\quad \pi = \text{items sorted by decreasing relevance}",
    inputs: &[
        Input { name: "logits", shape: "[N, L]", meaning: "predicted scores s" },
        Input { name: "targets", shape: "[N, L]", meaning: "relevance labels defining the permutation pi" },
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
    equivalents: &["tfr.keras.losses.ListMLELoss", "allrank.models.losses.listMLE"],
    related: &["listnet", "ranking-softmax", "bpr", "ranked-list"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
