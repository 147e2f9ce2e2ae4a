//! FreeMatch: FixMatch with a self-adaptive threshold from running averages of the model's own
//! confidence, plus a fairness term that keeps pseudo-labels from collapsing onto a few classes.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "freematch",
    name: "FreeMatch Loss",
    aliases: &["FreeMatch", "Self-Adaptive Thresholding"],
    kind: Kind::Method,
    domains: &["semi-supervised"],
    year: 2023,
    paper: Paper {
        title: "FreeMatch: Self-adaptive Thresholding for Semi-supervised Learning",
        authors: "Yidong Wang, Hao Chen, Qiang Heng, Wenxin Hou, Yue Fan, Zhen Wu, Jindong Wang, Marios Savvides, Takahiro Shinozaki, Bhiksha Raj, Bernt Schiele, Xing Xie",
        venue: "ICLR",
        year: 2023,
        url: "https://arxiv.org/abs/2205.07246",
    },
    summary: "The global threshold is an exponential moving average (momentum 0.999) of the mean maximum confidence on unlabeled weak views, starting from 1/C, so it is low early and rises as the model becomes confident; per-class thresholds scale it by the max-normalized moving average of each class's mean predicted probability. A self-adaptive fairness term, weighted 0.01 by default in USB, maximizes the entropy of the batch's mean prediction on confident strong views after normalizing by the predicted-label histogram, discouraging collapse onto majority classes. The losses are cross-entropies; the moving-average state across training is what makes it a method.",
    formula: r"\tau_t = \lambda\,\tau_{t-1} + (1 - \lambda)\,\frac{1}{\mu B}\sum_{b}\max(q_b),\quad \tilde p_t(c) = \lambda\,\tilde p_{t-1}(c) + (1 - \lambda)\,\frac{1}{\mu B}\sum_{b} q_b(c),\quad \tau_t(c) = \frac{\tilde p_t(c)}{\max_{c'}\tilde p_t(c')}\,\tau_t,\quad \mathcal{L} = \mathcal{L}_s + w_u\,\mathcal{L}_u + w_f\,\mathcal{L}_f",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &["semilearn.algorithms.freematch.FreeMatch"],
    related: &["fixmatch", "flexmatch", "softmatch"],
    uses: &["fixmatch", "cross-entropy"],
    forms: &[],
    status: Status::NotExecutable("the thresholds and the fairness term's normalizers are moving averages kept across training"),
    eval: None,
    ..Entry::BLANK
};
