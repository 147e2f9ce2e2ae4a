//! VICReg: variance, invariance and covariance regularization. Views must agree, every
//! embedding dimension must keep a minimum spread over the batch, and dimensions must be
//! decorrelated.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::contrastive::off_diagonal_like;
use crate::numerics::{self, LossTensor, inputs::check_float};
use crate::numerics::relu;

const ID: &str = "vicreg";

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
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "value of the first feature of sample 0 in view 2", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Form lightly, three samples with two features; view 2 equals view 1 except one entry.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("lightly"),
        params: serde_json::json!({}),
        inputs: vec![
            ("z1", HostTensor::from_f64(vec![3, 2], vec![1.0, 0.0, -1.0, 1.0, 0.0, -1.0])),
            ("z2", HostTensor::from_f64(vec![3, 2], vec![x, 0.0, -1.0, 1.0, 0.0, -1.0])),
        ],
        wrt: "z2",
        index: 0,
    }
}

/// Weights of the three VICReg terms; `Default` equals the defaults of both libraries.
#[derive(Debug, Clone, PartialEq)]
pub struct VicRegConfig {
    /// Invariance (MSE) weight (PML `invariance_lambda`, lightly `lambda_param`).
    pub lambda: f64,
    /// Variance weight (PML `variance_mu`, lightly `mu_param`).
    pub mu: f64,
    /// Covariance weight (PML `covariance_v`, lightly `nu_param`).
    pub nu: f64,
    /// Added to the variance before the square root.
    pub eps: f64,
}

impl Default for VicRegConfig {
    fn default() -> Self {
        VicRegConfig { lambda: 25.0, mu: 25.0, nu: 1.0, eps: 1e-4 }
    }
}

/// Variance term `mean(relu(1 - sqrt(var + eps)))` (unbiased variance over the batch) and
/// covariance term (sum of squared off-diagonal entries of the unbiased covariance / C, averaged
/// over the middle axis) of one view `[B, M, C]`.
fn var_cov(z: Tensor<3>, eps: f64) -> (Tensor<1>, Tensor<1>) {
    let [b, m, c] = z.dims();
    let centered = z.clone() - z.mean_dim(0);
    let var = centered.clone().square().sum_dim(0).mul_scalar(1.0 / (b as f64 - 1.0));
    let v = relu(var.add_scalar(eps).sqrt().neg().add_scalar(1.0)).mean();
    let x = centered.swap_dims(0, 1); // [M, B, C]
    let cov = x.clone().swap_dims(1, 2).matmul(x).mul_scalar(1.0 / (b as f64 - 1.0)); // [M, C, C]
    let off = off_diagonal_like(&cov, c).reshape([1, c, c]);
    let cv = (cov.square() * off).sum().mul_scalar(1.0 / (c as f64 * m as f64));
    (v, cv)
}

