//! Inner-IoU: computes IoU-based losses on auxiliary boxes obtained by scaling both boxes about
//! their centres by a ratio, which changes how strongly high- and low-overlap boxes are pushed.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "inner-iou",
    name: "Inner-IoU Loss",
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2023,
    paper: Paper {
        title: "Inner-IoU: More Effective Intersection over Union Loss with Auxiliary Bounding Box",
        authors: "Zhang et al.",
        venue: "",
        year: 2023,
        url: "https://arxiv.org/abs/2311.02877",
    },
    summary: "Scales the predicted and target boxes about their centres by a common ratio and uses the IoU of these auxiliary boxes in place of, or as a correction to, the ordinary IoU. A ratio below 1 sharpens the gradient for boxes that already overlap well; a ratio above 1 helps poorly overlapping ones. It composes with GIoU, DIoU, CIoU, EIoU or SIoU by swapping IoU for the inner IoU (for example Inner-GIoU = GIoU loss + IoU - IoU_inner); the paper explores ratios between 0.5 and 1.5.",
    formula: r"\ell_{\mathrm{Inner\text{-}IoU}} = 1 - \mathrm{IoU}^{inner},\quad \mathrm{IoU}^{inner} = \frac{|b^{inner} \cap b^{gt,inner}|}{|b^{inner} \cup b^{gt,inner}|},\quad b^{inner} = \left[x_c \pm \tfrac{r w}{2},\ y_c \pm \tfrac{r h}{2}\right],\quad \ell_{\mathrm{Inner\text{-}X}} = \ell_{X} + \mathrm{IoU} - \mathrm{IoU}^{inner}",
    inputs: &[
        Input { name: "boxes", shape: "[N, 4]", meaning: "predicted boxes as (x1, y1, x2, y2)" },
        Input { name: "target_boxes", shape: "[N, 4]", meaning: "ground-truth boxes as (x1, y1, x2, y2), paired row by row with `boxes`" },
    ],
    params: &[
        Param { name: "ratio", symbol: "r", default: Value::Null, range: Range::POSITIVE, meaning: "scale of the auxiliary boxes about their centres; the paper explores 0.5 to 1.5 and gives no single default" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Geometry,
    },
    related: &["iou", "giou", "diou", "ciou", "eiou", "siou"],
    status: Status::Planned("no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
