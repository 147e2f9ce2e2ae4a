//! Blind video temporal consistency: penalize differences between each output frame and the
//! flow-warped previous (short-term) and first (long-term) output frames, where the flow is
//! reliable.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "temporal-consistency",
    name: "Temporal Consistency Loss (Short-term + Long-term)",
    aliases: &["Short-term / Long-term Temporal Loss", "Temporal Warping Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "video"],
    year: 2018,
    paper: Paper {
        title: "Learning Blind Video Temporal Consistency",
        authors: "Wei-Sheng Lai, Jia-Bin Huang, Oliver Wang, Eli Shechtman, Ersin Yumer, Ming-Hsuan Yang",
        venue: "ECCV 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1808.00449",
    },
    summary: "Removes flicker from videos processed frame by frame by an arbitrary image algorithm: a recurrent network outputs frames O_t that must stay close to the processed frames (a VGG perceptual term) while agreeing with the previous output O_(t-1) warped by optical flow of the input video (short-term) and with the first output O_1 warped to frame t (long-term). The L1 temporal terms are weighted by visibility masks M = exp(-alpha ||I_t - warped I||^2) computed on the input frames (alpha = 50), so occlusions and flow errors are ignored. The reference code weights the perceptual, short-term and long-term terms by 10, 100 and 100.",
    formula: r"\mathcal{L}_{st} = \sum_{t=2}^{T}\sum_{i} M^{(i)}_{t \Rightarrow t-1}\big\lVert O^{(i)}_t - \hat O^{(i)}_{t-1}\big\rVert_1,\quad \mathcal{L}_{lt} = \sum_{t=2}^{T}\sum_{i} M^{(i)}_{t \Rightarrow 1}\big\lVert O^{(i)}_t - \hat O^{(i)}_{1}\big\rVert_1,\quad M = e^{-\alpha \lVert I_t - \hat I\rVert_2^2}",
    inputs: &[
        Input { name: "pred", shape: "[N, T, C, H, W]", meaning: "output frames O_t" },
        Input { name: "warped", shape: "[N, T, C, H, W]", meaning: "the previous (or first) output frame warped to frame t" },
        Input { name: "mask", shape: "[N, T, 1, H, W]", meaning: "visibility weights M from the warped input frames (no gradient)" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(50.0), range: Range::POSITIVE, meaning: "sharpness of the visibility mask (reference code)" },
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
    related: &["warping", "temporal-self-supervision", "perceptual", "photometric-warp"],
    status: Status::Planned("no reference cases; given warped frames and masks it is a masked L1, evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
