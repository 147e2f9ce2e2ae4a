//! Wise-IoU: an IoU loss scaled by a distance-based attention factor (v1) and, in v3, by a
//! non-monotonic focusing coefficient computed from how unusual each box's IoU loss is relative to
//! a running mean.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "wiou",
    name: "WIoU Loss",
    aliases: &["Wise-IoU Loss"],
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2023,
    paper: Paper {
        title: "Wise-IoU: Bounding Box Regression Loss with Dynamic Focusing Mechanism",
        authors: "Tong et al.",
        venue: "",
        year: 2023,
        url: "https://arxiv.org/abs/2301.10051",
    },
    summary: "Multiplies the IoU loss by exp(centre distance^2 / enclosing diagonal^2), with the enclosing box size detached from the graph (WIoU v1). Version 3 further scales each box by a non-monotonic focusing coefficient of its outlier degree beta, the ratio of its IoU loss to a running mean of IoU losses, so that both very easy and very poor (likely mislabelled) boxes get smaller gradients. The running mean (momentum 1 - 0.5^(1/7000) in the widely copied reference code) makes v3 stateful across batches; that code uses alpha = 1.9 and delta = 3.",
    formula: r"\ell_{v1} = \exp\left(\frac{(x - x^{gt})^2 + (y - y^{gt})^2}{\operatorname{sg}[W_g^2 + H_g^2]}\right)(1 - \mathrm{IoU}),\quad \beta = \frac{\operatorname{sg}[1 - \mathrm{IoU}]}{\overline{1 - \mathrm{IoU}}},\quad \ell_{v3} = \frac{\beta}{\delta\,\alpha^{\beta - \delta}}\,\ell_{v1}",
    inputs: &[
        Input { name: "boxes", shape: "[N, 4]", meaning: "predicted boxes as (x1, y1, x2, y2)" },
        Input { name: "target_boxes", shape: "[N, 4]", meaning: "ground-truth boxes as (x1, y1, x2, y2), paired row by row with `boxes`" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(1.9), range: Range::POSITIVE, meaning: "base of the non-monotonic focusing coefficient (v3)" },
        Param { name: "delta", symbol: r"\delta", default: Value::Float(3.0), range: Range::POSITIVE, meaning: "outlier degree at which the focusing coefficient equals 1 (v3)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::Geometry,
    },
    related: &["iou", "diou", "focal"],
    status: Status::Planned("v1 is a function of the boxes; v3 also needs a running mean of the IoU loss across batches; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
