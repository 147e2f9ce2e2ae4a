//! Focal Tversky loss: the Tversky loss raised to a power, to emphasize classes or images whose
//! Tversky index is still low.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "focal-tversky",
    name: "Focal Tversky Loss",
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2019,
    paper: Paper {
        title: "A Novel Focal Tversky Loss Function with Improved Attention U-Net for Lesion Segmentation",
        authors: "Abraham, N. & Khan, N.M.",
        venue: "ISBI",
        year: 2019,
        url: "https://arxiv.org/abs/1810.07842",
    },
    summary: "Raises 1 - Tversky index to the power gamma (1/gamma in the original paper's notation) so that well-segmented classes contribute little and hard, small lesions dominate. Combined with beta > alpha it targets recall on small structures. Libraries disagree on the exponent convention and on per-class handling: smp applies (1 - TI)^gamma per class; MONAI's asymmetric variant keeps the background term linear and exponentiates only the foreground with 1 - gamma.",
    formula: r"L = \operatorname{mean}_c\,(1 - TI_c)^{\gamma},\quad TI_c = \frac{TP_c + s}{TP_c + \alpha FP_c + \beta FN_c + s}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores (smp form)" },
        Input { name: "probs", shape: "[B, 2, *]", meaning: "probabilities (MONAI asymmetric form, binary)" },
        Input { name: "targets", shape: "[B, *] (i64) or [B, C, *]", meaning: "labels or one-hot targets" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "smp: false-positive weight" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "smp: false-negative weight" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "exponent (smp default 1.0; MONAI asymmetric default 0.75)" },
        Param { name: "delta", symbol: r"\delta", default: Value::Float(0.7), range: Range::UNIT, meaning: "MONAI asymmetric: weight of false negatives (false positives get 1 - delta)" },
        Param { name: "mode", symbol: "", default: Value::Null, range: Range::Choice { values: &["binary", "multilabel", "multiclass"] }, meaning: "smp task type" },
        Param { name: "smooth", symbol: "s", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "smp smoothing" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-07), range: Range::NON_NEGATIVE, meaning: "smp lower clamp / MONAI epsilon" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "segmentation_models_pytorch.losses.TverskyLoss",
        "monai.losses.unified_focal_loss.AsymmetricFocalTverskyLoss",
    ],
    related: &["tversky", "unified-focal", "asymmetric-focal", "dice"],
    forms: &[
        Form { name: "monai-asymmetric", description: "MONAI AsymmetricFocalTverskyLoss(delta, gamma): mTI_c = (tp + eps)/(tp + delta fn + (1 - delta) fp + eps) per (sample, class); background 1 - mTI_0, foreground (1 - mTI_1)^(1 - gamma); mean over the [B, 2] terms. Probabilities in, binary only." },
        Form { name: "smp", description: "segmentation_models_pytorch.losses.TverskyLoss(mode, alpha, beta, gamma): Tversky index per class over batch and spatial axes (clamped by eps), (1 - TI)^gamma, absent classes zeroed, mean over classes." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
