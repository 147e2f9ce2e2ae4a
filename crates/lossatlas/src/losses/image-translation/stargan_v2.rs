//! StarGAN v2: diverse multi-domain translation with per-domain style codes from a mapping network
//! or a style encoder, trained with adversarial, style reconstruction, diversity-sensitive and
//! cycle terms.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "stargan-v2",
    name: "StarGAN v2 Loss (Style Diversity + Multi-Domain)",
    aliases: &["StarGAN v2", "StarGAN2"],
    kind: Kind::Composite,
    domains: &["image-translation", "gan"],
    year: 2020,
    paper: Paper {
        title: "StarGAN v2: Diverse Image Synthesis for Multiple Domains",
        authors: "Yunjey Choi, Youngjung Uh, Jaejun Yoo, Jung-Woo Ha",
        venue: "CVPR 2020",
        year: 2020,
        url: "https://arxiv.org/abs/1912.01865",
    },
    summary: "The discriminator has one real/fake output per domain and is trained with the non-saturating GAN loss plus R1 (gamma = 1). Generator, mapping network and style encoder minimize the adversarial term, plus lambda_sty times an L1 style reconstruction (the style encoder must recover the injected style code), minus lambda_ds times a diversity-sensitive term (the L1 distance between images generated from two style codes, which is maximized), plus lambda_cyc times an L1 cycle term. The paper uses lambda_sty = lambda_ds = lambda_cyc = 1 on CelebA-HQ and 0.3, 1, 0.1 on AFHQ, and decays lambda_ds linearly to zero because the maximized diversity term is unbounded.",
    formula: r"\min_{G,F,E}\max_{D}\ \mathcal{L}_{\text{adv}} + \lambda_{\text{sty}}\,\mathcal{L}_{\text{sty}} - \lambda_{\text{ds}}\,\mathcal{L}_{\text{ds}} + \lambda_{\text{cyc}}\,\mathcal{L}_{\text{cyc}},\quad \mathcal{L}_{\text{ds}} = \mathbb{E}\big[\lVert G(x, \tilde s_1) - G(x, \tilde s_2)\rVert_1\big]",
    properties: Properties::UNKNOWN,
    related: &["stargan", "munit", "mode-seeking", "cycle-consistency"],
    uses: &["gan-non-saturating", "r1-penalty", "l1"],
    status: Status::NotExecutable("a recipe that needs the generator, mapping network, style encoder and multi-domain discriminator"),
    eval: None,
    ..Entry::BLANK
};
