//! SPyNet: a spatial pyramid of small networks, each predicting a residual flow update at one
//! resolution after warping with the upsampled coarser flow, trained level by level.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "spynet",
    name: "Spatial Pyramid Loss / SPyNet",
    aliases: &["SPyNet", "Spatial Pyramid Network"],
    kind: Kind::Method,
    domains: &["flow-video-pose"],
    year: 2017,
    paper: Paper {
        title: "Optical Flow Estimation Using a Spatial Pyramid Network",
        authors: "Anurag Ranjan, Michael J. Black",
        venue: "CVPR 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1611.00850",
    },
    summary: "Combines classical coarse-to-fine estimation with learning: at pyramid level k, a small convolutional network G_k receives the first image, the second image warped by the upsampled flow from level k-1, and that flow, and predicts a residual; the level is trained with the endpoint error between its residual and the residual of the downsampled ground truth, starting from the coarsest level with earlier levels fixed. Because each level only has to model small motions, the networks are tiny (the whole model is far smaller than FlowNet). Large motions of small objects that vanish at coarse levels are its weak spot.",
    formula: r"v_k = G_k\big(I^1_k,\ w(I^2_k, u(V_{k-1})),\ u(V_{k-1})\big),\quad V_k = u(V_{k-1}) + v_k,\quad \mathcal{L}_k = \operatorname{EPE}\big(v_k,\ \hat V_k - u(V_{k-1})\big)",
    properties: Properties::UNKNOWN,
    related: &["endpoint-error", "pwc-net", "flownet2-multi-scale", "raft-sequence"],
    uses: &["endpoint-error"],
    status: Status::NotExecutable("a level-wise training procedure for a pyramid of networks; its loss is endpoint-error on residual flow"),
    eval: None,
    ..Entry::BLANK
};
