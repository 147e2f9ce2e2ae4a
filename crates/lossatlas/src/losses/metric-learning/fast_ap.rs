//! FastAP: a differentiable approximation of average precision computed from soft histograms of
//! squared distances, optimizing a ranking metric directly.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "fast-ap",
    name: "FastAP",
    aliases: &["FastAP Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning", "recommendation"],
    year: 2019,
    paper: Paper {
        title: "Deep Metric Learning to Rank",
        authors: "Cakir, F., He, K., Xia, X., Kulis, B., Sclaroff, S.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1906.05402",
    },
    summary: "Bins the distances from each query to its positives and negatives with triangular (linear-interpolation) kernels and computes average precision from the cumulative histograms, so mean average precision can be optimized over a whole minibatch at once. Useful for retrieval where the ranking metric matters more than pairwise margins. The number of bins trades resolution against smoothness; queries with no positive are skipped.",
    formula: r"\ell_q = 1 - \frac{1}{N_q^+}\sum_{z} \frac{h_z^+\,H_z^+}{H_z},\quad h_z^{\pm} = \sum_{j \in \pm(q)} \big[1 - |d_{qj} - c_z|/\Delta\big]_+,\ H_z = \sum_{z' \le z} (h_{z'}^+ + h_{z'}^-)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "num_bins", symbol: "", default: Value::Int(10), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of histogram bins on [0, 4] (squared L2 distance of unit vectors)" },
        Param { name: "distance", symbol: "", default: Value::Str("LpDistance(normalize_embeddings=True, p=2, power=2)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
        "pytorch_metric_learning.losses.FastAPLoss",
    ],
    related: &["smooth-ap", "pnp", "histogram"],
    forms: &[
        Form { name: "pml", description: "PML FastAPLoss: squared L2 distance of normalized embeddings, bin centers linspace(0, 4, num_bins + 1); per-query losses averaged by MeanReducer over queries that have positives." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
