//! Cycle consistency (CycleGAN): translating an image to the other domain and back should
//! return the original, measured with an L1 distance.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "cycle-consistency",
    name: "Cycle Consistency Loss (CycleGAN)",
    aliases: &["Cycle Consistency Loss", "CycleGAN Loss", "Cycle Loss"],
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
    summary: "With two generators G: X -> Y and F: Y -> X trained adversarially without paired data, the cycle loss asks F(G(x)) to reconstruct x and G(F(y)) to reconstruct y in L1, which rules out many mappings that fool the discriminators but discard the input's content. CycleGAN weights it by lambda = 10 against least-squares adversarial losses, optionally adding the identity loss. The constraint favours near-bijective mappings, so translations that must change geometry or drop information (cat to dog shapes) work poorly, and generators can hide information in imperceptible signals to satisfy it.",
    formula: r"\mathcal{L}_{\text{cyc}}(G, F) = \mathbb{E}_{x}\big[\lVert F(G(x)) - x\rVert_1\big] + \mathbb{E}_{y}\big[\lVert G(F(y)) - y\rVert_1\big]",
    inputs: &[
        Input { name: "pred", shape: "[N, C, H, W]", meaning: "reconstructions F(G(x)) (and G(F(y)))" },
        Input { name: "target", shape: "[N, C, H, W]", meaning: "the original images x (and y)" },
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
    related: &["cyclegan-identity", "lsgan", "l1", "unit-translation", "munit", "patchnce", "stargan"],
    status: Status::Planned("an L1 distance between reconstructions and originals; evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
