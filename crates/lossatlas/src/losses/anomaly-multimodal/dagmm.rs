//! DAGMM: jointly trains an autoencoder and a Gaussian mixture on the concatenation of its latent
//! code and reconstruction-error features; the objective adds the mixture's sample energy and a
//! penalty on small covariance diagonals to the reconstruction error.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dagmm",
    name: "DAGMM Loss",
    aliases: &["Deep Autoencoding Gaussian Mixture Model"],
    kind: Kind::Loss,
    domains: &["anomaly-multimodal"],
    year: 2018,
    paper: Paper {
        title: "Deep Autoencoding Gaussian Mixture Model for Unsupervised Anomaly Detection",
        authors: "Bo Zong, Qi Song, Martin Renqiang Min, Wei Cheng, Cristian Lumezanu, Dae-ki Cho, Haifeng Chen",
        venue: "ICLR",
        year: 2018,
        url: "https://arxiv.org/abs/1809.04758",
    },
    summary: "Couples dimensionality reduction and density estimation end to end: the low-dimensional code and reconstruction features (relative Euclidean distance and cosine similarity) feed an estimation network that predicts soft mixture memberships, from which the GMM parameters are computed in closed form per batch. The loss is reconstruction error + lambda1 * mean sample energy + lambda2 * sum of inverse covariance diagonals (lambda1 = 0.1, lambda2 = 0.005 in the paper), the last preventing singular covariances. The sample energy is the anomaly score.",
    formula: r"J = \frac{1}{N}\sum_{i}\lVert x_i - x'_i \rVert_2^2 + \frac{\lambda_1}{N}\sum_{i} E(z_i) + \lambda_2\sum_{k}\sum_{j}\frac{1}{\hat\Sigma_{kjj}},\quad E(z) = -\log\sum_{k}\hat\phi_k\frac{\exp\bigl(-\tfrac{1}{2}(z - \hat\mu_k)^\top \hat\Sigma_k^{-1}(z - \hat\mu_k)\bigr)}{\sqrt{|2\pi\hat\Sigma_k|}}",
    inputs: &[
        Input { name: "pred", shape: "[N, D]", meaning: "reconstructions x'" },
        Input { name: "target", shape: "[N, D]", meaning: "inputs x" },
        Input { name: "embeddings", shape: "[N, Z]", meaning: "concatenated latent code and reconstruction features z" },
        Input { name: "probs", shape: "[N, K]", meaning: "soft mixture memberships from the estimation network" },
    ],
    params: &[
        Param { name: "lambda1", symbol: r"\lambda_1", default: Value::Float(0.1), range: Range::NON_NEGATIVE, meaning: "weight of the sample energy" },
        Param { name: "lambda2", symbol: r"\lambda_2", default: Value::Float(0.005), range: Range::NON_NEGATIVE, meaning: "weight of the covariance-diagonal penalty" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["autoencoder-reconstruction", "deep-svdd", "gaussian-nll"],
    status: Status::Planned("a function of reconstructions, latent features and memberships; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
