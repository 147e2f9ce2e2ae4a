//! DoveNet's domain verification: for image harmonization, a discriminator checks whether the
//! foreground and background of a composite come from the same capture domain.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "domain-verification",
    name: "Domain Verification Loss (DoveNet / Image Harmonization)",
    aliases: &["DoveNet", "DoveNet Loss", "Domain Verification Discriminator"],
    kind: Kind::Composite,
    domains: &["image-translation", "gan"],
    year: 2020,
    paper: Paper {
        title: "DoveNet: Deep Image Harmonization via Domain Verification",
        authors: "Wenyan Cong, Jianfu Zhang, Li Niu, Liu Liu, Zhixin Ling, Weiyuan Li, Liqing Zhang",
        venue: "CVPR 2020",
        year: 2020,
        url: "https://arxiv.org/abs/1911.13239",
    },
    summary: "Image harmonization adjusts a pasted foreground to match its background. Besides an L1 reconstruction loss to the real image and a global real/fake discriminator, DoveNet adds a verification discriminator: partial convolutions extract separate domain codes from the foreground and background regions of a (mask, image) pair, and their similarity is trained to be high for real images and low for harmonized outputs, so the generator must make the two regions indistinguishable in domain. The reference code weights L1 by 100 and the global and verification adversarial terms by 1 each, uses a binary cross-entropy GAN loss by default, and adds a gradient penalty to the discriminator.",
    formula: r"\mathcal{L}_G = \lambda\,\lVert \tilde I - I \rVert_1 + \mathcal{L}^{G}_{\text{global}} + \mathcal{L}^{G}_{\text{verify}},\qquad D_{\text{verify}}(\tilde I, M) = \operatorname{sim}\big(\ell_f(\tilde I \odot M),\ \ell_b(\tilde I \odot (1 - M))\big)",
    properties: Properties::UNKNOWN,
    related: &["pix2pix", "wgan-gp", "spectral-normalization"],
    uses: &["l1", "gan-non-saturating", "wgan-gp"],
    status: Status::NotExecutable("a recipe that needs the harmonization network and the global and verification discriminators"),
    eval: None,
    ..Entry::BLANK
};
