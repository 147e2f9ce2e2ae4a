//! Distance-IoU loss: IoU loss plus the squared distance between the box centres divided by the
//! squared diagonal of the smallest enclosing box, which pulls the centres together directly.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "diou",
    name: "DIoU Loss",
    aliases: &["Distance-IoU Loss", "Distance IoU Loss"],
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2020,
    paper: Paper {
        title: "Distance-IoU Loss: Faster and Better Learning for Bounding Box Regression",
        authors: "Zheng et al.",
        venue: "AAAI",
        year: 2020,
        url: "https://arxiv.org/abs/1911.08287",
    },
    summary: "Adds to 1 - IoU the squared distance between the centres of the predicted and target boxes, normalized by the squared diagonal of their smallest enclosing box. The centre term converges faster than GIoU's enclosing-area term, notably when one box contains the other. The same paper uses DIoU as the suppression criterion in NMS; CIoU adds an aspect-ratio term.",
    formula: r"\ell_i = 1 - \frac{I_i}{U_i + \epsilon} + \frac{\rho^2(\mathbf{b}_i, \mathbf{b}_i^{gt})}{c_i^2 + \epsilon}",
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
    equivalents: &["torchvision.ops.distance_box_iou_loss", "mmdet.models.losses.DIoULoss"],
    related: &["iou", "giou", "ciou", "eiou", "mpdiou"],
    forms: &[
        Form { name: "torchvision", description: "torchvision.ops.distance_box_iou_loss: IoU = inter / (union + eps); rho^2 is the squared distance between box centres and c^2 the squared diagonal of the smallest enclosing box plus eps (eps = 1e-7); reduction none (default), mean or sum." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
