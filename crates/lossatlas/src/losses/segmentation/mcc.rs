//! MCC loss: one minus the Matthews correlation coefficient computed from soft confusion-matrix
//! counts, which also rewards correct background.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mcc",
    name: "Matthews Correlation Coefficient Loss",
    aliases: &["MCC Loss"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical", "classification"],
    year: 2021,
    paper: Paper {
        title: "Matthews Correlation Coefficient Loss for Deep Convolutional Networks: Application to Skin Lesion Segmentation",
        authors: "Abhishek, K., Hamarneh, G.",
        venue: "ISBI",
        year: 2021,
        url: "https://doi.org/10.1109/ISBI48211.2021.9433782",
    },
    summary: "Builds soft true/false positive/negative counts from probabilities and minimizes 1 - MCC, a balanced measure that, unlike Dice, includes true negatives and penalizes false positives and false negatives symmetrically. It suits imbalanced binary segmentation. The square root in the denominator needs a smoothing constant when a count is zero.",
    formula: r"L = 1 - \frac{TP\cdot TN - FP\cdot FN + s_{nr}}{\sqrt{(TP+FP)(TP+FN)(TN+FP)(TN+FN)} + s_{dr}}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "scores (MONAI, activation inside)" },
        Input { name: "probs", shape: "[B, 1, *]", meaning: "probabilities (smp)" },
        Input { name: "targets", shape: "[B, C, *]", meaning: "binary targets" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "MONAI numerator constant" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "MONAI denominator constant" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param::REDUCTION_MEAN,
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "smp: added to each factor under the square root" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[
        "monai.losses.MCCLoss",
        "segmentation_models_pytorch.losses.MCCLoss",
    ],
    related: &["dice", "jaccard", "sensitivity-specificity"],
    forms: &[
        Form { name: "monai", description: "monai.losses.MCCLoss: counts per (sample, class) (or pooled over the batch), then reduction." },
        Form { name: "smp", description: "segmentation_models_pytorch.losses.MCCLoss(eps): probabilities in, one global MCC over the whole batch, eps added inside each factor of the square root." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
