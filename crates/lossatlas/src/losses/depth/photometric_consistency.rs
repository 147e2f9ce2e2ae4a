//! Photometric consistency: a mix of SSIM dissimilarity and L1 error between an image and its
//! reconstruction warped from another view using the predicted depth or disparity.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "photometric-consistency",
    name: "Photometric Consistency Loss",
    aliases: &["Photometric Reconstruction Loss", "Appearance Matching Loss"],
    kind: Kind::Loss,
    domains: &["depth", "self-supervised", "flow-video-pose"],
    year: 2017,
    paper: Paper {
        title: "Unsupervised Monocular Depth Estimation with Left-Right Consistency",
        authors: "Godard et al.",
        venue: "CVPR",
        year: 2017,
        url: "https://arxiv.org/abs/1609.03677",
    },
    summary: "Supervises depth without depth labels: the predicted disparity (or depth and pose) warps one view into another, and the loss is alpha * (1 - SSIM) / 2 + (1 - alpha) * L1 between the image and its reconstruction, with alpha = 0.85 and a 3x3 SSIM window. Godard et al. add an edge-aware disparity smoothness term and a left-right consistency term; monodepth2 takes the per-pixel minimum over source frames and masks static pixels. Occlusions, moving objects and lighting changes violate the brightness-constancy assumption behind it.",
    formula: r"\mathcal{L}_{ap} = \frac{1}{N}\sum_{i,j}\alpha\,\frac{1 - \operatorname{SSIM}(I_{ij}, \tilde I_{ij})}{2} + (1 - \alpha)\,\bigl|I_{ij} - \tilde I_{ij}\bigr|,\quad \alpha = 0.85",
    inputs: &[
        Input { name: "pred", shape: "[B, C, H, W]", meaning: "reconstructed (warped) image" },
        Input { name: "target", shape: "[B, C, H, W]", meaning: "observed image" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.85), range: Range::UNIT, meaning: "weight of the SSIM term" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["ssim", "l1", "edge-aware-smoothness", "photometric-warp", "brightness-constancy", "census-transform"],
    status: Status::Planned("executable on a warped image once ssim is available; the warping itself needs predicted depth and poses; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
