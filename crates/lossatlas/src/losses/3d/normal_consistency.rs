//! Normal consistency loss for meshes: edges of the predicted mesh should be perpendicular to the
//! surface normal of the nearest ground-truth point (Pixel2Mesh), or, in pytorch3d's form, adjacent
//! faces should have similar normals.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "normal-consistency",
    name: "Normal Consistency Loss",
    kind: Kind::Loss,
    domains: &["3d"],
    year: 2018,
    paper: Paper {
        title: "Pixel2Mesh: Generating 3D Mesh Models from Single RGB Images",
        authors: "Wang et al.",
        venue: "ECCV",
        year: 2018,
        url: "https://arxiv.org/abs/1804.01654",
    },
    summary: "Pixel2Mesh penalizes, for every vertex and each of its neighbours, the squared projection of the edge between them onto the normal of the ground-truth point nearest to the vertex, which pushes the predicted surface to be locally tangent to the target. pytorch3d's mesh_normal_consistency instead averages 1 - cos of the angle between the normals of faces that share an edge, a target-free smoothness prior. Both act as regularizers next to Chamfer distance and are weighted small.",
    formula: r"\ell_n = \sum_{p}\sum_{k \in \mathcal{N}(p)} \bigl\langle p - k,\ \mathbf{n}_{q(p)} \bigr\rangle^2,\quad q(p) = \arg\min_{q \in Q}\lVert p - q \rVert_2^2",
    inputs: &[
        Input { name: "points", shape: "[V, 3]", meaning: "predicted mesh vertices" },
        Input { name: "edges", shape: "[E, 2]", meaning: "vertex index pairs of the mesh edges" },
        Input { name: "target_points", shape: "[M, 3]", meaning: "ground-truth surface points" },
        Input { name: "target_normals", shape: "[M, 3]", meaning: "unit normals at the ground-truth points" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Geometry,
    },
    equivalents: &["pytorch3d.loss.mesh_normal_consistency"],
    related: &["mesh-laplacian", "chamfer"],
    forms: &[
        Form { name: "pixel2mesh", description: "Pixel2Mesh's normal loss: squared inner product of each mesh edge with the normal of the ground-truth point nearest to its first vertex." },
        Form { name: "pytorch3d", description: "pytorch3d.loss.mesh_normal_consistency: mean over pairs of faces sharing an edge of 1 - cos(angle between their normals); needs faces, not target points." },
    ],
    status: Status::Planned("needs mesh connectivity inputs and a nearest-neighbour search; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
