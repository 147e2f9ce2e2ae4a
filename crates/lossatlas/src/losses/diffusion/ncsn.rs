//! NCSN: one score network conditioned on the noise level, trained with denoising score matching
//! summed over a geometric ladder of noise scales, and sampled with annealed Langevin dynamics.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ncsn",
    name: "Score Matching with Langevin Dynamics (NCSN)",
    aliases: &["NCSN", "Noise Conditional Score Network Loss", "SMLD"],
    kind: Kind::Loss,
    domains: &["diffusion"],
    year: 2019,
    paper: Paper {
        title: "Generative Modeling by Estimating Gradients of the Data Distribution",
        authors: "Song, Y. & Ermon, S.",
        venue: "NeurIPS 2019",
        year: 2019,
        url: "https://arxiv.org/abs/1907.05600",
    },
    summary: "A noise-conditional score network s(x, sigma) is trained with denoising score matching at L noise levels sigma_1 > ... > sigma_L (geometric; the paper uses 10 levels from 1 down to 0.01), weighting each level by lambda(sigma) = sigma^2 so that all levels contribute on the same scale; equivalently it regresses sigma * s onto -eps. Large noise levels fill low-density regions so that annealed Langevin sampling can move between modes. The reference code sums the squared error over data dimensions and averages over the batch, with the level drawn at random per sample.",
    formula: r"\mathcal{L} = \frac{1}{L}\sum_{i=1}^{L} \sigma_i^2\, \mathbb{E}_{x,\ \tilde x \sim \mathcal{N}(x, \sigma_i^2 I)}\Big[\tfrac{1}{2}\big\lVert s_\theta(\tilde x, \sigma_i) + \tfrac{\tilde x - x}{\sigma_i^2}\big\rVert_2^2\Big]",
    inputs: &[
        Input { name: "score", shape: "[N, *]", meaning: "predicted scores s(x-tilde, sigma) at the noisy samples" },
        Input { name: "noise", shape: "[N, *]", meaning: "standard normal draws eps with x-tilde = x + sigma * eps" },
        Input { name: "sigmas", shape: "[N]", meaning: "the noise level used for each sample" },
    ],
    params: &[
        Param { name: "anneal_power", symbol: "", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "exponent p of the weight sigma^p (2 gives the paper's lambda(sigma) = sigma^2)" },
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
    related: &["denoising-score-matching", "ddpm", "variational-diffusion"],
    uses: &["denoising-score-matching"],
    status: Status::Planned("no reference cases; formula transcription pending"),
    eval: None,
    ..Entry::BLANK
};
