//! Tversky loss: one minus the Tversky index, a Dice generalization that weights false positives
//! and false negatives separately.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "tversky",
    name: "Tversky Loss",
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2017,
    paper: Paper {
        title: "Tversky Loss Function for Image Segmentation Using 3D Fully Convolutional Deep Networks",
        authors: "Salehi, S.S.M. et al.",
        venue: "MLMI (MICCAI workshop)",
        year: 2017,
        url: "https://arxiv.org/abs/1706.05721",
    },
    summary: "Replaces Dice's symmetric denominator by TP + alpha FP + beta FN, so choosing beta > alpha penalizes missed foreground more than false alarms and improves recall on small lesions; alpha = beta = 0.5 gives Dice. It is a direct knob for the precision/recall trade-off in imbalanced segmentation. Like Dice it is computed from soft counts and its value depends on how it is averaged over samples and classes.",
    formula: r"L = 1 - \frac{TP + s_{nr}}{TP + \alpha\,FP + \beta\,FN + s_{dr}},\quad TP = \sum_i p_i g_i,\ FP = \sum_i p_i(1 - g_i),\ FN = \sum_i (1 - p_i) g_i",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores (activation inside)" },
        Input { name: "targets", shape: "[B, *] (i64) or [B, C, *]", meaning: "labels (kornia) or one-hot targets (MONAI)" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "weight of false positives (kornia requires it)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "weight of false negatives (kornia requires it)" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param::REDUCTION_MEAN,
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "kornia: added to the denominator" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "kornia: ignored target value" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "kornia.losses.tversky_loss",
        "monai.losses.TverskyLoss",
    ],
    related: &["dice", "focal-tversky", "unified-focal"],
    forms: &[
        Form { name: "softmax-kornia", description: "kornia.losses.tversky_loss: softmax logits (B, C, H, W), int64 labels, per (sample, class) index averaged over the classes present in the non-ignored target, then over the batch; a fully ignored sample counts as loss 1." },
        Form { name: "monai", description: "monai.losses.TverskyLoss: per (sample, class) with smooth_nr / smooth_dr, then reduction." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
