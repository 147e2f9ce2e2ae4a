//! Synaptic intelligence: like EWC, a quadratic penalty toward previous parameters, but with
//! importances accumulated online along the training trajectory from each parameter's contribution
//! to the decrease of the loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "synaptic-intelligence",
    name: "Synaptic Intelligence (SI) Loss",
    aliases: &["SI", "Synaptic Intelligence"],
    kind: Kind::Penalty,
    domains: &["continual", "regularization"],
    year: 2017,
    paper: Paper {
        title: "Continual Learning Through Synaptic Intelligence",
        authors: "Friedemann Zenke, Ben Poole, Surya Ganguli",
        venue: "ICML",
        year: 2017,
        url: "https://arxiv.org/abs/1703.04200",
    },
    summary: "Tracks, during training on each task, the path integral of gradient times parameter update for every parameter, which measures how much that parameter contributed to lowering the loss; after the task it normalizes this by the squared total change of the parameter (plus a damping xi) and adds it to the parameter's importance. New tasks pay c * sum_k Omega_k (theta_k - theta~_k)^2. The importance is computed for free during training, unlike the Fisher pass of EWC, but it is sensitive to the optimizer and to xi.",
    formula: r"\tilde{\mathcal{L}}_\mu = \mathcal{L}_\mu + c\sum_{k}\Omega_k^\mu\bigl(\tilde\theta_k - \theta_k\bigr)^2,\quad \Omega_k^\mu = \sum_{\nu < \mu}\frac{\omega_k^\nu}{(\Delta_k^\nu)^2 + \xi},\quad \omega_k^\nu = -\int_{t^{\nu - 1}}^{t^\nu} g_k(\theta(t))\,\theta_k'(t)\,dt",
    inputs: &[
        Input { name: "parameters", shape: "[P]", meaning: "current parameters (flattened)" },
        Input { name: "anchor_parameters", shape: "[P]", meaning: "parameters at the end of the previous task" },
        Input { name: "importance", shape: "[P]", meaning: "accumulated importances Omega" },
    ],
    params: &[
        Param { name: "c", symbol: "c", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "penalty strength" },
        Param { name: "xi", symbol: r"\xi", default: Value::Null, range: Range::POSITIVE, meaning: "damping added to the squared parameter change" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Parameters,
    },
    equivalents: &["avalanche.training.plugins.SynapticIntelligencePlugin"],
    related: &["ewc", "mas"],
    status: Status::Planned("the penalty is a function of parameters, anchors and importances; accumulating the importances needs the training loop; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
