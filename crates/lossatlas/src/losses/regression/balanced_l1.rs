//! Balanced L1 loss (Libra R-CNN): a box-regression loss that raises the gradient of inliers
//! (small residuals) relative to smooth L1 while keeping outliers' gradient capped at gamma.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, with_pair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "balanced-l1";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Balanced L1 Loss",
    aliases: &["Balanced L1"],
    kind: Kind::Loss,
    domains: &["regression", "detection"],
    year: 2019,
    paper: Paper {
        title: "Libra R-CNN: Towards Balanced Learning for Object Detection",
        authors: "Pang, J. et al.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1904.02701",
    },
    summary: "A bounding-box regression loss derived from a designed gradient: alpha ln(b|r|/beta + 1) inside |r| < beta and the constant gamma outside, integrated to a continuous loss with b = e^(gamma/alpha) - 1. Compared with smooth L1 it promotes the gradient of accurate (inlier) samples so that they are not drowned out by the few outliers with large errors, which the authors found balances the localisation and classification tasks. alpha raises the inlier gradient, gamma caps the outlier gradient.",
    formula: r"\ell_i = \begin{cases} \dfrac{\alpha}{b}\left(b|r_i| + 1\right)\ln\!\left(\dfrac{b|r_i|}{\beta} + 1\right) - \alpha|r_i| & |r_i| < \beta \\ \gamma|r_i| + \dfrac{\gamma}{b} - \alpha\beta & \text{otherwise} \end{cases},\qquad b = e^{\gamma/\alpha} - 1",
    inputs: &[
        Input { name: "pred", shape: "[*]", meaning: "predicted box deltas (any shape)" },
        Input { name: "target", shape: "[*] (as pred)", meaning: "target box deltas" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.5), range: Range::POSITIVE, meaning: "gradient promotion of inliers" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(1.5), range: Range::POSITIVE, meaning: "upper bound of the gradient (outliers)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "residual magnitude where the loss becomes linear" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["mmdet.models.losses.BalancedL1Loss", "mmdet.models.losses.balanced_l1_loss"],
    related: &["smooth-l1", "l1", "huber", "giou"],
    forms: &[Form { name: "mmdetection", description: "mmdetection balanced_l1_loss: the piecewise loss above on |pred - target|, beta > 0; reduction mean (default), sum or none." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of mmdetection's `balanced_l1_loss`; `Default` equals its defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BalancedL1Config {
    pub alpha: f64,
    pub gamma: f64,
    pub beta: f64,
    pub reduction: Reduction,
}

impl Default for BalancedL1Config {
    fn default() -> Self {
        BalancedL1Config { alpha: 0.5, gamma: 1.5, beta: 1.0, reduction: Reduction::Mean }
    }
}

/// ψ(r) of balanced L1 (both pieces are finite for every |r|).
pub fn psi(r: Tensor<1>, alpha: f64, gamma: f64, beta: f64) -> Tensor<1> {
    let d = r.abs();
    let b = (gamma / alpha).exp_m1();
    let bd = d.clone().mul_scalar(b);
    let inside = bd.clone().add_scalar(1.0).mul_scalar(alpha / b) * bd.mul_scalar(1.0 / beta).log1p() - d.clone().mul_scalar(alpha);
    let outside = d.clone().mul_scalar(gamma).add_scalar(gamma / b - alpha * beta);
    inside.mask_where(d.greater_equal_elem(beta), outside)
}

/// mmdetection `balanced_l1_loss`, reduced.
pub fn balanced_l1<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &BalancedL1Config) -> Result<LossTensor, LossError> {
    numerics::positive_param(ID, "alpha", cfg.alpha)?;
    numerics::positive_param(ID, "gamma", cfg.gamma)?;
    numerics::positive_param(ID, "beta", cfg.beta)?;
    elementwise::distance(ID, pred, target, cfg.reduction, |r| psi(r, cfg.alpha, cfg.gamma, cfg.beta))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("mmdetection") {
        "mmdetection" => {
            let cfg = BalancedL1Config {
                alpha: c.f64("alpha", 0.5)?,
                gamma: c.f64("gamma", 1.5)?,
                beta: c.f64("beta", 1.0)?,
                reduction: c.reduction(Reduction::Mean)?,
            };
            with_pair!(c, |p, t| balanced_l1(p, t, &cfg))
        }
        _ => Err(elementwise::unknown_form(c, &ENTRY)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("pred", randn(&[6, 4], 27, 1.5)), ("target", randn(&[6, 4], 28, 1.5))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
        assert_gradcheck(ID, None, &params(json!({"alpha": 1.0, "gamma": 0.8, "beta": 0.4})), &x);
        // Around |r| = beta (C^1: the designed gradient is gamma on both sides) and near 0.
        let x = inputs(vec![("pred", f(&[3], &[1.0 + 1e-4, -1.0 + 1e-4, 1e-3])), ("target", f(&[3], &[0.0; 3]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // alpha = 0.5, gamma = 1.5, beta = 1: b = e^3 - 1.
        let b = 3f64.exp() - 1.0;
        let x = inputs(vec![("pred", f(&[2], &[0.5, -2.0])), ("target", f(&[2], &[0.0; 2]))]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        let inner = 0.5 / b * (b * 0.5 + 1.0) * (b * 0.5 + 1.0).ln() - 0.25;
        let outer = 1.5 * 2.0 + 1.5 / b - 0.5;
        assert!((ev.loss.floats[0] - inner).abs() < 1e-13);
        assert!((ev.loss.floats[1] - outer).abs() < 1e-13);
        // The designed gradient: alpha ln(b|r|/beta + 1) inside, gamma outside.
        assert!((ev.grads["pred"].floats[0] - 0.5 * (b * 0.5 + 1.0).ln()).abs() < 1e-13);
        assert!((ev.grads["pred"].floats[1] + 1.5).abs() < 1e-13);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, -1e-12, 1e12, -1e12])), ("target", f(&[4], &[0.0; 4]))]);
        assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let good = || inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0))]);
        let cases = [
            (good(), params(json!({"beta": 0.0})), ErrorKind::Param),
            (good(), params(json!({"alpha": -0.5})), ErrorKind::Param),
            (good(), params(json!({"gamma": "nan"})), ErrorKind::Param),
        ];
        for (x, p, kind) in cases {
            assert_error(ID, None, &p, &x, kind);
        }
    }
}
