//! Normalized mutual information loss: minus (H(X) + H(Y)) / H(X, Y), a mutual-information variant
//! insensitive to the size of the overlap.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "normalized-mutual-information",
    name: "Normalized Mutual Information Loss",
    aliases: &["NMI Loss"],
    kind: Kind::Loss,
    domains: &["registration", "medical"],
    year: 1999,
    paper: Paper {
        title: "An overlap invariant entropy measure of 3D medical image alignment",
        authors: "Studholme, C., Hill, D.L.G., Hawkes, D.J.",
        venue: "Pattern Recognition",
        year: 1999,
        url: "https://doi.org/10.1016/S0031-3203(98)00091-0",
    },
    summary: "Divides the sum of marginal entropies by the joint entropy, which, unlike plain mutual information, does not grow when the overlapping region changes size; its negative is minimized to align images. It uses the same Parzen histogram as kornia's mutual information loss and ranges in [-2, -1].",
    formula: r"L = -\frac{H(X) + H(Y)}{H(X, Y)}",
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
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "kornia.losses.normalized_mutual_information_loss",
    ],
    related: &["mutual-information", "global-mutual-information"],
    forms: &[
        Form { name: "default", description: "kornia.losses.normalized_mutual_information_loss(pred, target, num_bins, window_radius): no reduction, one value per leading index." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
