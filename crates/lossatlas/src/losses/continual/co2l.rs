//! Co2L: learns continual representations with an asymmetric supervised contrastive loss (anchors
//! from the current task only) and an instance-wise relation distillation that preserves the old
//! model's similarity structure; a classifier is trained afterwards on buffered samples.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "co2l",
    name: "Co²L Loss",
    aliases: &["Contrastive Continual Learning"],
    kind: Kind::Method,
    domains: &["continual", "self-supervised"],
    year: 2021,
    paper: Paper {
        title: "Co²L: Contrastive Continual Learning",
        authors: "Hyuntak Cha, Jaeho Lee, Jinwoo Shin",
        venue: "ICCV",
        year: 2021,
        url: "https://arxiv.org/abs/2106.14413",
    },
    summary: "Trains the representation with supervised contrastive loss in which only current-task samples serve as anchors while buffered past samples act as negatives (asymmetric SupCon), plus an instance-wise relation distillation: a cross-entropy between the old and the current model's softmax distributions of each sample's similarities to the others in the batch. A linear classifier is then fitted on a class-balanced replay buffer. Contrastive features are found to transfer and forget less than cross-entropy features.",
    formula: r"\mathcal{L} = \mathcal{L}^{asym}_{sup} + \lambda\,\mathcal{L}_{IRD},\quad \mathcal{L}_{IRD} = \sum_{i}-\mathbf{p}(\tilde x_i; \psi_{past})\cdot\log\mathbf{p}(\tilde x_i; \psi),\quad p_{i, j} = \frac{\exp(z_i \cdot z_j / \kappa)}{\sum_{k \ne i}\exp(z_i \cdot z_k / \kappa)}",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["experience-replay", "der", "lwf"],
    uses: &["supcon", "kl-divergence", "experience-replay"],
    status: Status::NotExecutable("needs the current and the past encoder, a replay buffer and two training stages"),
    eval: None,
    ..Entry::BLANK
};
