//! C3D: a 3-D ConvNet with 3 x 3 x 3 kernels trained on short clips with softmax cross-entropy,
//! used as a generic spatio-temporal feature extractor.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "c3d",
    name: "C3D Loss",
    aliases: &["C3D"],
    kind: Kind::Method,
    domains: &["video", "classification"],
    year: 2015,
    paper: Paper {
        title: "Learning Spatiotemporal Features with 3D Convolutional Networks",
        authors: "Du Tran, Lubomir Bourdev, Rob Fergus, Lorenzo Torresani, Manohar Paluri",
        venue: "ICCV",
        year: 2015,
        url: "https://arxiv.org/abs/1412.0767",
    },
    summary: "Trains a VGG-like network of 3 x 3 x 3 spatio-temporal convolutions on 16-frame clips of Sports-1M with softmax cross-entropy over the sports classes, and shows that its fc6 activations are compact, generic video descriptors for action recognition, scene classification and similarity with a linear classifier. The paper's finding is that homogeneous small 3-D kernels work best; the objective is ordinary cross-entropy.",
    formula: r"\mathcal{L} = -\log\operatorname{softmax}\bigl(f_\theta(x_{1:16})\bigr)_{y}",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["i3d", "two-stream", "slowfast", "cross-entropy"],
    uses: &["cross-entropy"],
    forms: &[],
    status: Status::NotExecutable("an action-recognition architecture trained with cross-entropy; the objective has its own entry"),
    eval: None,
    ..Entry::BLANK
};
