//! Latent diffusion: a denoising diffusion model trained in the latent space of a pretrained
//! perceptual autoencoder, with conditioning through cross-attention.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ldm",
    name: "LDM / Stable Diffusion Loss",
    aliases: &["Stable Diffusion Loss", "Latent Diffusion Model", "Stable Diffusion"],
    kind: Kind::Method,
    domains: &["anomaly-multimodal", "diffusion"],
    year: 2022,
    paper: Paper {
        title: "High-Resolution Image Synthesis with Latent Diffusion Models",
        authors: "Robin Rombach, Andreas Blattmann, Dominik Lorenz, Patrick Esser, Björn Ommer",
        venue: "CVPR",
        year: 2022,
        url: "https://arxiv.org/abs/2112.10752",
    },
    summary: "First trains an autoencoder with a perceptual (LPIPS) loss, a patch-based adversarial loss and a light KL or vector-quantization regularizer, so its latent space is much smaller than pixel space but perceptually equivalent; then trains a U-Net to predict the noise added to latents, conditioned on text or other inputs through cross-attention. Moving diffusion to latents cuts training and sampling cost by orders of magnitude. Stable Diffusion is an LDM trained on LAION with a frozen CLIP text encoder.",
    formula: r"\mathcal{L}_{LDM} = \mathbb{E}_{\mathcal{E}(x), y, \epsilon \sim \mathcal{N}(0, I), t}\Bigl[\bigl\lVert \epsilon - \epsilon_\theta\bigl(z_t, t, \tau_\theta(y)\bigr) \bigr\rVert_2^2\Bigr]",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["ddpm", "classifier-free-guidance", "audioldm", "stable-audio", "vq-vae"],
    uses: &["ddpm", "lpips", "gan-hinge", "vq-vae"],
    status: Status::NotExecutable("needs the autoencoder, the conditioning encoder and the denoising U-Net"),
    eval: None,
    ..Entry::BLANK
};
