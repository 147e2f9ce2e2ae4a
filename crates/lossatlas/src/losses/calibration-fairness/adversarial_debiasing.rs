//! Adversarial debiasing: a predictor is trained against an adversary that tries to recover the
//! sensitive attribute from its output, with a gradient projection that removes the component of
//! the predictor's update that would help the adversary.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "adversarial-debiasing",
    name: "Adversarial Debiasing Loss",
    aliases: &["Adversarial Debiasing", "Adversarial Fairness"],
    kind: Kind::Method,
    domains: &["calibration-fairness", "classification"],
    year: 2018,
    paper: Paper {
        title: "Mitigating Unwanted Biases with Adversarial Learning",
        authors: "Brian Hu Zhang, Blake Lemoine, Margaret Mitchell",
        venue: "AIES",
        year: 2018,
        url: "https://arxiv.org/abs/1801.07593",
    },
    summary: "Trains the predictor with its task loss while an adversary network, fed the predictor's output (and the true label, for equalized odds), is trained to predict the sensitive attribute. The predictor's weight update is its task gradient minus its projection on the adversary's gradient, minus alpha times the adversary's gradient, so no step helps the adversary; at equilibrium the prediction carries no information about the attribute (or none beyond the label). Both players use cross-entropy losses; training is a min-max game that needs careful learning-rate and alpha schedules (AIF360's AdversarialDebiasing implements it).",
    formula: r"\nabla_W \leftarrow \nabla_W L_P - \operatorname{proj}_{\nabla_W L_A} \nabla_W L_P - \alpha\, \nabla_W L_A,\qquad \operatorname{proj}_{v} u = \frac{u \cdot v}{\lVert v \rVert^2}\, v",
    properties: Properties::UNKNOWN,
    equivalents: &["aif360.algorithms.inprocessing.AdversarialDebiasing"],
    related: &["demographic-parity", "equalized-odds", "prejudice-remover", "dann", "fairness-lagrangian"],
    uses: &["binary-cross-entropy", "cross-entropy"],
    status: Status::NotExecutable("a two-player training procedure: it needs a predictor and an adversary network and projects parameter gradients between their losses"),
    ..Entry::BLANK
};
