//! clDice: a Dice-like score between the soft skeletons (centerlines) of prediction and target,
//! preserving the connectivity of tubular structures.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "cl-dice",
    name: "clDice",
    aliases: &["Soft clDice", "Centerline Dice"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2021,
    paper: Paper {
        title: "clDice — A Novel Topology-Preserving Loss Function for Tubular Structure Segmentation",
        authors: "Shit et al.",
        venue: "CVPR",
        year: 2021,
        url: "https://arxiv.org/abs/2003.07311",
    },
    summary: "Extracts differentiable soft skeletons with iterated min/max pooling, then computes topology precision (fraction of the predicted skeleton inside the target) and topology sensitivity (fraction of the true skeleton inside the prediction) and takes their harmonic mean. It rewards connected vessels, airways or neurons rather than pixel overlap. The soft skeleton needs enough iterations for the structure thickness, and max-pool ties make gradients order dependent.",
    formula: r"T_{prec} = \frac{\sum S_P \odot G + s_{nr}}{\sum S_P + s_{dr}},\ T_{sens} = \frac{\sum S_G \odot P + s_{nr}}{\sum S_G + s_{dr}},\quad L = 1 - \frac{2\,T_{prec}T_{sens}}{T_{prec} + T_{sens} + s}",
    inputs: &[
        Input { name: "probs", shape: "[B, C, *]", meaning: "probabilities (or logits with sigmoid / softmax)" },
        Input { name: "targets", shape: "[B, C, *]", meaning: "binary targets" },
    ],
    params: &[
        Param { name: "iter_", symbol: "", default: Value::Int(3), range: Range::Integer { min: 0, max: i64::MAX }, meaning: "number of soft-skeleton iterations" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "added to the numerators of precision and sensitivity" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "added to their denominators" },
        Param { name: "smooth", symbol: "s", default: Value::Float(0.0001), range: Range::POSITIVE, meaning: "added to the harmonic-mean denominator" },
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
        "monai.losses.SoftclDiceLoss",
    ],
    related: &["soft-dice-cl-dice", "dice", "topological"],
    forms: &[
        Form { name: "monai", description: "monai.losses.SoftclDiceLoss(iter_, smooth_nr, smooth_dr, smooth): sums over channels and space per sample, then reduction." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
