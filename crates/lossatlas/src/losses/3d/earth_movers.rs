//! Earth mover's distance between two equal-size point sets: the mean distance between matched
//! points under the optimal one-to-one matching.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "earth-movers",
    name: "Earth Mover's Distance (EMD)",
    aliases: &["EMD", "Wasserstein-1 Point Set Distance"],
    kind: Kind::Loss,
    domains: &["3d"],
    year: 2017,
    paper: Paper {
        title: "A Point Set Generation Network for 3D Object Reconstruction from a Single Image",
        authors: "Fan et al.",
        venue: "CVPR",
        year: 2017,
        url: "https://arxiv.org/abs/1612.00603",
    },
    summary: "Finds the bijection between two point sets of equal size that minimizes the total distance between matched points, and averages those distances. Unlike Chamfer it forces the prediction to reproduce the target's point density, and it is more sensitive to overall shape. The exact matching is an assignment problem (cubic time), so training uses approximations such as auction algorithms or entropic (Sinkhorn) optimal transport; the gradient flows through the matched pairs only.",
    formula: r"d_{EMD}(P, Q) = \min_{\phi: P \to Q \text{ bijective}} \frac{1}{|P|}\sum_{p \in P}\lVert p - \phi(p) \rVert_2",
    inputs: &[
        Input { name: "points", shape: "[B, N, D]", meaning: "predicted point sets" },
        Input { name: "target_points", shape: "[B, N, D]", meaning: "target point sets of the same size" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Geometry,
    },
    related: &["chamfer", "energy-distance", "mmd"],
    status: Status::Planned("needs an assignment or optimal-transport solver; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
