//! Efficient IoU loss: IoU loss plus separate penalties on the centre distance, the width
//! difference and the height difference, each normalized by the smallest enclosing box; Focal-EIoU
//! reweights it by IoU^gamma.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "eiou",
    name: "EIoU Loss",
    aliases: &["Efficient IoU Loss", "Focal-EIoU Loss"],
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2022,
    paper: Paper {
        title: "Focal and Efficient IOU Loss for Accurate Bounding Box Regression",
        authors: "Zhang et al.",
        venue: "Neurocomputing",
        year: 2022,
        url: "https://arxiv.org/abs/2101.08158",
    },
    summary: "Replaces CIoU's aspect-ratio term by direct penalties on the width and height differences, each divided by the squared width or height of the smallest enclosing box, next to DIoU's centre-distance term. The Focal-EIoU variant multiplies the loss by IoU^gamma (gamma = 0.5 in the paper) so that high-quality boxes dominate the regression rather than the many poorly overlapping ones.",
    formula: r"\ell_{\mathrm{EIoU}} = 1 - \mathrm{IoU} + \frac{\rho^2(\mathbf{b}, \mathbf{b}^{gt})}{c^2} + \frac{\rho^2(w, w^{gt})}{C_w^2} + \frac{\rho^2(h, h^{gt})}{C_h^2},\quad \ell_{\mathrm{Focal\text{-}EIoU}} = \mathrm{IoU}^{\gamma}\,\ell_{\mathrm{EIoU}}",
    inputs: &[
        Input { name: "boxes", shape: "[N, 4]", meaning: "predicted boxes as (x1, y1, x2, y2)" },
        Input { name: "target_boxes", shape: "[N, 4]", meaning: "ground-truth boxes as (x1, y1, x2, y2), paired row by row with `boxes`" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "exponent of the IoU weight in Focal-EIoU (0.5 in the paper); 0 gives plain EIoU" },
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
    related: &["ciou", "diou", "giou", "siou", "focal"],
    status: Status::Planned("no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
