//! Perceptual (feature reconstruction) loss: compare images through the activations of a fixed
//! pretrained network instead of pixel by pixel.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "perceptual",
    name: "Perceptual Loss",
    aliases: &["VGG Loss"],
    kind: Kind::Loss,
    domains: &["perceptual", "image-translation", "super-resolution"],
    year: 2016,
    paper: Paper {
        title: "Perceptual Losses for Real-Time Style Transfer and Super-Resolution",
        authors: "Johnson et al.",
        venue: "ECCV",
        year: 2016,
        url: "https://arxiv.org/abs/1603.08155",
    },
    summary: "Passes prediction and target through a frozen ImageNet-trained VGG-16 and takes the squared Euclidean distance between their activations at one layer, normalized by the activation size; the paper uses relu2_2 for super-resolution and for the content term of style transfer. Matching features instead of pixels tolerates small misalignments and rewards plausible texture, giving sharper results than MSE at the price of lower PSNR and occasional grid artifacts. The value depends on the network, layer, input normalization and on whether features are taken before or after the ReLU.",
    formula: r"\mathcal{L}_{\text{feat}}^{\phi, j}(\hat y, y) = \frac{1}{C_j H_j W_j}\bigl\lVert \phi_j(\hat y) - \phi_j(y)\bigr\rVert_2^2",
    inputs: &[
        Input { name: "pred", shape: "[N, 3, H, W]", meaning: "predicted images, normalized as the feature network expects" },
        Input { name: "target", shape: "[N, 3, H, W]", meaning: "reference images" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["piq.ContentLoss"],
    related: &["content", "gram-style", "lpips", "srgan", "esrgan", "mse"],
    forms: &[],
    status: Status::NotExecutable("needs a pretrained VGG-16 network; on given feature maps it reduces to mse"),
    eval: None,
    ..Entry::BLANK
};
