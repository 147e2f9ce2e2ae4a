//! pix2pix: paired image-to-image translation with a conditional PatchGAN adversarial term plus an
//! L1 reconstruction term.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "pix2pix",
    name: "Conditional Adversarial Loss + L1 Loss (pix2pix)",
    aliases: &["pix2pix", "pix2pix Loss", "Conditional GAN + L1"],
    kind: Kind::Composite,
    domains: &["image-translation", "gan"],
    year: 2017,
    paper: Paper {
        title: "Image-to-Image Translation with Conditional Adversarial Networks",
        authors: "Phillip Isola, Jun-Yan Zhu, Tinghui Zhou, Alexei A. Efros",
        venue: "CVPR 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1611.07004",
    },
    summary: "The generator minimizes a conditional GAN loss plus lambda = 100 times the L1 distance to the paired target; the discriminator sees (input, output) pairs and is a 70x70 PatchGAN that classifies overlapping patches, so the adversarial term enforces high-frequency realism while L1 enforces low-frequency correctness. The generator is trained with the non-saturating form (maximize log D), the discriminator objective is halved to slow it down, and dropout at train and test time is the only noise source. L1 alone gives blurry results; the GAN term alone gives sharp but less faithful ones.",
    formula: r"G^* = \arg\min_G \max_D\ \mathcal{L}_{cGAN}(G, D) + \lambda\, \mathcal{L}_{L1}(G),\quad \mathcal{L}_{L1} = \mathbb{E}_{x,y,z}\big[\lVert y - G(x, z)\rVert_1\big],\ \lambda = 100",
    properties: Properties::UNKNOWN,
    related: &["cycle-consistency", "spade", "gan-non-saturating", "l1", "mode-seeking"],
    uses: &["gan-non-saturating", "l1"],
    status: Status::NotExecutable("a recipe: an adversarial term that needs the PatchGAN discriminator plus an L1 term"),
    eval: None,
    ..Entry::BLANK
};
