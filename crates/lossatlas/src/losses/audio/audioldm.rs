//! AudioLDM: latent diffusion over the latents of a mel-spectrogram VAE, conditioned during
//! training on the CLAP embedding of the audio itself and at inference on the CLAP embedding of a
//! text prompt.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "audioldm",
    name: "AudioLDM Loss",
    kind: Kind::Method,
    domains: &["audio"],
    year: 2023,
    paper: Paper {
        title: "AudioLDM: Text-to-Audio Generation with Latent Diffusion Models",
        authors: "Haohe Liu, Zehua Chen, Yi Yuan, Xinhao Mei, Xubo Liu, Danilo Mandic, Wenwu Wang, Mark D. Plumbley",
        venue: "ICML",
        year: 2023,
        url: "https://arxiv.org/abs/2301.12503",
    },
    summary: "Trains a noise-prediction diffusion model in the latent space of a mel-spectrogram variational autoencoder. The condition is the CLAP audio embedding of the training clip, so no paired captions are needed; at generation time the text embedding from CLAP's aligned text encoder takes its place, and classifier-free guidance trades diversity for prompt adherence. A HiFi-GAN vocoder turns generated mel spectrograms into audio.",
    formula: r"\mathcal{L} = \mathbb{E}_{z_0, \epsilon \sim \mathcal{N}(0, I), t}\bigl\lVert \epsilon - \epsilon_\theta(z_t, t, E^{x}) \bigr\rVert_2^2,\quad z_t = \sqrt{\bar\alpha_t}\,z_0 + \sqrt{1 - \bar\alpha_t}\,\epsilon",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["ldm", "stable-audio", "classifier-free-guidance", "clip"],
    uses: &["ddpm", "ldm", "classifier-free-guidance"],
    status: Status::NotExecutable("needs the VAE, the CLAP encoders and the denoising network"),
    eval: None,
    ..Entry::BLANK
};
