//! Gradient difference loss: match the magnitudes of neighbouring-pixel differences of the
//! predicted and target frames, to keep edges sharp in video prediction.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "gradient-difference",
    name: "Gradient Difference Loss (GDL)",
    aliases: &["Image Gradient Difference Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "video", "super-resolution"],
    year: 2016,
    paper: Paper {
        title: "Deep Multi-Scale Video Prediction Beyond Mean Square Error",
        authors: "Michaël Mathieu, Camille Couprie, Yann LeCun",
        venue: "ICLR 2016",
        year: 2016,
        url: "https://arxiv.org/abs/1511.05440",
    },
    summary: "Averaging plausible futures under an L2 loss produces blurry predicted frames; GDL instead compares absolute horizontal and vertical intensity differences of the target and of the prediction, raised to a power alpha, which directly penalizes washed-out edges. It is combined with an Lp loss and an adversarial loss (see video-adversarial). It ignores the sign of the gradient and says nothing about where edges should be, only how strong they are, so it cannot stand alone.",
    formula: r"\mathcal{L}_{\text{gdl}}(X, Y) = \sum_{i,j} \Big\lvert \lvert Y_{i,j} - Y_{i-1,j}\rvert - \lvert X_{i,j} - X_{i-1,j}\rvert \Big\rvert^{\alpha} + \Big\lvert \lvert Y_{i,j-1} - Y_{i,j}\rvert - \lvert X_{i,j-1} - X_{i,j}\rvert \Big\rvert^{\alpha}",
    inputs: &[
        Input { name: "pred", shape: "[N, C, H, W]", meaning: "predicted frame X" },
        Input { name: "target", shape: "[N, C, H, W]", meaning: "ground-truth frame Y" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(1.0), range: Range::Real { min: 1.0, max: f64::INFINITY, open_min: false, open_max: true }, meaning: "exponent applied to the gradient-magnitude differences (an integer >= 1 in the paper)" },
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
    related: &["video-adversarial", "motion-content-decomposition", "total-variation", "edge-aware-smoothness", "l1"],
    status: Status::Planned("no reference cases; formula transcription pending"),
    eval: None,
    ..Entry::BLANK
};
