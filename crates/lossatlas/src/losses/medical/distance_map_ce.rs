//! Distance-map penalized cross-entropy: weight each pixel's cross-entropy by a map derived from
//! the ground-truth distance transform, so errors near object boundaries cost more.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "distance-map-ce",
    name: "Distance Map Penalized CE",
    aliases: &["Distance Map Loss", "Distance Map Penalty Term", "Distance-Weighted Cross-Entropy"],
    kind: Kind::Loss,
    domains: &["medical", "segmentation"],
    year: 2019,
    paper: Paper {
        title: "Distance Map Loss Penalty Term for Semantic Segmentation",
        authors: "Caliva et al.",
        venue: "MIDL 2019 (extended abstract)",
        year: 2019,
        url: "https://arxiv.org/abs/1908.03679",
    },
    summary: "Multiplies the per-pixel cross-entropy by (1 + Phi), where Phi is a penalty map computed from the distance transform of the ground-truth masks and is largest at and near object boundaries, steering the network towards hard-to-segment contours (the paper targets bone surfaces in knee MRI). The map is precomputed from labels and does not depend on the prediction, so the loss stays a weighted cross-entropy; how the distance transform is inverted and normalized into Phi is a design choice that changes the result.",
    formula: r"\mathcal{L} = -\frac{1}{N}\sum_{i=1}^{N} (1 + \Phi_i) \sum_{c} y_{ic} \log p_{ic}",
    inputs: &[
        Input { name: "logits", shape: "[N, C, *]", meaning: "segmentation scores" },
        Input { name: "targets", shape: "[N, *] (i64)", meaning: "ground-truth labels" },
        Input { name: "weights", shape: "[N, *]", meaning: "the distance-derived penalty map Phi (no gradient)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["cross-entropy", "boundary", "hausdorff", "dice", "focal"],
    status: Status::Planned("a pixel-weighted cross-entropy given the penalty map; evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
