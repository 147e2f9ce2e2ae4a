//! Pi-model and temporal ensembling: penalize the squared difference between predictions of
//! the same input under two random augmentations and dropout masks (or against an ensemble of
//! past predictions).

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "pi-model",
    name: "Π-Model & Temporal Ensemble Loss",
    aliases: &["Pi-Model Loss", "Π-Model Loss", "Temporal Ensembling Loss"],
    kind: Kind::Loss,
    domains: &["semi-supervised"],
    year: 2017,
    paper: Paper {
        title: "Temporal Ensembling for Semi-Supervised Learning",
        authors: "Samuli Laine, Timo Aila",
        venue: "ICLR",
        year: 2017,
        url: "https://arxiv.org/abs/1610.02242",
    },
    summary: "Each input is evaluated twice with independent augmentation and dropout; labeled samples add cross-entropy, and all samples add the mean squared difference between the two softmax outputs, weighted by w(t) that ramps up along a Gaussian curve exp(-5 (1 - T)^2) over the first epochs. Temporal ensembling replaces the second pass by an exponential moving average of each sample's past predictions (bias-corrected), halving the cost and giving less noisy targets. Both rely on the ramp-up: a large consistency weight early on locks in a degenerate solution.",
    formula: r"\mathcal{L} = -\frac{1}{|B|}\sum_{i \in B \cap L}\log z_{i, y_i} + w(t)\,\frac{1}{C|B|}\sum_{i \in B}\lVert z_i - \tilde z_i\rVert_2^2,\quad z = \operatorname{softmax}(f(x)),\ \tilde z = \operatorname{softmax}(\tilde f(x))",
    inputs: &[
        Input { name: "logits", shape: "[B, C]", meaning: "first stochastic pass over the batch" },
        Input { name: "logits_2", shape: "[B, C]", meaning: "second stochastic pass (pi-model) or the ensemble targets (temporal ensembling)" },
        Input { name: "targets", shape: "[B] (i64)", meaning: "labels; ignore_index marks unlabeled samples" },
    ],
    params: &[
        Param { name: "consistency_weight", symbol: "w(t)", default: Value::Float(100.0), range: Range::NON_NEGATIVE, meaning: "current weight of the consistency term; the paper ramps it up to w_max = 100 for the pi-model (scaled by the labeled fraction)" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "target value of unlabeled samples" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["semilearn.algorithms.pimodel.PiModel"],
    related: &["mean-teacher", "vat", "uda", "fixmatch", "mse"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
