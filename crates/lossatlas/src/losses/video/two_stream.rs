//! Two-stream networks: an appearance ConvNet on single frames and a motion ConvNet on stacked
//! optical flow, each trained with softmax cross-entropy and fused at test time.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "two-stream",
    name: "Two-Stream Loss",
    aliases: &["Two-Stream ConvNet"],
    kind: Kind::Method,
    domains: &["video", "classification"],
    year: 2014,
    paper: Paper {
        title: "Two-Stream Convolutional Networks for Action Recognition in Videos",
        authors: "Karen Simonyan, Andrew Zisserman",
        venue: "NeurIPS",
        year: 2014,
        url: "https://arxiv.org/abs/1406.2199",
    },
    summary: "Action recognition with two separately trained ConvNets: a spatial stream on individual RGB frames (ImageNet-pretrained) and a temporal stream on a stack of dense optical-flow displacement fields from consecutive frames. Each stream is trained with softmax cross-entropy on action labels; the temporal stream is trained multi-task on UCF-101 and HMDB-51 with one softmax head per dataset to offset the small datasets. Class scores are fused by averaging or a linear SVM. The objective is cross-entropy; the flow input and the two-stream design are the contributions.",
    formula: r"\mathcal{L}_{\text{stream}} = -\log\operatorname{softmax}\bigl(f_{\text{stream}}(x)\bigr)_{y},\quad \text{score} = \operatorname{fuse}\bigl(\operatorname{softmax}(f_{\text{spatial}}),\ \operatorname{softmax}(f_{\text{temporal}})\bigr)",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["c3d", "i3d", "slowfast", "cross-entropy"],
    uses: &["cross-entropy"],
    forms: &[],
    status: Status::NotExecutable("an action-recognition architecture trained with cross-entropy; the objective has its own entry"),
    eval: None,
    ..Entry::BLANK
};
