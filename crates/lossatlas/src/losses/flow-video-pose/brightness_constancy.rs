//! Horn-Schunck energy: the linearized brightness-constancy constraint plus a quadratic smoothness
//! prior on the flow field, the classical variational formulation of optical flow.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "brightness-constancy",
    name: "Brightness Constancy / Horn-Schunck Energy",
    aliases: &["Horn-Schunck Energy", "Optical Flow Constraint", "Brightness Constancy Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose"],
    year: 1981,
    paper: Paper {
        title: "Determining Optical Flow",
        authors: "Berthold K.P. Horn, Brian G. Schunck",
        venue: "Artificial Intelligence",
        year: 1981,
        url: "https://www.sci.utah.edu/~gerig/CS6320-S2015/Materials/Horn-Schunck-1981-orig-article.pdf",
    },
    summary: "Assumes a point keeps its brightness as it moves, linearizes this to I_x u + I_y v + I_t = 0, and because one equation cannot determine two unknowns per pixel (the aperture problem) adds alpha^2 times the squared flow gradients; the flow minimizes the integral of both terms, originally by Jacobi-style iterations of the Euler-Lagrange equations. As a learning objective it is the ancestor of the photometric and smoothness losses of unsupervised flow networks. The linearization only holds for small motions (hence coarse-to-fine schemes), and the quadratic terms blur motion boundaries and are hurt by illumination changes, which robust penalties and census transforms address.",
    formula: r"E(u, v) = \iint \big(I_x u + I_y v + I_t\big)^2 + \alpha^2\big(\lVert \nabla u\rVert^2 + \lVert \nabla v\rVert^2\big)\, dx\, dy",
    inputs: &[
        Input { name: "flow", shape: "[N, 2, H, W]", meaning: "flow field (u, v)" },
        Input { name: "image1", shape: "[N, 1, H, W]", meaning: "first frame (grayscale)" },
        Input { name: "image2", shape: "[N, 1, H, W]", meaning: "second frame; I_t and the spatial derivatives come from finite differences" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Null, range: Range::POSITIVE, meaning: "weight of the smoothness term (squared in the energy); chosen per image scale and noise" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["photometric-warp", "census-transform", "edge-aware-smoothness", "total-variation"],
    status: Status::Planned("no reference cases; needs a fixed finite-difference scheme for the image derivatives"),
    eval: None,
    ..Entry::BLANK
};
