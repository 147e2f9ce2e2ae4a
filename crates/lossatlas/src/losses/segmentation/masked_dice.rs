//! Masked Dice loss: the Dice loss evaluated only inside a spatial mask (prediction and target are
//! multiplied by it).

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "masked-dice",
    name: "Masked Dice Loss",
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2022,
    paper: Paper {
        title: "MONAI: An open-source framework for deep learning in healthcare",
        authors: "Cardoso, M.J. et al.",
        venue: "",
        year: 2022,
        url: "https://arxiv.org/abs/2211.02701",
    },
    summary: "Computes MONAI's Dice loss on input * mask and target * mask, so pixels outside a region of interest (unlabelled areas, padding, outside the body) neither add to the intersection nor to the sizes. Useful for partially labelled data. The mask has one channel and is broadcast over classes; it is applied after the activation.",
    formula: r"L = L_{dice}\big(\sigma(x) \odot m,\ g \odot m\big)",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores; the activation (softmax / sigmoid) is applied inside where the form says so" },
        Input { name: "targets", shape: "[B, C, *] or [B, 1, *] (i64 with to_onehot_y)", meaning: "one-hot or soft targets, or class labels to one-hot encode" },
        Input { name: "mask", shape: "[B, 1, *]", meaning: "spatial mask (1 = keep)" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "squared_pred", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "squared denominator terms" },
        Param { name: "jaccard", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "soft Jaccard instead" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "class weights" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "monai.losses.MaskedDiceLoss",
    ],
    related: &["dice"],
    forms: &[
        Form { name: "monai", description: "monai.losses.MaskedDiceLoss(...)(input, target, mask): DiceLoss on the masked tensors." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
