//! Dynamic time warping: the minimal cumulative cost of a monotonic alignment between two
//! sequences, tolerant to local stretching and shifting in time.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dtw",
    name: "DTW Loss",
    aliases: &["Dynamic Time Warping"],
    kind: Kind::Loss,
    domains: &["time-series", "audio", "sequence"],
    year: 1978,
    paper: Paper {
        title: "Dynamic Programming Algorithm Optimization for Spoken Word Recognition",
        authors: "Hiroaki Sakoe, Seibi Chiba",
        venue: "IEEE Transactions on Acoustics, Speech, and Signal Processing",
        year: 1978,
        url: "https://doi.org/10.1109/TASSP.1978.1163055",
    },
    summary: "Computes, by dynamic programming over the n x m matrix of pairwise costs, the cheapest path from the first to the last pair of elements that moves right, down or diagonally, and returns its cumulative cost. It compares sequences of different lengths and absorbs speed variations, which made it the standard distance for speech templates and time-series classification; a Sakoe-Chiba band limits the warping and the cost. As a training loss it is only piecewise differentiable (the argmin path switches) and can be reduced by implausible warps, which motivates soft-DTW and DILATE.",
    formula: r"R_{i,j} = \delta(x_i, y_j) + \min\bigl(R_{i-1,j},\ R_{i,j-1},\ R_{i-1,j-1}\bigr),\quad R_{0,0} = 0,\ R_{i,0} = R_{0,j} = \infty,\quad \operatorname{DTW}(x, y) = R_{n,m}",
    inputs: &[
        Input { name: "pred", shape: "[N, n, d]", meaning: "first sequences" },
        Input { name: "target", shape: "[N, m, d]", meaning: "second sequences (lengths may differ)" },
    ],
    params: &[
        Param { name: "window", symbol: "", default: Value::Null, range: Range::Integer { min: 0, max: i64::MAX }, meaning: "Sakoe-Chiba band radius (None: unconstrained)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["tslearn.metrics.dtw"],
    related: &["soft-dtw", "dilate", "tdi", "ctc"],
    forms: &[],
    status: Status::Planned("not implemented yet: needs the dynamic-programming recursion (subgradient along the optimal path)"),
    eval: None,
    ..Entry::BLANK
};
