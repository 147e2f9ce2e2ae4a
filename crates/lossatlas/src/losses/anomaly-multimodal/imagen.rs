//! Imagen: a cascade of pixel-space diffusion models (64x64 base plus two super-resolution stages)
//! conditioned on a frozen T5-XXL text encoder.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "imagen",
    name: "Imagen Loss",
    kind: Kind::Method,
    domains: &["anomaly-multimodal", "diffusion"],
    year: 2022,
    paper: Paper {
        title: "Photorealistic Text-to-Image Diffusion Models with Deep Language Understanding",
        authors: "Chitwan Saharia, William Chan, Saurabh Saxena, Lala Li, Jay Whang, Emily L. Denton, et al.",
        venue: "NeurIPS",
        year: 2022,
        url: "https://arxiv.org/abs/2205.11487",
    },
    summary: "Shows that scaling a frozen text-only language model (T5-XXL) improves text-to-image fidelity more than scaling the image model. Each stage is a diffusion model trained with the standard weighted denoising objective (written in the paper in terms of the predicted clean image); the super-resolution stages use noise conditioning augmentation of their low-resolution input, and sampling uses classifier-free guidance with dynamic thresholding so that high guidance weights do not saturate pixels. The cascade makes sampling expensive.",
    formula: r"\mathcal{L} = \mathbb{E}_{x, c, \epsilon, t}\Bigl[w_t\bigl\lVert \hat x_\theta(\alpha_t x + \sigma_t \epsilon, c) - x \bigr\rVert_2^2\Bigr]",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["unclip", "ldm", "classifier-free-guidance", "imagen-video"],
    uses: &["ddpm", "classifier-free-guidance"],
    status: Status::NotExecutable("needs the frozen text encoder and the cascade of diffusion models"),
    eval: None,
    ..Entry::BLANK
};
