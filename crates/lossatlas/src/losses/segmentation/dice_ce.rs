//! Dice + cross-entropy: the weighted sum of a soft Dice loss and pixel-wise cross-entropy, the
//! default segmentation objective of nnU-Net and many medical pipelines.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dice-ce",
    name: "Dice + Cross-Entropy Loss",
    aliases: &["DiceCE"],
    kind: Kind::Composite,
    domains: &["segmentation", "medical"],
    year: 2021,
    paper: Paper {
        title: "nnU-Net: a self-configuring method for deep learning-based biomedical image segmentation",
        authors: "Isensee, F., Jaeger, P.F., Kohl, S.A.A., Petersen, J., Maier-Hein, K.H.",
        venue: "Nature Methods",
        year: 2021,
        url: "https://www.nature.com/articles/s41592-020-01008-z",
    },
    summary: "Adds the region-level Dice loss, which handles class imbalance, to pixel-wise cross-entropy, which gives smooth, well-conditioned gradients early in training; nnU-Net uses the two with equal weight. MONAI's DiceCELoss weights the terms by lambda_dice and lambda_ce (both 1 by default). In MONAI the cross-entropy part always sees the raw logits and an argmax of the (one-hot) targets, or binary cross-entropy with logits when sigmoid=True.",
    formula: r"L = \lambda_{dice}\,L_{dice}(\sigma(x), g) + \lambda_{ce}\,L_{CE}(x, \arg\max_c g)",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores; the activation (softmax / sigmoid) is applied inside where the form says so" },
        Input { name: "targets", shape: "[B, C, *] or [B, 1, *] (i64 with to_onehot_y)", meaning: "one-hot or soft targets, or class labels to one-hot encode" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "squared_pred", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "Dice part: squared denominator terms" },
        Param { name: "jaccard", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "Dice part: soft Jaccard instead" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "class weights for both parts" },
        Param::REDUCTION_MEAN,
        Param { name: "lambda_dice", symbol: r"\lambda_{dice}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the Dice term" },
        Param { name: "lambda_ce", symbol: r"\lambda_{ce}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the cross-entropy term" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "label smoothing of the cross-entropy term" },
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
        "monai.losses.DiceCELoss",
    ],
    related: &["dice", "cross-entropy", "dice-focal", "combo"],
    uses: &["dice", "cross-entropy", "binary-cross-entropy"],
    forms: &[
        Form { name: "monai", description: "monai.losses.DiceCELoss: DiceLoss with the given activation plus torch cross_entropy(logits, argmax(targets, 1), weight, label_smoothing) (BCE with logits when sigmoid=True)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
