//! IoU loss: one minus the intersection over union of a predicted box and its target box. It
//! measures the overlap of the whole box rather than each coordinate separately, so it does not
//! depend on the box's scale.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "iou",
    name: "IoU Loss",
    aliases: &["Intersection over Union Loss", "UnitBox Loss"],
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2016,
    paper: Paper {
        title: "UnitBox: An Advanced Object Detection Network",
        authors: "Yu et al.",
        venue: "ACM Multimedia",
        year: 2016,
        url: "https://arxiv.org/abs/1608.01471",
    },
    summary: "Penalizes a predicted box by one minus its intersection over union with the matched ground-truth box, treating the four coordinates jointly and independently of box scale. UnitBox introduced it as -ln(IoU); the reference form here is the linear 1 - IoU. Its gradient vanishes when the boxes do not overlap (IoU = 0), which is what GIoU, DIoU and CIoU fix; two degenerate zero-area boxes give 0/0.",
    formula: r"\ell_i = 1 - \frac{|B_i \cap B_i^{gt}|}{|B_i| + |B_i^{gt}| - |B_i \cap B_i^{gt}|},\quad |B \cap B^{gt}| = \max(0, \min(x_2, x_2^{gt}) - \max(x_1, x_1^{gt}))\,\max(0, \min(y_2, y_2^{gt}) - \max(y_1, y_1^{gt}))",
    inputs: &[
        Input { name: "boxes", shape: "[N, 4]", meaning: "predicted boxes as (x1, y1, x2, y2)" },
        Input { name: "target_boxes", shape: "[N, 4]", meaning: "ground-truth boxes as (x1, y1, x2, y2), paired row by row with `boxes`" },
    ],
    params: &[
        Param { name: "reduction", symbol: "", default: Value::Str("none"), range: Range::REDUCTION, meaning: "how per-box losses are combined: none (keep them), mean or sum" },
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
    equivalents: &["torchvision.ops.box_iou", "mmdet.models.losses.IoULoss"],
    related: &["giou", "diou", "ciou", "alpha-iou", "bounded-iou", "smooth-l1", "jaccard"],
    forms: &[
        Form { name: "axis-aligned", description: "1 - IoU of axis-aligned (x1, y1, x2, y2) boxes, computed as 1 minus the diagonal of torchvision.ops.box_iou(boxes, target_boxes): intersection / (area1 + area2 - intersection) with no epsilon, so two zero-area boxes give NaN." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
