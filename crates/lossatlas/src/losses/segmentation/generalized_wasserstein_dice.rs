//! Generalized Wasserstein Dice loss: a multi-class Dice whose per-pixel error is the Wasserstein
//! distance between predicted and true label distributions under a class-distance matrix.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "generalized-wasserstein-dice",
    name: "Generalized Wasserstein Dice Loss",
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2017,
    paper: Paper {
        title: "Generalised Wasserstein Dice Score for Imbalanced Multi-class Segmentation using Holistic Convolutional Networks",
        authors: "Fidon, L. et al.",
        venue: "BrainLes (MICCAI workshop)",
        year: 2017,
        url: "https://arxiv.org/abs/1707.00478",
    },
    summary: "Uses a matrix M of distances between classes (for example, confusing two tumour sub-regions costs less than confusing tumour with background) and measures each pixel's error as the transport cost sum_c M[y, c] p_c; true positives are weighted per class and combined into a Dice-like ratio. It encodes label hierarchy into the loss and was designed for brain tumour segmentation. The distance matrix must be chosen by hand; MONAI requires M[0] to describe the background.",
    formula: r"\epsilon_i = \sum_c M_{y_i c}\,p_{ic},\quad TP = \sum_i \alpha_{y_i}(1 - \epsilon_i),\quad L = 1 - \frac{2\,TP + s_{nr}}{2\,TP + \sum_i \epsilon_i + s_{dr}}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores (softmax applied inside)" },
        Input { name: "targets", shape: "[B, *] (i64)", meaning: "class labels" },
    ],
    params: &[
        Param { name: "dist_matrix", symbol: "M", default: Value::Null, range: Range::Any, meaning: "C x C matrix of distances between classes (required)" },
        Param { name: "weighting_mode", symbol: "", default: Value::Str("default"), range: Range::Choice { values: &["default", "GDL"] }, meaning: "default: alpha = M[0] (Fidon 2017); GDL: class weights from label counts" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "monai.losses.GeneralizedWassersteinDiceLoss",
    ],
    related: &["generalized-dice", "dice", "earth-movers"],
    forms: &[
        Form { name: "monai", description: "monai.losses.GeneralizedWassersteinDiceLoss(dist_matrix, weighting_mode): per-sample ratio, then reduction." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
