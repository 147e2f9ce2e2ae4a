//! Nash-MTL: combine task gradients with the weights of the Nash bargaining solution, so that
//! every task agrees on the proportional benefit of the joint update.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "nash-mtl",
    name: "Nash-MTL",
    aliases: &["Nash Bargaining MTL"],
    kind: Kind::Method,
    domains: &["multi-task"],
    year: 2022,
    paper: Paper {
        title: "Multi-Task Learning as a Bargaining Game",
        authors: "Navon et al.",
        venue: "ICML 2022",
        year: 2022,
        url: "https://arxiv.org/abs/2202.01017",
    },
    summary: "Treats the tasks as players bargaining over a shared update within a ball: the Nash bargaining solution maximizes the sum of log utilities and gives an update sum_i alpha_i g_i whose weights solve G^T G alpha = 1/alpha (elementwise), which the paper approximates by a sequence of convex problems. The result is invariant to rescaling any task's loss. Computing it needs all task gradients and an optimizer call per step (the paper recomputes weights only every few steps to save time).",
    formula: r"\Delta\theta = \sum_{i} \alpha_i g_i,\quad G^\top G\, \alpha = \mathbf{1} \oslash \alpha,\quad G = [g_1, \dots, g_T],\ \alpha > 0",
    properties: Properties::UNKNOWN,
    equivalents: &["LibMTL.weighting.Nash_MTL"],
    related: &["mgda", "pcgrad", "cagrad", "gradnorm", "uncertainty-weighting"],
    uses: &["cross-entropy", "mse"],
    status: Status::NotExecutable("a gradient-combination procedure over per-task gradients; the task losses are any entries"),
    eval: None,
    ..Entry::BLANK
};
