//! VICReg: variance, invariance and covariance regularization. Views must agree, every
//! embedding dimension must keep a minimum spread over the batch, and dimensions must be
//! decorrelated.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "vicreg",
    name: "VICReg Loss",
    aliases: &["Variance-Invariance-Covariance Regularization"],
    kind: Kind::Loss,
    domains: &["self-supervised"],
    year: 2022,
    paper: Paper {
        title: "VICReg: Variance-Invariance-Covariance Regularization for Self-Supervised Learning",
        authors: "Bardes et al.",
        venue: "ICLR",
        year: 2022,
        url: "https://arxiv.org/abs/2105.04906",
    },
    summary: "Adds three terms on two views' embeddings: the mean squared distance between paired embeddings (invariance), a hinge keeping the per-dimension standard deviation over the batch at least 1 (variance, which rules out collapse), and the sum of squared off-diagonal covariances divided by the dimension (covariance, which spreads information across dimensions). Each branch is regularized separately, so the two encoders need not share weights. Defaults 25, 25, 1 come from the paper; the hinge is not differentiable where a standard deviation equals 1 and the statistics need a batch larger than one.",
    formula: r"v(Z) = \frac{1}{D}\sum_{d}\max\bigl(0,\ 1 - \sqrt{\operatorname{Var}(Z_{:,d}) + \epsilon}\bigr),\quad c(Z) = \frac{1}{D}\sum_{i \ne j}\operatorname{Cov}(Z)_{ij}^2,\quad \mathcal{L} = \lambda\,\frac{1}{ND}\lVert Z_1 - Z_2\rVert_F^2 + \mu\,\frac{v(Z_1) + v(Z_2)}{2} + \nu\,\bigl(c(Z_1) + c(Z_2)\bigr)",
    inputs: &[
        Input { name: "z1", shape: "[N, D]", meaning: "embeddings of the first view (N >= 2), used as given" },
        Input { name: "z2", shape: "[N, D]", meaning: "embeddings of the second view, same order" },
    ],
    params: &[
        Param { name: "invariance_lambda", symbol: r"\lambda", default: Value::Float(25.0), range: Range::NON_NEGATIVE, meaning: "form pml: weight of the invariance (MSE) term" },
        Param { name: "variance_mu", symbol: r"\mu", default: Value::Float(25.0), range: Range::NON_NEGATIVE, meaning: "form pml: weight of the variance term" },
        Param { name: "covariance_v", symbol: r"\nu", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "form pml: weight of the covariance term" },
        Param { name: "lambda_param", symbol: r"\lambda", default: Value::Float(25.0), range: Range::NON_NEGATIVE, meaning: "form lightly: weight of the invariance (MSE) term" },
        Param { name: "mu_param", symbol: r"\mu", default: Value::Float(25.0), range: Range::NON_NEGATIVE, meaning: "form lightly: weight of the variance term" },
        Param { name: "nu_param", symbol: r"\nu", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "form lightly: weight of the covariance term" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-4), range: Range::NON_NEGATIVE, meaning: "added to the variance before the square root" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["pytorch_metric_learning.losses.VICRegLoss", "lightly.loss.VICRegLoss"],
    related: &["barlow-twins", "tico", "simsiam", "mse"],
    forms: &[
        Form { name: "pml", description: "pytorch-metric-learning VICRegLoss(invariance_lambda, variance_mu, covariance_v, eps)(z1, ref_emb=z2): invariance = F.mse_loss; variance term per branch mean(relu(1 - sqrt(var + eps))) with the unbiased variance, averaged over the branches; covariance term per branch sum of squared off-diagonal entries of the unbiased covariance / D, summed over the branches; no normalization of the embeddings." },
        Form { name: "lightly", description: "lightly VICRegLoss(lambda_param, mu_param, nu_param, eps)(z1, z2): lambda * mse + mu * 0.5 * (v(z1) + v(z2)) + nu * (c(z1) + c(z2)) with the same unbiased variance and covariance." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
