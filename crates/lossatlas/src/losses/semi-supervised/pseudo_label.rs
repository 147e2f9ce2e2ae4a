//! Pseudo-label: treat the model's own most confident class on unlabeled data as a label and add
//! its cross-entropy, with a weight ramped up over training.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "pseudo-label",
    name: "Pseudo-Label Loss",
    aliases: &["Pseudo-Labeling", "Self-Training Loss"],
    kind: Kind::Loss,
    domains: &["semi-supervised"],
    year: 2013,
    paper: Paper {
        title: "Pseudo-Label: The Simple and Efficient Semi-Supervised Learning Method for Deep Neural Networks",
        authors: "Dong-Hyun Lee",
        venue: "ICML Workshop on Challenges in Representation Learning",
        year: 2013,
        url: "https://citeseerx.ist.psu.edu/document?doi=798d9840d2439a0e5d47bcf5d164aa46d5e7dc26",
    },
    summary: "Adds to the supervised cross-entropy a cross-entropy on unlabeled samples whose targets are the argmax of the current predictions, recomputed every update, weighted by alpha(t), which is 0 at first, ramps linearly and then stays at alpha_f (3 in the paper) so that early, unreliable pseudo-labels do little harm. The paper interprets it as entropy minimization, pushing decision boundaries into low-density regions. Confirmation bias (reinforcing early mistakes) is its main weakness; later methods add confidence thresholds and augmentation consistency (FixMatch).",
    formula: r"\mathcal{L} = \frac{1}{n}\sum_{m=1}^{n}\operatorname{CE}(y_m, f(x_m)) + \alpha(t)\,\frac{1}{n'}\sum_{m=1}^{n'}\operatorname{CE}\bigl(y'_m, f(x'_m)\bigr),\quad y'_m = \arg\max_c f_c(x'_m),\quad \alpha(t) = \begin{cases}0 & t < T_1\\ \frac{t - T_1}{T_2 - T_1}\alpha_f & T_1 \le t < T_2\\ \alpha_f & t \ge T_2\end{cases}",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "logits of labeled samples" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "labels of the labeled samples" },
        Input { name: "logits_u", shape: "[M, C]", meaning: "logits of unlabeled samples (the argmax is taken without gradient)" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha(t)", default: Value::Float(3.0), range: Range::NON_NEGATIVE, meaning: "current weight of the unlabeled term (its final value alpha_f = 3 in the paper, reached after a linear ramp)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["semilearn.algorithms.pseudolabel.PseudoLabel"],
    related: &["fixmatch", "noisy-student", "pi-model", "cross-entropy"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
