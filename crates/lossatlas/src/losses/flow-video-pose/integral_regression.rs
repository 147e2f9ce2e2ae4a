//! Integral pose regression: turn a heatmap into coordinates with a differentiable soft-argmax
//! (the expectation under the softmax-normalized heatmap) and supervise the coordinates directly.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "integral-regression",
    name: "Integral Regression Loss (Soft-Argmax)",
    aliases: &["Integral Pose Regression", "Soft-Argmax Loss", "Integral Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "3d", "regression"],
    year: 2018,
    paper: Paper {
        title: "Integral Human Pose Regression",
        authors: "Xiao Sun, Bin Xiao, Fangyin Wei, Shuang Liang, Yichen Wei",
        venue: "ECCV 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1711.08229",
    },
    summary: "Replaces the non-differentiable argmax of heatmap methods by the expected location under the heatmap normalized with a softmax over all pixels (or voxels for 3D), so the network is trained end to end with a loss on coordinates; the paper found L1 better than L2 and combined it with heatmap losses in some settings. It removes heatmap quantization error and unifies 2D and 3D training, but the expectation is biased towards the image centre when the heatmap has mass far from the peak, and the heatmap's shape is no longer supervised.",
    formula: r"\hat J_k = \sum_{p \in \Omega} p\, \tilde H_k(p),\quad \tilde H_k(p) = \frac{e^{H_k(p)}}{\sum_{q \in \Omega} e^{H_k(q)}},\qquad \mathcal{L} = \sum_{k} \big\lVert \hat J_k - J_k \big\rVert_1",
    inputs: &[
        Input { name: "logits", shape: "[N, K, D, H, W] or [N, K, H, W]", meaning: "unnormalized heatmaps" },
        Input { name: "target_points", shape: "[N, K, 3] or [N, K, 2]", meaning: "ground-truth joint coordinates (in heatmap units)" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["heatmap-mse", "simcc", "l1", "mpjpe"],
    status: Status::Planned("no reference cases; formula transcription pending"),
    eval: None,
    ..Entry::BLANK
};
