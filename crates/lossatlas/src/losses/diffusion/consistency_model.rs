//! Consistency models: train a network to map any point of a probability-flow ODE trajectory to
//! the trajectory's origin, by making its outputs at adjacent times agree.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "consistency-model",
    name: "Consistency Loss",
    aliases: &["Consistency Distillation", "Consistency Training", "Consistency Model Loss"],
    kind: Kind::Method,
    domains: &["diffusion", "distillation"],
    year: 2023,
    paper: Paper {
        title: "Consistency Models",
        authors: "Song et al.",
        venue: "ICML 2023",
        year: 2023,
        url: "https://arxiv.org/abs/2303.01469",
    },
    summary: "A consistency function f(x_t, t), parametrized so that f(x, eps) = x, is trained so that its outputs at adjacent times t_n < t_(n+1) on the same ODE trajectory agree: the online network at t_(n+1) is compared with an exponential-moving-average target network at t_n under a distance d (squared L2, L1 or LPIPS) and weight lambda(t_n). In consistency distillation the point at t_n comes from one ODE-solver step of a pretrained diffusion model; in consistency training it is x + t_n z with the same noise z. What is distinctive is the training procedure (target network, time discretization schedule), not the distance; the result samples in one or a few steps.",
    formula: r"\mathcal{L}_{\text{CD}} = \mathbb{E}\Big[\lambda(t_n)\, d\big(f_\theta(x + t_{n+1} z,\ t_{n+1}),\ f_{\theta^-}(\hat x^{\phi}_{t_n},\ t_n)\big)\Big]",
    properties: Properties::UNKNOWN,
    related: &["ddpm", "rectified-flow", "knowledge-distillation", "lpips"],
    uses: &["mse", "l1", "lpips"],
    forms: &[
        Form { name: "distillation", description: "x-hat at t_n from one ODE-solver step of a pretrained diffusion model (CD)." },
        Form { name: "training", description: "x-hat at t_n is x + t_n z with the same z (CT, no pretrained model)." },
    ],
    status: Status::NotExecutable("a training procedure: needs the online and EMA target networks, the time schedule and, for distillation, a pretrained diffusion model"),
    eval: None,
    ..Entry::BLANK
};
