//! MPDIoU loss: IoU loss plus the squared distances between the top-left corners and between the
//! bottom-right corners of the two boxes, normalized by the squared image diagonal.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mpdiou",
    name: "MPDIoU Loss",
    aliases: &["Minimum Point Distance IoU Loss"],
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2023,
    paper: Paper {
        title: "MPDIoU: A Loss for Efficient and Accurate Bounding Box Regression",
        authors: "Ma & Xu",
        venue: "",
        year: 2023,
        url: "https://arxiv.org/abs/2307.07662",
    },
    summary: "Adds to 1 - IoU the squared distances between matching top-left and bottom-right corners, each divided by the squared diagonal of the input image. Two corner distances capture centre offset and width and height differences at once, and the loss is zero only when the boxes coincide, even when their aspect ratios already agree. The normalization needs the image width and height.",
    formula: r"\ell = 1 - \mathrm{IoU} + \frac{d_1^2}{w^2 + h^2} + \frac{d_2^2}{w^2 + h^2},\quad d_1^2 = (x_1 - x_1^{gt})^2 + (y_1 - y_1^{gt})^2,\quad d_2^2 = (x_2 - x_2^{gt})^2 + (y_2 - y_2^{gt})^2",
    inputs: &[
        Input { name: "boxes", shape: "[N, 4]", meaning: "predicted boxes as (x1, y1, x2, y2)" },
        Input { name: "target_boxes", shape: "[N, 4]", meaning: "ground-truth boxes as (x1, y1, x2, y2), paired row by row with `boxes`" },
    ],
    params: &[
        Param { name: "image_size", symbol: "(w, h)", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "width and height of the input image, which normalize the corner distances (required)" },
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
    related: &["diou", "ciou", "giou", "iou"],
    status: Status::Planned("no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
