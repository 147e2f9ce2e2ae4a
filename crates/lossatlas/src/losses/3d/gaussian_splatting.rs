//! 3D Gaussian Splatting's photometric loss: a weighted sum of L1 error and structural
//! dissimilarity (1 - SSIM) between the rasterized image and the training view.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "gaussian-splatting",
    name: "3D Gaussian Splatting Loss",
    aliases: &["3DGS Loss"],
    kind: Kind::Composite,
    domains: &["3d"],
    year: 2023,
    paper: Paper {
        title: "3D Gaussian Splatting for Real-Time Radiance Field Rendering",
        authors: "Kerbl et al.",
        venue: "ACM Transactions on Graphics",
        year: 2023,
        url: "https://arxiv.org/abs/2308.04079",
    },
    summary: "Optimizes the positions, covariances, opacities and colours of a set of 3D Gaussians so that their rasterized image matches each training view under (1 - lambda) * L1 + lambda * (1 - SSIM), lambda = 0.2. The SSIM term preserves local structure that L1 alone blurs. Training interleaves this loss with adaptive densification and pruning of the Gaussians, which the loss does not describe.",
    formula: r"\mathcal{L} = (1 - \lambda)\,\mathcal{L}_1 + \lambda\,\bigl(1 - \operatorname{SSIM}(\hat I, I)\bigr),\quad \lambda = 0.2",
    inputs: &[
        Input { name: "pred", shape: "[B, C, H, W]", meaning: "rendered image" },
        Input { name: "target", shape: "[B, C, H, W]", meaning: "ground-truth view" },
    ],
    params: &[
        Param { name: "lambda_dssim", symbol: r"\lambda", default: Value::Float(0.2), range: Range::UNIT, meaning: "weight of the SSIM term (the official code's default)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["nerf-photometric", "ssim", "l1", "photometric-consistency"],
    uses: &["l1", "ssim"],
    status: Status::Planned("executable on rendered images once l1 and ssim are available; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
