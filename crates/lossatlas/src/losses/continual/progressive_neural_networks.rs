//! Progressive neural networks: a new network column for every task, with lateral connections from
//! the frozen columns of earlier tasks, so old tasks cannot be forgotten and their features can be
//! reused.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "progressive-neural-networks",
    name: "Progressive Neural Networks",
    aliases: &["PNN", "Progressive Nets"],
    kind: Kind::Method,
    domains: &["continual"],
    year: 2016,
    paper: Paper {
        title: "Progressive Neural Networks",
        authors: "Andrei A. Rusu, Neil C. Rabinowitz, Guillaume Desjardins, Hubert Soyer, James Kirkpatrick, Koray Kavukcuoglu, Razvan Pascanu, Raia Hadsell",
        venue: "",
        year: 2016,
        url: "https://arxiv.org/abs/1606.04671",
    },
    summary: "Avoids forgetting by construction: when a new task arrives, the previous columns are frozen and a new column is added whose layers also receive adapted activations from the corresponding layers of all earlier columns. Each column is trained with the task's own loss (reinforcement learning with asynchronous advantage actor-critic in the paper). Transfer comes through the lateral connections; the cost is parameters growing linearly (and lateral connections quadratically) with the number of tasks, and the task identity must be known at test time.",
    formula: r"h_i^{(k)} = f\Bigl(W_i^{(k)} h_{i-1}^{(k)} + \sum_{j < k} U_i^{(k:j)} h_{i-1}^{(j)}\Bigr),\quad \text{columns } j < k \text{ frozen}",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["packnet", "ewc", "memo", "ease"],
    uses: &["a2c"],
    status: Status::NotExecutable("an architecture-growing training procedure, not a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
