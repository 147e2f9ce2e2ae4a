//! Log-cosh Dice loss: the soft Dice loss passed through log(cosh(.)), a smooth and bounded
//! transform.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "log-cosh-dice",
    name: "Log-Cosh Dice Loss",
    aliases: &["Log-Cosh Dice"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2020,
    paper: Paper {
        title: "A Survey of Loss Functions for Semantic Segmentation",
        authors: "Jadon, S.",
        venue: "",
        year: 2020,
        url: "https://arxiv.org/abs/2006.14822",
    },
    summary: "Applies log(cosh(x)) to the soft Dice loss x = 1 - Dice, borrowing the log-cosh idea from regression; log cosh behaves like x^2 / 2 for small x and like |x| - log 2 for large x. Since the Dice loss already lies in [0, 1], the transform only reshapes its gradient (weaker near a perfect overlap) and keeps the loss bounded by log cosh 1, about 0.43. It was proposed in a survey rather than validated at scale, so expect results close to the plain Dice loss.",
    formula: r"\operatorname{Dice} = \frac{2\sum_i p_i g_i + \epsilon}{\sum_i p_i + \sum_i g_i + \epsilon},\quad \mathcal{L} = \log\cosh\bigl(1 - \operatorname{Dice}\bigr)",
    inputs: &[
        Input { name: "probs", shape: "[N, C, *]", meaning: "predicted probabilities" },
        Input { name: "targets", shape: "[N, C, *]", meaning: "binary (one-hot) targets" },
    ],
    params: &[
        Param { name: "smooth", symbol: r"\epsilon", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "smoothing constant of the soft Dice" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[],
    related: &["dice", "log-cosh", "tversky", "focal-tversky"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
