//! Soft Dice + clDice: a convex combination of a soft Dice loss and the clDice loss, as recommended
//! by the clDice paper.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "soft-dice-cl-dice",
    name: "Soft Dice + clDice Loss",
    kind: Kind::Composite,
    domains: &["segmentation", "medical"],
    year: 2021,
    paper: Paper {
        title: "clDice — A Novel Topology-Preserving Loss Function for Tubular Structure Segmentation",
        authors: "Shit et al.",
        venue: "CVPR",
        year: 2021,
        url: "https://arxiv.org/abs/2003.07311",
    },
    summary: "Mixes a region overlap term (soft Dice) with the topology-preserving clDice term with weight alpha, since clDice alone does not constrain the thickness of the prediction. The paper recommends moderate alpha so that Dice drives volume accuracy and clDice connectivity. MONAI's SoftDiceclDiceLoss uses its own soft Dice and clDice with shared smoothing constants.",
    formula: r"L = (1 - \alpha)\,L_{dice}(p, g) + \alpha\,L_{clDice}(p, g)",
    inputs: &[
        Input { name: "probs", shape: "[B, C, *]", meaning: "probabilities" },
        Input { name: "targets", shape: "[B, C, *] or [B, 1, *]", meaning: "binary targets (or labels with to_onehot_y)" },
    ],
    params: &[
        Param { name: "iter_", symbol: "", default: Value::Int(3), range: Range::Integer { min: 0, max: i64::MAX }, meaning: "soft-skeleton iterations" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.5), range: Range::UNIT, meaning: "weight of the clDice term" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "numerator constant" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "denominator constant" },
        Param { name: "smooth", symbol: "s", default: Value::Float(0.0001), range: Range::POSITIVE, meaning: "harmonic-mean constant" },
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[
        "monai.losses.SoftDiceclDiceLoss",
    ],
    related: &["cl-dice", "dice"],
    uses: &["dice", "cl-dice"],
    forms: &[
        Form { name: "monai", description: "monai.losses.SoftDiceclDiceLoss(iter_, alpha, smooth...): (1 - alpha) * MONAI soft Dice + alpha * SoftclDiceLoss." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
