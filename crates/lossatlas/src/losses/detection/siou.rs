//! SIoU loss: IoU loss plus a distance cost that depends on the angle between the box centres and a
//! shape cost on width and height mismatches.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "siou",
    name: "SIoU Loss",
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2022,
    paper: Paper {
        title: "SIoU Loss: More Powerful Learning for Bounding Box Regression",
        authors: "Gevorgyan",
        venue: "",
        year: 2022,
        url: "https://arxiv.org/abs/2205.12740",
    },
    summary: "Augments 1 - IoU with an angle-aware distance cost and a shape cost. The angle cost is smallest when the line joining the two centres is parallel to an axis, and it modulates the distance cost so that the prediction is first pulled onto the nearest axis and then along it. The shape cost penalizes relative width and height differences with an exponent theta (the paper uses values between 2 and 6, typically 4).",
    formula: r"\ell = 1 - \mathrm{IoU} + \frac{\Delta + \Omega}{2},\quad \Lambda = 1 - 2\sin^2\left(\arcsin\frac{c_h}{\sigma} - \frac{\pi}{4}\right),\quad \Delta = \sum_{t \in \{x, y\}} \left(1 - e^{-(2 - \Lambda)\rho_t}\right),\quad \Omega = \sum_{t \in \{w, h\}} \left(1 - e^{-\omega_t}\right)^{\theta}",
    inputs: &[
        Input { name: "boxes", shape: "[N, 4]", meaning: "predicted boxes as (x1, y1, x2, y2)" },
        Input { name: "target_boxes", shape: "[N, 4]", meaning: "ground-truth boxes as (x1, y1, x2, y2), paired row by row with `boxes`" },
    ],
    params: &[
        Param { name: "theta", symbol: r"\theta", default: Value::Float(4.0), range: Range::POSITIVE, meaning: "exponent of the shape cost (the paper studies 2 to 6 and uses about 4)" },
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
    related: &["ciou", "diou", "eiou", "giou"],
    status: Status::Planned("no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
