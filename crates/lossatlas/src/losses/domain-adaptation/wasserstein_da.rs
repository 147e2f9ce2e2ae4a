//! WDGRL: learn domain-invariant features by minimizing a critic's estimate of the Wasserstein
//! distance between source and target feature distributions.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "wasserstein-da",
    name: "Wasserstein Distance for DA",
    aliases: &["WDGRL", "Wasserstein Distance Guided Representation Learning"],
    kind: Kind::Method,
    domains: &["domain-adaptation"],
    year: 2018,
    paper: Paper {
        title: "Wasserstein Distance Guided Representation Learning for Domain Adaptation",
        authors: "Shen et al.",
        venue: "AAAI 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1707.01217",
    },
    summary: "Replaces DANN's domain classifier by a WGAN-style critic on features: the critic maximizes the difference of its mean outputs on source and target features (with a gradient penalty enforcing the Lipschitz constraint), and the feature extractor minimizes that estimate together with the source classification loss. The Wasserstein distance gives useful gradients even when the two feature distributions are well separated, where a domain classifier saturates. Training alternates several critic steps with one feature/classifier step.",
    formula: r"\min_{\theta_g, \theta_c}\ \mathcal{L}_c + \lambda \max_{\theta_w}\Big[\frac{1}{n_s}\sum_{x^s} f_w(f_g(x^s)) - \frac{1}{n_t}\sum_{x^t} f_w(f_g(x^t)) - \gamma\, \mathcal{L}_{\text{grad}}\Big]",
    properties: Properties::UNKNOWN,
    related: &["dann", "deep-coral", "cdd", "earth-movers"],
    uses: &["wgan", "wgan-gp", "cross-entropy"],
    status: Status::NotExecutable("a training procedure: alternating critic and feature-extractor updates"),
    eval: None,
    ..Entry::BLANK
};
