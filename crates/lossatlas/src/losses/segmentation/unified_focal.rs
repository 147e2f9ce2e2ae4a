//! Unified focal loss: a weighted sum of the asymmetric focal loss and the asymmetric focal Tversky
//! loss, unifying cross-entropy-based and Dice-based objectives under shared hyperparameters.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "unified-focal",
    name: "Unified Focal Loss",
    aliases: &["Asymmetric Unified Focal Loss"],
    kind: Kind::Composite,
    domains: &["segmentation", "medical"],
    year: 2022,
    paper: Paper {
        title: "Unified Focal Loss: Generalising Dice and Cross Entropy-Based Losses to Handle Class Imbalanced Medical Image Segmentation",
        authors: "Yeung et al.",
        venue: "Computerized Medical Imaging and Graphics",
        year: 2022,
        url: "https://arxiv.org/abs/2102.04525",
    },
    summary: "Combines a distribution-based term (asymmetric focal loss) and a region-based term (asymmetric focal Tversky loss) with weight lambda, sharing delta (false-negative vs false-positive balance) and gamma (focusing) between them. The asymmetric versions suppress the focal modulation of the rare foreground class so that it is not down-weighted. MONAI's AsymmetricUnifiedFocalLoss is binary only and, despite its docstring, applies no activation: inputs are probabilities clamped to [1e-7, 1 - 1e-7].",
    formula: r"L = \lambda\,L_{aF}(p, g;\,\delta, \gamma) + (1 - \lambda)\,L_{aFT}(p, g;\,\delta, \gamma)",
    inputs: &[
        Input { name: "probs", shape: "[B, 2, *]", meaning: "binary probabilities (background, foreground)" },
        Input { name: "targets", shape: "[B, 2, *] or [B, 1, *]", meaning: "one-hot targets (or labels with to_onehot_y)" },
    ],
    params: &[
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode label targets" },
        Param { name: "num_classes", symbol: "", default: Value::Int(2), range: Range::Integer { min: 2, max: 2 }, meaning: "number of classes (MONAI supports 2)" },
        Param { name: "weight", symbol: r"\lambda", default: Value::Float(0.5), range: Range::UNIT, meaning: "weight of the asymmetric focal term" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "focusing parameter shared by both terms" },
        Param { name: "delta", symbol: r"\delta", default: Value::Float(0.7), range: Range::UNIT, meaning: "false-negative weight shared by both terms" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Unknown,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[
        "monai.losses.AsymmetricUnifiedFocalLoss",
    ],
    related: &["asymmetric-focal", "focal-tversky", "focal", "dice-focal", "combo"],
    uses: &["asymmetric-focal", "focal-tversky"],
    forms: &[
        Form { name: "monai-asymmetric", description: "monai.losses.AsymmetricUnifiedFocalLoss(num_classes=2, weight, gamma, delta): weight * AsymmetricFocalLoss + (1 - weight) * AsymmetricFocalTverskyLoss on probabilities." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
