//! Spline calibration: a post-hoc recalibration map obtained by fitting a smooth spline to the
//! cumulative accuracy of a held-out set sorted by confidence, together with the binning-free
//! Kolmogorov–Smirnov calibration error that the same cumulative curves define.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "spline-calibration",
    name: "Spline Calibration",
    aliases: &["Spline Recalibration", "KS Calibration"],
    kind: Kind::Method,
    domains: &["calibration-fairness", "classification"],
    year: 2020,
    paper: Paper {
        title: "Calibration of Neural Networks using Splines",
        authors: "Kartik Gupta, Amir Rahimi, Thalaiyasingam Ajanthan, Thomas Mensink, Cristian Sminchisescu, Richard Hartley",
        venue: "ICLR",
        year: 2020,
        url: "https://arxiv.org/abs/2006.12800",
    },
    summary: "A post-hoc calibration method, not a training loss: the held-out predictions are sorted by confidence, the cumulative accuracy and cumulative confidence are formed, a smooth spline is fitted to the cumulative accuracy by least squares, and its derivative serves as the recalibration function from confidence to calibrated probability. The same cumulative curves give the binning-free Kolmogorov–Smirnov calibration error (the largest gap between them), which avoids the bin-count sensitivity of ECE. Like temperature scaling it needs a separate calibration set; unlike it, the map is non-parametric and need not preserve the ranking of confidences.",
    formula: r"\mathrm{KS} = \max_{k}\big|\tilde h_k - \tilde s_k\big|,\quad \tilde h_k = \frac{1}{N}\sum_{i \le k} \mathbb{1}[\hat y_i = y_i],\quad \tilde s_k = \frac{1}{N}\sum_{i \le k} r_i\quad (r_1 \le \dots \le r_N)",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "frozen predictions on the calibration set" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "true classes of the calibration set" },
    ],
    properties: Properties::UNKNOWN,
    related: &["temperature-scaling", "platt-scaling", "dirichlet-calibration", "brier-score", "mmce"],
    uses: &["mse"],
    status: Status::NotExecutable(
        "a post-hoc fitting procedure over a whole calibration set (sorting, cumulative sums and a least-squares spline fit), not a differentiable loss on model outputs; its uses entry is the least-squares fit of the spline",
    ),
    ..Entry::BLANK
};
