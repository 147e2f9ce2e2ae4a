//! VideoCLIP: symmetric video-text InfoNCE with temporally overlapping positive pairs and
//! retrieval-augmented hard negatives.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "videoclip",
    name: "VideoCLIP Loss",
    aliases: &["VideoCLIP"],
    kind: Kind::Method,
    domains: &["video", "self-supervised", "anomaly-multimodal"],
    year: 2021,
    paper: Paper {
        title: "VideoCLIP: Contrastive Pre-training for Zero-shot Video-Text Understanding",
        authors: "Hu Xu, Gargi Ghosh, Po-Yao Huang, Dmytro Okhonko, Armen Aghajanyan, Florian Metze, Luke Zettlemoyer, Christoph Feichtenhofer",
        venue: "EMNLP",
        year: 2021,
        url: "https://arxiv.org/abs/2109.14084",
    },
    summary: "Pretrains video and text transformers (on frozen S3D video features) with a symmetric InfoNCE loss between video clips and transcript segments. Positives are sampled as temporally overlapping, not exactly aligned, pairs, which tolerates the loose alignment of narrations; negatives become harder by building each batch from clusters of similar videos found by retrieval with the current model. The result transfers zero-shot to retrieval, action localization and segmentation. The objective is symmetric InfoNCE.",
    formula: r"\mathcal{L} = -\sum_{(v, t) \in B}\Bigl(\log\frac{e^{v^\top t/\tau}}{\sum_{t^{\prime}} e^{v^\top t^{\prime}/\tau}} + \log\frac{e^{t^\top v/\tau}}{\sum_{v^{\prime}} e^{t^\top v^{\prime}/\tau}}\Bigr)",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["infonce", "clip", "frozen-in-time", "internvideo"],
    uses: &["infonce"],
    forms: &[],
    status: Status::NotExecutable("a pretraining recipe whose objective is symmetric infonce over video-text pairs"),
    eval: None,
    ..Entry::BLANK
};
