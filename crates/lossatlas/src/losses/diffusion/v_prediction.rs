//! v-prediction: train the diffusion network to predict the velocity v = alpha_t eps - sigma_t x,
//! which keeps the target well scaled at every noise level.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "v-prediction",
    name: "v-prediction Loss",
    aliases: &["v-Parameterization", "Velocity Prediction Loss", "v-objective"],
    kind: Kind::Loss,
    domains: &["diffusion"],
    year: 2022,
    paper: Paper {
        title: "Progressive Distillation for Fast Sampling of Diffusion Models",
        authors: "Salimans, T. & Ho, J.",
        venue: "ICLR 2022",
        year: 2022,
        url: "https://arxiv.org/abs/2202.00512",
    },
    summary: "With a variance-preserving schedule (alpha_t^2 + sigma_t^2 = 1) the network predicts v = alpha_t eps - sigma_t x and is trained with a squared error on v; the implied data estimate is alpha_t z_t - sigma_t v-hat. The v error equals the x error weighted by 1 + SNR, so unlike epsilon prediction it stays meaningful as SNR goes to 0, which the paper needed for distillation down to few steps. It is now common in video and text-to-image models (for example Stable Diffusion 2 at 768 px) and is selected in diffusers schedulers with prediction_type set to v_prediction.",
    formula: r"v_t = \alpha_t \epsilon - \sigma_t x,\qquad \mathcal{L} = \mathbb{E}_{t, x, \epsilon}\big\lVert v_t - \hat v_\theta(z_t, t)\big\rVert_2^2 = \mathbb{E}\Big[\big(1 + \tfrac{\alpha_t^2}{\sigma_t^2}\big) \lVert x - \hat x_\theta(z_t) \rVert_2^2\Big]",
    inputs: &[
        Input { name: "pred", shape: "[N, *]", meaning: "predicted velocity v-hat" },
        Input { name: "target", shape: "[N, *]", meaning: "the velocity target alpha_t eps - sigma_t x" },
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
    equivalents: &["diffusers.DDPMScheduler.get_velocity"],
    related: &["ddpm", "variational-diffusion", "rectified-flow", "flow-matching", "mse"],
    status: Status::Planned("a squared error against the velocity target; evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
