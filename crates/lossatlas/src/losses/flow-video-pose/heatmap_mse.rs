//! Heatmap regression: predict one confidence map per keypoint and regress it onto a Gaussian
//! centred at the annotated location with a mean squared error.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "heatmap-mse",
    name: "Heatmap MSE Loss",
    aliases: &["Heatmap Regression Loss", "Keypoint MSE Loss", "JointsMSELoss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "regression"],
    year: 2014,
    paper: Paper {
        title: "Joint Training of a Convolutional Network and a Graphical Model for Human Pose Estimation",
        authors: "Jonathan Tompson, Arjun Jain, Yann LeCun, Christoph Bregler",
        venue: "NeurIPS 2014",
        year: 2014,
        url: "https://arxiv.org/abs/1406.2984",
    },
    summary: "Instead of regressing coordinates, the network outputs a heatmap per joint and is trained with the mean squared error against target heatmaps holding a small 2D Gaussian at the ground-truth location; the location is read off with an argmax (plus sub-pixel refinement). This keeps the spatial structure of the output and became the standard of 2D pose estimation (Stacked Hourglass, SimpleBaseline, HRNet). Pitfalls: most pixels are background, so the loss is dominated by near-zero targets; the heatmap resolution quantizes coordinates; invisible joints are usually masked with per-joint target weights.",
    formula: r"\mathcal{L} = \frac{1}{K H W}\sum_{k=1}^{K} v_k \sum_{p}\big(\hat H_k(p) - H_k(p)\big)^2,\quad H_k(p) = \exp\Big(-\frac{\lVert p - y_k\rVert^2}{2\sigma^2}\Big)",
    inputs: &[
        Input { name: "pred", shape: "[N, K, H, W]", meaning: "predicted heatmaps" },
        Input { name: "target", shape: "[N, K, H, W]", meaning: "target Gaussian heatmaps" },
        Input { name: "weights", shape: "[N, K]", meaning: "optional per-joint target weights (visibility)" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["mmpose.models.losses.KeypointMSELoss"],
    related: &["mse", "intermediate-supervision", "integral-regression", "simcc", "adaptive-wing"],
    status: Status::Planned("a (weighted) mean squared error on heatmaps; evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
