//! PCGrad: gradient surgery for multi-task learning; when two task gradients conflict, project
//! each onto the normal plane of the other before summing.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "pcgrad",
    name: "PCGrad",
    aliases: &["Projecting Conflicting Gradients", "Gradient Surgery"],
    kind: Kind::Method,
    domains: &["multi-task", "reinforcement-learning"],
    year: 2020,
    paper: Paper {
        title: "Gradient Surgery for Multi-Task Learning",
        authors: "Yu et al.",
        venue: "NeurIPS 2020",
        year: 2020,
        url: "https://arxiv.org/abs/2001.06782",
    },
    summary: "For each task gradient g_i and every other task j in random order, if g_i . g_j < 0 the component of g_i along g_j is removed; the modified gradients are summed and applied. The paper identifies conflicting directions, differing magnitudes and high curvature as the 'tragic triad' that makes multi-task optimization hard, and reports gains on multi-task supervised learning and multi-task reinforcement learning (Meta-World). It costs one backward pass per task and T^2 dot products, and the random order makes updates stochastic.",
    formula: r"g_i \leftarrow g_i - \frac{g_i^\top g_j}{\lVert g_j\rVert_2^2}\, g_j \quad \text{if } g_i^\top g_j < 0,\qquad \Delta\theta = \sum_i g_i",
    properties: Properties::UNKNOWN,
    equivalents: &["LibMTL.weighting.PCGrad"],
    related: &["cagrad", "mgda", "nash-mtl", "gradnorm"],
    uses: &["cross-entropy", "mse"],
    status: Status::NotExecutable("a gradient-surgery procedure over per-task gradients; the task losses are any entries"),
    eval: None,
    ..Entry::BLANK
};
