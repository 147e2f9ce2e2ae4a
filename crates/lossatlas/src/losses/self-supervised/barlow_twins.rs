//! Barlow Twins: make the cross-correlation matrix between the batch-standardized embeddings of
//! two views close to the identity, so that features agree across views (diagonal) and carry
//! non-redundant information (off-diagonal).

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "barlow-twins",
    name: "Barlow Twins Loss",
    aliases: &["Redundancy Reduction Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2021,
    paper: Paper {
        title: "Barlow Twins: Self-Supervised Learning via Redundancy Reduction",
        authors: "Zbontar et al.",
        venue: "ICML",
        year: 2021,
        url: "https://arxiv.org/abs/2103.03230",
    },
    summary: "Standardizes each embedding dimension over the batch for two augmented views, forms their D x D cross-correlation matrix, and pushes its diagonal to 1 (invariance) and its off-diagonal entries to 0 (decorrelation), weighted by lambda. It needs no negatives, no momentum encoder and no stop-gradient, but it needs a batch of at least two samples and benefits from wide projector outputs. The statistics are per batch, so very small batches give noisy correlations; the two reference libraries differ in how they standardize (unbiased std plus 1e-6 versus batch-norm with biased variance plus 1e-5).",
    formula: r"\hat z^{(v)}_{nd} = \frac{z^{(v)}_{nd} - \mu^{(v)}_d}{\sigma^{(v)}_d},\quad \mathcal{C}_{ij} = \frac{1}{N}\sum_{n=1}^{N} \hat z^{(1)}_{ni}\,\hat z^{(2)}_{nj},\quad \mathcal{L} = \sum_{i} (1 - \mathcal{C}_{ii})^2 + \lambda \sum_{i}\sum_{j \ne i} \mathcal{C}_{ij}^2",
    inputs: &[
        Input { name: "z1", shape: "[N, D]", meaning: "embeddings of the first view (N >= 2)" },
        Input { name: "z2", shape: "[N, D]", meaning: "embeddings of the second view, same sample order" },
    ],
    params: &[
        Param { name: "lambd", symbol: r"\lambda", default: Value::Float(5e-3), range: Range::NON_NEGATIVE, meaning: "form monai: weight of the off-diagonal (redundancy) term" },
        Param { name: "lambda_param", symbol: r"\lambda", default: Value::Float(5e-3), range: Range::NON_NEGATIVE, meaning: "form lightly: weight of the off-diagonal (redundancy) term" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["monai.losses.BarlowTwinsLoss", "lightly.loss.BarlowTwinsLoss"],
    related: &["vicreg", "tico", "simsiam", "nt-xent", "byol"],
    forms: &[
        Form { name: "monai", description: "MONAI BarlowTwinsLoss(lambd): each view standardized per dimension with the batch mean and the UNBIASED std plus 1e-6 in the denominator; C = z1n^T z2n / N; sum (1 - C_ii)^2 + lambd * sum_{i != j} C_ij^2, no further averaging. A batch of one sample is an error." },
        Form { name: "lightly", description: "lightly BarlowTwinsLoss(lambda_param): each view normalized with batch norm in training mode, (z - mean) / sqrt(biased var + 1e-5); then the same C and sum as monai. A batch of one sample is an error." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
