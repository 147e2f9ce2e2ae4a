//! Exponential logarithmic loss: Dice and cross-entropy terms each passed through -log and a
//! power below one, which emphasizes structures that are segmented poorly or are small.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "exp-log",
    name: "Exponential Logarithmic Loss",
    aliases: &["ExpLog Loss"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2018,
    paper: Paper {
        title: "3D Segmentation with Exponential Logarithmic Loss for Highly Unbalanced Object Sizes",
        authors: "Wong et al.",
        venue: "MICCAI",
        year: 2018,
        url: "https://arxiv.org/abs/1809.00076",
    },
    summary: "Combines a per-label soft Dice term and a voxel-wise weighted cross-entropy term, each as the mean of (-log value) raised to a power gamma < 1; the power flattens the loss for well-segmented labels and relatively boosts poorly segmented (often small) ones, like a focal loss for overlap. The cross-entropy term weights each label by the square root of its inverse frequency. The paper uses gamma = 0.3 for both terms and weights 0.8 (Dice) and 0.2 (cross-entropy); -log of a soft Dice near zero grows without bound, so a smoothing constant is needed.",
    formula: r"\mathcal{L} = w_{\text{dice}}\,\mathbb{E}_i\bigl[(-\ln \operatorname{Dice}_i)^{\gamma_{\text{dice}}}\bigr] + w_{\text{cross}}\,\mathbb{E}_x\bigl[w_l\,(-\ln p_l(x))^{\gamma_{\text{cross}}}\bigr],\quad \operatorname{Dice}_i = \frac{2\sum_x \delta_{il}(x)\,p_i(x) + \epsilon}{\sum_x\bigl(\delta_{il}(x) + p_i(x)\bigr) + \epsilon},\quad w_l = \Bigl(\frac{\sum_k f_k}{f_l}\Bigr)^{1/2}",
    inputs: &[
        Input { name: "probs", shape: "[N, C, *]", meaning: "softmax probabilities p_i(x)" },
        Input { name: "targets", shape: "[N, *] (i64)", meaning: "label l at each voxel (delta_il is its one-hot)" },
    ],
    params: &[
        Param { name: "w_dice", symbol: r"w_{\text{dice}}", default: Value::Float(0.8), range: Range::NON_NEGATIVE, meaning: "weight of the Dice term (0.8 in the paper)" },
        Param { name: "w_cross", symbol: r"w_{\text{cross}}", default: Value::Float(0.2), range: Range::NON_NEGATIVE, meaning: "weight of the cross-entropy term (0.2 in the paper)" },
        Param { name: "gamma_dice", symbol: r"\gamma_{\text{dice}}", default: Value::Float(0.3), range: Range::POSITIVE, meaning: "exponent of -ln Dice (0.3 in the paper)" },
        Param { name: "gamma_cross", symbol: r"\gamma_{\text{cross}}", default: Value::Float(0.3), range: Range::POSITIVE, meaning: "exponent of -ln p (0.3 in the paper)" },
        Param { name: "smooth", symbol: r"\epsilon", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "pseudocount in the soft Dice" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[],
    related: &["dice", "cross-entropy", "focal", "unified-focal", "dice-ce"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
