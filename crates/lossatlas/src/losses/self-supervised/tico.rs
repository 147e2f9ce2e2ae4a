//! TiCo: transformation invariance plus covariance contrast. Views must agree, and embeddings
//! are pushed away from the directions a running covariance estimate already covers.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::contrastive::check_views;
use crate::numerics::vectors::l2_normalize;
use crate::numerics::{self, LossTensor, inputs::float_input};

const ID: &str = "tico";

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
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two views of sample 0 (radians)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two samples; sample 0's second view at angle x from its first.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("z1", HostTensor::from_f64(vec![2, 2], vec![1.0, 0.0, 0.0, 1.0])),
            ("z2", HostTensor::from_f64(vec![2, 2], vec![x.cos(), x.sin(), 0.0, 1.0])),
        ],
        wrt: "z2",
        index: 1,
    }
}

/// Options of lightly's `TiCoLoss`; `Default` equals its defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct TicoConfig {
    pub beta: f64,
    pub rho: f64,
}

impl Default for TicoConfig {
    fn default() -> Self {
        TicoConfig { beta: 0.9, rho: 20.0 }
    }
}

/// lightly `TiCoLoss(beta, rho)(z1, z2)` on the first call of a fresh module (the running
/// covariance starts at 0): rows L2-normalized, `C = (1 - beta) z1n^T z1n / N`,
/// `1 - mean_n <z1n, z2n> + rho * mean_n z1n C z1n^T`. The covariance estimate enters without
/// gradient (lightly 1.6 detaches it), so autodiff treats `C` as a constant.
pub fn tico(z1: Tensor<2>, z2: Tensor<2>, cfg: &TicoConfig) -> Result<LossTensor, LossError> {
    check_views(ID, "z1", &z1.dims(), "z2", &z2.dims())?;
    let n = z1.dims()[0];
    if n < 2 {
        return Err(LossError::value(ID, "z1", "a batch of at least 2 samples", format!("batch {n}")));
    }
    numerics::finite_param(ID, "beta", cfg.beta)?;
    numerics::finite_param(ID, "rho", cfg.rho)?;
    let a = l2_normalize(z1, 1, 1e-12);
    let b = l2_normalize(z2, 1, 1e-12);
    let cov = a.clone().detach().transpose().matmul(a.clone().detach()).mul_scalar((1.0 - cfg.beta) / n as f64);
    let agreement = (a.clone() * b).sum_dim(1).mean();
    let contrast = (a.clone().matmul(cov) * a).sum_dim(1).mean();
    Ok(LossTensor::scalar(agreement.neg().add_scalar(1.0) + contrast.mul_scalar(cfg.rho)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "lightly") {
        return Err(c.unknown_form(&["lightly"]));
    }
    let cfg = TicoConfig { beta: c.f64("beta", 0.9)?, rho: c.f64("rho", 20.0)? };
    tico(float_input::<2>(c, "z1", "[N, D]")?, float_input::<2>(c, "z2", "[N, D]")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn views(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("z1", randn(&[5, 3], seed, 1.0)), ("z2", randn(&[5, 3], seed + 1, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // z1 ~ I (two samples), z2 = z1: agreement 1; C = (1 - beta) I / 2, so each row gives
        // (1 - beta) / 2. beta 0.5, rho 4: 1 - 1 + 4 * 0.25 = 1.
        let x = inputs(vec![("z1", f(&[2, 2], &[3.0, 0.0, 0.0, 2.0])), ("z2", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({"beta": 0.5, "rho": 4.0})), &x);
        assert!((ev.loss.floats[0] - 1.0).abs() < 1e-15);
    }

    #[test]
    fn gradients_match_finite_differences() {
        // The covariance depends on z1 without gradient: z2's gradient is exact, and with
        // beta = 1 (C = 0) z1's is too.
        assert_gradcheck_only(ID, None, &params(json!({"beta": 0.3, "rho": 2.0})), &views(1), Some(&["z2"]));
        assert_gradcheck(ID, None, &params(json!({"beta": 1.0, "rho": 2.0})), &views(3));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for s in [1e-8, 1e8] {
            let x = inputs(vec![("z1", randn(&[4, 3], 5, s)), ("z2", randn(&[4, 3], 6, s))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("z1", randn(&[1, 3], 5, 1.0)), ("z2", randn(&[1, 3], 6, 1.0))]);
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let x = inputs(vec![("z1", randn(&[4, 3], 5, 1.0)), ("z2", randn(&[4, 2], 6, 1.0))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("z1", randn(&[4, 3], 5, 1.0)), ("z2", i(&[4, 3], &[0; 12]))]);
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"rho": "nan"})), &views(1), ErrorKind::Param);
        let e = inputs(vec![("z1", f(&[0, 3], &[])), ("z2", f(&[0, 3], &[]))]);
        assert_error(ID, None, &p, &e, ErrorKind::Empty);
    }
}
