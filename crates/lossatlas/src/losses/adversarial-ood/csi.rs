//! CSI: contrastive learning in which strongly shifted copies of an image (e.g. rotations) count as
//! negatives rather than positives, plus a classifier that predicts which shift was applied; used
//! for novelty detection.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "csi",
    name: "CSI Loss (Contrasting Shifted Instances)",
    aliases: &["Contrasting Shifted Instances"],
    kind: Kind::Method,
    domains: &["adversarial-ood"],
    year: 2020,
    paper: Paper {
        title: "CSI: Novelty Detection via Contrastive Learning on Distributionally Shifted Instances",
        authors: "Jihoon Tack, Sangwoo Mo, Jongheon Jeong, Jinwoo Shin",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/2007.08176",
    },
    summary: "Extends SimCLR for novelty detection: distribution-shifting transformations such as 90-degree rotations create new instances that are contrasted against the original (con-SI), and an auxiliary head predicts which shift was applied (cls-SI); the two losses are added with weight lambda = 1. At test time a score combines the cosine similarity to the nearest training feature and the feature norm, ensembled over shifts. Which transformations count as shifts depends on the data; rotation works for natural images but not for rotation-invariant data.",
    formula: r"\mathcal{L}_{CSI} = \mathcal{L}_{con\text{-}SI} + \lambda\,\mathcal{L}_{cls\text{-}SI},\quad \mathcal{L}_{cls\text{-}SI} = \mathbb{E}_{x, y}\bigl[-\log p_{cls}\bigl(y \mid S_y(x)\bigr)\bigr]",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["ssd", "knn-ood", "cider"],
    uses: &["nt-xent", "cross-entropy"],
    status: Status::NotExecutable("needs the encoder, shifting transformations and a training loop over augmented views"),
    eval: None,
    ..Entry::BLANK
};
