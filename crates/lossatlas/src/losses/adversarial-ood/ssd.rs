//! SSD: learns features by contrastive self-supervision on unlabeled in-distribution data, clusters
//! them, and scores test inputs by Mahalanobis distance to the nearest cluster.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ssd",
    name: "SSD Loss (Self-Supervised Outlier Detection)",
    aliases: &["Self-Supervised Outlier Detection"],
    kind: Kind::Method,
    domains: &["adversarial-ood"],
    year: 2021,
    paper: Paper {
        title: "SSD: A Unified Framework for Self-Supervised Outlier Detection",
        authors: "Vikash Sehwag, Mung Chiang, Prateek Mittal",
        venue: "ICLR",
        year: 2021,
        url: "https://arxiv.org/abs/2103.12051",
    },
    summary: "Needs only unlabeled in-distribution data: a SimCLR-style contrastive loss learns features, k-means splits the training features into clusters, and the OOD score is the minimum Mahalanobis distance to a cluster. With labels the contrastive loss becomes supervised contrastive (SSD+), and a few labelled outliers can be added (few-shot variant). It performs close to supervised detectors but inherits the sensitivity of Mahalanobis scores to covariance estimation.",
    formula: r"s(x) = \min_{m}\ \bigl(z_x - \mu_m\bigr)^\top \Sigma_m^{-1}\bigl(z_x - \mu_m\bigr),\quad z = h_\theta(x) \text{ trained with } \mathcal{L}_{NT\text{-}Xent} \text{ (or SupCon)}",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["mahalanobis-ood", "csi", "knn-ood"],
    uses: &["nt-xent", "supcon", "mahalanobis-ood"],
    status: Status::NotExecutable("needs contrastive training of the encoder and clustering of training features"),
    eval: None,
    ..Entry::BLANK
};
