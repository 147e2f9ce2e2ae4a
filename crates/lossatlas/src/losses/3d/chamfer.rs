//! Chamfer distance: for two point sets, the average squared distance from each point to its
//! nearest neighbour in the other set, in both directions.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "chamfer",
    name: "Chamfer Distance",
    aliases: &["Chamfer Loss", "CD"],
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
    summary: "Matches every predicted point to its nearest target point and every target point to its nearest predicted point, and averages the squared distances in both directions. It needs no correspondence, works with sets of different sizes and costs one nearest-neighbour search per direction, which made it the default loss for point-cloud generation and completion. It is insensitive to how points are distributed: many predicted points can collapse onto dense target regions while sparse regions are covered by a few.",
    formula: r"d_{CD}(P, Q) = \frac{1}{|P|}\sum_{p \in P}\min_{q \in Q}\lVert p - q \rVert_2^2 + \frac{1}{|Q|}\sum_{q \in Q}\min_{p \in P}\lVert p - q \rVert_2^2",
    inputs: &[
        Input { name: "points", shape: "[B, N, D]", meaning: "predicted point sets" },
        Input { name: "target_points", shape: "[B, M, D]", meaning: "target point sets" },
    ],
    params: &[
        Param { name: "batch_reduction", symbol: "", default: Value::Str("mean"), range: Range::Choice { values: &["mean", "sum"] }, meaning: "how the per-cloud distances are combined (pytorch3d)" },
        Param { name: "point_reduction", symbol: "", default: Value::Str("mean"), range: Range::Choice { values: &["mean", "sum"] }, meaning: "how per-point nearest distances are combined within a cloud (pytorch3d)" },
        Param { name: "norm", symbol: "", default: Value::Int(2), range: Range::Integer { min: 1, max: 2 }, meaning: "2: squared Euclidean distances; 1: L1 distances (pytorch3d)" },
        Param { name: "single_directional", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "only the term from points to target_points (pytorch3d)" },
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
    equivalents: &["pytorch3d.loss.chamfer_distance", "kaolin.metrics.pointcloud.chamfer_distance"],
    related: &["earth-movers", "hausdorff", "energy-distance"],
    status: Status::Planned("no reference cases yet (pytorch3d.loss.chamfer_distance is the natural reference)"),
    eval: None,
    ..Entry::BLANK
};
