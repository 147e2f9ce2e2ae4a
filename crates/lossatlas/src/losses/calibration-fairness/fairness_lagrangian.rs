//! Fairness constraints as a Lagrangian: rate constraints (on group-wise positive rates, recall,
//! churn, ...) are imposed during training through a two-player game in which the model minimizes
//! a Lagrangian with differentiable proxy constraints while the multipliers respond to the true,
//! non-differentiable constraint violations.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "fairness-lagrangian",
    name: "Fairness Constraints as Lagrangian",
    aliases: &["Proxy-Lagrangian", "Constrained Optimization for Fairness", "TFCO"],
    kind: Kind::Method,
    domains: &["calibration-fairness", "classification"],
    year: 2019,
    paper: Paper {
        title: "Optimization with Non-Differentiable Constraints with Applications to Fairness, Recall, Churn, and Other Goals",
        authors: "Andrew Cotter, Heinrich Jiang, Maya Gupta, Serena Wang, Taman Narayan, Seungil You, Karthik Sridharan",
        venue: "JMLR",
        year: 2019,
        url: "https://arxiv.org/abs/1809.04198",
    },
    summary: "Casts fairness goals as constraints on rates (for example each group's positive-prediction rate within a tolerance of the overall rate) and solves the constrained problem as a game: the model player descends a Lagrangian whose constraint terms are differentiable proxies (hinge relaxations of the indicator rates), while the multiplier player ascends using the original, non-differentiable rates. The result is a randomized model over a few iterates (which can be shrunk to at most one more model than there are constraints) that satisfies the constraints on the training data. Implemented by TensorFlow Constrained Optimization (TFCO); the outcome depends on the proxy and on the step sizes of both players.",
    formula: r"\min_\theta\ \mathcal L_\theta = f(\theta) + \sum_j \lambda_j\, \tilde g_j(\theta),\qquad \max_{\lambda \ge 0}\ \mathcal L_\lambda = \sum_j \lambda_j\, g_j(\theta),\quad \tilde g_j \ \text{a hinge proxy of the rate constraint } g_j \le 0",
    properties: Properties::UNKNOWN,
    related: &["demographic-parity", "equalized-odds", "group-dro", "adversarial-debiasing"],
    uses: &["hinge", "binary-cross-entropy", "demographic-parity"],
    status: Status::NotExecutable("a two-player constrained-optimization procedure over model parameters and Lagrange multipliers, with constraint rates estimated on datasets"),
    ..Entry::BLANK
};
