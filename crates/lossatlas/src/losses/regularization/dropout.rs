//! Dropout: randomly zero units during training so that the network cannot rely on
//! co-adapted features. A training procedure (a stochastic layer), not a loss; the objective
//! it is trained with is the ordinary loss of the task.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dropout",
    name: "Dropout",
    aliases: &["Inverted Dropout"],
    kind: Kind::Method,
    domains: &["regularization"],
    year: 2014,
    paper: Paper {
        title: "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
        authors: "Srivastava et al.",
        venue: "Journal of Machine Learning Research",
        year: 2014,
        url: "https://jmlr.org/papers/v15/srivastava14a.html",
    },
    summary: "During training each unit is kept with probability 1 - p and zeroed otherwise, independently for every example, and the task loss (e.g. cross-entropy) is minimized in expectation over these masks; at test time all units are used. This trains an implicit ensemble of thinned networks and discourages co-adaptation. Modern frameworks scale the kept units by 1 / (1 - p) during training (inverted dropout) instead of scaling weights at test time as in the paper. It interacts badly with batch normalization placed after it, and keeping it on at test time gives Monte Carlo dropout's uncertainty estimates.",
    formula: r"\tilde h_j = \frac{m_j\,h_j}{1-p},\quad m_j \sim \operatorname{Bernoulli}(1-p),\qquad \min_\theta\ \mathbb{E}_{m}\big[\mathcal{L}(f(x; \theta, m), y)\big]",
    properties: Properties::UNKNOWN,
    equivalents: &["torch.nn.Dropout", "torch.nn.functional.dropout"],
    related: &["mc-dropout", "l2-regularization", "cross-entropy"],
    uses: &["cross-entropy"],
    status: Status::NotExecutable("a stochastic layer applied inside the model during training; the objective is the task loss, e.g. the cross-entropy entry"),
    eval: None,
    ..Entry::BLANK
};
