//! KNN OOD score: the negative distance from an input's normalized feature to its k-th nearest
//! neighbour among normalized training features. A post-hoc detector score, not a training loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "knn-ood",
    name: "KNN-based OOD Score",
    aliases: &["Deep Nearest Neighbors OOD", "KNN Score"],
    kind: Kind::Score,
    domains: &["adversarial-ood"],
    year: 2022,
    paper: Paper {
        title: "Out-of-Distribution Detection with Deep Nearest Neighbors",
        authors: "Yiyou Sun, Yifei Ming, Xiaojin Zhu, Yixuan Li",
        venue: "ICML",
        year: 2022,
        url: "https://arxiv.org/abs/2204.06507",
    },
    summary: "Normalizes penultimate features to unit length and scores a test input by minus the distance to its k-th nearest training feature; it is not trained on and makes no distributional assumption, unlike the Mahalanobis score. The paper uses k = 50 on CIFAR-10 and k = 1000 with a 1% sample of the training set on ImageNet. Quality depends on the feature space (contrastively trained features work best) and it needs the training features at test time.",
    formula: r"S(x) = -\bigl\lVert z^* - z_{(k)} \bigr\rVert_2,\quad z^* = \frac{h(x)}{\lVert h(x) \rVert_2},\ z_{(k)} = k\text{-th nearest normalized training feature}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "test features" },
        Input { name: "target_embeddings", shape: "[M, D]", meaning: "training (bank) features" },
    ],
    params: &[
        Param { name: "k", symbol: "k", default: Value::Int(50), range: Range::Integer { min: 1, max: 2147483648 }, meaning: "which neighbour's distance is used (50 on CIFAR-10 in the paper)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["pytorch_ood.detector.KNN"],
    related: &["mahalanobis-ood", "ssd", "cider", "msp"],
    status: Status::Planned("a function of test and bank features; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
