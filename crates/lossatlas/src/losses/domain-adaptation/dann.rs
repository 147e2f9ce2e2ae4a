//! Domain-adversarial training (DANN): learn features that predict the label on the source domain
//! but cannot tell source from target, via a gradient reversal layer.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dann",
    name: "Domain Adversarial Loss / DANN",
    aliases: &["DANN", "Domain-Adversarial Training", "Gradient Reversal Layer"],
    kind: Kind::Method,
    domains: &["domain-adaptation"],
    year: 2016,
    paper: Paper {
        title: "Domain-Adversarial Training of Neural Networks",
        authors: "Ganin et al.",
        venue: "Journal of Machine Learning Research",
        year: 2016,
        url: "https://arxiv.org/abs/1505.07818",
    },
    summary: "A feature extractor feeds a label classifier, trained with cross-entropy on labelled source data, and a domain classifier, trained with binary cross-entropy to tell source from target features; between the features and the domain classifier a gradient reversal layer is the identity in the forward pass and multiplies gradients by -lambda in the backward pass, so a single minimization makes the features domain-invariant. The paper ramps lambda from 0 to 1 as 2 / (1 + exp(-10 p)) - 1 over training progress p. It is motivated by the H-divergence bound on target error; the adversarial game can be unstable, and aligning marginals does not guarantee aligned classes.",
    formula: r"E(\theta_f, \theta_y, \theta_d) = \frac{1}{n}\sum_{i=1}^{n} \mathcal{L}_y^i(\theta_f, \theta_y) - \lambda\Big(\frac{1}{n}\sum_{i=1}^{n} \mathcal{L}_d^i(\theta_f, \theta_d) + \frac{1}{n'}\sum_{i=n+1}^{N} \mathcal{L}_d^i(\theta_f, \theta_d)\Big)",
    properties: Properties::UNKNOWN,
    related: &["deep-coral", "wasserstein-da", "cdd", "mmd", "adversarial-debiasing"],
    uses: &["cross-entropy", "binary-cross-entropy"],
    status: Status::NotExecutable("a training procedure: a saddle point between feature extractor and domain classifier via gradient reversal"),
    eval: None,
    ..Entry::BLANK
};
