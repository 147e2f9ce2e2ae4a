//! Born-again networks: distil a trained network into a new one of the same architecture, then
//! repeat, each generation learning from the previous one. A training procedure built on
//! knowledge distillation, not a loss of its own.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "born-again",
    name: "Born-Again Networks",
    aliases: &["BAN", "Born-Again Neural Networks"],
    kind: Kind::Method,
    domains: &["distillation", "classification"],
    year: 2018,
    paper: Paper {
        title: "Born Again Neural Networks",
        authors: "Furlanello et al.",
        venue: "ICML 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1805.04770",
    },
    summary: "Sequential self-distillation: a teacher is trained normally, then a student with the same architecture is trained to match the teacher's output distribution (the knowledge-distillation loss), and the procedure repeats with the student as the next teacher. The students typically end up more accurate than their teachers, and averaging the predictions of several generations helps further. Each generation costs a full training run; the variants in the paper that reweight examples by teacher confidence or permute the non-argmax probabilities probe where the benefit of the teacher's soft outputs comes from.",
    formula: r"\theta_k = \arg\min_{\theta}\ \frac{1}{N}\sum_{i=1}^{N}\mathcal{L}\big(f(x_i; \theta),\ f(x_i; \theta_{k-1})\big),\quad \theta_0 \text{ trained on the labels}",
    properties: Properties::UNKNOWN,
    related: &["knowledge-distillation", "self-distillation", "noisy-student"],
    uses: &["knowledge-distillation", "cross-entropy"],
    status: Status::NotExecutable("a training procedure over successive model generations; each generation's objective is the knowledge-distillation (and cross-entropy) entry"),
    eval: None,
    ..Entry::BLANK
};
