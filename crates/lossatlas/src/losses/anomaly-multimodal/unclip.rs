//! unCLIP (DALL·E 2): a prior that generates a CLIP image embedding from a caption, and a diffusion
//! decoder that generates an image from that embedding.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "unclip",
    name: "DALL·E 2 (unCLIP) Loss",
    aliases: &["DALL-E 2"],
    kind: Kind::Method,
    domains: &["anomaly-multimodal", "diffusion"],
    year: 2022,
    paper: Paper {
        title: "Hierarchical Text-Conditional Image Generation with CLIP Latents",
        authors: "Aditya Ramesh, Prafulla Dhariwal, Alex Nichol, Casey Chu, Mark Chen",
        venue: "",
        year: 2022,
        url: "https://arxiv.org/abs/2204.06125",
    },
    summary: "Generates images in two stages on top of a frozen CLIP model: a diffusion prior (a decoder-only transformer) produces a CLIP image embedding from the caption and is trained to predict the clean embedding directly with mean squared error; a diffusion decoder, a modified GLIDE model, produces the image from the embedding and is followed by two diffusion upsamplers. Classifier-free guidance is used in both stages by randomly dropping the embedding or the caption during training. Going through the CLIP embedding allows image variations and interpolations, but inherits CLIP's weakness at binding attributes to objects.",
    formula: r"\mathcal{L}_{prior} = \mathbb{E}_{t}\Bigl[\bigl\lVert f_\theta\bigl(z_i^{(t)}, t, y\bigr) - z_i \bigr\rVert_2^2\Bigr],\quad \mathcal{L}_{decoder} = \mathbb{E}_{t, \epsilon}\Bigl[\bigl\lVert \epsilon - \epsilon_\theta(x_t, t, z_i, y) \bigr\rVert_2^2\Bigr]",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["ldm", "imagen", "clip", "classifier-free-guidance"],
    uses: &["ddpm", "clip", "classifier-free-guidance"],
    status: Status::NotExecutable("needs CLIP encoders, the prior and the decoder networks"),
    eval: None,
    ..Entry::BLANK
};
