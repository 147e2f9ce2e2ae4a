//! Denoising score matching: learn the score (gradient of the log-density) of noise-perturbed
//! data by regressing onto the score of the known corruption kernel.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "denoising-score-matching",
    name: "Denoising Score Matching",
    aliases: &["DSM"],
    kind: Kind::Loss,
    domains: &["diffusion", "self-supervised"],
    year: 2011,
    paper: Paper {
        title: "A Connection Between Score Matching and Denoising Autoencoders",
        authors: "Vincent, P.",
        venue: "Neural Computation",
        year: 2011,
        url: "https://doi.org/10.1162/NECO_a_00142",
    },
    summary: "Trains a score model s(x-tilde) on corrupted samples x-tilde = x + sigma * eps to match the gradient of log q(x-tilde | x), which for Gaussian noise is (x - x-tilde) / sigma^2 = -eps / sigma. Vincent showed this equals explicit score matching on the smoothed density up to a constant, so it needs neither the data density nor the Hessian trace of the model. It is the per-noise-level building block of NCSN and, after reparametrization, of the DDPM epsilon loss; the target's scale 1/sigma makes the loss badly scaled across noise levels unless it is weighted (typically by sigma^2).",
    formula: r"J_{\text{DSM}}(\theta) = \mathbb{E}_{x,\ \tilde x \sim \mathcal{N}(x, \sigma^2 I)}\Big[\tfrac{1}{2}\big\lVert s_\theta(\tilde x) - \tfrac{x - \tilde x}{\sigma^2} \big\rVert_2^2\Big]",
    inputs: &[
        Input { name: "score", shape: "[N, *]", meaning: "predicted score s(x-tilde) at the noisy samples" },
        Input { name: "noise", shape: "[N, *]", meaning: "the standard normal draw eps with x-tilde = x + sigma * eps" },
    ],
    params: &[
        Param { name: "sigma", symbol: r"\sigma", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "standard deviation of the Gaussian corruption" },
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
    related: &["ncsn", "ddpm", "mse", "autoencoder-reconstruction"],
    status: Status::Planned("no reference cases; a scaled squared error, evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
