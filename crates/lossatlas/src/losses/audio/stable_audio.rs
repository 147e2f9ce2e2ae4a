//! Stable Audio: a v-prediction diffusion model in the latent space of a waveform autoencoder,
//! conditioned on text and on timing (start second and total length).

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "stable-audio",
    name: "Stable Audio Latent Diffusion Loss",
    aliases: &["Stable Audio Loss"],
    kind: Kind::Method,
    domains: &["audio"],
    year: 2024,
    paper: Paper {
        title: "Stable Audio: Fast Timing-Conditioned Latent Audio Diffusion",
        authors: "Zach Evans, CJ Carr, Josiah Taylor, Scott H. Hawley, Jordi Pons",
        venue: "ICML",
        year: 2024,
        url: "https://arxiv.org/abs/2402.04825",
    },
    summary: "Compresses stereo audio with a convolutional VAE (trained with multi-resolution STFT and adversarial losses) and trains a U-Net diffusion model on its latents with the v-objective, conditioned on CLAP text embeddings and on learned embeddings of the chunk's start time and the file's total duration. The timing condition lets it generate audio of a requested length within a fixed window. Sampling uses classifier-free guidance.",
    formula: r"\mathcal{L} = \mathbb{E}_{z_0, \epsilon, t}\bigl\lVert v_t - \hat v_\theta(z_t, t, c) \bigr\rVert_2^2,\quad z_t = \alpha_t z_0 + \sigma_t \epsilon,\ v_t = \alpha_t \epsilon - \sigma_t z_0",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["audioldm", "ldm", "v-prediction", "multi-resolution-stft"],
    uses: &["v-prediction", "ldm", "multi-resolution-stft"],
    status: Status::NotExecutable("needs the autoencoder, the text encoder and the denoising network"),
    eval: None,
    ..Entry::BLANK
};
