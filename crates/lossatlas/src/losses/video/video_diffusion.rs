//! Video diffusion models: the standard Gaussian diffusion denoising objective applied to fixed-length
//! clips with a factorized space-time 3-D U-Net.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "video-diffusion",
    name: "Video Diffusion Loss",
    aliases: &["Video Diffusion Models"],
    kind: Kind::Method,
    domains: &["video", "diffusion"],
    year: 2022,
    paper: Paper {
        title: "Video Diffusion Models",
        authors: "Jonathan Ho, Tim Salimans, Alexey Gritsenko, William Chan, Mohammad Norouzi, David J. Fleet",
        venue: "NeurIPS",
        year: 2022,
        url: "https://arxiv.org/abs/2204.03458",
    },
    summary: "Shows that the standard Gaussian diffusion objective, a weighted mean squared error between the true and predicted clean data (equivalently noise) at random noise levels, works for video with a 3-D U-Net whose convolutions are spatial only and whose attention alternates between space and time. Training jointly on videos and on independent images (frames with temporal attention masked) reduces gradient variance; classifier-free guidance conditions on text, and a reconstruction-guided sampler extends clips in time and resolution. The objective is the diffusion denoising loss.",
    formula: r"\mathcal{L} = \mathbb{E}_{\epsilon, t}\Bigl[w(\lambda_t)\,\bigl\lVert \hat x_\theta(z_t, \lambda_t) - x\bigr\rVert_2^2\Bigr],\quad z_t = \alpha_t x + \sigma_t \epsilon",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["ddpm", "classifier-free-guidance", "imagen-video", "make-a-video", "stable-video-diffusion"],
    uses: &["ddpm", "classifier-free-guidance"],
    forms: &[],
    status: Status::NotExecutable("a video generative model trained with the diffusion denoising objective; that objective has its own entry"),
    eval: None,
    ..Entry::BLANK
};
