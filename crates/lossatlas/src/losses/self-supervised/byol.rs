//! BYOL: an online network predicts the target network's projection of another view; the loss
//! is the squared distance between the normalized vectors, i.e. 2 - 2 cos.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "byol",
    name: "BYOL Loss",
    aliases: &["Bootstrap Your Own Latent"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2020,
    paper: Paper {
        title: "Bootstrap Your Own Latent",
        authors: "Grill et al.",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/2006.07733",
    },
    summary: "The online network's prediction q of one view is regressed onto the target network's projection z' of the other view after L2 normalization of both, which equals 2 - 2 cos(q, z'); the loss is symmetrized by swapping the views. The target network receives no gradient and is an exponential moving average of the online network (tau from 0.996 towards 1). With no negatives, collapse is avoided by the predictor and the slow target, so the method is robust to batch size and augmentation choices. On given tensors it equals 2 + 2 times lightly's NegativeCosineSimilarity per direction.",
    formula: r"\mathcal{L} = \Bigl\lVert \frac{q_\theta(z)}{\lVert q_\theta(z)\rVert_2} - \frac{\operatorname{sg}(z'_\xi)}{\lVert z'_\xi\rVert_2}\Bigr\rVert_2^2 = 2 - 2\,\frac{q_\theta(z)^\top z'_\xi}{\lVert q_\theta(z)\rVert_2\,\lVert z'_\xi\rVert_2},\quad \mathcal{L}^{\text{BYOL}} = \mathcal{L} + \tilde{\mathcal{L}}",
    inputs: &[
        Input { name: "z1", shape: "[N, D]", meaning: "online predictions q of one view" },
        Input { name: "z2", shape: "[N, D]", meaning: "target projections z' of the other view (no gradient)" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[],
    related: &["simsiam", "dino", "moco", "barlow-twins", "bgrl"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given predictions and projections it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
