//! UNIT: unsupervised translation through a shared latent space, with coupled VAE-GANs and a
//! VAE-like cycle-consistency term.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "unit-translation",
    name: "UNIT Loss (Shared-Latent Space)",
    aliases: &["UNIT", "UNIT Loss"],
    kind: Kind::Composite,
    domains: &["image-translation", "gan", "vae"],
    year: 2017,
    paper: Paper {
        title: "Unsupervised Image-to-Image Translation Networks",
        authors: "Ming-Yu Liu, Thomas Breuel, Jan Kautz",
        venue: "NeurIPS 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1703.00848",
    },
    summary: "Assumes one latent code explains corresponding images of both domains: two VAEs with shared last encoder / first decoder layers, two GANs, and a cycle-consistency term written as a VAE likelihood of the reconstruction after translating there and back. Each VAE term combines a KL penalty to N(0, I) with a Laplacian reconstruction likelihood (an L1 distance); the paper weights the GAN terms by 10, the KL terms by 0.1 and the reconstruction terms by 100, for both the VAE and the cycle parts. The shared-latent assumption is stronger than cycle consistency and fails for multimodal translations (addressed by MUNIT).",
    formula: r"\min_{E_1, E_2, G_1, G_2}\max_{D_1, D_2}\ \mathcal{L}_{\text{VAE}_1} + \mathcal{L}_{\text{GAN}_1} + \mathcal{L}_{\text{CC}_1} + \mathcal{L}_{\text{VAE}_2} + \mathcal{L}_{\text{GAN}_2} + \mathcal{L}_{\text{CC}_2}",
    properties: Properties::UNKNOWN,
    related: &["cycle-consistency", "munit", "elbo", "vq-vae"],
    uses: &["kl-divergence", "l1", "gan-minimax", "cycle-consistency"],
    status: Status::NotExecutable("a recipe of VAE, adversarial and cycle terms that needs the encoders, generators and discriminators"),
    eval: None,
    ..Entry::BLANK
};
