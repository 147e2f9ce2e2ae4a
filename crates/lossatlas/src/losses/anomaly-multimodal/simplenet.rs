//! SimpleNet's loss: a truncated L1 (hinge) loss that trains a small discriminator to score adapted
//! normal features positive and Gaussian-noise-perturbed features negative.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "simplenet",
    name: "SimpleNet Loss",
    kind: Kind::Loss,
    domains: &["anomaly-multimodal"],
    year: 2023,
    paper: Paper {
        title: "SimpleNet: A Simple Network for Image Anomaly Detection and Localization",
        authors: "Zhikang Liu, Yiming Zhou, Yuansheng Xu, Zilei Wang",
        venue: "CVPR",
        year: 2023,
        url: "https://arxiv.org/abs/2303.15140",
    },
    summary: "Takes patch features from a frozen pretrained backbone, passes them through a trainable adaptor, makes synthetic anomalous features by adding Gaussian noise (sigma = 0.015 in the paper), and trains an MLP discriminator with hinge penalties max(0, th - D(q)) for normal and max(0, th + D(q^-)) for noised features (margin 0.5). Only the adaptor and discriminator are trained; the discriminator's output on test patches gives the anomaly map. Anomalies are thus modelled in feature space rather than image space.",
    formula: r"\ell = \max\bigl(0,\ th^+ - D(q)\bigr) + \max\bigl(0,\ -th^- + D(q^-)\bigr),\quad q^- = q + \epsilon,\ \epsilon \sim \mathcal{N}(0, \sigma^2 I),\ th^+ = 0.5,\ th^- = -0.5",
    inputs: &[
        Input { name: "scores", shape: "[N]", meaning: "discriminator scores D(q) on adapted normal features" },
        Input { name: "synthetic_scores", shape: "[N]", meaning: "discriminator scores D(q^-) on noise-perturbed features" },
    ],
    params: &[
        Param { name: "margin", symbol: "th", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "hinge margin for both terms (th+ = 0.5, th- = -0.5)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["cutpaste", "draem", "patchcore", "hinge"],
    status: Status::Planned("a function of discriminator scores; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
