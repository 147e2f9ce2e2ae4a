//! Mahalanobis OOD score: the negative Mahalanobis distance of an input's features to the closest
//! class mean under a shared covariance fitted on training features. A detector score, not a
//! training loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mahalanobis-ood",
    name: "Mahalanobis Distance-based OOD Score",
    aliases: &["Mahalanobis Score", "Mahalanobis Detector"],
    kind: Kind::Score,
    domains: &["adversarial-ood"],
    year: 2018,
    paper: Paper {
        title: "A Simple Unified Framework for Detecting Out-of-Distribution Samples and Adversarial Attacks",
        authors: "Kimin Lee, Kibok Lee, Honglak Lee, Jinwoo Shin",
        venue: "NeurIPS",
        year: 2018,
        url: "https://arxiv.org/abs/1807.03888",
    },
    summary: "Fits class-conditional Gaussians with a shared covariance to the penultimate (or intermediate) features of a trained classifier and scores an input by the negative Mahalanobis distance to the nearest class mean. It is not trained on. The paper adds ODIN-style input pre-processing and combines scores from several layers with a logistic regression, which needs some validation data; without those the single-layer score is a simple post-hoc baseline. The covariance estimate needs many more samples than feature dimensions.",
    formula: r"M(x) = \max_{c}\ -\bigl(f(x) - \hat\mu_c\bigr)^\top \hat\Sigma^{-1}\bigl(f(x) - \hat\mu_c\bigr)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "features of the test inputs" },
        Input { name: "class_means", shape: "[C, D]", meaning: "class means of the training features" },
        Input { name: "precision", shape: "[D, D]", meaning: "inverse of the shared (tied) covariance of the training features" },
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
    equivalents: &["pytorch_ood.detector.Mahalanobis"],
    related: &["msp", "odin", "knn-ood", "ssd", "energy-ood"],
    status: Status::Planned("the single-layer score is a function of features, class means and precision; input pre-processing and the layer ensemble need the model; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
