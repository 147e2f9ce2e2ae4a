//! MGDA for multi-task learning: at each step, combine task gradients with the convex weights
//! that minimize the norm of the combined gradient (a common descent direction).

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mgda",
    name: "MGDA",
    aliases: &["Multiple Gradient Descent Algorithm", "MGDA-UB"],
    kind: Kind::Method,
    domains: &["multi-task"],
    year: 2018,
    paper: Paper {
        title: "Multi-Task Learning as Multi-Objective Optimization",
        authors: "Sener & Koltun",
        venue: "NeurIPS 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1810.04650",
    },
    summary: "Casts multi-task learning as finding a Pareto-stationary point: the min-norm point in the convex hull of the task gradients is a direction that decreases every task (or zero at Pareto stationarity), found with a Frank-Wolfe solver. MGDA-UB makes it affordable by using gradients with respect to the shared representation instead of all shared parameters, an upper bound that needs one backward pass. It can favour tasks with small gradients and converges to an arbitrary Pareto point, not a chosen trade-off; gradient normalization choices change the result.",
    formula: r"\min_{\alpha \in \Delta^{T}} \Big\lVert \sum_{t=1}^{T} \alpha_t \nabla_{\theta_{sh}} \mathcal{L}_t \Big\rVert_2^2,\qquad \Delta^T = \{\alpha \ge 0,\ \textstyle\sum_t \alpha_t = 1\}",
    properties: Properties::UNKNOWN,
    equivalents: &["LibMTL.weighting.MGDA"],
    related: &["pcgrad", "cagrad", "nash-mtl", "gradnorm", "uncertainty-weighting"],
    uses: &["cross-entropy", "mse"],
    status: Status::NotExecutable("a gradient-combination procedure over per-task gradients; the task losses are any entries"),
    eval: None,
    ..Entry::BLANK
};
