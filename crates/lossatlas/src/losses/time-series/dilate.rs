//! DILATE: a training loss for multi-step forecasts that combines a shape term (soft-DTW) and a
//! temporal term penalizing time shifts of the soft alignment.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dilate",
    name: "DILATE Loss",
    aliases: &["Distortion Loss including Shape and Time"],
    kind: Kind::Loss,
    domains: &["time-series"],
    year: 2019,
    paper: Paper {
        title: "Shape and Time Distortion Loss for Training Deep Time Series Forecasting Models",
        authors: "Vincent Le Guen, Nicolas Thome",
        venue: "NeurIPS",
        year: 2019,
        url: "https://arxiv.org/abs/1909.09020",
    },
    summary: "MSE-trained forecasters smooth out sharp changes whose exact timing is uncertain. DILATE mixes a shape term, the soft-DTW discrepancy between forecast and target, with a temporal term, the inner product of the soft-DTW alignment (the gradient of soft-DTW with respect to the pairwise cost matrix) with a matrix that penalizes squared time offsets, a smooth version of the temporal distortion index. The result keeps sudden changes sharp and close in time. Both terms need the O(k^2) soft-DTW recursion and its backward pass; the paper uses alpha = 0.5 and a small gamma.",
    formula: r"\mathcal{L} = \alpha\,\operatorname{DTW}_{\gamma}(\hat y, y) + (1 - \alpha)\,\bigl\langle A^{*}_{\gamma}, \Omega\bigr\rangle,\quad A^{*}_{\gamma} = \nabla_{\Delta}\operatorname{DTW}_{\gamma}(\hat y, y),\quad \Omega_{ij} = \frac{(i - j)^2}{k^2}",
    inputs: &[
        Input { name: "pred", shape: "[N, k, d]", meaning: "forecast trajectories" },
        Input { name: "target", shape: "[N, k, d]", meaning: "observed trajectories" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.5), range: Range::UNIT, meaning: "balance of the shape (soft-DTW) and temporal terms (0.5 in the paper)" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.01), range: Range::POSITIVE, meaning: "soft-min smoothing of soft-DTW (0.01 in the authors' code)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[],
    related: &["soft-dtw", "dtw", "tdi", "mse"],
    forms: &[],
    status: Status::Planned("not implemented yet: needs the soft-DTW recursion and its alignment gradient"),
    eval: None,
    ..Entry::BLANK
};
