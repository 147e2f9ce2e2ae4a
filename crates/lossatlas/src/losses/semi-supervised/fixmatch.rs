//! FixMatch: the hard pseudo-label of a weakly augmented unlabeled image, kept only when its
//! confidence exceeds a threshold, supervises the prediction on a strongly augmented copy.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "fixmatch",
    name: "FixMatch Loss",
    aliases: &["FixMatch"],
    kind: Kind::Loss,
    domains: &["semi-supervised"],
    year: 2020,
    paper: Paper {
        title: "FixMatch: Simplifying Semi-Supervised Learning with Consistency and Confidence",
        authors: "Kihyuk Sohn, David Berthelot, Chun-Liang Li, Zizhao Zhang, Nicholas Carlini, Ekin D. Cubuk, Alex Kurakin, Han Zhang, Colin Raffel",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/2001.07685",
    },
    summary: "Combines supervised cross-entropy with a cross-entropy on unlabeled images: the target is the argmax of the (detached) prediction on a weakly augmented view, the prediction is on a strongly augmented view (RandAugment or CTAugment plus Cutout), and only samples whose weak-view confidence is at least tau = 0.95 count. The unlabeled batch is mu = 7 times the labeled one and the term has weight 1; the mean is over all unlabeled samples, masked ones contributing zero. Its simplicity made it the base of most later methods, which mainly replace the fixed threshold (FlexMatch, FreeMatch, SoftMatch) because it leaves rare or hard classes under-used early on.",
    formula: r"\mathcal{L} = \frac{1}{B}\sum_{b=1}^{B}\operatorname{CE}\bigl(y_b, p_\theta(y \mid \alpha(x_b))\bigr) + \lambda_u\,\frac{1}{\mu B}\sum_{b=1}^{\mu B}\mathbb{1}\bigl[\max q_b \ge \tau\bigr]\,\operatorname{CE}\bigl(\arg\max q_b,\ p_\theta(y \mid \mathcal{A}(u_b))\bigr),\quad q_b = \operatorname{sg}\bigl(p_\theta(y \mid \alpha(u_b))\bigr)",
    inputs: &[
        Input { name: "logits", shape: "[B, C]", meaning: "logits of weakly augmented labeled samples" },
        Input { name: "targets", shape: "[B] (i64)", meaning: "labels" },
        Input { name: "logits_u_weak", shape: "[M, C]", meaning: "logits of weakly augmented unlabeled samples (no gradient)" },
        Input { name: "logits_u_strong", shape: "[M, C]", meaning: "logits of strongly augmented copies of the same samples" },
    ],
    params: &[
        Param { name: "p_cutoff", symbol: r"\tau", default: Value::Float(0.95), range: Range::UNIT, meaning: "confidence threshold for keeping a pseudo-label (0.95 in the paper)" },
        Param { name: "lambda_u", symbol: r"\lambda_u", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the unlabeled term (1 in the paper)" },
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
    equivalents: &["semilearn.algorithms.fixmatch.FixMatch"],
    related: &["pseudo-label", "uda", "flexmatch", "freematch", "softmatch", "remixmatch", "cross-entropy"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given logits of both views it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
