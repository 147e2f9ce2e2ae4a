//! VideoGPT: compress videos to discrete latents with a 3-D VQ-VAE, then model the latent codes with
//! an autoregressive transformer.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "videogpt",
    name: "VideoGPT Loss",
    aliases: &["VideoGPT"],
    kind: Kind::Method,
    domains: &["video", "vae", "language-modeling"],
    year: 2021,
    paper: Paper {
        title: "VideoGPT: Video Generation using VQ-VAE and Transformers",
        authors: "Wilson Yan, Yunzhi Zhang, Pieter Abbeel, Aravind Srinivas",
        venue: "",
        year: 2021,
        url: "https://arxiv.org/abs/2104.10157",
    },
    summary: "Two stages: a VQ-VAE with 3-D convolutions and axial attention is trained to reconstruct clips through a discrete spatio-temporal code grid (reconstruction plus codebook and commitment terms, with EMA codebook updates), then a GPT-style transformer with axial position embeddings is trained by next-token cross-entropy on the flattened code grids, optionally conditioned on frames or classes. Sampling generates codes autoregressively and decodes them. The objectives are those of VQ-VAE and next-token prediction.",
    formula: r"\mathcal{L}_{\text{VQ}} = \lVert x - D(e)\rVert_2^2 + \beta\,\lVert \operatorname{sg}[e] - E(x)\rVert_2^2,\quad \mathcal{L}_{\text{prior}} = -\sum_{i}\log p_\theta\bigl(c_i \mid c_{<i}\bigr)",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["vq-vae", "next-token-prediction", "cogvideo", "videopoet"],
    uses: &["vq-vae", "next-token-prediction"],
    forms: &[],
    status: Status::NotExecutable("a two-stage generative recipe; its objectives are vq-vae and next-token-prediction"),
    eval: None,
    ..Entry::BLANK
};
