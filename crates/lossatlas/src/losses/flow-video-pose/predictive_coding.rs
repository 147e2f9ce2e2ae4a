//! PredNet's loss: weighted sums of the rectified positive and negative prediction errors that
//! each layer of a predictive-coding network emits.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "predictive-coding",
    name: "Predictive Coding Loss / PredNet",
    aliases: &["PredNet Loss", "PredNet"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "video", "self-supervised"],
    year: 2017,
    paper: Paper {
        title: "Deep Predictive Coding Networks for Video Prediction and Unsupervised Learning",
        authors: "William Lotter, Gabriel Kreiman, David Cox",
        venue: "ICLR 2017",
        year: 2017,
        url: "https://arxiv.org/abs/1605.08104",
    },
    summary: "Inspired by predictive coding in neuroscience: each layer l predicts its input A_l (the frame at l = 0, lower-layer errors above) and passes on the error E_l = [ReLU(A_l - A-hat_l); ReLU(A-hat_l - A_l)]. Training minimizes the weighted mean activity of these error units over time steps and layers; the L_0 variant weights only the pixel layer (lambda_0 = 1, others 0), L_all also weights higher layers by 0.1, and the first time step gets weight 0 because nothing can be predicted yet. At the pixel layer it reduces to an L1 next-frame prediction loss.",
    formula: r"\mathcal{L} = \sum_{t} \lambda_t \sum_{l} \frac{\lambda_l}{n_l} \sum_{n_l} E^{t}_{l},\qquad E_l = \big[\operatorname{ReLU}(A_l - \hat A_l);\ \operatorname{ReLU}(\hat A_l - A_l)\big]",
    inputs: &[
        Input { name: "errors", shape: "list over layers of [N, T, 2 C_l, H_l, W_l]", meaning: "error-unit activations E_l of the network at each time step" },
    ],
    params: &[
        Param { name: "layer_weights", symbol: r"\lambda_l", default: Value::Floats(&[1.0, 0.0, 0.0, 0.0]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "per-layer weights (L_0 variant; L_all uses 0.1 for the higher layers)" },
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
    related: &["l1", "gradient-difference", "motion-content-decomposition"],
    status: Status::Planned("needs the network's error-unit activations as inputs; no reference cases"),
    eval: None,
    ..Entry::BLANK
};
