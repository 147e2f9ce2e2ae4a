//! TecoGAN's temporal self-supervision: a Ping-Pong loss between frames generated forwards and
//! backwards through a palindrome sequence, used with a spatio-temporal discriminator.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "temporal-self-supervision",
    name: "Temporal Self-Supervision Loss",
    aliases: &["TecoGAN Loss", "Ping-Pong Loss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "video", "super-resolution", "gan"],
    year: 2019,
    paper: Paper {
        title: "Learning Temporal Coherence via Self-Supervision for GAN-based Video Generation",
        authors: "Mengyu Chu, You Xie, Jonas Mayer, Laura Leal-Taixé, Nils Thuerey",
        venue: "ACM Transactions on Graphics",
        year: 2019,
        url: "https://arxiv.org/abs/1811.09393",
    },
    summary: "Recurrent video generators (super-resolution, unpaired translation) accumulate drifting artefacts over time. The Ping-Pong loss runs the generator over a sequence and then back over its reverse, and penalizes the L2 distance between the two outputs for every frame, so artefacts that grow in one direction cannot survive. TecoGAN pairs it with a spatio-temporal discriminator that sees three consecutive frames, with and without motion compensation, plus content, perceptual and warping losses, and proposes temporal metrics (tLP, tOF) to evaluate coherence.",
    formula: r"\mathcal{L}_{pp} = \sum_{t=1}^{n-1} \big\lVert g_t - g'_t \big\rVert_2,\quad g_t \text{ from the forward pass},\ g'_t \text{ from the backward pass over } (a_n, \dots, a_1)",
    inputs: &[
        Input { name: "pred", shape: "[N, T, C, H, W]", meaning: "frames generated in the forward pass" },
        Input { name: "target", shape: "[N, T, C, H, W]", meaning: "the same frames generated in the backward pass" },
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
    related: &["temporal-consistency", "warping", "perceptual", "gan-non-saturating"],
    status: Status::Planned("no reference cases; the Ping-Pong term is an L2 distance, evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
