//! Swapping Autoencoder: encode an image into a spatial structure code and a global texture code,
//! and train so that reconstructions and structure/texture swaps both look real.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "swapping-autoencoder",
    name: "Swapping Autoencoder Loss (Structure-Texture Disentanglement)",
    aliases: &["Swapping Autoencoder", "SwapAE"],
    kind: Kind::Composite,
    domains: &["image-translation", "gan"],
    year: 2020,
    paper: Paper {
        title: "Swapping Autoencoder for Deep Image Manipulation",
        authors: "Taesung Park, Jun-Yan Zhu, Oliver Wang, Jingwan Lu, Eli Shechtman, Alexei A. Efros, Richard Zhang",
        venue: "NeurIPS 2020",
        year: 2020,
        url: "https://arxiv.org/abs/2007.00653",
    },
    summary: "Combines an L1 reconstruction loss, non-saturating GAN losses on both the reconstruction G(E(x)) and the swapped hybrid G(z_s^1, z_t^2), and a co-occurrence patch discriminator that must not distinguish patches of the hybrid from patches of the texture source x^2, which is what forces the global code to carry texture and the spatial code structure. The StyleGAN2-based discriminators are regularized with R1. Unlike style-transfer losses it needs no pretrained network, and encoding a new image is a single forward pass rather than an optimization.",
    formula: r"\mathcal{L} = \mathcal{L}_{\text{rec}} + \mathcal{L}_{\text{GAN,rec}} + \mathcal{L}_{\text{GAN,swap}} + \mathcal{L}_{\text{CooccurGAN}},\quad \mathcal{L}_{\text{rec}} = \mathbb{E}\lVert x - G(E(x))\rVert_1,\ \mathcal{L}_{\text{GAN,swap}} = \mathbb{E}\big[-\log D\big(G(z_s^1, z_t^2)\big)\big]",
    properties: Properties::UNKNOWN,
    related: &["munit", "adain-style", "r1-penalty", "gan-non-saturating"],
    uses: &["l1", "gan-non-saturating", "r1-penalty"],
    status: Status::NotExecutable("a recipe that needs the encoder, generator and the image and co-occurrence patch discriminators"),
    eval: None,
    ..Entry::BLANK
};
