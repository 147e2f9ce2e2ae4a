//! Occupancy loss: binary cross-entropy between the predicted probability that a 3D point lies
//! inside the object and its true inside/outside label, at points sampled in the volume.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "occupancy",
    name: "Occupancy Loss",
    aliases: &["Occupancy Networks Loss"],
    kind: Kind::Loss,
    domains: &["3d"],
    year: 2019,
    paper: Paper {
        title: "Occupancy Networks: Learning 3D Reconstruction in Function Space",
        authors: "Mescheder et al.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1812.03828",
    },
    summary: "Trains an implicit occupancy function by sampling points in the bounding volume and applying binary cross-entropy between the predicted occupancy logit and the true inside/outside label, summed over the points of a shape and averaged over shapes. It represents surfaces at arbitrary resolution as the 0.5 decision boundary. The sampling of points (uniform versus near the surface) largely decides what the network learns; the variational version adds a KL term on the shape latent.",
    formula: r"\ell = \frac{1}{|\mathcal{B}|}\sum_{i \in \mathcal{B}}\sum_{j=1}^{K}\operatorname{BCE}\bigl(f_\theta(p_{ij}, x_i),\ o_{ij}\bigr)",
    inputs: &[
        Input { name: "logits", shape: "[B, K]", meaning: "occupancy logits at K sampled points per shape" },
        Input { name: "targets", shape: "[B, K]", meaning: "1 inside the object, 0 outside" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["torch.nn.functional.binary_cross_entropy_with_logits"],
    related: &["binary-cross-entropy", "deepsdf", "nerf-photometric"],
    status: Status::Planned("binary cross-entropy summed over points and averaged over shapes; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
