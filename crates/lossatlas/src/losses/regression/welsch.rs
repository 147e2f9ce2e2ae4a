//! Welsch (Leclerc) loss: `1 - exp(-r^2 / 2)`, a bounded robust loss whose influence vanishes
//! for large residuals, so gross outliers are ignored outright.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, REDUCTION_NONE};
use crate::numerics::{LossTensor, Reduction};

const ID: &str = "welsch";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Welsch Loss",
    aliases: &["Leclerc Loss", "Welsch-Leclerc Loss"],
    kind: Kind::Loss,
    domains: &["regression", "flow-video-pose", "registration"],
    year: 1978,
    paper: Paper {
        title: "Techniques for Nonlinear Least Squares and Robust Regression",
        authors: "Dennis, J.E. & Welsch, R.E.",
        venue: "Communications in Statistics - Simulation and Computation",
        year: 1978,
        url: "https://www.tandfonline.com/doi/abs/10.1080/03610917808812083",
    },
    summary: "Penalizes a residual by 1 - exp(-r^2 / 2): quadratic near zero and saturating at one, so every gross outlier costs the same and contributes almost no gradient. It is Barron's general robust loss with alpha = -infinity (a Gaussian kernel, as in correntropy) and is used in robust registration and flow. Being bounded and non-convex, it can stall when the initial residuals are large, and it assumes residuals of unit scale.",
    formula: r"\ell_i = 1 - \exp\!\left(-\tfrac{1}{2} r_i^2\right),\qquad r_i = \hat{y}_i - y_i",
    inputs: elementwise::PRED_TARGET,
    params: &[REDUCTION_NONE],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["kornia.losses.welsch_loss", "kornia.losses.WelschLoss"],
    related: &["cauchy", "geman-mcclure", "tukey-biweight", "charbonnier"],
    forms: &[Form { name: "kornia", description: "kornia welsch_loss: 1 - exp(-r^2 / 2) per element (computed as 2t / (1 + t), t = tanh(r^2 / 4), which is exact for small r); reduction none (default, as kornia), mean or sum." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of kornia's `welsch_loss`; `Default` equals kornia's (no reduction).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WelschConfig {
    pub reduction: Reduction,
}

impl Default for WelschConfig {
    fn default() -> Self {
        WelschConfig { reduction: Reduction::None }
    }
}

/// ψ(r) = 1 - exp(-r^2/2) = 2t / (1 + t) with t = tanh(r^2 / 4): no cancellation for small r.
pub fn psi(r: Tensor<1>) -> Tensor<1> {
    let t = r.square().mul_scalar(0.25).tanh();
    t.clone().mul_scalar(2.0) / t.add_scalar(1.0)
}

/// kornia `welsch_loss`.
pub fn welsch<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &WelschConfig) -> Result<LossTensor, LossError> {
    elementwise::distance(ID, pred, target, cfg.reduction, psi)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    elementwise::eval_distance(c, &ENTRY, Reduction::None, psi)
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
        let x = inputs(vec![("pred", randn(&[2, 3, 4], 13, 2.0)), ("target", randn(&[2, 3, 4], 14, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
        let x = inputs(vec![("pred", f(&[3], &[0.0, 1.0, -1e-4])), ("target", f(&[3], &[0.0; 3]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // r = 2 -> 1 - e^-2; d/dr = r exp(-r^2/2) = 2 e^-2.
        let x = inputs(vec![("pred", f(&[1], &[2.5])), ("target", f(&[1], &[0.5]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (1.0 - (-2f64).exp())).abs() < 1e-15);
        assert!((ev.grads["pred"].floats[0] - 2.0 * (-2f64).exp()).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, -1e-12, 1e12, -1e12])), ("target", f(&[4], &[0.0; 4]))]);
        let ev = assert_finite(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 5e-25).abs() < 1e-39);
        assert_eq!(ev.loss.floats[2], 1.0);
        assert_eq!(ev.grads["pred"].floats[2], 0.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let x = inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0))]);
        assert_error(ID, Some("optax"), &params(json!({})), &x, ErrorKind::Unsupported);
    }
}
