//! I3D: 2-D ImageNet architectures inflated into 3-D, with a flow stream, pretrained on Kinetics with
//! softmax cross-entropy.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "i3d",
    name: "I3D Loss",
    aliases: &["I3D", "Inflated 3D ConvNet"],
    kind: Kind::Method,
    domains: &["video", "classification"],
    year: 2017,
    paper: Paper {
        title: "Quo Vadis, Action Recognition? A New Model and the Kinetics Dataset",
        authors: "João Carreira, Andrew Zisserman",
        venue: "CVPR",
        year: 2017,
        url: "https://arxiv.org/abs/1705.07750",
    },
    summary: "Inflates the filters and pooling of an ImageNet-trained Inception network into 3-D (repeating 2-D weights along time and rescaling) so that video models start from image pretraining, and pairs an RGB and an optical-flow stream as in two-stream networks. Pretraining on the then-new Kinetics dataset with softmax cross-entropy and fine-tuning on UCF-101 and HMDB-51 gave large gains, establishing Kinetics pretraining as standard. The objective is cross-entropy; inflation and the dataset are the contributions.",
    formula: r"\mathcal{L} = -\log\operatorname{softmax}\bigl(f_\theta(x)\bigr)_{y}",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["c3d", "two-stream", "slowfast", "timesformer", "cross-entropy"],
    uses: &["cross-entropy"],
    forms: &[],
    status: Status::NotExecutable("an action-recognition architecture trained with cross-entropy; the objective has its own entry"),
    eval: None,
    ..Entry::BLANK
};
