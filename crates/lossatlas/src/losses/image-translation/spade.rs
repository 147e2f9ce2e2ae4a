//! SPADE (GauGAN): semantic image synthesis with spatially-adaptive normalization, trained with
//! the pix2pixHD objective: hinge GAN, discriminator feature matching and VGG perceptual terms.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "spade",
    name: "SPADE Loss (Spatially-Adaptive Denormalization)",
    aliases: &["SPADE", "GauGAN", "GauGAN Loss"],
    kind: Kind::Composite,
    domains: &["image-translation", "gan"],
    year: 2019,
    paper: Paper {
        title: "Semantic Image Synthesis with Spatially-Adaptive Normalization",
        authors: "Taesung Park, Ming-Yu Liu, Ting-Chun Wang, Jun-Yan Zhu",
        venue: "CVPR 2019",
        year: 2019,
        url: "https://arxiv.org/abs/1903.07291",
    },
    summary: "The contribution is architectural (normalization layers whose scale and bias are predicted per pixel from the segmentation map); the objective follows pix2pixHD with multi-scale discriminators, replacing its least-squares GAN term by the hinge loss. The generator also minimizes an L1 feature-matching loss between discriminator features of real and generated images and a VGG perceptual loss, each weighted by 10 in the reference code; the multimodal variant with an image encoder adds a KL term to N(0, I) weighted by 0.05. Spectral normalization is applied to all layers.",
    formula: r"\mathcal{L}_G = -\mathbb{E}\big[D(G(m))\big] + \lambda_{\text{FM}} \sum_{k}\sum_{l} \frac{1}{N_l}\big\lVert D_k^{(l)}(x) - D_k^{(l)}(G(m))\big\rVert_1 + \lambda_{\text{VGG}}\, \mathcal{L}_{\text{VGG}},\qquad \mathcal{L}_D = \mathbb{E}[\max(0, 1 - D(x))] + \mathbb{E}[\max(0, 1 + D(G(m)))]",
    properties: Properties::UNKNOWN,
    related: &["pix2pix", "feature-matching", "spectral-normalization", "perceptual"],
    uses: &["gan-hinge", "feature-matching", "perceptual", "kl-divergence"],
    status: Status::NotExecutable("a recipe that needs the discriminators' intermediate features and a pretrained VGG network"),
    eval: None,
    ..Entry::BLANK
};
