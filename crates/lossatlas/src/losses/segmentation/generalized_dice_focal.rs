//! Generalized Dice + focal: the weighted sum of the generalized Dice loss and a focal loss, as
//! MONAI ships it.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "generalized-dice-focal",
    name: "Generalized Dice + Focal Loss",
    kind: Kind::Composite,
    domains: &["segmentation", "medical"],
    year: 2022,
    paper: Paper {
        title: "MONAI: An open-source framework for deep learning in healthcare",
        authors: "Cardoso, M.J. et al.",
        venue: "",
        year: 2022,
        url: "https://arxiv.org/abs/2211.02701",
    },
    summary: "Adds a focal loss to the generalized Dice loss, combining volume-weighted region overlap for class imbalance with a pixel-wise term that focuses on hard pixels. It is MONAI's composite rather than a loss from a dedicated paper. Weights lambda_gdl and lambda_focal default to 1.",
    formula: r"L = \lambda_{gdl}\,L_{GDL}(\sigma(x), g) + \lambda_{focal}\,L_{focal}(x, g;\,\gamma)",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores; the activation (softmax / sigmoid) is applied inside where the form says so" },
        Input { name: "targets", shape: "[B, C, *] or [B, 1, *] (i64 with to_onehot_y)", meaning: "one-hot or soft targets, or class labels to one-hot encode" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "w_type", symbol: "", default: Value::Str("square"), range: Range::Choice { values: &["square", "simple", "uniform"] }, meaning: "class weights of the GDL term" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "focusing parameter" },
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "class weights of the focal term" },
        Param::REDUCTION_MEAN,
        Param { name: "lambda_gdl", symbol: r"\lambda_{gdl}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the GDL term" },
        Param { name: "lambda_focal", symbol: r"\lambda_{focal}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the focal term" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "monai.losses.GeneralizedDiceFocalLoss",
    ],
    related: &["generalized-dice", "focal", "dice-focal"],
    uses: &["generalized-dice", "focal"],
    forms: &[
        Form { name: "monai", description: "monai.losses.GeneralizedDiceFocalLoss: GeneralizedDiceLoss + FocalLoss(use_softmax=softmax)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
