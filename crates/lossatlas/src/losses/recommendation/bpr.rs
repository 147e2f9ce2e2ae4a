//! Bayesian personalized ranking: for implicit feedback, score an item the user interacted with
//! above an item they did not, with a logistic loss on the score difference.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "bpr",
    name: "BPR Loss",
    aliases: &["Bayesian Personalized Ranking"],
    kind: Kind::Loss,
    domains: &["recommendation"],
    year: 2009,
    paper: Paper {
        title: "BPR: Bayesian Personalized Ranking from Implicit Feedback",
        authors: "Rendle et al.",
        venue: "UAI",
        year: 2009,
        url: "https://arxiv.org/abs/1205.2618",
    },
    summary: "Samples triples (user u, observed item i, unobserved item j) and maximizes the log-sigmoid of the score difference x_ui - x_uj, the maximum a-posteriori estimate of a model in which users prefer observed over unobserved items, with an L2 prior on the parameters. It optimizes a smooth surrogate of per-user AUC and works with any scoring model (matrix factorization, kNN, graph models such as LightGCN). Uniformly sampled negatives are mostly easy, so convergence slows; hard or popularity-based negative sampling is a common fix.",
    formula: r"\mathcal{L} = -\sum_{(u,i,j)}\ln\sigma\bigl(\hat x_{ui} - \hat x_{uj}\bigr) + \lambda_\Theta\lVert\Theta\rVert_2^2",
    inputs: &[
        Input { name: "pos_scores", shape: "[N]", meaning: "predicted scores x_ui of observed (positive) items" },
        Input { name: "neg_scores", shape: "[N]", meaning: "predicted scores x_uj of sampled unobserved (negative) items" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["recbole.model.loss.BPRLoss"],
    related: &["margin-ranking", "soft-margin", "listnet", "sampled-softmax", "directau", "bradley-terry"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
