//! Mode seeking regularization for conditional GANs: reward the generator for producing images
//! that differ in proportion to how much their latent codes differ, against mode collapse.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mode-seeking",
    name: "Mode Seeking Loss",
    aliases: &["MSGAN", "Mode Seeking Regularization"],
    kind: Kind::Loss,
    domains: &["gan", "image-translation"],
    year: 2019,
    paper: Paper {
        title: "Mode Seeking Generative Adversarial Networks for Diverse Image Synthesis",
        authors: "Mao et al.",
        venue: "CVPR 2019",
        year: 2019,
        url: "https://arxiv.org/abs/1903.05628",
    },
    summary: "A regularizer added to a conditional generator's loss: for two latent codes z1, z2 and the same condition, it maximizes the ratio of the distance between the two generated images to the distance between the codes. In the reference code the ratio uses mean absolute differences and is minimized as 1 / (ratio + eps) with eps = 1e-5, which bounds the term. It needs no extra network and plugs into pix2pix-, DRIT- or StackGAN-style models; too large a weight trades fidelity to the condition for diversity.",
    formula: r"\mathcal{L}_{\text{ms}} = \frac{1}{\dfrac{\operatorname{mean}\lvert G(c, z_1) - G(c, z_2)\rvert}{\operatorname{mean}\lvert z_1 - z_2 \rvert} + \epsilon}",
    inputs: &[
        Input { name: "fake1", shape: "[N, C, H, W]", meaning: "images generated from latent codes z1" },
        Input { name: "fake2", shape: "[N, C, H, W]", meaning: "images generated from z2 with the same conditions" },
        Input { name: "latent1", shape: "[N, Z]", meaning: "latent codes z1" },
        Input { name: "latent2", shape: "[N, Z]", meaning: "latent codes z2" },
    ],
    params: &[
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-5), range: Range::POSITIVE, meaning: "added to the ratio before inversion (reference code)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["gan-non-saturating", "pix2pix", "stargan-v2"],
    status: Status::Planned("no reference cases; formula transcription pending"),
    eval: None,
    ..Entry::BLANK
};
