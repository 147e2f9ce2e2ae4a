//! Mesh Laplacian smoothing loss: the size of each vertex's offset from the average of its
//! neighbours, which discourages spiky, self-intersecting deformations of a mesh.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mesh-laplacian",
    name: "Mesh Laplacian Smoothing Loss",
    aliases: &["Laplacian Smoothing Loss", "Laplacian Regularization"],
    kind: Kind::Loss,
    domains: &["3d"],
    year: 2018,
    paper: Paper {
        title: "Pixel2Mesh",
        authors: "Wang et al.",
        venue: "ECCV",
        year: 2018,
        url: "https://arxiv.org/abs/1804.01654",
    },
    summary: "Regularizes a deforming mesh through its Laplacian coordinates, the difference between each vertex and the mean of its neighbours. pytorch3d's uniform form averages the norm of these coordinates per mesh (a smoothness prior); Pixel2Mesh penalizes the squared change of the Laplacian coordinates caused by a deformation step, so local detail moves coherently. It is a regularizer: on its own it shrinks the mesh, so it is combined with Chamfer and edge-length terms.",
    formula: r"\ell = \frac{1}{|V|}\sum_{i \in V}\Bigl\lVert \frac{1}{|\mathcal{N}(i)|}\sum_{j \in \mathcal{N}(i)} \mathbf{v}_j - \mathbf{v}_i \Bigr\rVert_2",
    inputs: &[
        Input { name: "points", shape: "[V, 3]", meaning: "mesh vertices" },
        Input { name: "edges", shape: "[E, 2]", meaning: "vertex index pairs of the mesh edges (faces for the cotangent variants)" },
    ],
    params: &[
        Param { name: "method", symbol: "", default: Value::Str("uniform"), range: Range::Choice { values: &["uniform", "cot", "cotcurv"] }, meaning: "Laplacian weights (pytorch3d): uniform neighbour average or cotangent weights" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Geometry,
    },
    equivalents: &["pytorch3d.loss.mesh_laplacian_smoothing"],
    related: &["normal-consistency", "chamfer", "total-variation"],
    forms: &[
        Form { name: "pytorch3d-uniform", description: "pytorch3d.loss.mesh_laplacian_smoothing(meshes, method='uniform'): per mesh, mean over vertices of the L2 norm of (mean of neighbours - vertex); then mean over meshes." },
        Form { name: "pixel2mesh", description: "Pixel2Mesh: sum over vertices of the squared norm of the change in Laplacian coordinates between the mesh before and after a deformation block." },
    ],
    status: Status::Planned("needs mesh connectivity inputs; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
