//! ML3 (meta-learning via learned loss): a small network that outputs a loss is itself trained,
//! by backpropagating through the optimizer update it induces, so that models trained with it
//! perform well on the task objective.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ml3",
    name: "Meta-Learning via Learned Loss (ML3)",
    aliases: &["ML3", "Learned Loss", "Meta-Learned Loss"],
    kind: Kind::Method,
    domains: &["regression", "classification", "reinforcement-learning"],
    year: 2021,
    paper: Paper {
        title: "Meta Learning via Learned Loss",
        authors: "Sarah Bechtle, Artem Molchanov, Yevgen Chebotar, Edward Grefenstette, Ludovic Righetti, Gaurav Sukhatme, Franziska Meier",
        venue: "ICPR",
        year: 2021,
        url: "https://arxiv.org/abs/1906.05374",
    },
    summary: "Learns a parametric loss M_phi (a small network taking the model's prediction and the target, and optionally extra information available only at meta-train time) by a bilevel loop: the model takes a gradient step on the learned loss, the updated model is evaluated with the true task loss (MSE, cross-entropy or an RL return), and that task loss is backpropagated through the inner update into phi. The learned loss can then train new models on related tasks, often converging faster than the original loss, and can shape the loss landscape (for example to add physical priors). It needs second-order gradients through the optimizer step and a family of training tasks.",
    formula: r"\theta' = \theta - \eta\, \nabla_\theta\, \mathcal M_\phi\big(y, f_\theta(x)\big),\qquad \phi \leftarrow \phi - \beta\, \nabla_\phi\, \mathcal L_{\text{task}}\big(y, f_{\theta'}(x)\big)",
    properties: Properties::UNKNOWN,
    related: &["mse", "cross-entropy", "reinforce"],
    uses: &["mse", "cross-entropy"],
    status: Status::NotExecutable("a bilevel meta-training procedure: the loss is a network trained through the inner model's gradient steps, so there is no fixed function of tensors to evaluate"),
    ..Entry::BLANK
};
