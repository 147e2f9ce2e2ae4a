//! MPJPE: the mean Euclidean distance between predicted and ground-truth 3D joint positions, the
//! standard 3D human-pose metric and a common training loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mpjpe",
    name: "MPJPE Loss (Mean Per Joint Position Error)",
    aliases: &["MPJPE", "Mean Per Joint Position Error"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "3d"],
    year: 2014,
    paper: Paper {
        title: "Human3.6M: Large Scale Datasets and Predictive Methods for 3D Human Sensing in Natural Environments",
        authors: "Catalin Ionescu, Dragos Papava, Vlad Olaru, Cristian Sminchisescu",
        venue: "IEEE TPAMI",
        year: 2014,
        url: "https://ieeexplore.ieee.org/document/6682899",
    },
    summary: "Averages, over joints (and samples), the Euclidean distance between predicted and ground-truth joint positions, typically after aligning both skeletons at the root (pelvis) joint; Human3.6M reports it in millimetres. Used directly as a training loss (for example in VideoPose3D and mmpose), it behaves like an unsquared L2 norm per joint: robust to outliers but non-smooth where a joint is exact. P-MPJPE first aligns the prediction to the ground truth with a similarity (Procrustes) transform and so ignores global scale, rotation and translation.",
    formula: r"\text{MPJPE} = \frac{1}{N_J}\sum_{j=1}^{N_J} \big\lVert (\hat p_j - \hat p_{\text{root}}) - (p_j - p_{\text{root}}) \big\rVert_2",
    inputs: &[
        Input { name: "points", shape: "[N, J, 3]", meaning: "predicted joint positions" },
        Input { name: "target_points", shape: "[N, J, 3]", meaning: "ground-truth joint positions" },
        Input { name: "weights", shape: "[N, J]", meaning: "optional per-joint weights" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Geometry,
    },
    equivalents: &["mmpose.models.losses.MPJPELoss"],
    related: &["endpoint-error", "bone-length", "joint-angle", "oks", "l1"],
    forms: &[
        Form { name: "mpjpe", description: "mean per-joint Euclidean distance (inputs root-aligned beforehand)." },
        Form { name: "p-mpjpe", description: "the same after a least-squares similarity (Procrustes) alignment of the prediction to the target; an evaluation metric, usually not trained on." },
    ],
    status: Status::Planned("no reference cases; a per-joint Euclidean norm, evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
