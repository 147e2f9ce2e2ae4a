//! Mutual information loss: minus the mutual information of two signals estimated from a Parzen
//! histogram, to be maximized for alignment.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mutual-information",
    name: "Mutual Information Loss",
    aliases: &["MI Loss"],
    kind: Kind::Loss,
    domains: &["registration", "medical"],
    year: 1997,
    paper: Paper {
        title: "Alignment by Maximization of Mutual Information",
        authors: "Viola, P., Wells, W.M.",
        venue: "International Journal of Computer Vision",
        year: 1997,
        url: "https://doi.org/10.1023/A:1007958904918",
    },
    summary: "Builds a soft joint histogram of two signals, each min-max normalized to the bin range, and returns -(H(X) + H(Y) - H(X, Y)) in nats; minimizing it aligns signals whose intensities are related by any deterministic mapping. kornia's version works on flat (*, N) tensors, so images and volumes are flattened by its 2d/3d wrappers, and returns one loss per leading index. The rectangular kernel gives no gradient.",
    formula: r"L = -\big(H(X) + H(Y) - H(X, Y)\big),\quad H(X, Y) = -\sum_{a,b} p_{ab}\log p_{ab},\ p_{ab} \propto \sum_{n} k(x_n - c_a)\,k(y_n - c_b)",
    inputs: &[
        Input { name: "pred", shape: "[*, N]", meaning: "first signal" },
        Input { name: "target", shape: "[*, N]", meaning: "second signal (same shape)" },
    ],
    params: &[
        Param { name: "num_bins", symbol: "", default: Value::Int(64), range: Range::Integer { min: 2, max: i64::MAX }, meaning: "number of histogram bins" },
        Param { name: "window_radius", symbol: "", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "kernel support in bin widths" },
        Param { name: "kernel_function", symbol: "", default: Value::Str("xu"), range: Range::Choice { values: &["xu", "rectangular", "truncated_gaussian"] }, meaning: "Parzen kernel (kornia MIKernel)" },
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
    equivalents: &[
        "kornia.losses.mutual_information_loss",
    ],
    related: &["normalized-mutual-information", "global-mutual-information"],
    forms: &[
        Form { name: "default", description: "kornia.losses.mutual_information_loss(pred, target, num_bins, window_radius, kernel_function=xu): no reduction, one value per leading index." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
