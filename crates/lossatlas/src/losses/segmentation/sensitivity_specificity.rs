//! Sensitivity-specificity loss: squared errors on foreground and background voxels averaged
//! separately and mixed with a fixed ratio, so tiny lesions are not drowned by background.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sensitivity-specificity",
    name: "Sensitivity-Specificity Loss",
    aliases: &["SS Loss"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2015,
    paper: Paper {
        title: "Deep Convolutional Encoder Networks for Multiple Sclerosis Lesion Segmentation",
        authors: "Brosch et al.",
        venue: "MICCAI",
        year: 2015,
        url: "https://doi.org/10.1007/978-3-319-24574-4_1",
    },
    summary: "Averages the squared error between predicted probabilities and the binary target separately over foreground voxels (a sensitivity term) and background voxels (a specificity term), then mixes the two with a weight r. Because each term is normalized by its own voxel count, the rare lesion class is not swamped by background, and r sets the trade-off between missing lesions and false positives; the paper uses a small r (0.05) that favours specificity in the normalized terms. An empty foreground makes the sensitivity term 0/0, so implementations add a smoothing constant.",
    formula: r"\mathcal{L} = r\,\frac{\sum_{p}(y_p - \hat y_p)^2\,y_p}{\sum_{p} y_p} + (1 - r)\,\frac{\sum_{p}(y_p - \hat y_p)^2\,(1 - y_p)}{\sum_{p}(1 - y_p)}",
    inputs: &[
        Input { name: "probs", shape: "[N, C, *]", meaning: "predicted foreground probabilities" },
        Input { name: "targets", shape: "[N, C, *]", meaning: "binary (one-hot) targets" },
    ],
    params: &[
        Param { name: "r", symbol: "r", default: Value::Float(0.05), range: Range::UNIT, meaning: "weight of the sensitivity (foreground) term; 0.05 in the paper" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[],
    related: &["dice", "tversky", "asymmetric-similarity", "mse", "focal-tversky"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
