//! MUNIT: multimodal unsupervised translation by splitting each image into a domain-shared
//! content code and a domain-specific style code, trained with adversarial and bidirectional
//! reconstruction terms.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "munit",
    name: "MUNIT Loss (Content-Style Disentanglement)",
    aliases: &["MUNIT", "MUNIT Loss"],
    kind: Kind::Composite,
    domains: &["image-translation", "gan"],
    year: 2018,
    paper: Paper {
        title: "Multimodal Unsupervised Image-to-Image Translation",
        authors: "Xun Huang, Ming-Yu Liu, Serge Belongie, Jan Kautz",
        venue: "ECCV 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1804.04732",
    },
    summary: "Each domain has an encoder into (content, style) and a decoder that injects style through AdaIN. Training combines adversarial losses on translated images (least-squares GAN with multi-scale discriminators), L1 image reconstruction within a domain, and L1 latent reconstruction of the content and of a randomly sampled style code after translation. The paper weights image reconstruction by lambda_x = 10 and content and style reconstruction by lambda_c = lambda_s = 1, optionally adding a domain-invariant perceptual loss at high resolution. Sampling different style codes yields diverse outputs for one input.",
    formula: r"\min_{E,G}\max_{D}\ \mathcal{L}^{x_1}_{\text{GAN}} + \mathcal{L}^{x_2}_{\text{GAN}} + \lambda_x\big(\mathcal{L}^{x_1}_{\text{recon}} + \mathcal{L}^{x_2}_{\text{recon}}\big) + \lambda_c\big(\mathcal{L}^{c_1}_{\text{recon}} + \mathcal{L}^{c_2}_{\text{recon}}\big) + \lambda_s\big(\mathcal{L}^{s_1}_{\text{recon}} + \mathcal{L}^{s_2}_{\text{recon}}\big)",
    properties: Properties::UNKNOWN,
    related: &["unit-translation", "adain-style", "cycle-consistency", "stargan-v2"],
    uses: &["lsgan", "l1", "perceptual"],
    status: Status::NotExecutable("a recipe that needs the content/style encoders, decoders and discriminators"),
    eval: None,
    ..Entry::BLANK
};
