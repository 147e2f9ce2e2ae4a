//! MusicGen's loss: cross-entropy over the discrete tokens of several EnCodec codebooks, predicted
//! by one transformer with the codebooks interleaved by a delay pattern.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "musicgen",
    name: "MusicGen Cross-Entropy Loss",
    aliases: &["MusicGen Loss"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2023,
    paper: Paper {
        title: "Simple and Controllable Music Generation",
        authors: "Jade Copet, Felix Kreuk, Itai Gat, Tal Remez, David Kant, Gabriel Synnaeve, Yossi Adi, Alexandre Défossez",
        venue: "NeurIPS",
        year: 2023,
        url: "https://arxiv.org/abs/2306.05284",
    },
    summary: "Predicts the K parallel token streams of an EnCodec residual quantizer with a single autoregressive transformer; the codebooks are offset by a delay pattern so that one step predicts all K tokens, and the loss is the cross-entropy per codebook averaged over codebooks, skipping padded positions. It avoids a cascade of models per codebook. Conditioning (text via T5, optional melody chroma) enters through cross-attention or prefix and is dropped at random for classifier-free guidance.",
    formula: r"\ell = -\frac{1}{K}\sum_{k=1}^{K}\frac{1}{|\mathcal{T}_k|}\sum_{t \in \mathcal{T}_k} \log p_\theta\bigl(q_{k,t} \mid q_{<t}, c\bigr)",
    inputs: &[
        Input { name: "logits", shape: "[B, K, T, V]", meaning: "token scores per codebook k and step t over the vocabulary V" },
        Input { name: "targets", shape: "[B, K, T]", meaning: "EnCodec token indices" },
        Input { name: "mask", shape: "[B, K, T]", meaning: "valid (non-padded) positions after the delay pattern" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["encodec", "cross-entropy", "vampnet", "next-token-prediction"],
    status: Status::Planned("masked cross-entropy averaged over codebooks; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
