//! TimeSformer: a convolution-free video transformer with divided space-time attention, trained with
//! softmax cross-entropy.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "timesformer",
    name: "TimeSformer Loss",
    aliases: &["TimeSformer"],
    kind: Kind::Method,
    domains: &["video", "classification"],
    year: 2021,
    paper: Paper {
        title: "Is Space-Time Attention All You Need for Video Understanding?",
        authors: "Gedas Bertasius, Heng Wang, Lorenzo Torresani",
        venue: "ICML",
        year: 2021,
        url: "https://arxiv.org/abs/2102.05095",
    },
    summary: "Applies a ViT to sequences of frame patches and compares attention schemes; divided attention, where each block applies temporal attention (same patch across frames) and then spatial attention (within the frame), is both the most accurate and cheaper than joint space-time attention. Initialized from ImageNet ViT weights and trained on Kinetics with softmax cross-entropy, it handles longer clips than 3-D CNNs at similar cost. The objective is cross-entropy.",
    formula: r"\mathcal{L} = -\log\operatorname{softmax}\bigl(W z^{(L)}_{\text{cls}}\bigr)_{y}",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["slowfast", "i3d", "videomae", "cross-entropy"],
    uses: &["cross-entropy"],
    forms: &[],
    status: Status::NotExecutable("an action-recognition architecture trained with cross-entropy; the objective has its own entry"),
    eval: None,
    ..Entry::BLANK
};
