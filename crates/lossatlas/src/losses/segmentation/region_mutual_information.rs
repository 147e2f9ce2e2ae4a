//! Region mutual information loss: maximize a lower bound on the mutual information between
//! the predicted and true label maps taken over small pixel neighbourhoods, so that the
//! network learns structure beyond single pixels.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "region-mutual-information",
    name: "Region Mutual Information",
    aliases: &["RMI Loss", "Region Mutual Information Loss"],
    kind: Kind::Loss,
    domains: &["segmentation"],
    year: 2019,
    paper: Paper {
        title: "Region Mutual Information Loss for Semantic Segmentation",
        authors: "Zhao et al.",
        venue: "NeurIPS",
        year: 2019,
        url: "https://arxiv.org/abs/1910.12037",
    },
    summary: "Represents every pixel by the R x R neighbourhood of its label (or predicted probability), a d = R^2 dimensional vector, and, per class, models the pair (target region Y, prediction region P) as jointly Gaussian; half the log-determinant of the posterior covariance of Y given P is an upper bound on -I(Y; P) up to constants and is minimized. Covariances are estimated over all positions after downsampling (pooling) both maps, and the term is added to pixel-wise cross-entropy with weight lambda. It captures relations between neighbouring pixels at little inference cost, but needs a matrix inverse and log-determinant per class, with a small diagonal offset for stability.",
    formula: r"\mathcal{L} = \mathcal{L}_{\text{CE}} + \lambda\,\frac{1}{C}\sum_{c=1}^{C}\frac{1}{2}\log\det\Bigl(\Sigma_{Y_c} - \Sigma_{Y_c P_c}\,\bigl(\Sigma_{P_c} + \epsilon I\bigr)^{-1}\Sigma_{Y_c P_c}^{\top}\Bigr),\quad Y_c, P_c \in \mathbb{R}^{R^2}",
    inputs: &[
        Input { name: "logits", shape: "[N, C, H, W]", meaning: "segmentation logits (sigmoid or softmax probabilities are used for the RMI term)" },
        Input { name: "targets", shape: "[N, H, W] (i64)", meaning: "class labels (one-hot for the RMI term)" },
    ],
    params: &[
        Param { name: "rmi_radius", symbol: "R", default: Value::Int(3), range: Range::Integer { min: 1, max: 10 }, meaning: "side of the square neighbourhood (d = R^2)" },
        Param { name: "rmi_pool_size", symbol: "", default: Value::Int(4), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "downsampling window before building the region vectors" },
        Param { name: "rmi_pool_stride", symbol: "", default: Value::Int(4), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "downsampling stride" },
        Param { name: "loss_weight_lambda", symbol: r"\lambda", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "weight of the RMI term relative to cross-entropy" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["cross-entropy", "mutual-information", "dice", "lovasz-softmax"],
    forms: &[],
    status: Status::Planned("not implemented yet: needs batched Cholesky or log-determinant support"),
    eval: None,
    ..Entry::BLANK
};
