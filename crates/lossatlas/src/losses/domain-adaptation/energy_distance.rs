//! Energy distance: twice the mean cross distance minus the mean within-sample distances, a
//! kernel-free metric between distributions.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "energy-distance",
    name: "Energy Distance",
    aliases: &["Energy Score Distance"],
    kind: Kind::Loss,
    domains: &["domain-adaptation", "gan"],
    year: 2013,
    paper: Paper {
        title: "Energy statistics: A class of statistics based on distances",
        authors: "Székely, G.J., Rizzo, M.L.",
        venue: "Journal of Statistical Planning and Inference",
        year: 2013,
        url: "https://doi.org/10.1016/j.jspi.2013.03.018",
    },
    summary: "Measures how much farther apart points of two samples are than points within each sample, using plain Euclidean distances; it is zero exactly when the distributions coincide and needs no bandwidth. geomloss computes it as the MMD with the conditionally positive kernel -|x - y|, i.e. half the energy distance, with uniform weights. Gradients are smooth except where two points coincide.",
    formula: r"L = \frac{1}{NM}\sum_{i,j}\lVert x_i - y_j\rVert - \frac{1}{2N^2}\sum_{i,i'}\lVert x_i - x_{i'}\rVert - \frac{1}{2M^2}\sum_{j,j'}\lVert y_j - y_{j'}\rVert",
    inputs: &[
        Input { name: "points", shape: "[N, D] (or [B, N, D])", meaning: "samples of the first distribution (uniform weights)" },
        Input { name: "target_points", shape: "[M, D] (or [B, M, D])", meaning: "samples of the second distribution" },
    ],
    params: &[
        Param { name: "loss", symbol: "", default: Value::Str("energy"), range: Range::Choice { values: &["energy"] }, meaning: "geomloss loss name" },
        Param { name: "blur", symbol: "", default: Value::Float(0.05), range: Range::POSITIVE, meaning: "geomloss argument; has no effect on the energy distance" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "geomloss.SamplesLoss",
    ],
    related: &["mmd", "sinkhorn-divergence", "crps"],
    forms: &[
        Form { name: "default", description: "geomloss.SamplesLoss(loss='energy', backend='tensorized')(points, target_points)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
