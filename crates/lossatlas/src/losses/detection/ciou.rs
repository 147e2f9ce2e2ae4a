//! Complete-IoU loss: Distance-IoU loss plus a penalty on the difference in aspect ratio between
//! the predicted box and its target.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ciou",
    name: "CIoU Loss",
    aliases: &["Complete-IoU Loss", "Complete IoU Loss"],
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2020,
    paper: Paper {
        title: "Distance-IoU Loss",
        authors: "Zheng et al.",
        venue: "AAAI",
        year: 2020,
        url: "https://arxiv.org/abs/1911.08287",
    },
    summary: "Adds to the DIoU loss a term alpha * v, where v measures the squared difference of the arctangents of the two boxes' width-to-height ratios and alpha = v / (1 - IoU + v) weights it up once the boxes overlap well. It thus accounts for overlap, centre distance and aspect ratio together. As in the paper and torchvision, alpha is treated as a constant in the backward pass; boxes with zero height make the arctangent ratio undefined.",
    formula: r"\ell_i = 1 - \mathrm{IoU}_i + \frac{\rho^2(\mathbf{b}_i, \mathbf{b}_i^{gt})}{c_i^2 + \epsilon} + \alpha_i v_i,\quad v_i = \frac{4}{\pi^2}\left(\arctan\frac{w_i^{gt}}{h_i^{gt}} - \arctan\frac{w_i}{h_i}\right)^2,\quad \alpha_i = \operatorname{sg}\left[\frac{v_i}{1 - \mathrm{IoU}_i + v_i + \epsilon}\right],\quad \mathrm{IoU}_i = \frac{I_i}{U_i + \epsilon}",
    inputs: &[
        Input { name: "boxes", shape: "[N, 4]", meaning: "predicted boxes as (x1, y1, x2, y2)" },
        Input { name: "target_boxes", shape: "[N, 4]", meaning: "ground-truth boxes as (x1, y1, x2, y2), paired row by row with `boxes`" },
    ],
    params: &[
        Param { name: "reduction", symbol: "", default: Value::Str("none"), range: Range::REDUCTION, meaning: "how per-box losses are combined: none (keep them, torchvision's default), mean or sum" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-07), range: Range::NON_NEGATIVE, meaning: "added to the union and to the enclosing-box size to avoid division by zero (torchvision's default)" },
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
    equivalents: &["torchvision.ops.complete_box_iou_loss", "mmdet.models.losses.CIoULoss"],
    related: &["iou", "giou", "diou", "eiou", "siou", "alpha-iou"],
    forms: &[
        Form { name: "torchvision", description: "torchvision.ops.complete_box_iou_loss: the DIoU loss (eps = 1e-7 on the union and the squared diagonal) plus alpha * v, with alpha computed under no_grad so it is a constant for the gradient; reduction none (default), mean or sum." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
