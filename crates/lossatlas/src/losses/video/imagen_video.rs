//! Imagen Video: a cascade of text-conditioned video diffusion models (base, spatial and temporal
//! super-resolution) trained with the v-prediction objective.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "imagen-video",
    name: "Imagen Video Loss",
    aliases: &["Imagen Video"],
    kind: Kind::Method,
    domains: &["video", "diffusion"],
    year: 2022,
    paper: Paper {
        title: "Imagen Video: High Definition Video Generation with Diffusion Models",
        authors: "Jonathan Ho, William Chan, Chitwan Saharia, Jay Whang, Ruiqi Gao, Alexey Gritsenko, Diederik P. Kingma, Ben Poole, Mohammad Norouzi, David J. Fleet, Tim Salimans",
        venue: "",
        year: 2022,
        url: "https://arxiv.org/abs/2210.02303",
    },
    summary: "Generates high-definition video with a cascade of seven diffusion models conditioned on a frozen T5 text encoder: a base model followed by interleaved spatial and temporal super-resolution models. All are trained with the v-parameterization, predicting v = alpha epsilon - sigma x, which the paper found important for stability and for avoiding color shifts in high-resolution models; classifier-free guidance and progressive distillation speed up and sharpen sampling, and images are used as single-frame videos in joint training. The objective is v-prediction diffusion training.",
    formula: r"\mathcal{L} = \mathbb{E}_{x, \epsilon, t}\bigl\lVert v_t - \hat v_\theta(z_t, t, c)\bigr\rVert_2^2,\quad v_t = \alpha_t \epsilon - \sigma_t x,\quad z_t = \alpha_t x + \sigma_t \epsilon",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["v-prediction", "classifier-free-guidance", "video-diffusion", "imagen"],
    uses: &["v-prediction", "classifier-free-guidance"],
    forms: &[],
    status: Status::NotExecutable("a cascade of video diffusion models; its objective is v-prediction diffusion training"),
    eval: None,
    ..Entry::BLANK
};
