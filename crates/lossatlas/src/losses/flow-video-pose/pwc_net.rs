//! PWC-Net's training loss: weighted endpoint errors of the flow predicted at each pyramid level,
//! plus weight decay, and a robust variant for fine-tuning.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "pwc-net",
    name: "Pyramid Warping Cost Volume Loss / PWC-Net",
    aliases: &["PWC-Net", "PWC-Net Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose"],
    year: 2018,
    paper: Paper {
        title: "PWC-Net: CNNs for Optical Flow Using Pyramid, Warping, and Cost Volume",
        authors: "Deqing Sun, Xiaodong Yang, Ming-Yu Liu, Jan Kautz",
        venue: "CVPR 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1709.02371",
    },
    summary: "PWC-Net predicts flow at each level of a feature pyramid by warping second-image features with the upsampled flow and building a partial cost volume. It is trained with the sum over levels of alpha_l times the per-pixel L2 endpoint error against downsampled ground truth (scaled by 20), alpha = 0.32, 0.08, 0.02, 0.01, 0.005 from the coarsest (level 6) to level 2, plus weight decay gamma = 0.0004. For fine-tuning it switches to a robust penalty (|error|_1 + eps)^q with q = 0.4 and eps = 0.01, which gives less weight to outliers of noisy real-world ground truth.",
    formula: r"\mathcal{L} = \sum_{l=l_0}^{L} \alpha_l \sum_{x} \big\lVert w^{l}_{\Theta}(x) - w^{l}_{\text{GT}}(x)\big\rVert_2 + \gamma \lVert\Theta\rVert_2^2,\qquad \mathcal{L}_{\text{ft}} = \sum_{l}\alpha_l \sum_x \big(\lvert w^{l}_{\Theta}(x) - w^{l}_{\text{GT}}(x)\rvert + \epsilon\big)^q + \gamma\lVert\Theta\rVert_2^2",
    inputs: &[
        Input { name: "preds", shape: "list of [N, 2, H_l, W_l]", meaning: "flow predicted at each pyramid level, coarsest first" },
        Input { name: "target", shape: "[N, 2, H, W]", meaning: "ground-truth flow (scaled and downsampled per level)" },
    ],
    params: &[
        Param { name: "weights", symbol: r"\alpha_l", default: Value::Floats(&[0.32, 0.08, 0.02, 0.01, 0.005]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "per-level weights, level 6 (coarsest) to level 2" },
        Param { name: "q", symbol: "q", default: Value::Float(0.4), range: Range::POSITIVE, meaning: "exponent of the robust fine-tuning loss" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(0.01), range: Range::NON_NEGATIVE, meaning: "offset of the robust fine-tuning loss" },
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
    related: &["multi-scale-epe", "endpoint-error", "spynet", "raft-sequence", "l2-regularization"],
    forms: &[
        Form { name: "training", description: "multi-level L2 endpoint error (the first formula)." },
        Form { name: "fine-tuning", description: "robust (|.|_1 + eps)^q per-pixel penalty (the second formula)." },
    ],
    status: Status::Planned("no reference cases; the weight-decay term belongs to the optimizer"),
    eval: None,
    ..Entry::BLANK
};
