//! DVD-GAN: a BigGAN-style video generator trained against two discriminators, one on sampled
//! full-resolution frames and one on the downsampled clip.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dvd-gan",
    name: "DVD-GAN Loss",
    aliases: &["DVD-GAN", "Dual Video Discriminator GAN"],
    kind: Kind::Method,
    domains: &["video", "gan"],
    year: 2019,
    paper: Paper {
        title: "Adversarial Video Generation on Complex Datasets",
        authors: "Aidan Clark, Jeff Donahue, Karen Simonyan",
        venue: "",
        year: 2019,
        url: "https://arxiv.org/abs/1907.06571",
    },
    summary: "Scales class-conditional video generation to Kinetics with a BigGAN-like generator and two discriminators: a spatial discriminator that judges a few randomly sampled full-resolution frames independently, and a temporal discriminator that judges the whole clip at reduced spatial resolution. Splitting the discriminator this way keeps its cost manageable for long, high-resolution clips. Both discriminators and the generator use the hinge adversarial loss, summed over the two discriminators.",
    formula: r"\mathcal{L}_{D} = \sum_{D \in \{D_S, D_T\}}\mathbb{E}_{x}\bigl[\max(0, 1 - D(x))\bigr] + \mathbb{E}_{z}\bigl[\max(0, 1 + D(G(z)))\bigr],\quad \mathcal{L}_{G} = -\mathbb{E}_{z}\bigl[D_S(G(z)) + D_T(G(z))\bigr]",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["gan-hinge", "tgan", "mocogan", "video-adversarial"],
    uses: &["gan-hinge"],
    forms: &[],
    status: Status::NotExecutable("a video GAN training procedure with two discriminators; its objective is gan-hinge"),
    eval: None,
    ..Entry::BLANK
};
