//! Multi-scale EPE (FlowNet): endpoint error applied to the flow predicted at every decoder scale,
//! against downsampled ground truth, with weights that favour the coarse scales.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "multi-scale-epe",
    name: "Multi-Scale EPE Loss / FlowNet",
    aliases: &["Multi-Scale EPE", "FlowNet Loss", "multiscaleEPE"],
    kind: Kind::Loss,
    domains: &["flow-video-pose"],
    year: 2015,
    paper: Paper {
        title: "FlowNet: Learning Optical Flow with Convolutional Networks",
        authors: "Alexey Dosovitskiy, Philipp Fischer, Eddy Ilg, Philip Häusser, Caner Hazırbaş, Vladimir Golkov, Patrick van der Smagt, Daniel Cremers, Thomas Brox",
        venue: "ICCV 2015",
        year: 2015,
        url: "https://arxiv.org/abs/1504.06852",
    },
    summary: "FlowNet's refinement decoder predicts flow at several resolutions, and each prediction is supervised with the endpoint error against the ground truth resized to that resolution; the weighted sum deeply supervises the coarse-to-fine decoder. The FlowNetPytorch reference uses weights 0.005, 0.01, 0.02, 0.08, 0.32 from the finest to the coarsest output, area-downsamples dense targets (max-pooling for sparse ones), and sums EPE over pixels divided by the batch size. Flows are usually scaled down (by 20 in the original training) before the loss, which changes its magnitude.",
    formula: r"\mathcal{L} = \sum_{s} w_s\, \frac{1}{B}\sum_{b}\sum_{x} \big\lVert f^{(s)}_{b}(x) - \operatorname{down}_s(f_{\text{gt}})_{b}(x)\big\rVert_2",
    inputs: &[
        Input { name: "preds", shape: "list of [N, 2, H_s, W_s]", meaning: "flow predictions from finest to coarsest scale" },
        Input { name: "target", shape: "[N, 2, H, W]", meaning: "full-resolution ground-truth flow" },
    ],
    params: &[
        Param { name: "weights", symbol: "w_s", default: Value::Floats(&[0.005, 0.01, 0.02, 0.08, 0.32]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "per-scale weights, finest first (FlowNetPytorch default)" },
        Param { name: "sparse", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "ground truth is sparse: (0, 0) marks invalid pixels and targets are max-pooled" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["endpoint-error", "flownet2-multi-scale", "pwc-net", "deep-supervision"],
    uses: &["endpoint-error"],
    status: Status::Planned("no reference cases; needs the downsampling convention fixed (area interpolation as in FlowNetPytorch)"),
    eval: None,
    ..Entry::BLANK
};
