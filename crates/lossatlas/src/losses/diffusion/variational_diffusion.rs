//! Variational diffusion models: a continuous-time diffusion whose noise schedule is learned
//! and whose loss is the exact variational bound, weighted by the derivative of the log-SNR.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "variational-diffusion",
    name: "Variational Diffusion Loss",
    aliases: &["VDM Loss", "Continuous-Time Diffusion Loss"],
    kind: Kind::Loss,
    domains: &["diffusion", "vae"],
    year: 2021,
    paper: Paper {
        title: "Variational Diffusion Models",
        authors: "Kingma et al.",
        venue: "NeurIPS 2021",
        year: 2021,
        url: "https://arxiv.org/abs/2107.00630",
    },
    summary: "The negative evidence lower bound of a continuous-time Gaussian diffusion, written through the signal-to-noise ratio SNR(t) = exp(-gamma(t)) with a learned monotone gamma. Its diffusion term is the epsilon-prediction error weighted by gamma'(t), estimated with one uniformly drawn t (low-discrepancy sampling reduces variance); prior and reconstruction terms complete the bound. The paper shows the bound depends on the schedule only through its end points and learns the schedule to minimize variance, reaching state-of-the-art likelihoods; optimizing the true bound tends to give worse samples than DDPM's unweighted loss.",
    formula: r"\mathcal{L}_\infty(x) = \tfrac{1}{2}\, \mathbb{E}_{\epsilon \sim \mathcal{N}(0, I),\ t \sim U(0,1)}\Big[\gamma_\eta'(t)\, \big\lVert \epsilon - \hat\epsilon_\theta(z_t; t) \big\rVert_2^2\Big],\quad z_t = \alpha_t x + \sigma_t \epsilon,\ \sigma_t^2 = \operatorname{sigmoid}(\gamma_\eta(t))",
    inputs: &[
        Input { name: "pred", shape: "[N, *]", meaning: "predicted noise epsilon-hat(z_t; t)" },
        Input { name: "target", shape: "[N, *]", meaning: "the noise eps" },
        Input { name: "gamma_grad", shape: "[N]", meaning: "gamma'(t) at each sample's time (derivative of the negative log-SNR)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["ddpm", "elbo", "v-prediction", "ncsn"],
    status: Status::Planned("no reference cases; the diffusion term is executable given gamma'(t), prior and reconstruction terms pending"),
    eval: None,
    ..Entry::BLANK
};
