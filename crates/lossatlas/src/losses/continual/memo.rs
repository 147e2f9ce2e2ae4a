//! MEMO: a memory-efficient expandable architecture for class-incremental learning that shares the
//! generic shallow layers and adds only specialized deep blocks for each new task.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "memo",
    name: "MEMO Loss",
    aliases: &["Memory-efficient Expandable Model"],
    kind: Kind::Method,
    domains: &["continual"],
    year: 2022,
    paper: Paper {
        title: "A Model or 603 Exemplars: Towards Memory-Efficient Class-Incremental Learning",
        authors: "Da-Wei Zhou, Qi-Wei Wang, Han-Jia Ye, De-Chuan Zhan",
        venue: "ICLR",
        year: 2022,
        url: "https://arxiv.org/abs/2205.13218",
    },
    summary: "Starts from the observation that shallow layers change little across incremental stages while deep layers specialize, so instead of copying whole backbones per task (as dynamic-expansion methods do) it freezes shared shallow blocks and adds a new deep block per task, concatenating the features of all deep blocks for classification. Training uses cross-entropy on new data and exemplars plus an auxiliary classifier on the new block. The paper compares methods at equal total memory (model size plus exemplars), which is where its name comes from.",
    formula: r"f(x) = W^\top\bigl[\phi^{s}_{1}(\phi^{g}(x)), \dots, \phi^{s}_{t}(\phi^{g}(x))\bigr],\quad \mathcal{L} = \operatorname{CE}\bigl(f(x), y\bigr) + \mathcal{L}_{aux}",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["foster", "progressive-neural-networks", "ease"],
    uses: &["cross-entropy"],
    status: Status::NotExecutable("an architecture-expanding training procedure with exemplar memory"),
    eval: None,
    ..Entry::BLANK
};
