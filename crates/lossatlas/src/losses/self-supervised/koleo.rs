//! KoLeo: a differential-entropy regularizer (Kozachenko-Leonenko estimator) that spreads
//! normalized features by penalizing small nearest-neighbour distances within the batch.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "koleo",
    name: "KoLeo Regularizer",
    aliases: &["Kozachenko-Leonenko Regularizer", "KoLeo Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "regularization"],
    year: 2019,
    paper: Paper {
        title: "Spreading vectors for similarity search",
        authors: "Sablayrolles, A., Douze, M., Schmid, C. & Jégou, H.",
        venue: "ICLR",
        year: 2019,
        url: "https://arxiv.org/abs/1806.03198",
    },
    summary: "L2-normalizes the batch, finds each vector's nearest neighbour among the others, and minimizes minus the mean log distance to it, which (up to constants) maximizes the Kozachenko-Leonenko estimate of the differential entropy of the features. It spreads embeddings uniformly on the sphere and is used as an auxiliary term, for example with weight 0.1 in DINOv2. The nearest-neighbour choice is not differentiable where neighbours tie, duplicates in a batch make the term large (only eps keeps it finite), and torch's PairwiseDistance adds eps to the difference vector before taking the norm.",
    formula: r"\hat x_i = \frac{x_i}{\lVert x_i\rVert_2},\quad \rho_i = \min_{j \ne i}\lVert \hat x_i - \hat x_j\rVert_p,\quad \mathcal{L} = -\frac{1}{N}\sum_{i=1}^{N}\log(\rho_i + \epsilon)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "features of one batch (N >= 2)" },
    ],
    params: &[
        Param { name: "p", symbol: "p", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "norm degree of the nearest-neighbour distance" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-8), range: Range::NON_NEGATIVE, meaning: "added inside the normalization, to the difference vector (PairwiseDistance) and inside the log" },
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
    equivalents: &["lightly.loss.KoLeoLoss"],
    related: &["dinov2", "directau", "dino"],
    forms: &[
        Form { name: "lightly", description: "lightly KoLeoLoss(p, eps): x = F.normalize(x, eps=eps); nearest neighbour by cosine similarity with the diagonal masked; distance PairwiseDistance(p, eps)(x_i, x_nn) = ||x_i - x_nn + eps||_p; loss = -mean(log(distance + eps))." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
