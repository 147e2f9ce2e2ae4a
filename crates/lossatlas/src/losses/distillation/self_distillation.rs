//! Self-distillation ("be your own teacher"): shallow auxiliary classifiers attached to the
//! intermediate stages of one network learn from its deepest classifier during training. A
//! training procedure combining cross-entropy, distillation and feature hints.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "self-distillation",
    name: "Self-Distillation Loss",
    aliases: &["Be Your Own Teacher", "BYOT"],
    kind: Kind::Method,
    domains: &["distillation", "classification"],
    year: 2019,
    paper: Paper {
        title: "Be Your Own Teacher",
        authors: "Zhang et al.",
        venue: "ICCV 2019",
        year: 2019,
        url: "https://arxiv.org/abs/1905.08094",
    },
    summary: "Splits a network into sections, attaches a small classifier (bottleneck plus fully connected layer) after each one and trains everything jointly: every classifier gets the label cross-entropy, each shallow classifier also gets a temperature-softened KL divergence towards the deepest classifier, and an L2 hint pulls its bottleneck features towards the deepest features. No separate teacher is needed, the deep classifier usually improves as well, and the shallow classifiers allow early exits at inference. The weights of the three terms and the temperature are hyperparameters of the method.",
    formula: r"\mathcal{L} = \sum_{k=1}^{K}\Big[(1-\alpha)\,\operatorname{CE}(q_k, y) + \alpha\,\operatorname{KL}\big(q_K^{T} \,\|\, q_k^{T}\big) + \lambda\,\lVert F_k - F_K\rVert_2^2\Big]",
    properties: Properties::UNKNOWN,
    related: &["knowledge-distillation", "born-again", "deep-supervision", "fitnets"],
    uses: &["cross-entropy", "knowledge-distillation", "fitnets"],
    status: Status::NotExecutable("a training procedure over the auxiliary classifiers of one network; its terms are the cross-entropy, knowledge-distillation and fitnets (hint) entries"),
    eval: None,
    ..Entry::BLANK
};
