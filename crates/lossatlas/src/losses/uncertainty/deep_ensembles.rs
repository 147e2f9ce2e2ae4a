//! Deep ensembles: train several networks independently from random initializations with a proper
//! scoring rule and average their predictive distributions.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "deep-ensembles",
    name: "Deep Ensembles Loss",
    aliases: &["Deep Ensembles", "Deep Ensemble"],
    kind: Kind::Method,
    domains: &["uncertainty", "classification", "regression"],
    year: 2017,
    paper: Paper {
        title: "Simple and Scalable Predictive Uncertainty Estimation using Deep Ensembles",
        authors: "Lakshminarayanan et al.",
        venue: "NeurIPS",
        year: 2017,
        url: "https://arxiv.org/abs/1612.01474",
    },
    summary: "Trains M networks independently (different random initializations and data order) with a proper scoring rule, cross-entropy for classification or the Gaussian negative log-likelihood of a predicted mean and variance for regression, optionally with adversarial training (FGSM) for smoother predictive distributions, and averages their predictive distributions; for regression the mixture is summarized by its mean and total variance. It is a strong, simple baseline for uncertainty and out-of-distribution detection; the cost is M times the training and inference compute.",
    formula: r"p(y \mid x) = \frac{1}{M}\sum_{m=1}^{M} p_{\theta_m}(y \mid x);\quad \mu_*(x) = \frac{1}{M}\sum_m \mu_{\theta_m}(x),\ \ \sigma_*^2(x) = \frac{1}{M}\sum_m \big(\sigma^2_{\theta_m}(x) + \mu^2_{\theta_m}(x)\big) - \mu_*^2(x)",
    properties: Properties::UNKNOWN,
    related: &["mc-dropout", "evidential", "gaussian-nll", "brier-score"],
    uses: &["gaussian-nll", "cross-entropy", "fgsm-at"],
    status: Status::NotExecutable("needs M independently trained networks; the ensemble is formed at prediction time"),
    ..Entry::BLANK
};
