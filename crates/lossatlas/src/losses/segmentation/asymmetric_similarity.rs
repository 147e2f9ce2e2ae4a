//! Asymmetric similarity loss: one minus the soft F-beta score, with beta > 1 so that false
//! negatives cost more than false positives in highly imbalanced segmentation.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "asymmetric-similarity",
    name: "Asymmetric Similarity Loss",
    aliases: &["F-beta Loss", "Soft F-beta Loss"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2018,
    paper: Paper {
        title: "Asymmetric Loss Functions and Deep Densely Connected Networks for Highly Imbalanced Medical Image Segmentation",
        authors: "Hashemi et al.",
        venue: "",
        year: 2018,
        url: "https://arxiv.org/abs/1803.11078",
    },
    summary: "A soft F-beta score computed from probabilities: true positives against a denominator in which false negatives are weighted by beta^2 and false positives by 1. With beta = 1 it is the soft Dice score; the paper's beta = 1.5 favours recall, which suits lesions that are tiny relative to the image. It is the Tversky index with alpha = 1/(1 + beta^2) and beta_T = beta^2/(1 + beta^2), and like Dice it is a ratio, non-convex, and undefined on empty images without smoothing.",
    formula: r"F_\beta = \frac{(1 + \beta^2)\sum_i p_i g_i}{(1 + \beta^2)\sum_i p_i g_i + \beta^2\sum_i (1 - p_i)\,g_i + \sum_i p_i\,(1 - g_i)},\quad \mathcal{L} = 1 - F_\beta",
    inputs: &[
        Input { name: "probs", shape: "[N, C, *]", meaning: "predicted foreground probabilities p" },
        Input { name: "targets", shape: "[N, C, *]", meaning: "binary targets g" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(1.5), range: Range::POSITIVE, meaning: "recall emphasis; 1 gives Dice, 1.5 in the paper" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[],
    related: &["tversky", "dice", "focal-tversky", "sensitivity-specificity"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
