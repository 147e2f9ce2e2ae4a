//! Laplacian spatio-temporal pose loss: compare the differential coordinates of predicted and
//! ground-truth joints on a graph that links bones within a frame and each joint across frames.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "spatio-temporal-pose",
    name: "Spatio-Temporal Pose Loss",
    aliases: &["Laplacian Loss", "Spatio-Temporal Laplacian Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "3d", "video"],
    year: 2022,
    paper: Paper {
        title: "A New Spatio-Temporal Loss Function for 3D Motion Reconstruction",
        authors: "Mathis Tchenegnon et al.",
        venue: "",
        year: 2022,
        url: "https://hal.science/hal-03966941/file/paper.pdf",
    },
    summary: "A motion sequence is represented as a graph whose nodes are the joints of every frame, with skeleton edges within a frame and temporal edges linking the same joint in neighbouring frames. Each node's differential (Laplacian) coordinate, its position minus the mean of its neighbours, encodes local shape and motion, and the loss compares these coordinates between estimate and ground truth. Unlike per-frame MPJPE it penalizes jitter and distorted limb geometry, improving velocity and acceleration errors of video-based 3D pose estimation; it is insensitive to a global offset, so it is combined with a position loss.",
    formula: r"\delta_{t,j} = x_{t,j} - \frac{1}{\lvert\mathcal{N}(t,j)\rvert}\sum_{(t',j') \in \mathcal{N}(t,j)} x_{t',j'},\qquad \mathcal{L} = \frac{1}{TJ}\sum_{t,j}\big\lVert \hat\delta_{t,j} - \delta_{t,j}\big\rVert_2",
    inputs: &[
        Input { name: "points", shape: "[N, T, J, 3]", meaning: "estimated joint trajectories" },
        Input { name: "target_points", shape: "[N, T, J, 3]", meaning: "ground-truth joint trajectories" },
    ],
    params: &[
        Param { name: "joint_parents", symbol: "", default: Value::Null, range: Range::Any, meaning: "skeleton edges (parent index per joint) defining the spatial neighbours" },
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
    related: &["mpjpe", "bone-length", "joint-angle", "mesh-laplacian"],
    status: Status::Planned("no reference cases; the paper's neighbourhood weights and norm still need transcription"),
    eval: None,
    ..Entry::BLANK
};
