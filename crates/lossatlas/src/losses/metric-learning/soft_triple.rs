//! SoftTriple loss: a normalized softmax with several learnable centers per class, whose class
//! similarity is a softmax-weighted mix of its centers.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "soft-triple",
    name: "SoftTriple Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "SoftTriple Loss: Deep Metric Learning Without Triplet Sampling",
        authors: "Qian et al.",
        venue: "ICCV",
        year: 2019,
        url: "https://arxiv.org/abs/1909.05235",
    },
    summary: "Gives each class K centers, computes the similarity of an embedding to a class as the softmax-weighted (temperature gamma) average of its cosine similarities to that class's centers, and applies a scaled cross-entropy with margin on the true class. Multiple centers model multi-modal classes and remove the need for triplet sampling. The paper adds a regularizer merging redundant centers; PML's default computes no such term.",
    formula: r"S_{ic} = \sum_{k} \frac{e^{s^c_{ik}/\gamma}}{\sum_{k'} e^{s^c_{ik'}/\gamma}}\,s^c_{ik},\quad \ell_i = -\log\frac{e^{\lambda(S_{iy_i} - \delta)}}{e^{\lambda(S_{iy_i} - \delta)} + \sum_{c \ne y_i} e^{\lambda S_{ic}}},\ s^c_{ik} = \cos(x_i, w_{c,k})",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C*K, D]", meaning: "class centers, class-major (row c*K + k is center k of class c); PML's fc transposed" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML" },
        Param { name: "centers_per_class", symbol: "K", default: Value::Int(10), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of centers per class" },
        Param { name: "la", symbol: r"\lambda", default: Value::Float(20.0), range: Range::POSITIVE, meaning: "scale of the logits" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "temperature of the softmax over a class's centers" },
        Param { name: "margin", symbol: r"\delta", default: Value::Float(0.01), range: Range::NON_NEGATIVE, meaning: "margin on the true class" },
        Param { name: "distance", symbol: "", default: Value::Str("CosineSimilarity(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
        "pytorch_metric_learning.losses.SoftTripleLoss",
    ],
    related: &["normalized-softmax", "proxy-nca", "sub-center-arcface"],
    forms: &[
        Form { name: "pml", description: "PML SoftTripleLoss: centers L2-normalized; no center regularizer; losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
