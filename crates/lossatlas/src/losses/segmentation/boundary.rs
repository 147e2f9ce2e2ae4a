//! Boundary loss: the mean of predicted probabilities weighted by the signed distance map of the
//! target boundary, an integral approximation of the distance between contours.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "boundary",
    name: "Boundary Loss",
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2019,
    paper: Paper {
        title: "Boundary Loss for Highly Unbalanced Segmentation",
        authors: "Kervadec, H. et al.",
        venue: "MIDL",
        year: 2019,
        url: "https://arxiv.org/abs/1812.07032",
    },
    summary: "Multiplies each pixel's foreground probability by its signed distance to the target boundary (negative inside the object, positive outside), so probability mass far outside the object is penalized in proportion to its distance. It uses boundary information that region losses ignore and helps for tiny structures, but it can be negative and is normally combined with a region loss (Dice or GDL) whose weight is annealed. The distance maps come from the target and carry no gradient.",
    formula: r"L = \frac{1}{|\Omega|}\sum_{i \in \Omega} \phi_G(i)\,p_i,\quad \phi_G(i) = \begin{cases} -d(i, \partial G) & i \in G \\ d(i, \partial G) & i \notin G \end{cases}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores; the activation (softmax / sigmoid) is applied inside where the form says so" },
        Input { name: "targets", shape: "[B, C, *]", meaning: "one-hot target masks (distance maps are computed from them)" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "monai.losses.BoundaryLoss",
    ],
    related: &["hausdorff", "dice", "generalized-dice", "distance-map-ce"],
    forms: &[
        Form { name: "monai", description: "monai.losses.BoundaryLoss: signed Euclidean distance maps (scipy EDT) per (sample, class), mean over pixels, then reduction." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
