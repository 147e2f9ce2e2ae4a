//! Jaccard (soft IoU) loss: one minus the intersection over union computed from probabilities.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "jaccard",
    name: "Jaccard Loss",
    aliases: &["Soft IoU Loss", "Soft Jaccard Loss", "IoU Loss (segmentation)"],
    kind: Kind::Loss,
    domains: &["segmentation"],
    year: 2016,
    paper: Paper {
        title: "Optimizing Intersection-Over-Union in Deep Neural Networks for Image Segmentation",
        authors: "Rahman, M.A., Wang, Y.",
        venue: "ISVC",
        year: 2016,
        url: "",
    },
    summary: "Optimizes a soft version of the IoU (Jaccard index) |X∩Y| / |X∪Y| with probabilities in place of binary masks, aligning training with the IoU metric used to evaluate segmentation. It behaves like the Dice loss (the two are monotonically related for hard sets) but penalizes errors somewhat more. smp sums over the batch and spatial axes per class, zeroes classes absent from the target and averages over classes.",
    formula: r"L = 1 - \frac{\sum_i p_i g_i + s}{\sum_i p_i + \sum_i g_i - \sum_i p_i g_i + s}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores (sigmoid or softmax inside)" },
        Input { name: "targets", shape: "[B, *] (i64) or [B, C, *]", meaning: "labels (multiclass) or binary masks" },
    ],
    params: &[
        Param { name: "mode", symbol: "", default: Value::Null, range: Range::Choice { values: &["binary", "multilabel", "multiclass"] }, meaning: "task type (required by smp)" },
        Param { name: "classes", symbol: "", default: Value::Null, range: Range::Any, meaning: "classes to include" },
        Param { name: "log_loss", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "return -log(score)" },
        Param { name: "from_logits", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "apply the activation inside" },
        Param { name: "smooth", symbol: "s", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "smoothing constant" },
        Param { name: "ignore_index", symbol: "", default: Value::Null, range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "ignored target value" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-07), range: Range::NON_NEGATIVE, meaning: "lower clamp of the score" },
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
        "segmentation_models_pytorch.losses.JaccardLoss",
    ],
    related: &["dice", "lovasz-softmax", "lovasz-hinge", "iou"],
    forms: &[
        Form { name: "smp", description: "segmentation_models_pytorch.losses.JaccardLoss(mode, smooth, ...): score (I + smooth)/(P + T - I + smooth) clamped below by eps per class over (batch, spatial), absent classes zeroed, mean over classes." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
