//! VideoMAE: masked autoencoding of video with very high tube masking; the loss is the mean squared
//! error on the masked patches.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "videomae",
    name: "VideoMAE Loss",
    aliases: &["VideoMAE"],
    kind: Kind::Method,
    domains: &["video", "self-supervised"],
    year: 2022,
    paper: Paper {
        title: "VideoMAE: Masked Autoencoders are Data-Efficient Learners for Self-Supervised Video Pre-Training",
        authors: "Zhan Tong, Yibing Song, Jue Wang, Limin Wang",
        venue: "NeurIPS",
        year: 2022,
        url: "https://arxiv.org/abs/2203.12602",
    },
    summary: "Splits a clip into space-time cubes, hides 90 to 95 percent of them with tube masking (the same spatial positions in every frame, so the model cannot copy from neighbouring frames), encodes the visible ones with a ViT and reconstructs the hidden ones with a light decoder, minimizing the mean squared error on the (per-patch normalized) pixels of masked cubes only. The extreme ratio suits the temporal redundancy of video and makes pretraining cheap and data-efficient. The objective is masked MSE; the masking design is the contribution.",
    formula: r"\mathcal{L} = \frac{1}{|\Omega|}\sum_{p \in \Omega}\bigl\lVert V(p) - \hat V(p)\bigr\rVert_2^2,\quad \Omega = \text{masked cubes}",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["mse", "internvideo", "msn", "patchtst", "timesformer"],
    uses: &["mse"],
    forms: &[],
    status: Status::NotExecutable("a self-supervised pretraining recipe whose loss is mse on masked patches"),
    eval: None,
    ..Entry::BLANK
};
