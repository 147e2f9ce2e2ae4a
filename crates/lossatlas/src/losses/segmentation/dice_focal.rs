//! Dice + focal: the weighted sum of a soft Dice loss and a focal loss, for segmentation of small,
//! imbalanced structures.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dice-focal",
    name: "Dice + Focal Loss",
    aliases: &["DiceFocal"],
    kind: Kind::Composite,
    domains: &["segmentation", "medical"],
    year: 2019,
    paper: Paper {
        title: "AnatomyNet: Deep learning for fast and fully automated whole-volume segmentation of head and neck anatomy",
        authors: "Zhu, W. et al.",
        venue: "Medical Physics",
        year: 2019,
        url: "https://arxiv.org/abs/1808.05238",
    },
    summary: "Combines the Dice loss, which balances foreground and background at the region level, with the focal loss, which down-weights easy pixels so that hard boundary pixels dominate the gradient; AnatomyNet used this pairing for small head-and-neck organs. MONAI's DiceFocalLoss weights the two with lambda_dice and lambda_focal and uses a softmax focal loss when softmax=True, a sigmoid one otherwise.",
    formula: r"L = \lambda_{dice}\,L_{dice}(\sigma(x), g) + \lambda_{focal}\,L_{focal}(x, g;\,\gamma, \alpha)",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores; the activation (softmax / sigmoid) is applied inside where the form says so" },
        Input { name: "targets", shape: "[B, C, *] or [B, 1, *] (i64 with to_onehot_y)", meaning: "one-hot or soft targets, or class labels to one-hot encode" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "focusing parameter of the focal term" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Null, range: Range::UNIT, meaning: "class balance of the focal term" },
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "class weights" },
        Param::REDUCTION_MEAN,
        Param { name: "lambda_dice", symbol: r"\lambda_{dice}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the Dice term" },
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
        "monai.losses.DiceFocalLoss",
    ],
    related: &["dice", "focal", "dice-ce", "generalized-dice-focal", "unified-focal"],
    uses: &["dice", "focal"],
    forms: &[
        Form { name: "monai", description: "monai.losses.DiceFocalLoss: DiceLoss + FocalLoss(gamma, alpha, weight, use_softmax=softmax) on the same logits and targets." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
