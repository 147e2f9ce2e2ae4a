//! Dynamic soft margin loss: weights each triplet's distance difference by the cumulative
//! distribution of recent differences, replacing a hand-set margin.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dynamic-soft-margin",
    name: "Dynamic Soft Margin Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Learning Local Descriptors with a CDF-Based Dynamic Soft Margin",
        authors: "Zhang, L., Rusinkiewicz, S.",
        venue: "ICCV",
        year: 2019,
        url: "https://arxiv.org/abs/1908.05842",
    },
    summary: "Computes d(a,p) - d(a,n) for every triplet and multiplies it by the value of an empirical CDF of these differences, kept as a momentum-updated histogram across batches, so hard triplets get larger weights without a hand-tuned margin. It was designed for local image descriptors. The result depends on the module's running histogram: PML's first call (fresh histogram) is what the reference cases check.",
    formula: r"L = \frac{1}{|T|}\sum_{(a,p,n) \in T} F(\delta_{apn})\,\delta_{apn},\quad \delta_{apn} = d(x_a, x_p) - d(x_a, x_n)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "min_val", symbol: r"\delta_{min}", default: Value::Float(-2.0), range: Range::Real { min: f64::NEG_INFINITY, max: 0.0, open_min: true, open_max: true }, meaning: "lower end of the histogram range [min_val, -min_val]" },
        Param { name: "num_bins", symbol: "", default: Value::Int(10), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of histogram bins" },
        Param { name: "momentum", symbol: "", default: Value::Float(0.01), range: Range::UNIT, meaning: "momentum of the running histogram (the first call uses 1)" },
        Param { name: "distance", symbol: "", default: Value::Str("LpDistance(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.DynamicSoftMarginLoss",
    ],
    related: &["triplet", "histogram"],
    forms: &[
        Form { name: "pml", description: "PML DynamicSoftMarginLoss on all triplets; F is the CDF of the momentum histogram updated with the current batch before weighting; the loss is the plain mean." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
