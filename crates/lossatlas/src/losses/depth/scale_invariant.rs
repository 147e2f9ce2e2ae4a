//! Scale-invariant log-depth loss: squared error of log depths minus a fraction of the squared mean
//! error, so a global scale factor on the prediction is (partly) forgiven.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "scale-invariant",
    name: "Scale-Invariant Loss",
    aliases: &["Scale-Invariant Log Loss", "SILog"],
    kind: Kind::Loss,
    domains: &["depth"],
    year: 2014,
    paper: Paper {
        title: "Depth Map Prediction from a Single Image using a Multi-Scale Deep Network",
        authors: "Eigen et al.",
        venue: "NeurIPS",
        year: 2014,
        url: "https://arxiv.org/abs/1406.2283",
    },
    summary: "Compares predicted and true depth in log space and subtracts lambda times the squared mean log error: with lambda = 1 the loss ignores any global scale of the prediction, with lambda = 0 it is plain log-space MSE; Eigen et al. train with lambda = 0.5. It lets monocular depth networks focus on relative structure, since absolute scale is ambiguous from one image. Later work (e.g. AdaBins) uses the square root of this quantity, scaled by 10, with lambda = 0.85; pixels without ground truth must be masked out.",
    formula: r"\ell = \frac{1}{n}\sum_{i} d_i^2 - \frac{\lambda}{n^2}\Bigl(\sum_{i} d_i\Bigr)^2,\quad d_i = \log \hat y_i - \log y_i",
    inputs: &[
        Input { name: "pred", shape: "[B, H, W]", meaning: "predicted depth (positive)" },
        Input { name: "target", shape: "[B, H, W]", meaning: "ground-truth depth" },
        Input { name: "mask", shape: "[B, H, W]", meaning: "valid ground-truth pixels (optional)" },
    ],
    params: &[
        Param { name: "lambd", symbol: r"\lambda", default: Value::Float(0.5), range: Range::UNIT, meaning: "weight of the scale-invariance term: 0 gives log-space MSE, 1 full scale invariance (Eigen et al. train with 0.5)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["mse", "berhu", "photometric-consistency", "gradient-difference"],
    status: Status::Planned("no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
