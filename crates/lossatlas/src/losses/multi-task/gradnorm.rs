//! GradNorm: learn task weights so that the norms of the weighted task gradients on the shared
//! layer track a common target scaled by each task's relative training rate.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "gradnorm",
    name: "GradNorm",
    aliases: &["Gradient Normalization for Multi-Task Learning"],
    kind: Kind::Method,
    domains: &["multi-task"],
    year: 2018,
    paper: Paper {
        title: "GradNorm: Gradient Normalization for Adaptive Loss Balancing",
        authors: "Chen et al.",
        venue: "ICML 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1711.02257",
    },
    summary: "A weighting method rather than a loss: the network minimizes sum_t w_t L_t, while the weights w_t are updated by a second objective that moves each weighted gradient norm G_t = ||grad_W w_t L_t|| (W = last shared layer) towards the mean norm times r_t^alpha, where r_t is the task's inverse training rate L_t(t) / L_t(0) relative to the average. Tasks that train slowly get larger weights; alpha sets how strongly (1.5 on NYUv2 in the paper), and weights are renormalized to sum to T after every step. It needs per-task gradients at one layer each step, and the targets are treated as constants.",
    formula: r"L_{\text{grad}}(t) = \sum_{i} \Big\lvert G_W^{(i)}(t) - \bar G_W(t)\, \big[r_i(t)\big]^{\alpha} \Big\rvert_1,\quad G_W^{(i)} = \lVert \nabla_W w_i L_i \rVert_2,\quad r_i = \frac{\tilde L_i}{\operatorname{mean}_j \tilde L_j},\ \tilde L_i = \frac{L_i(t)}{L_i(0)}",
    properties: Properties::UNKNOWN,
    equivalents: &["LibMTL.weighting.GradNorm"],
    related: &["uncertainty-weighting", "mgda", "pcgrad", "cagrad", "nash-mtl"],
    uses: &["cross-entropy", "mse"],
    status: Status::NotExecutable("a task-weighting procedure on per-task gradients of shared parameters; the task losses are any entries"),
    eval: None,
    ..Entry::BLANK
};
