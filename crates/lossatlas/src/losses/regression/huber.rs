//! Huber loss: quadratic for small residuals and linear beyond `delta`, so it behaves like
//! MSE near the optimum and like L1 on outliers. The classic robust regression loss, and the
//! standard TD-error loss in deep Q-learning.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, with_pair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "huber";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Huber Loss",
    aliases: &["Huber", "Huber Error"],
    kind: Kind::Loss,
    domains: &["regression", "time-series", "reinforcement-learning"],
    year: 1964,
    paper: Paper {
        title: "Robust Estimation of a Location Parameter",
        authors: "Huber, P.J.",
        venue: "The Annals of Mathematical Statistics",
        year: 1964,
        url: "https://projecteuclid.org/journals/annals-of-mathematical-statistics/volume-35/issue-1/Robust-Estimation-of-a-Location-Parameter/10.1214/aoms/1177703732.full",
    },
    summary: "Penalizes a residual quadratically while its magnitude is below delta and linearly beyond, with matching value and slope at the switch. It keeps the fast, well-conditioned convergence of MSE near the optimum while capping the gradient of outliers at delta, and is the usual loss on TD errors in DQN. delta sets the scale at which a residual counts as an outlier, so it must be chosen relative to the target scale; huber equals delta times smooth L1 with beta = delta.",
    formula: r"\ell_i = \begin{cases} \tfrac{1}{2} r_i^2 & |r_i| < \delta \\ \delta\left(|r_i| - \tfrac{1}{2}\delta\right) & \text{otherwise} \end{cases},\qquad r_i = \hat{y}_i - y_i",
    inputs: &[
        Input { name: "pred", shape: "[*]", meaning: "predictions (any shape)" },
        Input { name: "target", shape: "[*] (as pred)", meaning: "targets; optional in the optax form (missing means zeros)" },
    ],
    params: &[
        Param { name: "delta", symbol: r"\delta", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "residual magnitude where the loss switches from quadratic to linear" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "torch.nn.HuberLoss",
        "torch.nn.functional.huber_loss",
        "optax.losses.huber_loss",
        "keras.losses.Huber",
        "burn::nn::loss::HuberLoss",
    ],
    related: &["smooth-l1", "mse", "l1", "berhu", "log-cosh", "charbonnier"],
    forms: &[
        Form { name: "torch", description: "PyTorch huber_loss: 0.5 r^2 where |r| < delta, delta (|r| - delta / 2) elsewhere; delta > 0; reduction mean (default), sum or none." },
        Form { name: "optax", description: "optax huber_loss: the same function (optax puts |r| = delta on the quadratic side, where both sides agree), per element (reduction defaults to none); target may be omitted (zeros)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of PyTorch's `huber_loss`; `Default` equals PyTorch's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HuberConfig {
    /// Switch point between the quadratic and the linear part (> 0).
    pub delta: f64,
    pub reduction: Reduction,
}

impl Default for HuberConfig {
    fn default() -> Self {
        HuberConfig { delta: 1.0, reduction: Reduction::Mean }
    }
}

/// ψ(r) of the Huber loss.
pub fn psi(r: Tensor<1>, delta: f64) -> Tensor<1> {
    let abs = r.clone().abs();
    let quadratic = r.square().mul_scalar(0.5);
    let linear = abs.clone().sub_scalar(0.5 * delta).mul_scalar(delta);
    quadratic.mask_where(abs.greater_equal_elem(delta), linear)
}

/// PyTorch `huber_loss`, reduced.
pub fn huber<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &HuberConfig) -> Result<LossTensor, LossError> {
    numerics::positive_param(ID, "delta", cfg.delta)?;
    elementwise::distance(ID, pred, target, cfg.reduction, |r| psi(r, cfg.delta))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or("torch");
    let delta = c.f64("delta", 1.0)?;
    match form {
        "torch" => {
            let cfg = HuberConfig { delta, reduction: c.reduction(Reduction::Mean)? };
            with_pair!(c, |p, t| huber(p, t, &cfg))
        }
        "optax" => {
            let cfg = HuberConfig { delta, reduction: c.reduction(Reduction::None)? };
            with_pair!(c, optional_target, |p, t| huber(p, t, &cfg))
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
        let x = inputs(vec![("pred", randn(&[3, 4], 5, 2.0)), ("target", randn(&[3, 4], 6, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"delta": 0.7, "reduction": "sum"})), &x);
        assert_gradcheck(ID, Some("optax"), &params(json!({"delta": 1.3})), &x);
        // At and around the switch |r| = delta (the loss is C^1 there) and at r = 0.
        let x = inputs(vec![("pred", f(&[5], &[0.5, -0.5, 0.5 + 1e-4, 0.5 - 1e-4, 0.0])), ("target", f(&[5], &[0.0; 5]))]);
        assert_gradcheck(ID, None, &params(json!({"delta": 0.5})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // delta = 1: r = 0.5 -> 0.125; r = -3 -> 1 * (3 - 0.5) = 2.5; r = 1 -> 1 * (1 - 0.5) = 0.5.
        let x = inputs(vec![("pred", f(&[3], &[0.5, -3.0, 1.0])), ("target", f(&[3], &[0.0; 3]))]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.floats, vec![0.125, 2.5, 0.5]);
        // huber(delta) = delta * smooth_l1(beta = delta): delta = 2, r = 3 -> 2 * (3 - 1) = 4.
        let x = inputs(vec![("pred", f(&[1], &[3.0])), ("target", f(&[1], &[0.0]))]);
        assert_eq!(eval64(ID, None, &params(json!({"delta": 2.0})), &x).loss.floats, vec![4.0]);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, -1e-12, 1e12, -1e12])), ("target", f(&[4], &[0.0; 4]))]);
        let ev = assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.floats[2], 1e12 - 0.5);
        assert_eq!(ev.grads["pred"].floats, vec![1e-12, -1e-12, 1.0, -1.0]);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let good = || inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0))]);
        let cases = [
            (good(), params(json!({"delta": -1.0})), ErrorKind::Param),
            (good(), params(json!({"delta": 0.0})), ErrorKind::Param),
            (good(), params(json!({"delta": "nan"})), ErrorKind::Param),
            (good(), params(json!({"beta": 1.0})), ErrorKind::Param),
        ];
        for (x, p, kind) in cases {
            assert_error(ID, None, &p, &x, kind);
        }
    }
}
