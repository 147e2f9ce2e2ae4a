//! Smooth-AP: average precision made differentiable by replacing the rank indicator with a sigmoid
//! of similarity differences.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "smooth-ap",
    name: "Smooth-AP",
    aliases: &["Smooth-AP Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning", "recommendation"],
    year: 2020,
    paper: Paper {
        title: "Smooth-AP: Smoothing the Path Towards Large-Scale Image Retrieval",
        authors: "Brown, A., Xie, W., Kalogeiton, V., Zisserman, A.",
        venue: "ECCV",
        year: 2020,
        url: "https://arxiv.org/abs/2007.12163",
    },
    summary: "Computes each positive's rank among all items and among the positives with sigmoids of similarity differences at a small temperature, forms the ratio that defines average precision, and minimizes 1 - AP averaged over queries. It optimizes the retrieval metric itself and works with large batches. PML requires every class in the batch to have the same number of samples, with labels grouped contiguously (it reshapes the batch per class); otherwise it raises an error.",
    formula: r"\ell_q = 1 - \frac{1}{|P_q|}\sum_{i \in P_q}\frac{1 + \sum_{j \in P_q,\,j \ne i}\sigma\big((s_{qj} - s_{qi})/\tau\big)}{1 + \sum_{j \ne i}\sigma\big((s_{qj} - s_{qi})/\tau\big)}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class labels; equal counts per class, grouped contiguously" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.01), range: Range::POSITIVE, meaning: "sigmoid temperature" },
        Param { name: "distance", symbol: "", default: Value::Str("CosineSimilarity(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.SmoothAPLoss",
    ],
    related: &["fast-ap", "pnp"],
    forms: &[
        Form { name: "pml", description: "PML SmoothAPLoss: unequal class sizes are an error (ValueError in PML); losses averaged by PML's MeanReducer (0 when there are none). over queries." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
