//! Temporal distortion index: how far in time the optimal DTW alignment between forecast and
//! truth strays from the diagonal.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "tdi",
    name: "TDI",
    aliases: &["Temporal Distortion Index"],
    kind: Kind::Score,
    domains: &["time-series"],
    year: 2019,
    paper: Paper {
        title: "Shape and Time Distortion Loss for Training Deep Time Series Forecasting Models",
        authors: "Vincent Le Guen, Nicolas Thome",
        venue: "NeurIPS",
        year: 2019,
        url: "https://arxiv.org/abs/1909.09020",
    },
    summary: "An evaluation metric, not trained on directly: it takes the optimal DTW alignment between forecast and target and sums a penalty on how far each aligned pair is from the same time step, so a forecast with the right shape but a delayed change gets a high TDI and a low DTW. The DILATE paper reports it alongside MSE and DTW and trains a smooth version (with the soft-DTW alignment) as DILATE's temporal term; the index itself comes from earlier work on evaluating energy forecasts. The penalty here follows the DILATE code: squared offsets normalized by the squared horizon.",
    formula: r"A^{*} = \arg\min_{A \in \mathcal{A}_{k,k}}\bigl\langle A, \Delta(\hat y, y)\bigr\rangle,\quad \operatorname{TDI}(\hat y, y) = \bigl\langle A^{*}, \Omega\bigr\rangle,\quad \Omega_{ij} = \frac{(i - j)^2}{k^2}",
    inputs: &[
        Input { name: "pred", shape: "[N, k, d]", meaning: "forecast trajectories" },
        Input { name: "target", shape: "[N, k, d]", meaning: "observed trajectories" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[],
    related: &["dilate", "dtw", "soft-dtw"],
    forms: &[],
    status: Status::Planned("not implemented yet: needs the DTW path"),
    eval: None,
    ..Entry::BLANK
};