/// VICReg (lightly `VICRegLoss(lambda_param, mu_param, nu_param, eps)(z1, z2)`, and PML
/// `VICRegLoss(invariance_lambda, variance_mu, covariance_v, eps)(z1, ref_emb=z2)`, which
/// computes the same value for `[B, C]` inputs): `lambda * mse(z1, z2) + mu * (v(z1) + v(z2)) / 2
/// + nu * (c(z1) + c(z2))`. Views `[B, M, C]` (lightly accepts extra axes between batch and
/// features; `M = 1` for `[B, C]`), embeddings used as given.
pub fn vicreg(z1: Tensor<3>, z2: Tensor<3>, cfg: &VicRegConfig) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "z2", &z2.dims(), "z1", &z1.dims())?;
    numerics::non_empty(ID, "z1", &z1.dims())?;
    if z1.dims()[0] < 2 {
        return Err(LossError::value(ID, "z1", "a batch of at least 2 samples (the variance and covariance terms are sample statistics)", "batch 1"));
    }
    for (name, v) in [("lambda", cfg.lambda), ("mu", cfg.mu), ("nu", cfg.nu)] {
        numerics::finite_param(ID, name, v)?;
    }
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let invariance = (z1.clone() - z2.clone()).square().mean();
    let (v1, c1) = var_cov(z1, cfg.eps);
    let (v2, c2) = var_cov(z2, cfg.eps);
    let loss = invariance.mul_scalar(cfg.lambda) + (v1 + v2).mul_scalar(0.5 * cfg.mu) + (c1 + c2).mul_scalar(cfg.nu);
    Ok(LossTensor::scalar(loss))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or("lightly");
    let cfg = match form {
        "lightly" => VicRegConfig {
            lambda: c.f64("lambda_param", 25.0)?,
            mu: c.f64("mu_param", 25.0)?,
            nu: c.f64("nu_param", 1.0)?,
            eps: c.f64("eps", 1e-4)?,
        },
        "pml" => VicRegConfig {
            lambda: c.f64("invariance_lambda", 25.0)?,
            mu: c.f64("variance_mu", 25.0)?,
            nu: c.f64("covariance_v", 1.0)?,
            eps: c.f64("eps", 1e-4)?,
        },
        _ => return Err(c.unknown_form(&["lightly", "pml"])),
    };
    let s1 = check_float(c, "z1")?;
    let s2 = check_float(c, "z2")?;
    numerics::same_shape(ID, "z2", &s2, "z1", &s1)?;
    let ok_rank = if form == "pml" { s1.len() == 2 } else { s1.len() >= 2 };
    if !ok_rank {
        let want = if form == "pml" { "shape [N, D]" } else { "shape [N, ..., D]" };
        return Err(LossError::shape(ID, "z1", want, fmt_shape(&s1)));
    }
    if s1[0] < 2 {
        return Err(LossError::value(ID, "z1", "a batch of at least 2 samples (the variance and covariance terms are sample statistics)", format!("batch {}", s1[0])));
    }
    let m: usize = s1[1..s1.len() - 1].iter().product();
    let dims = [s1[0], m, s1[s1.len() - 1]];
    vicreg(c.float_reshaped::<3>("z1", dims)?, c.float_reshaped::<3>("z2", dims)?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn views(shape: &[usize], seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("z1", randn(shape, seed, 1.0)), ("z2", randn(shape, seed + 1, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // z1 = (1, 0; -1, 0), z2 = (1, 0; -1, 2), eps = 0, weights 1:
        // mse = 4 / 4 = 1; z1: var (2, 0) -> relu(1 - sqrt 2) + relu(1 - 0) = 1, mean 0.5;
        // z2: var (2, 2) -> 0; cov(z1) off-diagonal 0; cov(z2) off-diagonal
        // (1*-1 + -1*1) / 1 = -2, squared twice / 2 = 4. Total 1 + (0.5 + 0) / 2 + 4.
        let x = inputs(vec![("z1", f(&[2, 2], &[1.0, 0.0, -1.0, 0.0])), ("z2", f(&[2, 2], &[1.0, 0.0, -1.0, 2.0]))]);
        let p = json!({"lambda_param": 1.0, "mu_param": 1.0, "nu_param": 1.0, "eps": 0.0});
        assert!((eval64(ID, Some("lightly"), &params(p), &x).loss.floats[0] - 5.25).abs() < 1e-14);
        let p = json!({"invariance_lambda": 1.0, "variance_mu": 1.0, "covariance_v": 1.0, "eps": 0.0});
        assert!((eval64(ID, Some("pml"), &params(p), &x).loss.floats[0] - 5.25).abs() < 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, Some("lightly"), &params(json!({})), &views(&[6, 3], 1));
        assert_gradcheck(ID, Some("pml"), &params(json!({"variance_mu": 3.0})), &views(&[5, 4], 2));
        assert_gradcheck(ID, Some("lightly"), &params(json!({})), &views(&[4, 2, 3], 3));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for s in [1e-6, 1e4] {
            assert_finite(ID, Some("lightly"), &params(json!({})), &views(&[4, 3], 5).into_iter().map(|(k, v)| (k, crate::eval::HostTensor::from_f64(v.shape.clone(), v.floats.iter().map(|x| x * s).collect()))).collect());
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, Some("lightly"), &p, &views(&[1, 3], 1), ErrorKind::Value);
        let x = inputs(vec![("z1", randn(&[4, 3], 1, 1.0)), ("z2", randn(&[4, 2], 2, 1.0))]);
        assert_error(ID, Some("lightly"), &p, &x, ErrorKind::Shape);
        assert_error(ID, Some("pml"), &p, &views(&[4, 2, 3], 1), ErrorKind::Shape);
        let x = inputs(vec![("z1", randn(&[4, 3], 1, 1.0)), ("z2", i(&[4, 3], &[0; 12]))]);
        assert_error(ID, Some("pml"), &p, &x, ErrorKind::DType);
        assert_error(ID, Some("lightly"), &params(json!({"eps": -1.0})), &views(&[4, 3], 1), ErrorKind::Param);
        assert_error(ID, Some("pml"), &params(json!({"variance_mu": "nan"})), &views(&[4, 3], 1), ErrorKind::Param);
        let e = inputs(vec![("z1", f(&[0, 3], &[])), ("z2", f(&[0, 3], &[]))]);
        assert_error(ID, Some("lightly"), &p, &e, ErrorKind::Empty);
    }
}
