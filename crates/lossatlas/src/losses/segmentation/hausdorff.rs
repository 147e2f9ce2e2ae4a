//! Hausdorff distance loss: differentiable surrogates of the Hausdorff distance between predicted
//! and true segmentations, from distance transforms or from repeated morphological erosion.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "hausdorff",
    name: "Hausdorff Distance Loss",
    aliases: &["HD Loss", "Hausdorff DT Loss", "Hausdorff ER Loss"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2019,
    paper: Paper {
        title: "Reducing the Hausdorff Distance in Medical Image Segmentation with Convolutional Neural Networks",
        authors: "Karimi, D. & Salcudean, S.E.",
        venue: "IEEE TMI",
        year: 2019,
        url: "https://arxiv.org/abs/1904.10030",
    },
    summary: "Weights the squared error between prediction and target by distance-transform values of both masks (DT form), or accumulates the squared error after repeated soft erosions (ER form), so that errors far from the correct boundary, which dominate the Hausdorff distance, are penalized most. Used to reduce large boundary outliers in medical segmentation, usually together with Dice. Distance transforms are computed on thresholded masks without gradient; the erosion form is fully differentiable but costs k convolutions.",
    formula: r"L_{DT} = \frac{1}{|\Omega|}\sum_{i}(p_i - g_i)^2\,\big(d_P(i)^{\alpha} + d_G(i)^{\alpha}\big),\qquad L_{ER} = \frac{1}{|\Omega|}\sum_{k=1}^{K}\sum_i \big((p - g)^2 \ominus_k B\big)_i\,k^{\alpha}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "MONAI forms: scores (activation inside)" },
        Input { name: "probs", shape: "[B, C, H, W]", meaning: "kornia form: probabilities" },
        Input { name: "targets", shape: "[B, C, *] or [B, 1, H, W] (i64)", meaning: "one-hot targets (MONAI) or labels (kornia)" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "exponent of the distance (MONAI) or of the erosion weight (kornia)" },
        Param { name: "k", symbol: "K", default: Value::Int(10), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "kornia: number of erosions" },
        Param { name: "include_background", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI: keep channel 0 (default False here)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[
        "kornia.losses.HausdorffERLoss",
        "monai.losses.HausdorffDTLoss",
        "monai.losses.LogHausdorffDTLoss",
    ],
    related: &["boundary", "dice", "chamfer"],
    forms: &[
        Form { name: "kornia-erosion", description: "kornia.losses.HausdorffERLoss(alpha, k, reduction): bound = (p - onehot)^2 eroded k times with a cross kernel (conv, subtract 0.5, relu, min-max normalization), weighted by (i + 1)^alpha and summed." },
        Form { name: "monai-dt", description: "monai.losses.HausdorffDTLoss: field(x) = edt(x) + edt(1 - x) (0 for an empty map) of (p > 0.5) and of the target per (sample, class); mean((p - g)^2 (dt_p^alpha + dt_g^alpha))." },
        Form { name: "monai-log-dt", description: "monai.losses.LogHausdorffDTLoss: log(1 + monai-dt loss)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
