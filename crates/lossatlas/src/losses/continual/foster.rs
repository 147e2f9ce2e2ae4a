//! FOSTER: a two-stage class-incremental method that first adds a new feature extractor trained to
//! fit the residual of the old model (feature boosting) and then distills both into a single
//! network (feature compression).

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "foster",
    name: "FOSTER Loss",
    kind: Kind::Method,
    domains: &["continual", "distillation"],
    year: 2022,
    paper: Paper {
        title: "FOSTER: Feature Boosting and Compression for Class-Incremental Learning",
        authors: "Fu-Yun Wang, Da-Wei Zhou, Han-Jia Ye, De-Chuan Zhan",
        venue: "ECCV",
        year: 2022,
        url: "https://arxiv.org/abs/2204.04662",
    },
    summary: "Treats class-incremental learning like gradient boosting: in the boosting stage a new module is trained alongside the frozen old one to correct its residuals, with logit adjustment against the imbalance between exemplars and new data and an auxiliary classifier on the new features; in the compression stage the expanded model is distilled into a single backbone with a class-balanced knowledge distillation, so the model size does not grow. It needs exemplar memory and two training passes per task.",
    formula: r"\text{boosting: } \min_{\phi_{new}, W}\ \mathcal{L}_{LA}\bigl(W^\top[\phi_{old}(x), \phi_{new}(x)], y\bigr) + \mathcal{L}_{fe} + \mathcal{L}_{kd},\quad \text{compression: } \min_{\phi_s}\ \mathcal{L}_{BKD}\bigl(f_s(x), f_{boost}(x)\bigr)",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["memo", "bias-correction", "podnet", "ease"],
    uses: &["cross-entropy", "knowledge-distillation"],
    status: Status::NotExecutable("a two-stage expand-and-compress training procedure with exemplar memory"),
    eval: None,
    ..Entry::BLANK
};
