//! Make-A-Video: extend a pretrained text-to-image diffusion model to video with temporal layers
//! trained on unlabeled video, without paired text-video data.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "make-a-video",
    name: "Make-A-Video Loss",
    aliases: &["Make-A-Video"],
    kind: Kind::Method,
    domains: &["video", "diffusion"],
    year: 2022,
    paper: Paper {
        title: "Make-A-Video: Text-to-Video Generation without Text-Video Data",
        authors: "Uriel Singer, Adam Polyak, Thomas Hayes, Xi Yin, Jie An, Songyang Zhang, Qiyuan Hu, Harry Yang, Oron Ashual, Oran Gafni, Devi Parikh, Sonal Gupta, Yaniv Taigman",
        venue: "ICLR",
        year: 2022,
        url: "https://arxiv.org/abs/2209.14792",
    },
    summary: "Starts from a text-to-image model (a CLIP-embedding prior and a diffusion decoder) learned from image-text pairs, inserts temporal convolution and attention layers after the spatial ones (initialized to the identity), and trains those on unlabeled videos with the usual diffusion denoising loss, so that appearance and language come from images and motion from video. A frame-interpolation network and spatio-temporal super-resolution diffusion models raise frame rate and resolution. The objectives are the diffusion losses of each component.",
    formula: r"\mathcal{L} = \mathbb{E}_{x, \epsilon, t}\bigl\lVert \epsilon - \epsilon_\theta(x_t, t, c)\bigr\rVert_2^2",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["ddpm", "unclip", "video-diffusion", "imagen-video"],
    uses: &["ddpm", "unclip"],
    forms: &[],
    status: Status::NotExecutable("a cascade of video diffusion models; its objectives are diffusion denoising losses"),
    eval: None,
    ..Entry::BLANK
};
