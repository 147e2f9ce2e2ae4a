//! FlowNet 2.0: stack FlowNetC/FlowNetS networks with intermediate warping and train them one after
//! another with multi-scale endpoint losses on a dataset and learning-rate schedule.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "flownet2-multi-scale",
    name: "Stacked Multi-Scale Loss / FlowNet 2.0",
    aliases: &["FlowNet 2.0", "FlowNet2 Loss", "FlowNet2 MultiScale"],
    kind: Kind::Method,
    domains: &["flow-video-pose"],
    year: 2017,
    paper: Paper {
        title: "FlowNet 2.0: Evolution of Optical Flow Estimation with Deep Networks",
        authors: "Eddy Ilg, Nikolaus Mayer, Tonmoy Saikia, Margret Keuper, Alexey Dosovitskiy, Thomas Brox",
        venue: "CVPR 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1612.01925",
    },
    summary: "What changed from FlowNet is the training procedure, not the loss: each network of the stack receives the images, the previous flow, the second image warped by it and the brightness error, and networks are added and trained one at a time with earlier ones frozen, each with the multi-scale endpoint loss. The paper shows that the order of training data (FlyingChairs before FlyingThings3D) and the longer S_long / S_fine learning-rate schedules matter as much as architecture, and adds a small-displacement network fused with the large-displacement stack. NVIDIA's PyTorch port implements the loss as MultiScale: five scales weighted 0.32 / 2^s against average-pooled targets scaled by 0.05, with a mean L1 (or L2 norm) distance.",
    formula: r"\mathcal{L}_k = \sum_{s} w_s\, \operatorname{EPE}\big(f^{(s)}_k,\ \operatorname{down}_s(f_{\text{gt}})\big),\quad \text{network } k \text{ trained with networks } 1..k-1 \text{ fixed}",
    properties: Properties::UNKNOWN,
    related: &["multi-scale-epe", "endpoint-error", "pwc-net", "spynet"],
    uses: &["multi-scale-epe", "endpoint-error"],
    status: Status::NotExecutable("a staged training procedure for a stack of networks; its per-network loss is multi-scale-epe"),
    eval: None,
    ..Entry::BLANK
};
