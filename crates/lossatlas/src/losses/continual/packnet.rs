//! PackNet: packs several tasks into one network by training a task, pruning a fraction of its free
//! weights by magnitude, retraining the rest, and freezing them before the next task.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "packnet",
    name: "PackNet Loss",
    kind: Kind::Method,
    domains: &["continual"],
    year: 2018,
    paper: Paper {
        title: "PackNet: Adding Multiple Tasks to a Single Network by Iterative Pruning",
        authors: "Arun Mallya, Svetlana Lazebnik",
        venue: "CVPR",
        year: 2018,
        url: "https://arxiv.org/abs/1711.05769",
    },
    summary: "After training on a task it prunes the lowest-magnitude fraction of the weights that are still free, briefly retrains the surviving ones, and freezes them; the pruned weights become free for the next task, and a per-task binary mask selects the weights used at inference. There is no forgetting because earlier tasks' weights never change, but capacity shrinks with every task, the task identity is needed at test time, and each task uses a fixed, fairly coarse share of the network.",
    formula: r"\text{for task } t: \ \min_{W \odot M_{free}} \mathcal{L}_t(W),\quad M_t = \operatorname{top\text{-}k}_{|W \odot M_{free}|},\quad M_{free} \leftarrow M_{free} \setminus M_t,\quad f_t(x) = f\bigl(x; W \odot (M_1 \cup \dots \cup M_t)\bigr)",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["progressive-neural-networks", "ewc"],
    uses: &["cross-entropy"],
    status: Status::NotExecutable("an iterative prune-retrain-freeze procedure on the model's weights"),
    eval: None,
    ..Entry::BLANK
};
