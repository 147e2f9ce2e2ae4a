//! Maximum Manifold Capacity Representations: make the centroids of each image's augmented
//! views span many directions (large nuclear norm) while each image's views stay compact.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mmcr",
    name: "MMCR Loss",
    aliases: &["Maximum Manifold Capacity Representations"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2023,
    paper: Paper {
        title: "Learning Efficient Coding of Natural Images with Maximum Manifold Capacity Representations",
        authors: "Yerxa, T., Kuang, Y., Simoncelli, E. & Chung, S.",
        venue: "NeurIPS",
        year: 2023,
        url: "https://arxiv.org/abs/2303.03307",
    },
    summary: "Averages the k augmented views of each image into a centroid and maximizes the nuclear norm (sum of singular values) of the N x D centroid matrix, which rewards centroids that are spread over many orthogonal directions; an optional term with weight lambda penalizes the nuclear norm of each image's own view matrix, keeping the views of one image on a small manifold. Motivated by manifold capacity theory, it needs no negatives. Gradients go through an SVD, which is non-smooth where singular values coincide or vanish, and the loss is not normalized by batch size (larger batches give more negative values).",
    formula: r"z_n = [\,z^{\text{online}}_n;\ z^{\text{momentum}}_n\,] \in \mathbb{R}^{2k \times D},\quad c_n = \frac{1}{2k}\sum_{v} z_{n,v},\quad \mathcal{L} = -\lVert C\rVert_* + \frac{\lambda}{N}\sum_{n=1}^{N}\lVert z_n\rVert_*",
    inputs: &[
        Input { name: "z1", shape: "[N, k, D]", meaning: "online-network embeddings of k views per image, used as given (lightly's `online`)" },
        Input { name: "z2", shape: "[N, k, D]", meaning: "momentum-network embeddings of the same views (lightly's `momentum`)" },
    ],
    params: &[
        Param { name: "lmda", symbol: r"\lambda", default: Value::Float(5e-3), range: Range::NON_NEGATIVE, meaning: "weight of the per-image nuclear-norm (compactness) term" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["lightly.loss.MMCRLoss"],
    related: &["barlow-twins", "vicreg", "tico"],
    forms: &[],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
