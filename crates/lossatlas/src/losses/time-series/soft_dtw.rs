//! Soft-DTW: dynamic time warping with the min replaced by a smooth soft-min, giving a
//! differentiable discrepancy between time series.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "soft-dtw",
    name: "Soft-DTW Loss",
    aliases: &["Soft Dynamic Time Warping"],
    kind: Kind::Loss,
    domains: &["time-series", "sequence"],
    year: 2017,
    paper: Paper {
        title: "Soft-DTW: a Differentiable Loss Function for Time-Series",
        authors: "Marco Cuturi, Mathieu Blondel",
        venue: "ICML",
        year: 2017,
        url: "https://arxiv.org/abs/1703.01541",
    },
    summary: "Runs the DTW recursion with min replaced by the soft-min -gamma log sum exp(-a / gamma), which equals a log-partition function over all alignments; it is differentiable everywhere, its gradient is the expected alignment, and both are computed in O(nm) with a forward and a backward pass. As gamma goes to 0 it recovers DTW. It can be negative and is not zero for identical inputs, so a normalized (divergence) version subtracts the two self-similarity terms; it is used to train forecasters and to average time series.",
    formula: r"\min{}^{\gamma}(a_1, \dots, a_n) = -\gamma\log\sum_{i} e^{-a_i/\gamma},\quad R_{i,j} = \delta(x_i, y_j) + \min{}^{\gamma}\bigl(R_{i-1,j},\ R_{i,j-1},\ R_{i-1,j-1}\bigr),\quad \operatorname{DTW}_{\gamma}(x, y) = R_{n,m}",
    inputs: &[
        Input { name: "pred", shape: "[N, n, d]", meaning: "first sequences" },
        Input { name: "target", shape: "[N, m, d]", meaning: "second sequences" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "smoothing of the soft-min (tslearn default 1.0)" },
        Param { name: "normalize", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "return the divergence D(x, y) - (D(x, x) + D(y, y)) / 2" },
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
    equivalents: &["tslearn.metrics.soft_dtw", "tslearn.metrics.SoftDTWLossPyTorch"],
    related: &["dtw", "dilate", "tdi", "mse"],
    forms: &[],
    status: Status::Planned("not implemented yet: needs the soft-DTW forward and backward recursions"),
    eval: None,
    ..Entry::BLANK
};
