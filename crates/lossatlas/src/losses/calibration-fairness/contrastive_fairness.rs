//! Fair supervised contrastive learning (FSCL): a supervised contrastive loss on embeddings whose
//! negatives are restricted to samples that share the anchor's sensitive attribute, so that the
//! representation cannot separate classes by the sensitive attribute.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "contrastive-fairness",
    name: "Contrastive Fairness Loss (FSCL)",
    aliases: &["FSCL", "Fair Supervised Contrastive Loss", "FSCL+"],
    kind: Kind::Loss,
    domains: &["calibration-fairness", "metric-learning", "self-supervised"],
    year: 2022,
    paper: Paper {
        title: "Fair Contrastive Learning for Facial Attribute Classification",
        authors: "Sungho Park, Jewook Lee, Pilhyeon Lee, Sunhee Hwang, Dohyung Kim, Hyeran Byun",
        venue: "CVPR",
        year: 2022,
        url: "https://arxiv.org/abs/2203.16209",
    },
    summary: "A supervised contrastive loss for learning fair representations: positives of an anchor are the other samples of its target class, and the negatives in the denominator are only the samples of other classes that share the anchor's sensitive attribute, so that pushing negatives away cannot be achieved by encoding the sensitive attribute. The FSCL+ variant adds a group-wise normalization so that groups of different sizes contribute equally. Train the encoder with it on two augmented views, then fit a linear classifier on the frozen representation; it needs sensitive-attribute labels during pre-training.",
    formula: r"\ell_i = -\frac{1}{|P(i)|}\sum_{p \in P(i)} \log \frac{e^{z_i \cdot z_p/\tau}}{\sum_{n \in N(i)} e^{z_i \cdot z_n/\tau}},\quad P(i) = \{p \neq i: y_p = y_i\},\ N(i) = \{n: y_n \neq y_i,\ s_n = s_i\}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, V, D]", meaning: "L2-normalized embeddings of V views of each sample" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "target classes" },
        Input { name: "groups", shape: "[N] (i64)", meaning: "sensitive attributes" },
    ],
    params: &[Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.07), range: Range::POSITIVE, meaning: "softmax temperature of the similarities" }],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::Unknown,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["supcon", "nt-xent", "demographic-parity", "adversarial-debiasing"],
    status: Status::Planned(
        "the official FairSupConLoss is not in the stored sources; the copies found differ (hard-negative reweighting, a group normalization with a fixed constant, an extra 1 added to empty denominators), so the exact negative set and FSCL+ normalization must be confirmed before implementing",
    ),
    ..Entry::BLANK
};
