//! vid2vid's flow loss: supervise the generator's predicted optical flow with flow estimated on
//! the real video, and require the previous frame warped by it to match the next frame.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "warping",
    name: "Warping Loss / vid2vid",
    aliases: &["vid2vid Flow Loss", "Flow Warping Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "video", "gan"],
    year: 2018,
    paper: Paper {
        title: "Video-to-Video Synthesis",
        authors: "Ting-Chun Wang, Ming-Yu Liu, Jun-Yan Zhu, Guilin Liu, Andrew Tao, Jan Kautz, Bryan Catanzaro",
        venue: "NeurIPS 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1808.06601",
    },
    summary: "vid2vid's generator predicts each frame as a blend of the previous frame warped by a predicted flow and a newly hallucinated image. Its flow loss has two L1 parts: the predicted flow against flow computed on the ground-truth video by a pretrained FlowNet 2.0, and the previous ground-truth frame warped by the predicted flow against the next frame. It is added with weight 10 to image and video discriminator losses and feature-matching terms; errors of the pretrained flow network become training targets.",
    formula: r"\mathcal{L}_W = \frac{1}{T-1}\sum_{t=1}^{T-1}\Big(\lVert \tilde w_t - w_t\rVert_1 + \lVert \tilde w_t(x_t) - x_{t+1}\rVert_1\Big)",
    inputs: &[
        Input { name: "pred", shape: "[N, T-1, 2, H, W]", meaning: "predicted flows w-tilde_t" },
        Input { name: "target", shape: "[N, T-1, 2, H, W]", meaning: "flows w_t estimated on the real video (no gradient)" },
        Input { name: "warped", shape: "[N, T-1, C, H, W]", meaning: "frames x_t warped by the predicted flows" },
        Input { name: "next_frames", shape: "[N, T-1, C, H, W]", meaning: "real frames x_(t+1)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["temporal-consistency", "endpoint-error", "feature-matching", "spade"],
    status: Status::Planned("no reference cases; an L1 over given flows and warped frames, evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
