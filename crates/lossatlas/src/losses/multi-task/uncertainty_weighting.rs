//! Homoscedastic uncertainty weighting: combine task losses with learned weights derived from a
//! per-task observation noise, plus a log-noise term that keeps the weights from vanishing.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "uncertainty-weighting",
    name: "Uncertainty Weighting / Homoscedastic Uncertainty",
    aliases: &["Uncertainty Weighting", "Homoscedastic Uncertainty Weighting", "Kendall Multi-Task Loss"],
    kind: Kind::Loss,
    domains: &["multi-task", "uncertainty"],
    year: 2018,
    paper: Paper {
        title: "Multi-Task Learning Using Uncertainty to Weigh Losses",
        authors: "Kendall et al.",
        venue: "CVPR 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1705.07115",
    },
    summary: "Treats each task's loss as the negative log-likelihood of an output with a learned, input-independent noise sigma_t: a regression task contributes L_t / (2 sigma_t^2) + log sigma_t (a classification task L_t / sigma_t^2 + log sigma_t), so noisy tasks are down-weighted automatically and the log term stops sigma from growing without bound. Implementations learn s_t = log sigma_t^2 for stability, e.g. LibMTL's UW computes sum(L_t / (2 exp(s_t)) + s_t / 2). The total can go negative and its value is not comparable across runs; the weights adapt only to loss scale, not to gradient conflict.",
    formula: r"\mathcal{L} = \sum_{t=1}^{T} \Big(\frac{1}{2\sigma_t^2}\,\mathcal{L}_t + \log \sigma_t\Big) = \sum_{t} \Big(\tfrac{1}{2} e^{-s_t}\,\mathcal{L}_t + \tfrac{1}{2} s_t\Big),\quad s_t = \log\sigma_t^2",
    inputs: &[
        Input { name: "losses", shape: "[T]", meaning: "the per-task losses L_t" },
        Input { name: "log_vars", shape: "[T]", meaning: "learned log variances s_t = log sigma_t^2" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["LibMTL.weighting.UW"],
    related: &["gradnorm", "mgda", "pcgrad", "cagrad", "nash-mtl", "gaussian-nll"],
    status: Status::Planned("no reference cases; executable given task losses and log variances, evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
