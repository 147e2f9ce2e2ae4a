//! Stable Video Diffusion: a latent video diffusion model trained in stages on curated data with a
//! continuous-noise (EDM-style) denoising objective.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "stable-video-diffusion",
    name: "Stable Video Diffusion Loss",
    aliases: &["Stable Video Diffusion", "SVD"],
    kind: Kind::Method,
    domains: &["video", "diffusion"],
    year: 2023,
    paper: Paper {
        title: "Stable Video Diffusion: Scaling Latent Video Diffusion Models to Large Datasets",
        authors: "Andreas Blattmann, Tim Dockhorn, Sumith Kulal, Daniel Mendelevitch, Maciej Kilian, Dominik Lorenz, Yam Levi, Zion English, Vikram Voleti, Adam Letts, Varun Jampani, Robin Rombach",
        venue: "",
        year: 2023,
        url: "https://arxiv.org/abs/2311.15127",
    },
    summary: "Extends a latent image diffusion model with temporal layers and trains it in three stages: text-to-image pretraining, video pretraining on a large systematically curated set (filtered by motion, captions and aesthetics), and fine-tuning on a small high-quality set. The denoiser is trained with a continuous-noise, EDM-style weighted denoising score matching loss in the autoencoder latent space, with the noise distribution shifted towards higher noise for video. The paper stresses that data curation, not a new loss, drives quality.",
    formula: r"\mathcal{L} = \mathbb{E}_{x_0, \sigma, n}\Bigl[\lambda(\sigma)\,\bigl\lVert D_\theta(x_0 + n; \sigma, c) - x_0\bigr\rVert_2^2\Bigr],\quad n \sim \mathcal{N}(0, \sigma^2 I)",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["ldm", "denoising-score-matching", "video-diffusion", "imagen-video"],
    uses: &["ldm", "denoising-score-matching"],
    forms: &[],
    status: Status::NotExecutable("a latent video diffusion model; its objective is denoising score matching in latent space"),
    eval: None,
    ..Entry::BLANK
};
