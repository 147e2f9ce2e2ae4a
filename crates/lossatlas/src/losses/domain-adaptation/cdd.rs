//! Contrastive domain discrepancy: a class-conditional MMD that pulls together source and target
//! features of the same class and pushes apart those of different classes.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "cdd",
    name: "Contrastive Domain Discrepancy (CDD)",
    aliases: &["CDD", "Contrastive Adaptation Network Loss", "CAN Loss"],
    kind: Kind::Loss,
    domains: &["domain-adaptation", "metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Contrastive Adaptation Network for Unsupervised Domain Adaptation",
        authors: "Kang et al.",
        venue: "CVPR 2019",
        year: 2019,
        url: "https://arxiv.org/abs/1901.00976",
    },
    summary: "Computes kernel MMD between source features of class c1 and target features of class c2 for every class pair, using ground-truth labels on the source and pseudo-labels from clustering on the target; the intra-class terms (c1 = c2) are minimized and the inter-class terms maximized. CAN alternates target clustering with network updates and uses only classes and samples whose cluster assignments are confident. Compared with plain MMD it aligns class-conditional distributions, but wrong pseudo-labels pull the wrong classes together.",
    formula: r"\mathcal{D}^{\text{cdd}} = \frac{1}{M}\sum_{m=1}^{M} \mathcal{D}^{mm} - \frac{1}{M(M-1)}\sum_{m=1}^{M}\sum_{m' \neq m} \mathcal{D}^{mm'},\quad \mathcal{D}^{c_1 c_2} = \text{kernel MMD between source class } c_1 \text{ and target class } c_2",
    inputs: &[
        Input { name: "source_features", shape: "[N_S, d]", meaning: "source features" },
        Input { name: "source_labels", shape: "[N_S] (i64)", meaning: "source labels" },
        Input { name: "target_features", shape: "[N_T, d]", meaning: "target features" },
        Input { name: "target_labels", shape: "[N_T] (i64)", meaning: "target pseudo-labels" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["mmd", "dann", "deep-coral", "contrastive"],
    status: Status::Planned("no reference cases; needs the kernel choice (multi-kernel Gaussian in the paper) fixed"),
    eval: None,
    ..Entry::BLANK
};
