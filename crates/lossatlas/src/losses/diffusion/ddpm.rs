//! DDPM's simplified objective: predict the Gaussian noise that was added to a clean sample at
//! a random diffusion step, with a plain mean squared error.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ddpm",
    name: "DDPM Loss",
    aliases: &["L_simple", "Epsilon-Prediction Loss", "Noise Prediction Loss"],
    kind: Kind::Loss,
    domains: &["diffusion"],
    year: 2020,
    paper: Paper {
        title: "Denoising Diffusion Probabilistic Models",
        authors: "Ho, J. et al.",
        venue: "NeurIPS 2020",
        year: 2020,
        url: "https://arxiv.org/abs/2006.11239",
    },
    summary: "Samples a step t uniformly, noises the data as sqrt(alpha-bar_t) x0 + sqrt(1 - alpha-bar_t) eps, and regresses the network's epsilon prediction onto eps with an unweighted squared error. It is the variational bound with its per-step weights dropped, which the paper found gives better samples than the true bound (T = 1000 steps, linear betas from 1e-4 to 0.02). The unweighting emphasizes noisy steps and hurts log-likelihood; Improved DDPM adds a learned-variance term, and v-prediction or SNR weightings rebalance the steps. Implementations usually average over all elements.",
    formula: r"\mathcal{L}_{\text{simple}} = \mathbb{E}_{t,\ x_0,\ \epsilon \sim \mathcal{N}(0, I)}\Big[\big\lVert \epsilon - \epsilon_\theta\big(\sqrt{\bar\alpha_t}\, x_0 + \sqrt{1 - \bar\alpha_t}\, \epsilon,\ t\big)\big\rVert_2^2\Big]",
    inputs: &[
        Input { name: "pred", shape: "[N, *]", meaning: "the network's noise prediction epsilon-hat" },
        Input { name: "target", shape: "[N, *]", meaning: "the noise eps that was added" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["mse", "denoising-score-matching", "v-prediction", "variational-diffusion", "elbo", "ldm", "classifier-free-guidance"],
    status: Status::Planned("it is the mean squared error between predicted and sampled noise; a dedicated evaluator is pending"),
    eval: None,
    ..Entry::BLANK
};
