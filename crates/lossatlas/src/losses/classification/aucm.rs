//! AUC-margin loss: a min-max margin surrogate of the area under the ROC curve with learnable class
//! means and a dual variable.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "aucm",
    name: "AUC-Margin Loss (AUCM)",
    aliases: &["AUCM", "AUC Margin Loss"],
    kind: Kind::Loss,
    domains: &["classification", "medical"],
    year: 2021,
    paper: Paper {
        title: "Large-scale Robust Deep AUC Maximization: A New Surrogate Loss and Empirical Studies on Medical Image Classification",
        authors: "Yuan, Z., Yan, Y., Sonka, M., Yang, T.",
        venue: "ICCV",
        year: 2021,
        url: "https://arxiv.org/abs/2012.03173",
    },
    summary: "Rewrites a squared-hinge AUC surrogate as a min-max problem: scores of positives are pulled to a learnable mean a, negatives to b, and a dual variable alpha enforces a margin between the two means; this is robust to noisy labels and scales to large datasets. It optimizes ranking of positives above negatives directly, which suits imbalanced binary medical classification. alpha must be updated by gradient ascent (PESG optimizer) for the min-max to work; plugging it into a plain minimizer changes the method.",
    formula: r"L = (1-p)\,\mathbb{E}[(x - a)^2 \mathbb{1}_{y=1}] + p\,\mathbb{E}[(x - b)^2 \mathbb{1}_{y=0}] + 2\alpha\big(p(1-p)m + \mathbb{E}[p\,x\,\mathbb{1}_{y=0} - (1-p)\,x\,\mathbb{1}_{y=1}]\big) - p(1-p)\alpha^2",
    inputs: &[
        Input { name: "pred", shape: "[N, 1]", meaning: "scores in [0, 1] (after a sigmoid)" },
        Input { name: "targets", shape: "[N, 1]", meaning: "binary labels" },
        Input { name: "a", shape: "[]", meaning: "learnable mean of positive scores" },
        Input { name: "b", shape: "[]", meaning: "learnable mean of negative scores" },
        Input { name: "alpha", shape: "[]", meaning: "dual variable (maximized)" },
    ],
    params: &[
        Param { name: "margin", symbol: "m", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "margin between the class means" },
        Param { name: "imratio", symbol: "p", default: Value::Null, range: Range::UNIT, meaning: "positive-class ratio; None uses the batch fraction" },
        Param { name: "version", symbol: "", default: Value::Str("v1"), range: Range::Choice { values: &["v1", "v2"] }, meaning: "v1 uses p in the objective; v2 uses class-conditional means" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::Yes,
        operand: Operand::Probabilities,
    },
    equivalents: &[
        "monai.losses.AUCMLoss",
    ],
    related: &["directau", "binary-cross-entropy"],
    forms: &[
        Form { name: "default", description: "monai.losses.AUCMLoss(margin, imratio, version): E is the mean over all elements (v1); v2 replaces the expectations by class-conditional means." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
