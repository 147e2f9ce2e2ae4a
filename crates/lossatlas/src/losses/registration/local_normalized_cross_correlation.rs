//! Local normalized cross-correlation: minus the mean over voxels of the squared correlation between
//! prediction and target in a sliding window.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "local-normalized-cross-correlation",
    name: "Local Normalized Cross-Correlation Loss",
    aliases: &["LNCC", "Local NCC"],
    kind: Kind::Loss,
    domains: &["registration", "medical"],
    year: 2019,
    paper: Paper {
        title: "VoxelMorph: A Learning Framework for Deformable Medical Image Registration",
        authors: "Balakrishnan, G., Zhao, A., Sabuncu, M.R., Guttag, J., Dalca, A.V.",
        venue: "IEEE TMI",
        year: 2019,
        url: "https://arxiv.org/abs/1809.05231",
    },
    summary: "Computes means, variances and covariance of the two images in a local window around every voxel and averages the squared normalized cross-correlation, which is insensitive to local linear intensity changes; the loss is its negative. It is the standard similarity term for mono-modal deformable registration (VoxelMorph, ANTs). The window size sets the scale of the structures that are matched; MONAI's triangular kernel of size 3 degenerates to a zero loss.",
    formula: r"L = -\frac{1}{|\Omega|}\sum_{v} \frac{\big(S_{pt} - S_p S_t / V\big)^2 + s_{nr}}{\max(S_{tt} - S_t^2/V,\,s_{dr})\,\max(S_{pp} - S_p^2/V,\,s_{dr})},\quad S_f = (K * f)(v)",
    inputs: &[
        Input { name: "pred", shape: "[B, C, *spatial]", meaning: "moved (warped) image" },
        Input { name: "target", shape: "[B, C, *spatial]", meaning: "fixed image" },
    ],
    params: &[
        Param { name: "spatial_dims", symbol: "", default: Value::Int(3), range: Range::Integer { min: 1, max: 3 }, meaning: "number of spatial axes" },
        Param { name: "kernel_size", symbol: "", default: Value::Int(3), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "window size (odd)" },
        Param { name: "kernel_type", symbol: "", default: Value::Str("rectangular"), range: Range::Choice { values: &["rectangular", "triangular", "gaussian"] }, meaning: "window weights" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "numerator constant" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::POSITIVE, meaning: "lower clamp of the variances" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "monai.losses.LocalNormalizedCrossCorrelationLoss",
    ],
    related: &["global-mutual-information", "mutual-information", "ssim", "bending-energy"],
    forms: &[
        Form { name: "default", description: "monai.losses.LocalNormalizedCrossCorrelationLoss: separable kernel with zero padding, V = sum of kernel weights; loss = -mean(ncc) over batch, channels and voxels." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
