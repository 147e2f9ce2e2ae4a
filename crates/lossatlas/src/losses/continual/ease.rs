//! EASE: class-incremental learning on a frozen pretrained model with a lightweight adapter per
//! task, each spanning its own feature subspace, classified with prototypes and without exemplars.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ease",
    name: "EASE Loss",
    aliases: &["Expandable Subspace Ensemble"],
    kind: Kind::Method,
    domains: &["continual"],
    year: 2024,
    paper: Paper {
        title: "Expandable Subspace Ensemble for Pre-Trained Model-Based Class-Incremental Learning",
        authors: "Da-Wei Zhou, Hai-Long Sun, Han-Jia Ye, De-Chuan Zhan",
        venue: "CVPR",
        year: 2024,
        url: "https://arxiv.org/abs/2403.12030",
    },
    summary: "Adds a small adapter (a new feature subspace) for every task on top of a frozen pre-trained ViT, trained with cross-entropy on that task only, and concatenates all subspaces for a prototype-based classifier. Old classes have no prototypes in the new subspaces, so a semantic-guided prototype complement synthesizes them from class similarities measured in the shared subspaces, avoiding exemplar storage. The adapters add parameters per task but little compute.",
    formula: r"\phi(x) = \bigl[\phi_1(x), \dots, \phi_t(x)\bigr],\quad \hat y = \arg\max_{c}\ \cos\bigl(\phi(x), p_c\bigr),\quad \text{task } t\text{: } \min_{\mathcal{A}_t}\operatorname{CE}\bigl(W_t^\top \phi_t(x), y\bigr)",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["l2p", "dualprompt", "coda-prompt", "memo", "foster"],
    uses: &["cross-entropy"],
    status: Status::NotExecutable("needs the frozen pretrained model, per-task adapters and prototype synthesis"),
    eval: None,
    ..Entry::BLANK
};
