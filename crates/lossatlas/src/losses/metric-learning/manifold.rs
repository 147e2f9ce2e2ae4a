//! Manifold loss: measures similarity along the data manifold with a random walk over a graph of
//! embeddings and proxies, then applies proxy-margin terms to the diffused similarities.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "manifold",
    name: "Manifold Loss",
    aliases: &["Ensemble Deep Manifold Similarity Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Ensemble Deep Manifold Similarity Learning using Hard Proxies",
        authors: "Aziere, N., Todorovic, S.",
        venue: "CVPR",
        year: 2019,
        url: "https://openaccess.thecvf.com/content_CVPR_2019/html/Aziere_Ensemble_Deep_Manifold_Similarity_Learning_Using_Hard_Proxies_CVPR_2019_paper.html",
    },
    summary: "Builds a graph over the batch embeddings and K learnable proxies with edge weights exp(cos/0.5), diffuses it with the closed-form random walk F = (1 - alpha)(I - alpha S)^-1, and penalizes embeddings whose diffused similarity to another proxy comes within a margin of their own proxy (intrinsic term) plus the same on cosine similarities of diffused rows (context term, weight lambdaC). It needs no labels: each embedding is assigned to a proxy (meta-class). The matrix inverse makes it cost O((N+K)^3) per batch.",
    formula: r"F = (1-\alpha)(I - \alpha \bar S)^{-1},\ \bar S = D^{-1/2} S D^{-1/2},\ S_{uv} = e^{2\,[\cos(z_u, z_v)]_+}(1 - \delta_{uv});\quad L = \frac{1}{N}\sum_i \log\Big(1 + \sum_{k \ne c_i} e^{[F_{ik} - F_{ic_i} + m]}\,\mathbb{1}[F_{ik} - F_{ic_i} + m > 0]\Big) + \lambda_C\,L_{ctx}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "meta_classes", shape: "[N] (i64)", meaning: "proxy index assigned to each embedding (PML draws these at random when not given)" },
        Input { name: "weight", shape: "[C, D]", meaning: "K learnable proxies, one row each" },
    ],
    params: &[
        Param { name: "l", symbol: "", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (required by PML; must equal D)" },
        Param { name: "K", symbol: "K", default: Value::Int(50), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of proxies" },
        Param { name: "lambdaC", symbol: r"\lambda_C", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the context term" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.8), range: Range::Real { min: 0.0, max: 1.0, open_min: true, open_max: true }, meaning: "random-walk restart parameter" },
        Param { name: "margin", symbol: "m", default: Value::Float(0.0005), range: Range::NON_NEGATIVE, meaning: "margin between own-proxy and other-proxy similarities" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.ManifoldLoss",
    ],
    related: &["proxy-nca", "proxy-anchor", "soft-triple"],
    forms: &[
        Form { name: "pml", description: "PML ManifoldLoss(l, K, lambdaC, alpha, margin) called without labels and with meta_classes passed as indices_tuple; L_ctx uses cosine similarities between diffused rows of embeddings and proxies; the inverse is computed in float32." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
