//! Deep SVDD: trains a network to map normal data into a small hypersphere around a fixed centre;
//! the distance to the centre is the anomaly score.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "deep-svdd",
    name: "Deep SVDD Loss",
    aliases: &["Deep Support Vector Data Description", "One-Class Deep SVDD"],
    kind: Kind::Loss,
    domains: &["anomaly-multimodal"],
    year: 2018,
    paper: Paper {
        title: "Deep One-Class Classification",
        authors: "Lukas Ruff, Robert A. Vandermeulen, Nico Görnitz, Lucas Deecke, Shoaib A. Siddiqui, Alexander Binder, Emmanuel Müller, Marius Kloft",
        venue: "ICML",
        year: 2018,
        url: "https://arxiv.org/abs/1802.04365",
    },
    summary: "Learns features whose normal examples lie close to a fixed centre c (the mean of the initial network outputs) by minimizing the mean squared distance to c plus weight decay; the soft-boundary variant also learns a radius R and penalizes only points outside it, with nu bounding the fraction of outliers. To prevent collapse to a constant mapping the network must have no bias terms and no bounded activations, and c must not be learned. The anomaly score is the distance to c.",
    formula: r"\text{one-class: } \frac{1}{n}\sum_{i=1}^{n}\lVert \phi(x_i; W) - c \rVert_2^2 + \frac{\lambda}{2}\sum_{l}\lVert W^l \rVert_F^2,\quad \text{soft-boundary: } R^2 + \frac{1}{\nu n}\sum_{i}\max\bigl(0, \lVert \phi(x_i; W) - c \rVert_2^2 - R^2\bigr) + \frac{\lambda}{2}\sum_{l}\lVert W^l \rVert_F^2",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "network outputs phi(x)" },
        Input { name: "center", shape: "[D]", meaning: "fixed hypersphere centre c" },
    ],
    params: &[
        Param { name: "objective", symbol: "", default: Value::Str("one-class"), range: Range::Choice { values: &["one-class", "soft-boundary"] }, meaning: "which objective (the official code's default is one-class)" },
        Param { name: "nu", symbol: r"\nu", default: Value::Float(0.1), range: Range::Real { min: 0.0, max: 1.0, open_min: true, open_max: false }, meaning: "soft-boundary trade-off: an upper bound on the fraction of training points outside the sphere" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["pytorch_ood.loss.DeepSVDDLoss"],
    related: &["autoencoder-reconstruction", "center", "dagmm", "patchcore"],
    status: Status::Planned("a function of embeddings and the centre (the weight decay is the optimizer's); no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
