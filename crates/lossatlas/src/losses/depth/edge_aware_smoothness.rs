//! Edge-aware smoothness: penalize gradients of a predicted depth or disparity map, less where
//! the image itself has strong gradients, so depth edges may follow image edges.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "edge-aware-smoothness",
    name: "Edge-Aware Smoothness Loss",
    aliases: &["Disparity Smoothness Loss", "Inverse Depth Smoothness Loss"],
    kind: Kind::Loss,
    domains: &["depth", "flow-video-pose", "regularization"],
    year: 2017,
    paper: Paper {
        title: "Unsupervised Monocular Depth Estimation with Left-Right Consistency",
        authors: "Godard et al.",
        venue: "CVPR",
        year: 2017,
        url: "https://arxiv.org/abs/1609.03677",
    },
    summary: "Takes the absolute horizontal and vertical finite differences of the predicted disparity (inverse depth) and weights each by exp(-|image gradient|) at the same position, so the map is pushed to be smooth inside textureless regions but may jump at image edges. It is a standard regularizer in self-supervised depth and optical-flow training, where the photometric loss alone is ambiguous in flat regions. Later work normalizes the disparity by its mean first (Monodepth2) to avoid shrinking the prediction; the kornia reference does not.",
    formula: r"\mathcal{L} = \operatorname{mean}_{i,j}\bigl|\partial_x d_{ij}\bigr|\,e^{-\overline{|\partial_x I_{ij}|}} + \operatorname{mean}_{i,j}\bigl|\partial_y d_{ij}\bigr|\,e^{-\overline{|\partial_y I_{ij}|}}",
    inputs: &[
        Input { name: "idepth", shape: "[N, 1, H, W]", meaning: "predicted inverse depth (disparity)" },
        Input { name: "image", shape: "[N, C, H, W]", meaning: "the input image guiding the edge weights (no gradient needed); the bar is the mean over channels" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["kornia.losses.inverse_depth_smoothness_loss", "kornia.losses.InverseDepthSmoothnessLoss"],
    related: &["total-variation", "photometric-consistency", "photometric-warp", "scale-invariant"],
    forms: &[
        Form { name: "kornia-inverse-depth", description: "kornia.losses.inverse_depth_smoothness_loss(idepth, image): forward differences along W and H; weights exp(-mean over channels of |image difference|); each term averaged over its own difference grid, then added." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
