//! SlowFast: a low-frame-rate pathway for semantics and a light high-frame-rate pathway for motion,
//! trained with softmax cross-entropy.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "slowfast",
    name: "SlowFast Loss",
    aliases: &["SlowFast"],
    kind: Kind::Method,
    domains: &["video", "classification"],
    year: 2019,
    paper: Paper {
        title: "SlowFast Networks for Video Recognition",
        authors: "Christoph Feichtenhofer, Haoqi Fan, Jitendra Malik, Kaiming He",
        venue: "ICCV",
        year: 2019,
        url: "https://arxiv.org/abs/1812.03982",
    },
    summary: "Processes a clip with two pathways: a Slow pathway at a low frame rate with many channels for spatial semantics, and a Fast pathway at a high frame rate (alpha = 8 times more frames) with few channels (beta = 1/8) for motion, joined by lateral connections. Trained from scratch on Kinetics with softmax cross-entropy (and with per-box sigmoid cross-entropy for AVA action detection), it improved accuracy at lower cost. The objective is ordinary cross-entropy.",
    formula: r"\mathcal{L} = -\log\operatorname{softmax}\bigl(f_\theta(x_{\text{slow}}, x_{\text{fast}})\bigr)_{y}",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["i3d", "c3d", "timesformer", "videomae", "cross-entropy"],
    uses: &["cross-entropy"],
    forms: &[],
    status: Status::NotExecutable("an action-recognition architecture trained with cross-entropy; the objective has its own entry"),
    eval: None,
    ..Entry::BLANK
};
