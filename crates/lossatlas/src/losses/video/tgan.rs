//! TGAN: video generation with a temporal generator that produces per-frame latents and a Wasserstein
//! critic kept Lipschitz by clipping singular values.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "tgan",
    name: "Temporal GAN (TGAN) Loss",
    aliases: &["TGAN", "Temporal GAN"],
    kind: Kind::Method,
    domains: &["video", "gan"],
    year: 2017,
    paper: Paper {
        title: "Temporal Generative Adversarial Nets with Singular Value Clipping",
        authors: "Masaki Saito, Eiichi Matsumoto, Shunta Saito",
        venue: "ICCV",
        year: 2017,
        url: "https://arxiv.org/abs/1611.06624",
    },
    summary: "Generates videos in two stages: a temporal generator maps one latent vector to a sequence of frame latents, and an image generator renders each frame from its latent and the shared one; a 3-D convolutional critic scores whole clips. Training uses the Wasserstein GAN objective, but instead of clipping weights element-wise the critic is kept Lipschitz by clipping the singular values of its weight matrices to at most 1, which the paper found more stable. The objective is WGAN's; the architecture and singular value clipping are the contributions.",
    formula: r"\min_{G}\max_{\lVert D\rVert_{L} \le 1}\ \mathbb{E}_{x \sim p_{\text{data}}}\bigl[D(x)\bigr] - \mathbb{E}_{z}\bigl[D\bigl(G_1(z_0, G_0(z_0))\bigr)\bigr]",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["wgan", "dvd-gan", "mocogan", "spectral-normalization"],
    uses: &["wgan"],
    forms: &[],
    status: Status::NotExecutable("a video GAN training procedure; its objective is wgan"),
    eval: None,
    ..Entry::BLANK
};
