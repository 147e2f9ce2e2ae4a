//! SimSiam: maximize the cosine similarity between one view's prediction and the other view's
//! projection, with a stop-gradient on the projection as the only guard against collapse.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "simsiam",
    name: "SimSiam Loss",
    aliases: &["Negative Cosine Similarity Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2021,
    paper: Paper {
        title: "Exploring Simple Siamese Representation Learning",
        authors: "Chen & He",
        venue: "CVPR",
        year: 2021,
        url: "https://arxiv.org/abs/2011.10566",
    },
    summary: "Minimizes the negative cosine similarity between the predictor output p of one view and the projector output z of the other, symmetrized over the two views, with the gradient stopped through z. The paper shows that this stop-gradient, not negatives, large batches or a momentum encoder, is what prevents collapse. The reference computes one direction, -mean cos(z1, z2), and leaves the stop-gradient and the symmetrization to the caller, so both inputs receive gradients there.",
    formula: r"\mathcal{D}(p, z) = -\frac{p^\top z}{\lVert p\rVert_2\,\lVert z\rVert_2},\quad \mathcal{L} = \tfrac{1}{2}\,\mathcal{D}\bigl(p_1, \operatorname{sg}(z_2)\bigr) + \tfrac{1}{2}\,\mathcal{D}\bigl(p_2, \operatorname{sg}(z_1)\bigr);\quad \text{reference: } -\frac{1}{N}\sum_{n}\cos(z_{1,n}, z_{2,n})",
    inputs: &[
        Input { name: "z1", shape: "[N, D]", meaning: "predictor outputs of one view (p)" },
        Input { name: "z2", shape: "[N, D]", meaning: "projector outputs of the other view (z); detach them yourself for SimSiam" },
    ],
    params: &[
        Param { name: "dim", symbol: "", default: Value::Int(1), range: Range::Integer { min: -8, max: 8 }, meaning: "axis along which the cosine similarity is taken" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-8), range: Range::NON_NEGATIVE, meaning: "floor on the norms in torch.nn.functional.cosine_similarity" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["lightly.loss.NegativeCosineSimilarity", "torch.nn.functional.cosine_similarity"],
    related: &["byol", "barlow-twins", "cosine-distance", "cosine-embedding"],
    forms: &[
        Form { name: "lightly-negative-cosine", description: "lightly NegativeCosineSimilarity(dim, eps)(z1, z2) = -mean(cosine_similarity(z1, z2, dim, eps)); no stop-gradient, both inputs get gradients." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
