//! VGAN: a video GAN whose generator composes a moving foreground stream (3D convolutions) with a
//! static background through a mask, judged by a spatio-temporal (3D convolutional) discriminator.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "vgan",
    name: "Spatio-Temporal Adversarial Loss / VGAN",
    aliases: &["VGAN", "VideoGAN", "Video GAN"],
    kind: Kind::Method,
    domains: &["flow-video-pose", "video", "gan"],
    year: 2016,
    paper: Paper {
        title: "Generating Videos with Scene Dynamics",
        authors: "Carl Vondrick, Hamed Pirsiavash, Antonio Torralba",
        venue: "NeurIPS 2016",
        year: 2016,
        url: "https://arxiv.org/abs/1609.02612",
    },
    summary: "Trains a generator of short clips (32 frames of 64x64) with the standard two-player GAN objective; the contribution is architectural: a two-stream generator blends a spatio-temporal foreground and a single background image with a learned mask, m * f + (1 - m) * b, plus an L1 sparsity penalty on the mask, and the discriminator uses space-time convolutions so it judges motion as well as appearance. The same setup also predicts futures from a single frame and yields features useful for action recognition.",
    formula: r"\min_G \max_D\ \mathbb{E}_{x}\big[\log D(x)\big] + \mathbb{E}_{z}\big[\log\big(1 - D(G(z))\big)\big],\quad G(z) = m(z) \odot f(z) + (1 - m(z)) \odot b(z)",
    properties: Properties::UNKNOWN,
    related: &["mocogan", "video-adversarial", "gan-minimax", "tgan"],
    uses: &["gan-non-saturating", "l1"],
    status: Status::NotExecutable("an adversarial training setup that needs the two-stream generator and the 3D discriminator"),
    eval: None,
    ..Entry::BLANK
};
