//! Bounded IoU loss: for each box coordinate, an upper bound on the IoU obtained when only that
//! coordinate is wrong, passed through a smooth L1 penalty. It keeps the per-coordinate form of
//! smooth-L1 regression while following IoU.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "bounded-iou",
    name: "Bounded IoU Loss",
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2018,
    paper: Paper {
        title: "Improving Object Localization with Fitness NMS and Bounded IoU Loss",
        authors: "Tychsen-Smith & Petersson",
        venue: "CVPR",
        year: 2018,
        url: "https://arxiv.org/abs/1711.00164",
    },
    summary: "Regresses each coordinate (centre x, centre y, width, height) separately, but scores it by the best IoU the box could reach if only that coordinate were wrong, and applies a smooth L1 penalty to one minus that bound. This keeps per-coordinate gradients like smooth-L1 box regression while staying aligned with the IoU objective. mmdetection's BoundedIoULoss uses beta = 0.2 for the smooth L1 threshold and eps = 1e-3.",
    formula: r"\ell = \sum_{k \in \{x, y, w, h\}} \operatorname{smooth}_{L1}\bigl(1 - \mathrm{IoU}_B(k)\bigr),\quad \mathrm{IoU}_B(x) = \max\left(0, \frac{w^{gt} - 2|\Delta x|}{w^{gt} + 2|\Delta x|}\right),\quad \mathrm{IoU}_B(w) = \min\left(\frac{w}{w^{gt}}, \frac{w^{gt}}{w}\right)",
    inputs: &[
        Input { name: "boxes", shape: "[N, 4]", meaning: "predicted boxes (x1, y1, x2, y2)" },
        Input { name: "target_boxes", shape: "[N, 4]", meaning: "ground-truth boxes (x1, y1, x2, y2)" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.2), range: Range::POSITIVE, meaning: "threshold of the smooth L1 penalty on 1 - IoU_B (mmdetection's default)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(0.001), range: Range::NON_NEGATIVE, meaning: "added to widths and heights to avoid division by zero (mmdetection's default)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Geometry,
    },
    equivalents: &["mmdet.models.losses.BoundedIoULoss"],
    related: &["iou", "smooth-l1", "giou"],
    status: Status::Planned("no reference cases yet (mmdetection's BoundedIoULoss is a candidate reference)"),
    eval: None,
    ..Entry::BLANK
};
