//! Combo loss: a weighted binary cross-entropy that trades false positives against false
//! negatives, mixed with a soft Dice term.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "combo",
    name: "Combo Loss",
    aliases: &["Weighted CE + Dice"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2019,
    paper: Paper {
        title: "Combo Loss: Handling Input and Output Imbalance in Multi-Organ Segmentation",
        authors: "Taghanaki et al.",
        venue: "Computerized Medical Imaging and Graphics",
        year: 2019,
        url: "https://arxiv.org/abs/1805.02798",
    },
    summary: "Adds a modified binary cross-entropy, in which beta weights the positive-class term and 1 - beta the negative-class term (beta < 0.5 penalizes false positives more, beta > 0.5 false negatives), to minus a soft Dice score, mixed by alpha. The Dice part handles input imbalance (small foreground) and gives smooth overlap gradients, while the weighted cross-entropy controls the output imbalance between false positives and false negatives. Both alpha and beta are tuned per task; the value ranges from negative (Dice subtracted) and its scale depends on the normalization of the sums.",
    formula: r"\mathcal{L} = -\frac{\alpha}{N}\sum_{i=1}^{N}\bigl[\beta\,t_i\ln p_i + (1 - \beta)(1 - t_i)\ln(1 - p_i)\bigr] - (1 - \alpha)\sum_{k=1}^{K}\frac{2\sum_i p_{ik} t_{ik} + S}{\sum_i p_{ik} + \sum_i t_{ik} + S}",
    inputs: &[
        Input { name: "probs", shape: "[N, K, *]", meaning: "predicted probabilities p per class k" },
        Input { name: "targets", shape: "[N, K, *]", meaning: "binary (one-hot) targets t" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Null, range: Range::UNIT, meaning: "mix of the weighted cross-entropy (alpha) and the Dice term (1 - alpha); tuned per task in the paper" },
        Param { name: "beta", symbol: r"\beta", default: Value::Null, range: Range::UNIT, meaning: "weight of the positive-class cross-entropy term; below 0.5 penalizes false positives more; tuned per task" },
        Param { name: "smooth", symbol: "S", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "smoothing constant of the Dice term" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[],
    related: &["dice", "binary-cross-entropy", "dice-ce", "unified-focal", "exp-log"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
