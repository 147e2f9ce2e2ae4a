//! Generalized IoU loss: IoU loss plus a term that measures how much of the smallest box enclosing
//! both boxes is empty, so boxes that do not overlap still receive a useful gradient.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "giou",
    name: "GIoU Loss",
    aliases: &["Generalized IoU Loss", "Generalized Intersection over Union Loss"],
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2019,
    paper: Paper {
        title: "Generalized Intersection over Union",
        authors: "Rezatofighi et al.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1902.09630",
    },
    summary: "Extends the IoU loss with the fraction of the smallest enclosing box C that neither box covers, so the loss keeps decreasing as disjoint boxes move toward each other. It lies in [0, 2) and equals 1 - IoU when one box contains the other. When a predicted box encloses the target, the extra term is zero and convergence can be slow, which motivated DIoU and CIoU.",
    formula: r"\ell_i = 1 - \frac{I_i}{U_i + \epsilon} + \frac{|C_i| - U_i}{|C_i| + \epsilon},\quad I_i = |B_i \cap B_i^{gt}|,\ U_i = |B_i| + |B_i^{gt}| - I_i",
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
    equivalents: &["torchvision.ops.generalized_box_iou_loss", "monai.losses.BoxGIoULoss", "mmdet.models.losses.GIoULoss", "tfa.losses.GIoULoss"],
    related: &["iou", "diou", "ciou", "alpha-iou", "eiou", "siou"],
    forms: &[
        Form { name: "torchvision", description: "torchvision.ops.generalized_box_iou_loss: IoU = inter / (union + eps) and the enclosing term (area_c - union) / (area_c + eps), eps = 1e-7; boxes (x1, y1, x2, y2) are not checked for validity; reduction none (default), mean or sum." },
        Form { name: "monai", description: "monai.losses.BoxGIoULoss: 1 - GIoU per box pair, computed in float32 by MONAI's box_pair_giou with float32-epsilon guards, then reduced (mean by default); values agree with torchvision to float32 accuracy." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
