//! SphereFace (A-Softmax): softmax over normalized class weights with a multiplicative angular
//! margin on the target class.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sphereface",
    name: "SphereFace / A-Softmax",
    aliases: &["SphereFace", "A-Softmax", "Angular Softmax"],
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2017,
    paper: Paper {
        title: "SphereFace: Deep Hypersphere Embedding for Face Recognition",
        authors: "Liu et al.",
        venue: "CVPR",
        year: 2017,
        url: "https://arxiv.org/abs/1704.08063",
    },
    summary: "Normalizes the class weights and multiplies the target angle by an integer margin m, using the monotone extension psi(theta) = (-1)^k cos(m theta) - 2k so the target logit keeps decreasing in theta; the embedding norm still scales the logits. It introduced angular-margin face recognition but is harder to train than CosFace or ArcFace, which replaced it. PML implements it as LargeMarginSoftmaxLoss with normalized weights.",
    formula: r"\ell_i = -\log\frac{e^{s\lVert x_i\rVert\,\psi(\theta_{y_i})}}{e^{s\lVert x_i\rVert\,\psi(\theta_{y_i})} + \sum_{j \ne y_i} e^{s\lVert x_i\rVert\cos\theta_j}},\quad \psi(\theta) = (-1)^k\cos(m\theta) - 2k,\ \theta \in \big[\tfrac{k\pi}{m}, \tfrac{(k+1)\pi}{m}\big]",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight vectors, one row per class (PML's W transposed)" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML" },
        Param { name: "margin", symbol: "m", default: Value::Int(4), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "integer angular multiplier" },
        Param { name: "scale", symbol: "s", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "scale of the logits" },
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
    equivalents: &[
        "pytorch_metric_learning.losses.SphereFaceLoss",
    ],
    related: &["large-margin-softmax", "arcface", "cosface"],
    forms: &[
        Form { name: "pml", description: "PML SphereFaceLoss: cos(m theta) via Chebyshev polynomials; embeddings not normalized; losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
