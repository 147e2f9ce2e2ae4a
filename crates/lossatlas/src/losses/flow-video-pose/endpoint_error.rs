//! Endpoint error: the Euclidean distance between predicted and ground-truth flow vectors,
//! averaged over pixels; the standard optical-flow metric and supervised training loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "endpoint-error",
    name: "Endpoint Error (EPE) Loss",
    aliases: &["EPE", "Average Endpoint Error", "AEE", "End-Point Error"],
    kind: Kind::Loss,
    domains: &["flow-video-pose"],
    year: 2012,
    paper: Paper {
        title: "A Database and Evaluation Methodology for Optical Flow",
        authors: "Simon Baker, Daniel Scharstein, J.P. Lewis, Stefan Roth, Michael J. Black, Richard Szeliski",
        venue: "International Journal of Computer Vision",
        year: 2012,
        url: "https://link.springer.com/article/10.1007/s11263-010-0390-2",
    },
    summary: "The mean over (valid) pixels of ||(u, v) - (u_gt, v_gt)||_2. The Middlebury benchmark paper used it, next to the angular error, as a primary accuracy measure, and FlowNet and most supervised flow networks train on it directly. Because it is an unsquared norm it grows linearly with the error (robust to occasional large mistakes) but is not differentiable at zero error; large-motion regions dominate the average. Sparse ground truth (KITTI) requires a validity mask.",
    formula: r"\text{EPE} = \frac{1}{\lvert \Omega\rvert}\sum_{x \in \Omega} \sqrt{\big(u(x) - u_{\text{gt}}(x)\big)^2 + \big(v(x) - v_{\text{gt}}(x)\big)^2}",
    inputs: &[
        Input { name: "pred", shape: "[N, 2, H, W]", meaning: "predicted flow" },
        Input { name: "target", shape: "[N, 2, H, W]", meaning: "ground-truth flow" },
        Input { name: "mask", shape: "[N, H, W]", meaning: "optional validity mask (sparse ground truth)" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["multi-scale-epe", "raft-sequence", "pwc-net", "l1", "mpjpe"],
    status: Status::Planned("no reference cases; a per-pixel Euclidean norm, evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
