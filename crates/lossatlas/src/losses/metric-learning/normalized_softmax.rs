//! Normalized softmax loss: cross-entropy over temperature-scaled dot products of L2-normalized
//! embeddings and L2-normalized class weights.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "normalized-softmax",
    name: "Normalized Softmax Loss",
    aliases: &["NormSoftmax"],
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2019,
    paper: Paper {
        title: "Classification is a Strong Baseline for Deep Metric Learning",
        authors: "Zhai, A., Wu, H.-Y.",
        venue: "BMVC",
        year: 2019,
        url: "https://arxiv.org/abs/1811.12649",
    },
    summary: "A softmax classifier in which both embeddings and class weight vectors are L2-normalized and the logits are divided by a small temperature, so training directly shapes a cosine-similarity embedding. Zhai and Wu showed it is a strong, simple baseline for retrieval when the training classes are known. A temperature that is too large leaves classes poorly separated; too small makes optimization hard.",
    formula: r"\ell_i = -\log\frac{e^{\hat w_{y_i}^\top \hat x_i / T}}{\sum_{c} e^{\hat w_c^\top \hat x_i / T}},\quad \hat v = v / \lVert v\rVert_2",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight vectors, one row per class (PML's W transposed)" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML" },
        Param { name: "temperature", symbol: "T", default: Value::Float(0.05), range: Range::POSITIVE, meaning: "softmax temperature" },
        Param { name: "distance", symbol: "", default: Value::Str("DotProductSimilarity(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
        "pytorch_metric_learning.losses.NormalizedSoftmaxLoss",
    ],
    related: &["cosface", "arcface", "proxy-nca", "cross-entropy"],
    forms: &[
        Form { name: "pml", description: "PML NormalizedSoftmaxLoss; losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
