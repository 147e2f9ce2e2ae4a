//! Lovász hinge: the Lovász extension of the Jaccard loss applied to sorted hinge errors, a convex
//! surrogate of binary IoU.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "lovasz-hinge",
    name: "Lovász Hinge Loss",
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
    summary: "Sorts the hinge errors max(0, 1 - z(2y - 1)) of a binary segmentation and takes their dot product with the discrete gradient of the Jaccard loss along that order, which is the tight convex (Lovász) extension of 1 - IoU. It optimizes the IoU of a single foreground class directly and works well for fine-tuning. The gradient is piecewise constant and depends on the sort order, so ties give subgradients.",
    formula: r"L = \sum_{i} m_{\pi(i)}\,\big(\Delta_J(\{\pi(1..i)\}) - \Delta_J(\{\pi(1..i-1)\})\big),\quad m_i = [1 - z_i(2y_i - 1)]_+,\ m_{\pi(1)} \ge m_{\pi(2)} \ge \dots",
    inputs: &[
        Input { name: "logits", shape: "[B, 1, H, W]", meaning: "one logit channel" },
        Input { name: "targets", shape: "[B, H, W] (i64)", meaning: "binary labels" },
    ],
    params: &[
        Param { name: "mode", symbol: "", default: Value::Str("binary"), range: Range::Choice { values: &["binary", "multiclass", "multilabel"] }, meaning: "smp task type" },
        Param { name: "per_image", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "smp: average per-image losses instead of one loss over the batch" },
        Param { name: "ignore_index", symbol: "", default: Value::Null, range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "smp: ignored target value" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "kornia.losses.lovasz_hinge_loss",
        "segmentation_models_pytorch.losses.LovaszLoss",
    ],
    related: &["lovasz-softmax", "jaccard", "hinge"],
    forms: &[
        Form { name: "kornia", description: "kornia.losses.lovasz_hinge_loss(logits [B,1,H,W], targets [B,H,W]): per image, then the batch mean; no reduction; targets not validated." },
        Form { name: "smp", description: "segmentation_models_pytorch.losses.LovaszLoss(mode='binary', per_image): Berman's lovasz_hinge; smp builds the Jaccard gradient in float32." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
