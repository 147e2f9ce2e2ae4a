//! DeepSDF's loss: L1 distance between predicted and true signed distances, both clamped to a band
//! around the surface, plus a Gaussian prior on each shape's latent code.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "deepsdf",
    name: "SDF Loss (DeepSDF)",
    aliases: &["Clamped L1 SDF Loss", "DeepSDF Loss"],
    kind: Kind::Loss,
    domains: &["3d"],
    year: 2019,
    paper: Paper {
        title: "DeepSDF: Learning Continuous Signed Distance Functions for Shape Representation",
        authors: "Park et al.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1901.05103",
    },
    summary: "Regresses signed distance values at sampled 3D points with an L1 loss after clamping prediction and target to [-delta, delta] (delta = 0.1 in the paper), so model capacity goes to the region near the surface rather than to far-away distances. In the auto-decoder setting each training shape has a latent code optimized jointly with the network, regularized by an L2 penalty equivalent to a zero-mean Gaussian prior. Points outside the band contribute zero gradient once both values are clamped.",
    formula: r"\ell = \frac{1}{K}\sum_{j=1}^{K}\bigl|\operatorname{clamp}(f_\theta(z_i, x_j), \delta) - \operatorname{clamp}(s_j, \delta)\bigr| + \frac{1}{\sigma^2}\lVert z_i \rVert_2^2,\quad \operatorname{clamp}(x, \delta) = \min(\delta, \max(-\delta, x))",
    inputs: &[
        Input { name: "pred", shape: "[N]", meaning: "predicted signed distances at the sampled points" },
        Input { name: "target", shape: "[N]", meaning: "true signed distances" },
        Input { name: "embeddings", shape: "[B, D]", meaning: "latent codes of the shapes in the batch (for the prior term)" },
    ],
    params: &[
        Param { name: "delta", symbol: r"\delta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "clamping distance around the surface (paper's value)" },
        Param { name: "sigma", symbol: r"\sigma", default: Value::Null, range: Range::POSITIVE, meaning: "standard deviation of the Gaussian prior on latent codes; the prior term is off when unset" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["l1", "occupancy", "nerf-photometric"],
    status: Status::Planned("no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
