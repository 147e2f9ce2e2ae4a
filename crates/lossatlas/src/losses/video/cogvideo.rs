//! CogVideo: autoregressive text-to-video generation over discrete image tokens, inheriting a
//! pretrained text-to-image transformer.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "cogvideo",
    name: "CogVideo Loss",
    aliases: &["CogVideo"],
    kind: Kind::Method,
    domains: &["video", "language-modeling"],
    year: 2022,
    paper: Paper {
        title: "CogVideo: Large-scale Pretraining for Text-to-Video Generation via Transformers",
        authors: "Wenyi Hong, Ming Ding, Wendi Zheng, Xinghan Liu, Jie Tang",
        venue: "ICLR",
        year: 2022,
        url: "https://arxiv.org/abs/2205.15868",
    },
    summary: "A large transformer that generates frames as sequences of discrete image tokens (from a VQ image tokenizer) after the text tokens, trained by next-token cross-entropy. It inherits the weights of the text-to-image model CogView2 and adds temporal attention channels (dual-channel attention), and uses multi-frame-rate hierarchical training: key frames are generated at a frame rate given as a condition, then a second model interpolates between them recursively. The objective is autoregressive cross-entropy over tokens.",
    formula: r"\mathcal{L} = -\sum_{i}\log p_\theta\bigl(v_i \mid v_{<i},\ \text{text},\ \text{frame rate}\bigr)",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["next-token-prediction", "videogpt", "videopoet"],
    uses: &["next-token-prediction"],
    forms: &[],
    status: Status::NotExecutable("an autoregressive token model; its objective is next-token-prediction"),
    eval: None,
    ..Entry::BLANK
};
