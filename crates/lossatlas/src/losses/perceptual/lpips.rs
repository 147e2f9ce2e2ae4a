//! LPIPS: a learned perceptual distance. Deep features of two images are unit-normalized per
//! channel, scaled by weights fitted to human similarity judgments, and compared.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "lpips",
    name: "LPIPS",
    aliases: &["Learned Perceptual Image Patch Similarity"],
    kind: Kind::Loss,
    domains: &["perceptual", "super-resolution", "image-translation", "diffusion"],
    year: 2018,
    paper: Paper {
        title: "The Unreasonable Effectiveness of Deep Features as a Perceptual Metric",
        authors: "Zhang et al.",
        venue: "CVPR",
        year: 2018,
        url: "https://arxiv.org/abs/1801.03924",
    },
    summary: "Extracts activations of both images at several layers of a pretrained network (AlexNet, VGG or SqueezeNet), normalizes each spatial feature vector to unit length, scales channels by linear weights learned on human two-alternative judgments (BAPPS), and averages the squared differences over positions and sums over layers. It agrees with human judgments of similarity far better than PSNR or SSIM and is used both as an evaluation metric and as a training loss (for example in VQGAN-style autoencoders). Values are only comparable for the same backbone and weights version; inputs are expected in [-1, 1].",
    formula: r"d(x, x_0) = \sum_{l}\frac{1}{H_l W_l}\sum_{h,w}\bigl\lVert w_l \odot \bigl(\hat y^{l}_{hw} - \hat y^{l}_{0,hw}\bigr)\bigr\rVert_2^2,\quad \hat y^{l}_{hw} = \frac{y^{l}_{hw}}{\lVert y^{l}_{hw}\rVert_2}",
    inputs: &[
        Input { name: "pred", shape: "[N, 3, H, W]", meaning: "images in [-1, 1]" },
        Input { name: "target", shape: "[N, 3, H, W]", meaning: "reference images in [-1, 1]" },
    ],
    params: &[
        Param { name: "net", symbol: "", default: Value::Str("alex"), range: Range::Choice { values: &["alex", "vgg", "squeeze"] }, meaning: "backbone whose features are compared (lpips.LPIPS default: alex)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["lpips.LPIPS", "torchmetrics.image.lpip.LearnedPerceptualImagePatchSimilarity", "piq.LPIPS"],
    related: &["perceptual", "ssim", "ms-ssim", "content"],
    forms: &[],
    status: Status::NotExecutable("needs a pretrained backbone (AlexNet, VGG or SqueezeNet) and the learned per-channel linear weights"),
    eval: None,
    ..Entry::BLANK
};
