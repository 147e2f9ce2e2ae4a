//! Asymmetric focal loss (Yeung et al.): a binary focal cross-entropy in which only the background
//! term is focally down-weighted and the rare foreground keeps its full cross-entropy.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "asymmetric-focal",
    name: "Asymmetric Focal Loss (Unified Focal)",
    aliases: &["Modified Asymmetric Focal Loss"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2022,
    paper: Paper {
        title: "Unified Focal Loss: Generalising Dice and Cross Entropy-Based Losses to Handle Class Imbalanced Medical Image Segmentation",
        authors: "Yeung et al.",
        venue: "Computerized Medical Imaging and Graphics",
        year: 2022,
        url: "https://arxiv.org/abs/2102.04525",
    },
    summary: "Applies the focal factor (1 - p)^gamma only to the background class and weights background and foreground cross-entropy by 1 - delta and delta, so easy background pixels are suppressed while the rare foreground class is never down-weighted. It is the distribution-based half of the unified focal loss and differs from timm's asymmetric loss for multi-label classification (entry asymmetric). MONAI's version takes probabilities (clamped to [eps, 1 - eps]), binary only, and averages the [B, 2, *] terms.",
    formula: r"L = \operatorname{mean}\Big(-(1-\delta)\,(1 - p_{0})^{\gamma}\,g_{0}\log p_{0},\ \ -\delta\,g_{1}\log p_{1}\Big)",
    inputs: &[
        Input { name: "probs", shape: "[B, 2, *]", meaning: "binary probabilities (background, foreground)" },
        Input { name: "targets", shape: "[B, 2, *]", meaning: "one-hot targets" },
    ],
    params: &[
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode label targets" },
        Param { name: "delta", symbol: r"\delta", default: Value::Float(0.7), range: Range::UNIT, meaning: "weight of the foreground term (background gets 1 - delta)" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "focusing parameter of the background term" },
        Param { name: "epsilon", symbol: r"\epsilon", default: Value::Float(1e-07), range: Range::POSITIVE, meaning: "probability clamp" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::No,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[
        "monai.losses.unified_focal_loss.AsymmetricFocalLoss",
    ],
    related: &["unified-focal", "focal", "focal-tversky", "asymmetric"],
    status: Status::Planned("no reference cases yet; MONAI AsymmetricFocalLoss is the reference to generate them from"),
    eval: None,
    ..Entry::BLANK
};
