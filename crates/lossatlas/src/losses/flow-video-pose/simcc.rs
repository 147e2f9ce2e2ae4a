//! SimCC: treat each keypoint coordinate as classification over sub-pixel bins on the x and y
//! axes separately, trained with a KL divergence to Gaussian-smoothed labels.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "simcc",
    name: "SimCC Loss (Simple Coordinate Classification)",
    aliases: &["SimCC", "Coordinate Classification Loss", "KLDiscretLoss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "classification"],
    year: 2022,
    paper: Paper {
        title: "SimCC: a Simple Coordinate Classification Perspective for Human Pose Estimation",
        authors: "Yanjie Li, Sen Yang, Peidong Liu, Shoukui Zhang, Yunxiao Wang, Zhicheng Wang, Wankou Yang, Shu-Tao Xia",
        venue: "ECCV 2022",
        year: 2022,
        url: "https://arxiv.org/abs/2107.03332",
    },
    summary: "Each keypoint gets two 1D classification vectors, over k * W horizontal and k * H vertical bins, where the splitting factor k (typically 2 or 3) gives sub-pixel resolution without 2D heatmaps; the target is a 1D Gaussian around the true coordinate (Gaussian label smoothing), and the loss is the KL divergence between the softmax of the predicted logits and that target, summed over both axes. It removes the quantization error and the upsampling cost of heatmaps, and RTMPose uses it; mmpose's KLDiscretLoss can additionally scale logits by a temperature beta and normalize the targets with a softmax.",
    formula: r"\mathcal{L} = \sum_{k}\Big(\operatorname{KL}\big(q^{x}_k\,\Vert\,\operatorname{softmax}(z^{x}_k)\big) + \operatorname{KL}\big(q^{y}_k\,\Vert\,\operatorname{softmax}(z^{y}_k)\big)\Big),\quad q^{x}_k(i) \propto \exp\Big(-\frac{(i - s\, x_k)^2}{2\sigma^2}\Big)",
    inputs: &[
        Input { name: "logits_x", shape: "[N, K, s W]", meaning: "horizontal bin scores per keypoint" },
        Input { name: "logits_y", shape: "[N, K, s H]", meaning: "vertical bin scores per keypoint" },
        Input { name: "targets_x", shape: "[N, K, s W]", meaning: "Gaussian-smoothed horizontal target distributions" },
        Input { name: "targets_y", shape: "[N, K, s H]", meaning: "Gaussian-smoothed vertical target distributions" },
        Input { name: "weights", shape: "[N, K]", meaning: "optional per-keypoint weights (visibility)" },
    ],
    params: &[
        Param { name: "simcc_split_ratio", symbol: "s", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "bins per pixel (splitting factor; used when building targets)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["mmpose.models.losses.KLDiscretLoss"],
    related: &["kl-divergence", "cross-entropy", "heatmap-mse", "integral-regression", "label-smoothing"],
    status: Status::Planned("no reference cases; a KL divergence per axis, evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
