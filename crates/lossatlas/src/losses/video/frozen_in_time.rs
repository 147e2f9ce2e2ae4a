//! Frozen in Time: a space-time transformer that encodes images and videos alike, trained for
//! text retrieval with a symmetric contrastive loss and a curriculum over clip length.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "frozen-in-time",
    name: "Frozen in Time Loss",
    aliases: &["Frozen in Time"],
    kind: Kind::Method,
    domains: &["video", "self-supervised", "anomaly-multimodal"],
    year: 2021,
    paper: Paper {
        title: "Frozen in Time: A Joint Video and Image Encoder for End-to-End Retrieval",
        authors: "Max Bain, Arsha Nagrani, Gül Varol, Andrew Zisserman",
        venue: "ICCV",
        year: 2021,
        url: "https://arxiv.org/abs/2104.00650",
    },
    summary: "A ViT-based encoder with divided space-time attention treats an image as a one-frame video, so it can be trained jointly on image-caption (Conceptual Captions) and video-caption data (the paper's new WebVid-2M) for text-to-video retrieval. Training minimizes a symmetric InfoNCE between video and text embeddings, with a curriculum that starts from single frames and increases the number of frames, interpolating the temporal position embeddings. The objective is symmetric InfoNCE; joint image-video training is the contribution.",
    formula: r"\mathcal{L} = -\frac{1}{B}\sum_{i}\log\frac{e^{x_i^\top y_i/\sigma}}{\sum_{j} e^{x_i^\top y_j/\sigma}} - \frac{1}{B}\sum_{i}\log\frac{e^{y_i^\top x_i/\sigma}}{\sum_{j} e^{y_i^\top x_j/\sigma}}",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["infonce", "clip", "videoclip", "timesformer"],
    uses: &["infonce"],
    forms: &[],
    status: Status::NotExecutable("a pretraining recipe whose objective is symmetric infonce over video-text pairs"),
    eval: None,
    ..Entry::BLANK
};
