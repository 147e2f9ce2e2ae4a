//! Elastic weight consolidation: a quadratic penalty that anchors each parameter to its value after
//! the previous task, weighted by the diagonal Fisher information, so parameters important for old
//! tasks move less.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ewc",
    name: "Elastic Weight Consolidation (EWC) Loss",
    aliases: &["Elastic Weight Consolidation"],
    kind: Kind::Penalty,
    domains: &["continual", "regularization"],
    year: 2017,
    paper: Paper {
        title: "Overcoming Catastrophic Forgetting in Neural Networks",
        authors: "James Kirkpatrick, Razvan Pascanu, Neil Rabinowitz, Joel Veness, Guillaume Desjardins, Andrei A. Rusu, Kieran Milan, John Quan, Tiago Ramalho, Agnieszka Grabska-Barwinska, Demis Hassabis, Claudia Clopath, Dharshan Kumaran, Raia Hadsell",
        venue: "PNAS",
        year: 2017,
        url: "https://arxiv.org/abs/1612.00796",
    },
    summary: "Approximates the posterior after task A by a Gaussian centred at the learned parameters with precision given by the diagonal of the Fisher information, and adds lambda/2 * sum_i F_i (theta_i - theta*_A,i)^2 to the new task's loss. It needs no old data, only the anchor parameters and Fisher diagonal per task (or a running combination, as in online EWC). The diagonal approximation ignores parameter interactions and lambda must be tuned; in class-incremental settings it performs poorly without replay.",
    formula: r"\mathcal{L}(\theta) = \mathcal{L}_B(\theta) + \sum_{i}\frac{\lambda}{2}F_i\bigl(\theta_i - \theta^*_{A,i}\bigr)^2,\quad F_i = \mathbb{E}_{x, \hat y \sim p_\theta}\Bigl[\bigl(\partial_{\theta_i}\log p_\theta(\hat y \mid x)\bigr)^2\Bigr]",
    inputs: &[
        Input { name: "parameters", shape: "[P]", meaning: "current parameters (flattened)" },
        Input { name: "anchor_parameters", shape: "[P]", meaning: "parameters after the previous task" },
        Input { name: "fisher", shape: "[P]", meaning: "diagonal Fisher information estimated on the previous task" },
    ],
    params: &[
        Param { name: "ewc_lambda", symbol: r"\lambda", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "penalty strength (no default; tuned per benchmark)" },
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
    equivalents: &["avalanche.training.plugins.EWCPlugin", "avalanche.training.EWC"],
    related: &["synaptic-intelligence", "mas", "l2-regularization", "lwf"],
    status: Status::Planned("a function of parameters, anchors and Fisher diagonal; estimating the Fisher needs the model; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
