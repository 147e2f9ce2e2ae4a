//! Reverse distillation: a student decoder reconstructs the multi-scale features of a frozen
//! pretrained teacher encoder from a compact one-class embedding; the cosine distance between them
//! is the training loss and, at test time, the anomaly map.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "reverse-distillation",
    name: "Reverse Distillation Loss",
    aliases: &["RD4AD"],
    kind: Kind::Loss,
    domains: &["anomaly-multimodal", "distillation"],
    year: 2022,
    paper: Paper {
        title: "Anomaly Detection via Reverse Distillation from One-Class Embedding",
        authors: "Hanqiu Deng, Xingyu Li",
        venue: "CVPR",
        year: 2022,
        url: "https://arxiv.org/abs/2201.10703",
    },
    summary: "Reverses the usual teacher-student direction: the frozen teacher encoder's multi-scale features are squeezed by a trainable one-class bottleneck embedding and a student decoder must reconstruct them. Training on normal images minimizes, at each scale, the mean over positions of 1 - cosine similarity between teacher and student feature vectors. Anomalies, absent from the bottleneck's training distribution, are reconstructed poorly, and the summed upsampled per-scale distances form the anomaly map.",
    formula: r"\mathcal{L} = \sum_{k=1}^{K}\frac{1}{H_k W_k}\sum_{h=1}^{H_k}\sum_{w=1}^{W_k}\Bigl(1 - \frac{f_E^k(h, w)^\top f_D^k(h, w)}{\lVert f_E^k(h, w) \rVert\,\lVert f_D^k(h, w) \rVert}\Bigr)",
    inputs: &[
        Input { name: "features", shape: "[B, C, H, W]", meaning: "student decoder features at one scale (one input per scale)" },
        Input { name: "teacher_features", shape: "[B, C, H, W]", meaning: "frozen teacher encoder features at the same scale" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["patchcore", "knowledge-distillation", "cosine-distance", "fitnets"],
    status: Status::Planned("a function of paired feature maps; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
