//! ReAct: clips penultimate-layer activations at a threshold estimated from in-distribution data
//! before computing an OOD score such as the energy. A post-hoc detector, not a training loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "react",
    name: "ReAct (Rectified Activations)",
    aliases: &["Rectified Activations"],
    kind: Kind::Score,
    domains: &["adversarial-ood"],
    year: 2021,
    paper: Paper {
        title: "ReAct: Out-of-distribution Detection With Rectified Activations",
        authors: "Yiyou Sun, Chuan Guo, Yixuan Li",
        venue: "NeurIPS",
        year: 2021,
        url: "https://proceedings.neurips.cc/paper/2021/hash/01894d6f048493d2cacde3c579c315a3-Abstract.html",
    },
    summary: "Observes that out-of-distribution inputs often produce a few abnormally large penultimate activations, and truncates every activation at c, the p-th percentile (p = 90 in the paper) of activations on in-distribution data, before the final linear layer; the rectified logits feed the energy (or another) score. It is not trained on and needs only forward passes, and it complements scores such as energy. Too low a threshold hurts in-distribution accuracy.",
    formula: r"\bar h = \min(h(x), c),\quad f^{ReAct}(x) = W^\top \bar h + b,\quad S(x) = \log\sum_{i} e^{f^{ReAct}_i(x)}",
    inputs: &[
        Input { name: "features", shape: "[N, D]", meaning: "penultimate activations" },
        Input { name: "weight", shape: "[C, D]", meaning: "weights of the final linear layer" },
        Input { name: "bias", shape: "[C]", meaning: "bias of the final linear layer" },
    ],
    params: &[
        Param { name: "percentile", symbol: "p", default: Value::Float(90.0), range: Range::Real { min: 0.0, max: 100.0, open_min: false, open_max: false }, meaning: "percentile of in-distribution activations used as the clipping threshold c" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["pytorch_ood.detector.ReAct"],
    related: &["energy-ood", "msp", "knn-ood"],
    status: Status::Planned("a function of features and the last layer once the threshold is known; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
