//! Maximum mean discrepancy: the squared distance between the kernel mean embeddings of two
//! samples, zero exactly when the distributions match (for a characteristic kernel).

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mmd",
    name: "Maximum Mean Discrepancy (MMD)",
    aliases: &["MMD", "Kernel MMD"],
    kind: Kind::Loss,
    domains: &["domain-adaptation", "gan"],
    year: 2012,
    paper: Paper {
        title: "A Kernel Two-Sample Test",
        authors: "Gretton et al.",
        venue: "JMLR",
        year: 2012,
        url: "https://www.jmlr.org/papers/v13/gretton12a/gretton12a.pdf",
    },
    summary: "Compares two point clouds through the average kernel similarity within each and across them; with a characteristic kernel (Gaussian, Laplacian) it is a metric between distributions. It is used to align feature distributions in domain adaptation and as a generative training objective. The kernel bandwidth (blur) decides which scales are compared, and the plug-in estimator with self-pairs is biased.",
    formula: r"L = \frac{1}{2}\Big(\frac{1}{N^2}\sum_{i,i'} k(x_i, x_{i'}) + \frac{1}{M^2}\sum_{j,j'} k(y_j, y_{j'}) - \frac{2}{NM}\sum_{i,j} k(x_i, y_j)\Big),\quad k(x,y) = e^{-\lVert x-y\rVert^2/(2\sigma^2)}\ \text{or}\ e^{-\lVert x-y\rVert/\sigma}",
    inputs: &[
        Input { name: "points", shape: "[N, D] (or [B, N, D])", meaning: "samples of the first distribution (uniform weights)" },
        Input { name: "target_points", shape: "[M, D] (or [B, M, D])", meaning: "samples of the second distribution" },
    ],
    params: &[
        Param { name: "loss", symbol: "", default: Value::Str("gaussian"), range: Range::Choice { values: &["gaussian", "laplacian"] }, meaning: "kernel (geomloss loss name)" },
        Param { name: "blur", symbol: r"\sigma", default: Value::Float(0.05), range: Range::POSITIVE, meaning: "kernel bandwidth" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "geomloss.SamplesLoss",
    ],
    related: &["energy-distance", "sinkhorn-divergence", "deep-coral", "wasserstein-da"],
    forms: &[
        Form { name: "default", description: "geomloss.SamplesLoss(loss='gaussian' | 'laplacian', blur, backend='tensorized')(points, target_points): half the squared MMD with uniform weights, self-pairs included." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
