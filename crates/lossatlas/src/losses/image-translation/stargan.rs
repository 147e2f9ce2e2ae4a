//! StarGAN: one generator translates between many domains, trained with an adversarial term, a
//! domain-classification term from an auxiliary classifier on the discriminator, and an L1
//! reconstruction (cycle) term.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "stargan",
    name: "StarGAN Loss (Multi-Domain Adversarial + Classification + Reconstruction)",
    aliases: &["StarGAN", "StarGAN Loss"],
    kind: Kind::Composite,
    domains: &["image-translation", "gan"],
    year: 2018,
    paper: Paper {
        title: "StarGAN: Unified Generative Adversarial Networks for Multi-Domain Image-to-Image Translation",
        authors: "Yunjey Choi, Minje Choi, Munyoung Kim, Jung-Woo Ha, Sunghun Kim, Jaegul Choo",
        venue: "CVPR 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1711.09020",
    },
    summary: "A single generator G(x, c) conditioned on a target-domain label c replaces one model per domain pair. The discriminator has two heads: real/fake (trained with the WGAN-GP objective, gradient-penalty weight 10) and a domain classifier trained on real images; the generator is trained to fool the first head, to be classified as domain c by the second, and to reconstruct the input when translated back to its original label (L1 cycle term). The paper weights classification by lambda_cls = 1 and reconstruction by lambda_rec = 10; domain labels use binary cross-entropy for multi-attribute CelebA and softmax cross-entropy for single-label datasets, with mask vectors for training on several datasets at once.",
    formula: r"\mathcal{L}_D = -\mathcal{L}_{\text{adv}} + \lambda_{\text{cls}}\,\mathcal{L}^{r}_{\text{cls}},\qquad \mathcal{L}_G = \mathcal{L}_{\text{adv}} + \lambda_{\text{cls}}\,\mathcal{L}^{f}_{\text{cls}} + \lambda_{\text{rec}}\,\mathbb{E}\big[\lVert x - G(G(x, c), c')\rVert_1\big]",
    properties: Properties::UNKNOWN,
    related: &["stargan-v2", "cycle-consistency", "wgan-gp"],
    uses: &["wgan", "wgan-gp", "binary-cross-entropy", "cross-entropy", "l1"],
    status: Status::NotExecutable("a recipe of adversarial, classification and reconstruction terms that needs the generator and the two-headed discriminator"),
    eval: None,
    ..Entry::BLANK
};
