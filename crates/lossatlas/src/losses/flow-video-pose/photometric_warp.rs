//! Unsupervised optical flow from brightness constancy: warp the second frame back with the
//! predicted flow, penalize its difference from the first frame robustly, and smooth the flow.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "photometric-warp",
    name: "Photometric Loss (Brightness Constancy Loss)",
    aliases: &["Photometric Warping Loss", "Unsupervised Flow Photometric Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "self-supervised"],
    year: 2016,
    paper: Paper {
        title: "Back to Basics: Unsupervised Learning of Optical Flow via Brightness Constancy and Motion Smoothness",
        authors: "Jason J. Yu, Adam W. Harley, Konstantinos G. Derpanis",
        venue: "ECCV 2016 Workshops",
        year: 2016,
        url: "https://arxiv.org/abs/1608.05842",
    },
    summary: "Trains a flow network without ground truth: the second frame is sampled at x + f(x) with a differentiable bilinear warp, and a robust penalty (generalized Charbonnier) of its difference from the first frame is combined with a robust smoothness penalty on neighbouring flow differences, the learned counterpart of the Horn-Schunck energy. It fails where brightness constancy does (occlusions, lighting changes, textureless regions), motivating occlusion masks, census or SSIM photometric terms, and edge-aware smoothness in later work. The warp's gradient is local, so large motions need a coarse-to-fine architecture.",
    formula: r"\mathcal{L} = \sum_{x} \rho\big(I_1(x) - I_2(x + f(x))\big) + \lambda \sum_{x} \sum_{y \in \mathcal{N}(x)} \rho\big(f(x) - f(y)\big),\quad \rho(z) = (z^2 + \epsilon^2)^{a}",
    inputs: &[
        Input { name: "image1", shape: "[N, C, H, W]", meaning: "first frame" },
        Input { name: "image2", shape: "[N, C, H, W]", meaning: "second frame, warped inside with the flow" },
        Input { name: "flow", shape: "[N, 2, H, W]", meaning: "predicted flow from frame 1 to frame 2" },
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
    related: &["brightness-constancy", "census-transform", "occlusion-aware-flow", "charbonnier", "edge-aware-smoothness", "photometric-consistency"],
    status: Status::Planned("no reference cases; needs a differentiable bilinear warp and fixed penalty constants"),
    eval: None,
    ..Entry::BLANK
};
