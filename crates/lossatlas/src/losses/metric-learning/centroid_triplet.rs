//! Centroid triplet loss: a triplet loss in which the positive and negative are class centroids
//! (means of class embeddings) rather than single samples.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "centroid-triplet",
    name: "Centroid Triplet Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2021,
    paper: Paper {
        title: "On the Unreasonable Effectiveness of Centroids in Image Retrieval",
        authors: "Wieczorek, M., Rychalska, B., Dąbrowski, J.",
        venue: "ICONIP",
        year: 2021,
        url: "https://arxiv.org/abs/2104.13643",
    },
    summary: "Replaces the positive and negative samples of a triplet by the centroids of the anchor's class (without the anchor) and of another class, so each anchor is compared with class prototypes; retrieval then also uses centroids. It reduces sensitivity to outlier samples and speeds up retrieval, and is usually combined with a classification loss. The pytorch-metric-learning repository has an implementation, but its 2.9.0 release does not export it.",
    formula: r"\ell_a = \big[\lVert x_a - c_{y_a}^{(-a)}\rVert_2 - \lVert x_a - c_{n}\rVert_2 + m\big]_+,\quad c_k = \operatorname{mean}\{x_i : y_i = k\}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "margin", symbol: "m", default: Value::Float(0.05), range: Range::NON_NEGATIVE, meaning: "triplet margin" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["triplet", "center"],
    status: Status::Planned("no reference cases yet: needs the centroid construction and a reference implementation to check against"),
    eval: None,
    ..Entry::BLANK
};
