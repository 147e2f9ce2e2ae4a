//! Associative embedding: alongside each detection heatmap, predict a scalar tag per pixel and
//! train tags so that detections of one person share a tag and different people differ.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "associative-embedding",
    name: "Associative Embedding Loss",
    aliases: &["AE Loss", "Associative Embedding", "Pull-Push Tag Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "metric-learning"],
    year: 2017,
    paper: Paper {
        title: "Associative Embedding: End-to-End Learning for Joint Detection and Grouping",
        authors: "Alejandro Newell, Zhiao Huang, Jia Deng",
        venue: "NeurIPS 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1611.05424",
    },
    summary: "For bottom-up multi-person pose estimation the network outputs, besides keypoint heatmaps, a tag map per joint type; the grouping loss pulls the tags read at a person's ground-truth joints towards that person's mean tag (squared error) and pushes the mean tags of different people apart with a Gaussian penalty exp(-(difference)^2 / (2 sigma^2)). Only the relative values of tags matter, so one-dimensional tags suffice; at test time detections are grouped by matching tags. The push term is quadratic in the number of people, and implementations differ in normalization and in using exp or a hinge for pushing.",
    formula: r"\mathcal{L}_g = \frac{1}{N}\sum_{n}\sum_{k}\big(\bar h_n - h_k(x_{nk})\big)^2 + \frac{1}{N^2}\sum_{n}\sum_{n'} \exp\Big(-\frac{1}{2\sigma^2}\big(\bar h_n - \bar h_{n'}\big)^2\Big),\quad \bar h_n = \frac{1}{K}\sum_k h_k(x_{nk})",
    inputs: &[
        Input { name: "tags", shape: "[N, K, H, W]", meaning: "predicted tag maps, one per joint type" },
        Input { name: "keypoint_indices", shape: "[N, P, K] (i64)", meaning: "flattened pixel index of joint k of person p (with a validity flag)" },
    ],
    params: &[
        Param { name: "sigma", symbol: r"\sigma", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "width of the push penalty" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["mmpose.models.losses.AssociativeEmbeddingLoss"],
    related: &["heatmap-mse", "intermediate-supervision", "center", "contrastive"],
    status: Status::Planned("no reference cases; normalizations differ between the paper and implementations"),
    eval: None,
    ..Entry::BLANK
};
