//! Histogram loss: the probability that a random negative pair is more similar than a random
//! positive pair, estimated from soft histograms of cosine similarities.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "histogram",
    name: "Histogram Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2016,
    paper: Paper {
        title: "Learning Deep Embeddings with Histogram Loss",
        authors: "Ustinova, E., Lempitsky, V.",
        venue: "NeurIPS",
        year: 2016,
        url: "https://arxiv.org/abs/1611.00822",
    },
    summary: "Builds soft (linearly interpolated) histograms of the cosine similarities of positive and negative pairs on [-1, 1] and returns the estimated probability that a negative pair scores higher than a positive pair. It has a single hyperparameter, the bin width, and no margin to tune. The loss is a sum over histogram bins and is zero once the two distributions separate.",
    formula: r"L = \sum_{r} h_r^- \sum_{q \le r} h_q^+,\quad h_r^{\pm} = \frac{1}{|S^{\pm}|}\sum_{(i,j) \in S^{\pm}} \big[1 - |s_{ij} - t_r|/\Delta\big]_+,\ t_r = -1 + r\Delta",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "n_bins", symbol: "", default: Value::Int(100), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of bins; PML uses 100 when neither n_bins nor delta is given" },
        Param { name: "delta", symbol: r"\Delta", default: Value::Null, range: Range::POSITIVE, meaning: "bin width; must equal 2 / n_bins when both are given" },
        Param { name: "distance", symbol: "", default: Value::Str("CosineSimilarity(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.HistogramLoss",
    ],
    related: &["fast-ap", "dynamic-soft-margin"],
    forms: &[
        Form { name: "pml", description: "PML HistogramLoss: positive and negative pairs taken from all triplets (duplicates removed); cosine similarity; already reduced." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
