//! CosFace (large margin cosine loss): normalized-softmax cross-entropy with an additive margin
//! subtracted from the target cosine.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "cosface",
    name: "CosFace / LMCL",
    aliases: &["Large Margin Cosine Loss", "CosFace", "AM-Softmax", "Additive Margin Softmax"],
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2018,
    paper: Paper {
        title: "CosFace: Large Margin Cosine Loss for Deep Face Recognition",
        authors: "Wang et al.",
        venue: "CVPR",
        year: 2018,
        url: "https://arxiv.org/abs/1801.09414",
    },
    summary: "Subtracts a cosine margin m from the target-class cosine between the normalized embedding and class weight, then applies a softmax cross-entropy at scale s. Compared with ArcFace the margin acts on the cosine rather than the angle, which is simpler and numerically tamer. Typical settings are s = 64 and m around 0.35; large margins with few classes can make the loss hard to reduce.",
    formula: r"\ell_i = -\log \frac{e^{s(\cos\theta_{y_i} - m)}}{e^{s(\cos\theta_{y_i} - m)} + \sum_{j \ne y_i} e^{s\cos\theta_j}}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight vectors, one row per class (PML's W transposed)" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML" },
        Param { name: "margin", symbol: "m", default: Value::Float(0.35), range: Range::NON_NEGATIVE, meaning: "additive cosine margin" },
        Param { name: "scale", symbol: "s", default: Value::Float(64.0), range: Range::POSITIVE, meaning: "scale applied to the cosines" },
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
        "pytorch_metric_learning.losses.CosFaceLoss",
    ],
    related: &["arcface", "sphereface", "normalized-softmax", "large-margin-softmax"],
    forms: &[
        Form { name: "pml", description: "PML CosFaceLoss; losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
