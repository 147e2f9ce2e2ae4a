//! Generalized Dice loss: a multi-class Dice in which each class is weighted by the inverse square
//! of its volume, so small classes count as much as large ones.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "generalized-dice",
    name: "Generalized Dice Loss (GDL)",
    aliases: &["GDL", "Generalised Dice Loss"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2017,
    paper: Paper {
        title: "Generalised Dice Overlap as a Deep Learning Loss Function for Highly Unbalanced Segmentations",
        authors: "Sudre, C.H. et al.",
        venue: "DLMIA",
        year: 2017,
        url: "https://arxiv.org/abs/1707.03237",
    },
    summary: "Sums intersections and sizes over classes with weights w_c = 1/(sum of target_c)^2 before forming a single Dice ratio, which counteracts the dominance of large classes in highly unbalanced segmentation. Weighting choices (square, simple, uniform) and the handling of classes absent from the target (infinite weights) differ across libraries. It can be unstable when a class is missing from a batch.",
    formula: r"L = 1 - \frac{2\sum_c w_c \sum_i p_{ic} g_{ic} + s_{nr}}{\sum_c w_c \sum_i (p_{ic} + g_{ic}) + s_{dr}},\quad w_c = \Big(\sum_i g_{ic}\Big)^{-2}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *] (optax: [..., C])", meaning: "class scores" },
        Input { name: "targets", shape: "[B, C, *] (optax: [..., C])", meaning: "one-hot or soft targets" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "w_type", symbol: "", default: Value::Str("square"), range: Range::Choice { values: &["square", "simple", "uniform"] }, meaning: "class weights 1/V^2, 1/V or 1 (MONAI)" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param::REDUCTION_MEAN,
        Param { name: "smooth", symbol: "s", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "optax: smoothing constant" },
        Param { name: "ignore_background", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "optax: drop class 0" },
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
        "monai.losses.GeneralizedDiceLoss",
        "optax.losses.multiclass_generalized_dice_loss",
    ],
    related: &["dice", "generalized-dice-focal", "generalized-wasserstein-dice", "class-balanced"],
    forms: &[
        Form { name: "monai", description: "monai.losses.GeneralizedDiceLoss: infinite weights of absent classes replaced by the sample's largest finite weight (0 if all infinite); one ratio per sample (or per batch with batch=True), then reduction." },
        Form { name: "optax", description: "optax.losses.multiclass_generalized_dice_loss: weights 1/(freq^2 + 1e-7) from the targets, normalized to sum to C, passed as class weights to dice_loss(..., reduction='none'), then the mean." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
