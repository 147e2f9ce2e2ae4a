//! Monte Carlo dropout: keep dropout active at test time and average the predictions of several
//! stochastic forward passes, an approximate Bayesian posterior predictive.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mc-dropout",
    name: "MC Dropout",
    aliases: &["Monte Carlo Dropout", "Bayesian Dropout"],
    kind: Kind::Method,
    domains: &["uncertainty", "classification", "regression"],
    year: 2016,
    paper: Paper {
        title: "Dropout as a Bayesian Approximation",
        authors: "Gal & Ghahramani",
        venue: "ICML",
        year: 2016,
        url: "https://arxiv.org/abs/1506.02142",
    },
    summary: "Shows that a network trained with dropout before its weight layers and L2 weight decay approximately performs variational inference in a deep Gaussian process, so keeping dropout switched on at test time and averaging T stochastic forward passes estimates the posterior predictive; the spread of the passes (variance, predictive entropy, mutual information) measures model uncertainty. Training is unchanged (cross-entropy or Gaussian likelihood plus weight decay, with dropout); the cost is T forward passes per prediction, and the uncertainty estimates depend on the dropout rate.",
    formula: r"p(y \mid x) \approx \frac{1}{T} \sum_{t=1}^{T} p\big(y \mid x, \hat\theta_t\big),\qquad \hat\theta_t = \theta \odot m_t,\ m_t \sim \mathrm{Bernoulli}(1 - p_{\text{drop}})",
    properties: Properties::UNKNOWN,
    related: &["deep-ensembles", "evidential", "dropout", "gaussian-nll"],
    uses: &["cross-entropy", "gaussian-nll", "dropout", "l2-regularization"],
    status: Status::NotExecutable("an inference procedure: it needs T stochastic forward passes of a model with dropout enabled at test time"),
    ..Entry::BLANK
};
