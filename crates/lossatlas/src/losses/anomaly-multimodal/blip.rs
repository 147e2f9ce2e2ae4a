//! BLIP's pre-training objective: an image-text contrastive loss, an image-text matching loss with
//! hard negatives, and a captioning language-modeling loss, optimized together on one multimodal
//! encoder-decoder.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "blip",
    name: "BLIP Loss",
    aliases: &["BLIP Pre-training Objective"],
    kind: Kind::Composite,
    domains: &["anomaly-multimodal", "language-modeling"],
    year: 2022,
    paper: Paper {
        title: "BLIP: Bootstrapping Language-Image Pre-training for Unified Vision-Language Understanding and Generation",
        authors: "Junnan Li, Dongxu Li, Caiming Xiong, Steven Hoi",
        venue: "ICML",
        year: 2022,
        url: "https://arxiv.org/abs/2201.12086",
    },
    summary: "Sums three losses with equal weights: image-text contrastive alignment of unimodal embeddings (with momentum-encoder soft targets), binary image-text matching on a cross-attention encoder fed with hard negatives mined from the contrastive similarities, and an autoregressive captioning loss on an image-grounded decoder. The caption and filter modules trained this way then bootstrap cleaner web data (CapFilt) for another round of pre-training.",
    formula: r"\mathcal{L} = \mathcal{L}_{itc} + \mathcal{L}_{itm} + \mathcal{L}_{lm}",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["blip-2", "clip", "align", "coca"],
    uses: &["clip", "cross-entropy", "next-token-prediction"],
    status: Status::NotExecutable("three heads of one vision-language model; hard-negative mining and momentum encoders live in training"),
    eval: None,
    ..Entry::BLANK
};
