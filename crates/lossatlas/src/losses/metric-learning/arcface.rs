//! ArcFace: softmax cross-entropy over scaled cosines between normalized embeddings and class
//! weights, with an additive angular margin on the target class.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "arcface",
    name: "ArcFace",
    aliases: &["Additive Angular Margin Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2019,
    paper: Paper {
        title: "ArcFace: Additive Angular Margin Loss for Deep Face Recognition",
        authors: "Deng et al.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1801.07698",
    },
    summary: "Normalizes embeddings and class weight vectors, adds an angular margin m to the angle of the target class and applies a scaled softmax cross-entropy, which enforces a geodesic gap between classes on the hypersphere. It is the standard loss for face recognition and strong for any large-scale closed-set embedding training. The scale s and margin interact: too large a margin with few classes or noisy labels stalls training; PML takes the margin in degrees and clamps cosines to [-1, 1] before acos.",
    formula: r"\ell_i = -\log \frac{e^{s\cos(\theta_{y_i} + m)}}{e^{s\cos(\theta_{y_i} + m)} + \sum_{j \ne y_i} e^{s\cos\theta_j}},\quad \cos\theta_j = \frac{W_j^\top x_i}{\lVert W_j\rVert\,\lVert x_i\rVert}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight vectors, one row per class (PML's W transposed); trained with the model" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML" },
        Param { name: "margin", symbol: "m", default: Value::Float(28.6), range: Range::Real { min: 0.0, max: 180.0, open_min: false, open_max: true }, meaning: "additive angular margin in degrees (converted to radians)" },
        Param { name: "scale", symbol: "s", default: Value::Float(64.0), range: Range::POSITIVE, meaning: "scale applied to the cosines before the softmax" },
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
    equivalents: &[
        "pytorch_metric_learning.losses.ArcFaceLoss",
    ],
    related: &["cosface", "sphereface", "sub-center-arcface", "normalized-softmax", "large-margin-softmax", "cross-entropy"],
    forms: &[
        Form { name: "pml", description: "PML ArcFaceLoss with distance CosineSimilarity; losses averaged by PML's MeanReducer (0 when there are none). Embedding-size mismatches are errors." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
