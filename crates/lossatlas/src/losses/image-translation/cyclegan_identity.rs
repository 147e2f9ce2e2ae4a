//! CycleGAN identity loss: a generator fed an image that is already in its output domain should
//! leave it unchanged.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "cyclegan-identity",
    name: "Identity Loss",
    aliases: &["CycleGAN Identity Loss", "Identity Mapping Loss"],
    kind: Kind::Loss,
    domains: &["image-translation", "gan"],
    year: 2017,
    paper: Paper {
        title: "Unpaired Image-to-Image Translation using Cycle-Consistent Adversarial Networks",
        authors: "Jun-Yan Zhu, Taesung Park, Phillip Isola, Alexei A. Efros",
        venue: "ICCV 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1703.10593",
    },
    summary: "An L1 regularizer that feeds each generator real samples of its target domain, G(y) for G: X -> Y and F(x) for F: Y -> X, and penalizes any change. CycleGAN uses it with weight 0.5 lambda (lambda = 10 being the cycle weight) for painting-to-photo translation, where without it generators tend to shift the overall colour tint. It assumes the two domains share colour statistics and can hinder translations that should change colours.",
    formula: r"\mathcal{L}_{\text{identity}}(G, F) = \mathbb{E}_{y}\big[\lVert G(y) - y\rVert_1\big] + \mathbb{E}_{x}\big[\lVert F(x) - x\rVert_1\big]",
    inputs: &[
        Input { name: "pred", shape: "[N, C, H, W]", meaning: "G(y) (and F(x)): a generator applied to an image of its own output domain" },
        Input { name: "target", shape: "[N, C, H, W]", meaning: "the unchanged inputs y (and x)" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["cycle-consistency", "l1", "patchnce"],
    status: Status::Planned("an L1 distance; evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
