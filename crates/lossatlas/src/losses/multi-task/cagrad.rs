//! CAGrad: choose the update direction that maximizes the worst-case task improvement within a
//! ball around the average gradient.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "cagrad",
    name: "CAGrad",
    aliases: &["Conflict-Averse Gradient Descent"],
    kind: Kind::Method,
    domains: &["multi-task", "reinforcement-learning"],
    year: 2021,
    paper: Paper {
        title: "Conflict-Averse Gradient Descent for Multi-task Learning",
        authors: "Liu et al.",
        venue: "NeurIPS 2021",
        year: 2021,
        url: "https://arxiv.org/abs/2110.14048",
    },
    summary: "Looks for an update d that maximizes the smallest inner product with any task gradient while staying within distance c ||g_0|| of the average gradient g_0; solved through a small dual problem over task weights, d = g_0 + (sqrt(phi) / ||g_w||) g_w with phi = c^2 ||g_0||^2. With c = 0 it is plain gradient descent on the average loss and as c grows it approaches MGDA; unlike MGDA it provably converges to a minimum of the average loss for c < 1. c is a hyperparameter; values around 0.4 to 0.5 are common in supervised benchmarks.",
    formula: r"\max_{d}\ \min_{i}\ \langle g_i, d\rangle \quad \text{s.t.}\quad \lVert d - g_0 \rVert \le c\,\lVert g_0 \rVert,\qquad g_0 = \frac{1}{T}\sum_i g_i",
    properties: Properties::UNKNOWN,
    equivalents: &["LibMTL.weighting.CAGrad"],
    related: &["pcgrad", "mgda", "nash-mtl", "gradnorm"],
    uses: &["cross-entropy", "mse"],
    status: Status::NotExecutable("a gradient-combination procedure over per-task gradients; the task losses are any entries"),
    eval: None,
    ..Entry::BLANK
};
