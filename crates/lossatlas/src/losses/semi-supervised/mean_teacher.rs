//! Mean Teacher: consistency training against a teacher whose weights are an exponential moving
//! average of the student's weights.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mean-teacher",
    name: "Mean Teacher Loss",
    aliases: &["Mean Teacher"],
    kind: Kind::Method,
    domains: &["semi-supervised", "domain-adaptation"],
    year: 2017,
    paper: Paper {
        title: "Mean Teachers Are Better Role Models: Weight-Averaged Consistency Targets Improve Semi-Supervised Deep Learning Results",
        authors: "Antti Tarvainen, Harri Valpola",
        venue: "NeurIPS",
        year: 2017,
        url: "https://arxiv.org/abs/1703.01780",
    },
    summary: "Like the pi-model, adds to the supervised cross-entropy a ramped-up mean squared difference between the softmax outputs of two differently augmented passes, but the second pass uses a teacher whose weights are an exponential moving average of the student's (decay 0.99, then 0.999 in the paper). Averaging weights at every step instead of predictions once per epoch (temporal ensembling) gives better targets sooner and scales to large datasets. What is distinctive is the weight averaging; the loss terms are ordinary cross-entropy and MSE.",
    formula: r"\mathcal{L} = \operatorname{CE}\bigl(y, f_\theta(x)\bigr) + w(t)\,\bigl\lVert \operatorname{softmax}(f_\theta(x, \eta)) - \operatorname{softmax}(f_{\theta'}(x, \eta'))\bigr\rVert_2^2,\quad \theta'_t = \alpha\,\theta'_{t-1} + (1 - \alpha)\,\theta_t",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &["semilearn.algorithms.meanteacher.MeanTeacher"],
    related: &["pi-model", "fixmatch", "noisy-student", "byol"],
    uses: &["cross-entropy", "mse"],
    forms: &[],
    status: Status::NotExecutable("a training procedure: the teacher is an exponential moving average of the student's weights; the loss terms are cross-entropy and mse"),
    eval: None,
    ..Entry::BLANK
};
