//! Joint angle loss: penalize angles between adjacent bones that fall outside anatomically
//! plausible ranges, a prior on predicted skeletons.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "joint-angle",
    name: "Joint Angle Loss",
    aliases: &["Joint Angle Limit Loss", "Anatomical Angle Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "3d", "domain-adaptation"],
    year: 2020,
    year_approx: true,
    paper: Paper {
        title: "Domain Adaptation through Anatomical Constraints for 3D Human Pose Estimation",
        authors: "Alexander Bigalke et al.",
        venue: "MIDL 2022",
        year: 2022,
        url: "https://proceedings.mlr.press/v172/bigalke22a/bigalke22a.pdf",
    },
    summary: "The angle at each joint between its two adjacent bones is computed from the predicted 3D joints and penalized when it leaves an interval of anatomically plausible values, so unlabeled target-domain predictions are steered towards realistic poses; Bigalke et al. use it with bone-length and left-right symmetry terms to adapt in-bed pose estimators without target labels. The allowed ranges come from anatomy or from the source-domain label statistics, and a hinge-type penalty is zero inside them. As a prior it cannot fix errors that remain anatomically plausible.",
    formula: r"\mathcal{L}_{\text{angle}} = \frac{1}{\lvert\mathcal{A}\rvert}\sum_{a \in \mathcal{A}} \Big(\max\big(0,\ \theta^{\min}_a - \theta_a\big) + \max\big(0,\ \theta_a - \theta^{\max}_a\big)\Big),\quad \theta_a = \arccos\frac{\langle b_{a,1}, b_{a,2}\rangle}{\lVert b_{a,1}\rVert\,\lVert b_{a,2}\rVert}",
    inputs: &[
        Input { name: "points", shape: "[N, J, 3]", meaning: "predicted joint positions" },
    ],
    params: &[
        Param { name: "angle_limits", symbol: r"[\theta^{\min}, \theta^{\max}]", default: Value::Null, range: Range::Any, meaning: "plausible interval per joint angle (from anatomy or source-domain statistics)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Geometry,
    },
    related: &["bone-length", "mpjpe", "spatio-temporal-pose"],
    status: Status::Planned("no reference cases; the paper's exact penalty shape and normalization still need transcription"),
    eval: None,
    ..Entry::BLANK
};
