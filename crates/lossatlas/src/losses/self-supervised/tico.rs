//! TiCo: transformation invariance plus covariance contrast. Views must agree, and embeddings
//! are pushed away from the directions a running covariance estimate already covers.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "tico",
    name: "TiCo Loss",
    aliases: &["Transformation Invariance and Covariance Contrast"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2022,
    paper: Paper {
        title: "TiCo: Transformation Invariance and Covariance Contrast for Self-Supervised Visual Representation Learning",
        authors: "Zhu, J., Moraes, R.M., Karakulak, S., Sobol, V., Canziani, A. & LeCun, Y.",
        venue: "",
        year: 2022,
        url: "https://arxiv.org/abs/2206.10698",
    },
    summary: "Maximizes the agreement (dot product) of the normalized embeddings of two views and penalizes the quadratic form of each first-view embedding with a covariance matrix kept as an exponential moving average over batches, which discourages low-rank (collapsed) representations. The paper relates it to MoCo with an unbounded implicit memory bank and to Barlow Twins, and reports an advantage at small batch sizes. The covariance buffer makes the loss stateful: the reference cases describe the first call of a fresh module (previous covariance zero), and the batch covariance is detached.",
    formula: r"\hat z = \frac{z}{\lVert z\rVert_2},\quad C_t = \beta\,C_{t-1} + (1 - \beta)\,\operatorname{sg}\!\left(\frac{1}{N}\hat Z_1^\top \hat Z_1\right),\quad \mathcal{L} = 1 - \frac{1}{N}\sum_{n}\hat z_{1,n}^\top \hat z_{2,n} + \frac{\rho}{N}\sum_{n}\hat z_{1,n}^\top C_t\,\hat z_{1,n}",
    inputs: &[
        Input { name: "z1", shape: "[N, D]", meaning: "embeddings of the first view" },
        Input { name: "z2", shape: "[N, D]", meaning: "embeddings of the second view, same order" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.9), range: Range::UNIT, meaning: "momentum of the covariance moving average" },
        Param { name: "rho", symbol: r"\rho", default: Value::Float(20.0), range: Range::NON_NEGATIVE, meaning: "weight of the covariance-contrast term" },
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
    equivalents: &["lightly.loss.TiCoLoss"],
    related: &["barlow-twins", "vicreg", "moco", "mmcr"],
    forms: &[
        Form { name: "lightly", description: "lightly TiCoLoss(beta, rho) on the first call of a fresh module: previous covariance = 0, so C = (1 - beta) * sg(z1n^T z1n / N); loss = 1 - mean <z1n, z2n> + rho * mean z1n C z1n^T." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
