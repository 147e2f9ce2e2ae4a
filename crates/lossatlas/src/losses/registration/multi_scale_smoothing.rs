//! Multi-scale loss: a wrapped loss evaluated on prediction and target blurred at several scales
//! (Gaussian or Cauchy kernels) and averaged.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "multi-scale-smoothing",
    name: "Multi-Scale Loss (Gaussian / Cauchy smoothing)",
    aliases: &["MultiScaleLoss"],
    kind: Kind::Composite,
    domains: &["registration", "medical"],
    year: 2020,
    paper: Paper {
        title: "DeepReg: a deep learning toolkit for medical image registration",
        authors: "Fu, Y. et al.",
        venue: "Journal of Open Source Software",
        year: 2020,
        url: "",
    },
    summary: "Smooths both the prediction and the target with separable Gaussian or Cauchy kernels of several widths and averages the wrapped loss over the scales (scale 0 means no smoothing). Coarse scales give informative gradients even when a warped label and its target barely overlap, which is why it is used for label-driven registration (DeepReg, from which MONAI adapted it). It wraps any other loss, typically Dice.",
    formula: r"L = \frac{1}{|S|}\sum_{s \in S} \ell\big(K_s * \hat y,\ K_s * y\big),\quad K_0 = \delta",
    inputs: &[
        Input { name: "pred", shape: "[B, C, *]", meaning: "prediction (for example a warped label map)" },
        Input { name: "target", shape: "[B, C, *]", meaning: "target" },
    ],
    params: &[
        Param { name: "loss", symbol: "", default: Value::Null, range: Range::Any, meaning: "the wrapped loss (required)" },
        Param { name: "scales", symbol: "S", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "kernel widths; None means no smoothing" },
        Param { name: "kernel", symbol: "", default: Value::Str("gaussian"), range: Range::Choice { values: &["gaussian", "cauchy"] }, meaning: "smoothing kernel" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::Unknown,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Values,
    },
    equivalents: &[
        "monai.losses.MultiScaleLoss",
    ],
    related: &["dice", "deep-supervision"],
    uses: &["dice"],
    status: Status::Planned("no reference cases yet; needs the separable Gaussian / Cauchy kernels of MONAI and a wrapped loss"),
    eval: None,
    ..Entry::BLANK
};
