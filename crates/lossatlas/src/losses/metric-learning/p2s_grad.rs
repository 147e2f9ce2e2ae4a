//! P2SGrad loss: mean squared error between the cosine similarities of an embedding to all class
//! weights and the one-hot target, whose gradient is the probability-to-similarity gradient.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "p2s-grad",
    name: "P2SGrad Loss",
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2019,
    paper: Paper {
        title: "P2SGrad: Refined Gradients for Optimizing Deep Face Models",
        authors: "Zhang, X., Zhao, R., Yan, J., Gao, M., Qiao, Y., Wang, X., Li, H.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1905.02479",
    },
    summary: "Replaces the margin-softmax family with a regression of cos(theta_c) onto the one-hot label, which yields gradients that depend only on the angle (P2SGrad) and no scale or margin hyperparameters to tune. Proposed for face recognition. PML renormalizes the weight columns outside autograd, so the reference gradient treats the given weight as is (the cases use unit-norm rows).",
    formula: r"L = \frac{1}{NC}\sum_{i=1}^{N}\sum_{c=1}^{C}\big(\cos\theta_{ic} - [y_i = c]\big)^2,\quad \cos\theta_{ic} = \operatorname{clamp}\Big(\frac{x_i^\top w_c}{\lVert x_i\rVert},\,-1,\,1\Big)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight vectors, one row per class (PML's weight transposed); unit-norm rows" },
    ],
    params: &[
        Param { name: "descriptors_dim", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (required by PML)" },
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (required by PML)" },
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
        "pytorch_metric_learning.losses.P2SGradLoss",
    ],
    related: &["arcface", "cosface", "mse"],
    forms: &[
        Form { name: "pml", description: "PML P2SGradLoss(descriptors_dim, num_classes): MSE (mean over N*C) of clamped cosines against one-hot targets." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
