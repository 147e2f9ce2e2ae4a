//! Alpha-IoU: a family of box losses that raise the IoU and the penalty term of IoU, GIoU, DIoU or
//! CIoU to a power alpha, which reweights boxes by how well they already overlap.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "alpha-iou",
    name: "Alpha-IoU Loss",
    aliases: &["Power IoU Loss"],
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2021,
    paper: Paper {
        title: "Alpha-IoU: A Family of Power Intersection over Union Losses",
        authors: "He et al.",
        venue: "NeurIPS",
        year: 2021,
        url: "https://arxiv.org/abs/2110.13675",
    },
    summary: "Generalizes IoU-based box losses by raising the IoU and the extra penalty term to a power alpha; alpha = 1 recovers the base loss. With alpha > 1 (the paper recommends alpha = 3) boxes that already overlap well get relatively larger gradients, which the authors found improves localization precision and robustness to small or noisy training sets. The same alpha applies to GIoU, DIoU and CIoU variants.",
    formula: r"\ell_\alpha = 1 - \mathrm{IoU}^{\alpha} + \mathcal{R}^{\alpha}(B, B^{gt}),\quad \text{e.g. } \ell_{\alpha\text{-GIoU}} = 1 - \mathrm{IoU}^{\alpha} + \left(\frac{|C \setminus (B \cup B^{gt})|}{|C|}\right)^{\alpha},\ \ell_{\alpha\text{-DIoU}} = 1 - \mathrm{IoU}^{\alpha} + \frac{\rho^{2\alpha}(\mathbf{b}, \mathbf{b}^{gt})}{c^{2\alpha}}",
    inputs: &[
        Input { name: "boxes", shape: "[N, 4]", meaning: "predicted boxes as (x1, y1, x2, y2)" },
        Input { name: "target_boxes", shape: "[N, 4]", meaning: "ground-truth boxes as (x1, y1, x2, y2), paired row by row with `boxes`" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(3.0), range: Range::POSITIVE, meaning: "power applied to the IoU and to the penalty term; 1 gives the base loss, the paper recommends 3" },
        Param { name: "iou_type", symbol: "", default: Value::Str("iou"), range: Range::Choice { values: &["iou", "giou", "diou", "ciou"] }, meaning: "which IoU loss the power is applied to" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Geometry,
    },
    related: &["iou", "giou", "diou", "ciou"],
    status: Status::Planned("no reference cases yet (the official Jacobi93/Alpha-IoU code is a candidate reference)"),
    eval: None,
    ..Entry::BLANK
};
