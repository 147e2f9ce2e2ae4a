//! NACL: cross-entropy plus a linear penalty pulling the logits towards the local class proportions
//! of the neighbouring labels, for calibrated segmentation.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "nacl",
    name: "Neighbor-Aware Calibration Loss (NACL)",
    aliases: &["NACL"],
    kind: Kind::Loss,
    domains: &["segmentation", "calibration-fairness", "medical"],
    year: 2023,
    paper: Paper {
        title: "Trust your neighbours: Penalty-based constraints for model calibration",
        authors: "Murugesan, B. et al.",
        venue: "MICCAI",
        year: 2023,
        url: "https://arxiv.org/abs/2303.06268",
    },
    summary: "Smooths the one-hot label map with a mean or Gaussian filter to obtain, per pixel, the class proportions of its neighbourhood, and adds alpha times the L1 (or squared) distance between these proportions and the raw logits to the cross-entropy. This gives the calibration benefit of spatially varying label smoothing with an explicit, controllable penalty. The penalty acts on logits, not probabilities, so alpha must be tuned to the logit scale.",
    formula: r"L = L_{CE}(x, y) + \alpha\,\frac{1}{|\Omega| C}\sum_{i,c}\big|u_{ic} - x_{ic}\big|^{q},\quad u = K * \operatorname{onehot}(y),\ q \in \{1, 2\}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores" },
        Input { name: "targets", shape: "[B, *] (i64)", meaning: "class labels" },
    ],
    params: &[
        Param { name: "classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (required)" },
        Param { name: "dim", symbol: "", default: Value::Null, range: Range::Integer { min: 2, max: 3 }, meaning: "spatial dimensions, 2 or 3 (required)" },
        Param { name: "kernel_size", symbol: "", default: Value::Int(3), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "size of the neighbourhood filter" },
        Param { name: "kernel_ops", symbol: "", default: Value::Str("mean"), range: Range::Choice { values: &["mean", "gaussian"] }, meaning: "filter type" },
        Param { name: "distance_type", symbol: "", default: Value::Str("l1"), range: Range::Choice { values: &["l1", "l2"] }, meaning: "penalty type" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.1), range: Range::NON_NEGATIVE, meaning: "weight of the penalty" },
        Param { name: "sigma", symbol: r"\sigma", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "standard deviation of the Gaussian filter" },
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
        "monai.losses.NACLLoss",
    ],
    related: &["cross-entropy", "label-smoothing", "temperature-scaling"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
