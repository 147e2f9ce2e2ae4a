//! Occlusion-aware unsupervised flow: exclude pixels that are occluded in the second frame,
//! detected by forward-splatting the backward flow, from the photometric loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "occlusion-aware-flow",
    name: "Occlusion-Aware Flow Loss",
    aliases: &["Occlusion-Aware Photometric Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "self-supervised"],
    year: 2018,
    paper: Paper {
        title: "Occlusion Aware Unsupervised Learning of Optical Flow",
        authors: "Yang Wang, Yi Yang, Zhenheng Yang, Liang Zhao, Peng Wang, Wei Xu",
        venue: "CVPR 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1711.05890",
    },
    summary: "Occluded pixels have no correspondence, so penalizing their photometric error forces wrong flow. The method splats every pixel of frame 2 along the backward flow onto frame 1 with bilinear weights; pixels of frame 1 that receive (almost) no mass are occluded, and the visibility map O = min(1, range map) weights the photometric error, normalized by the visible area, while a smoothness term fills in the occluded flow. Large displacements are handled with a larger-receptive-field network and a histogram-equalized input; estimating occlusion from the network's own flow can reinforce its mistakes early in training.",
    formula: r"\mathcal{L} = \frac{\sum_{x} \psi\big(I_1(x) - I_2(x + f(x))\big)\, O(x)}{\sum_x O(x)} + \lambda\, \mathcal{L}_{\text{smooth}},\quad O(x) = \min\Big(1, \sum_{y} k\big(x,\ y + f^{b}(y)\big)\Big)",
    inputs: &[
        Input { name: "image1", shape: "[N, C, H, W]", meaning: "first frame" },
        Input { name: "warped", shape: "[N, C, H, W]", meaning: "second frame warped with the forward flow" },
        Input { name: "visibility", shape: "[N, 1, H, W]", meaning: "visibility map O from the splatted backward flow (no gradient)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["photometric-warp", "census-transform", "brightness-constancy", "edge-aware-smoothness"],
    status: Status::Planned("no reference cases; needs the splatting-based visibility map as an input"),
    eval: None,
    ..Entry::BLANK
};
