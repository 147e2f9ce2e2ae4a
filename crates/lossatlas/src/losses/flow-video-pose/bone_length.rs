//! Bone length loss: compare the lengths of the bones (parent-child joint distances) of predicted
//! and reference skeletons, a structural prior for 3D pose estimation.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "bone-length",
    name: "Bone Length Loss",
    aliases: &["Bone Loss", "Limb Length Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "3d"],
    year: 2020,
    year_approx: true,
    paper: Paper {
        title: "A Geometry Loss Combination for 3D Human Pose Estimation",
        authors: "Shunsuke Matsune et al.",
        venue: "WACV 2024",
        year: 2024,
        url: "https://openaccess.thecvf.com/content/WACV2024/papers/Matsune_A_Geometry_Loss_Combination_for_3D_Human_Pose_Estimation_WACV_2024_paper.pdf",
    },
    summary: "For every bone (joint j and its parent), the absolute difference between the predicted and the reference bone length; positions can be off while lengths are right, so it complements MPJPE by enforcing plausible proportions, and it needs no 3D labels when reference lengths come from other data. Variants differ: Matsune et al. study it in combination with other geometric terms, Bigalke et al. penalize implausible lengths for domain adaptation, and mmpose's BoneLoss compares batch-averaged lengths (for semi-supervised training where predictions and references are not paired). Lengths are non-differentiable when a bone collapses to zero.",
    formula: r"\mathcal{L}_{\text{bone}} = \frac{1}{\lvert \mathcal{B}\rvert}\sum_{(j, \pi(j)) \in \mathcal{B}} \Big\lvert \lVert \hat p_j - \hat p_{\pi(j)}\rVert_2 - \lVert p_j - p_{\pi(j)}\rVert_2 \Big\rvert",
    inputs: &[
        Input { name: "points", shape: "[N, J, 3]", meaning: "predicted joint positions" },
        Input { name: "target_points", shape: "[N, J, 3]", meaning: "reference joint positions" },
    ],
    params: &[
        Param { name: "joint_parents", symbol: r"\pi", default: Value::Null, range: Range::Any, meaning: "index of each joint's parent (the root is its own parent)" },
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
    equivalents: &["mmpose.models.losses.BoneLoss"],
    related: &["mpjpe", "joint-angle", "spatio-temporal-pose", "l1"],
    status: Status::Planned("no reference cases; variants differ (per-sample vs batch-averaged lengths)"),
    eval: None,
    ..Entry::BLANK
};
