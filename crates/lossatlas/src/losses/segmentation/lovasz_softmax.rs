//! Lovász-softmax: the Lovász extension of the per-class Jaccard loss applied to sorted softmax
//! errors, averaged over classes.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "lovasz-softmax",
    name: "Lovász-Softmax Loss",
    kind: Kind::Loss,
    domains: &["segmentation"],
    year: 2018,
    paper: Paper {
        title: "The Lovász-Softmax Loss: A Tractable Surrogate for the Optimization of the Intersection-Over-Union Measure",
        authors: "Berman, M. et al.",
        venue: "CVPR",
        year: 2018,
        url: "https://arxiv.org/abs/1705.08790",
    },
    summary: "For each class, sorts the errors |[y = c] - p_c| of the softmax probabilities and takes their dot product with the Jaccard loss's discrete gradient, a convex surrogate of 1 - IoU; the per-class values are averaged. It directly targets mean IoU and is commonly used to fine-tune after cross-entropy. Implementations differ in which classes are averaged (all, or only those present) and in per-image versus per-batch computation.",
    formula: r"L = \frac{1}{|C|}\sum_{c \in C}\ \sum_i m_{\pi_c(i)}(c)\,g_i(c),\quad m_j(c) = \big|[y_j = c] - p_j(c)\big|,\ g_i(c) = \Delta_{J_c}(\pi_c(1..i)) - \Delta_{J_c}(\pi_c(1..i-1))",
    inputs: &[
        Input { name: "logits", shape: "[B, C, H, W]", meaning: "class scores (softmax inside)" },
        Input { name: "targets", shape: "[B, H, W] (i64)", meaning: "class labels" },
    ],
    params: &[
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "kornia: per-class weights" },
        Param { name: "mode", symbol: "", default: Value::Str("multiclass"), range: Range::Choice { values: &["binary", "multiclass", "multilabel"] }, meaning: "smp task type" },
        Param { name: "per_image", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "smp: per-image losses" },
        Param { name: "ignore_index", symbol: "", default: Value::Null, range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "smp: ignored target value" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "kornia.losses.lovasz_softmax_loss",
        "segmentation_models_pytorch.losses.LovaszLoss",
    ],
    related: &["lovasz-hinge", "jaccard", "dice", "cross-entropy"],
    forms: &[
        Form { name: "kornia", description: "kornia.losses.lovasz_softmax_loss(logits, targets, weight): each image scored on its own over all C classes (absent classes included), weighted mean over classes, then the batch mean; no ignore_index." },
        Form { name: "smp", description: "segmentation_models_pytorch.losses.LovaszLoss(mode='multiclass', per_image): Berman's reference code, mean over the classes present ('present'); float32." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
