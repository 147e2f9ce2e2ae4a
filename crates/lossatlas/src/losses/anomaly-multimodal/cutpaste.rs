//! CutPaste: self-supervised anomaly detection that trains a classifier to distinguish normal
//! images from images in which a patch was cut and pasted elsewhere, then fits a Gaussian density
//! to the learned features.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "cutpaste",
    name: "CutPaste Loss",
    kind: Kind::Method,
    domains: &["anomaly-multimodal"],
    year: 2021,
    paper: Paper {
        title: "CutPaste: Self-Supervised Learning for Anomaly Detection and Localization",
        authors: "Chun-Liang Li, Kihyuk Sohn, Jinsung Yoon, Tomas Pfister",
        venue: "CVPR",
        year: 2021,
        url: "https://arxiv.org/abs/2104.04015",
    },
    summary: "Creates synthetic defects by cutting a random rectangular patch (or a thin scar) from an image and pasting it at another location, and trains a CNN with cross-entropy to tell augmented from original images (binary, or three-way with the scar variant). At test time a Gaussian density estimator fitted on features of normal training images gives the anomaly score, and patch-level models give localization. The augmentation resembles industrial defects, which is why it works on MVTec-like data and less on semantic anomalies.",
    formula: r"\mathcal{L}_{CP} = \mathbb{E}_{x \in \mathcal{X}}\Bigl[\operatorname{CE}\bigl(g(x), 0\bigr) + \operatorname{CE}\bigl(g(\operatorname{CP}(x)), 1\bigr)\Bigr]",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["draem", "simplenet", "mahalanobis-ood", "patchcore"],
    uses: &["cross-entropy"],
    status: Status::NotExecutable("needs the augmentation pipeline, the classifier and density estimation on its features"),
    eval: None,
    ..Entry::BLANK
};
