//! Projected GAN: train discriminators on features of a frozen pretrained network, randomly
//! mixed across channels and scales, which speeds up convergence and improves sample quality.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "projected-gan",
    name: "Projected GAN Loss",
    aliases: &["Projected GAN", "Projected GANs"],
    kind: Kind::Method,
    domains: &["gan"],
    year: 2021,
    paper: Paper {
        title: "Projected GANs Converge Faster",
        authors: "Sauer et al.",
        venue: "NeurIPS 2021",
        year: 2021,
        url: "https://arxiv.org/abs/2111.01007",
    },
    summary: "Real and generated images are projected into the multi-scale feature space of a fixed pretrained network (EfficientNet-lite in the paper); fixed random 1x1 convolutions mix channels and a light feature-pyramid mixes scales, and one small discriminator per scale is trained with the hinge loss on these projections. What is distinctive is the frozen projector, not the loss formula. It converges many times faster than StyleGAN2-ADA in the paper's experiments; the choice of pretrained network biases what the discriminator can see (and can inflate FID, which uses a related network).",
    formula: r"\mathcal{L}_D = \sum_{l} \mathbb{E}_{x}\big[\max(0, 1 - D_l(P_l(x)))\big] + \mathbb{E}_{z}\big[\max(0, 1 + D_l(P_l(G(z))))\big],\qquad \mathcal{L}_G = -\sum_l \mathbb{E}_{z}\big[D_l(P_l(G(z)))\big]",
    properties: Properties::UNKNOWN,
    related: &["gan-hinge", "gan-non-saturating", "perceptual"],
    uses: &["gan-hinge"],
    status: Status::NotExecutable("a training setup: needs a frozen pretrained feature network, projectors and per-scale discriminators"),
    eval: None,
    ..Entry::BLANK
};
