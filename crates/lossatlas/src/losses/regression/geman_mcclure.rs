//! Geman-McClure loss: `2 r^2 / (r^2 + 4)`, a bounded robust loss from Bayesian image analysis,
//! widely used in registration and 3D alignment to suppress gross outliers.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, REDUCTION_NONE};
use crate::numerics::{LossTensor, Reduction};

const ID: &str = "geman-mcclure";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Geman-McClure Loss",
    aliases: &["Geman-McClure"],
    kind: Kind::Loss,
    domains: &["regression", "registration", "3d", "flow-video-pose"],
    year: 1985,
    paper: Paper {
        title: "Bayesian Image Analysis: An Application to Single Photon Emission Tomography",
        authors: "Geman, S. & McClure, D.E.",
        venue: "",
        year: 1985,
        url: "",
    },
    summary: "Penalizes a residual by 2 r^2 / (r^2 + 4): quadratic near zero and saturating at 2, so the influence of a residual falls off like 1/r^3 and outliers are effectively ignored. It is Barron's general robust loss with alpha = -2 and a common choice for robust point-cloud registration, pose fitting and flow. Being bounded and non-convex it needs a decent initialization (often annealed through a scale parameter), and it assumes residuals of unit scale.",
    formula: r"\ell_i = \frac{2\, r_i^2}{r_i^2 + 4},\qquad r_i = \hat{y}_i - y_i",
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
    equivalents: &["kornia.losses.geman_mcclure_loss", "kornia.losses.GemanMcclureLoss"],
    related: &["welsch", "cauchy", "tukey-biweight", "charbonnier"],
    forms: &[Form { name: "kornia", description: "kornia geman_mcclure_loss: 2 r^2 / (r^2 + 4) per element; reduction none (default, as kornia), mean or sum." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of kornia's `geman_mcclure_loss`; `Default` equals kornia's (no reduction).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GemanMcclureConfig {
    pub reduction: Reduction,
}

impl Default for GemanMcclureConfig {
    fn default() -> Self {
        GemanMcclureConfig { reduction: Reduction::None }
    }
}

/// ψ(r) = 2 r^2 / (r^2 + 4).
pub fn psi(r: Tensor<1>) -> Tensor<1> {
    let sq = r.square();
    sq.clone().mul_scalar(2.0) / sq.add_scalar(4.0)
}

/// kornia `geman_mcclure_loss`.
pub fn geman_mcclure<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &GemanMcclureConfig) -> Result<LossTensor, LossError> {
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
        let x = inputs(vec![("pred", randn(&[2, 3, 4], 15, 2.0)), ("target", randn(&[2, 3, 4], 16, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "mean"})), &x);
        let x = inputs(vec![("pred", f(&[3], &[0.0, 2.0, -1e-4])), ("target", f(&[3], &[0.0; 3]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // r = 2 -> 8 / 8 = 1; d/dr = 16 r / (r^2 + 4)^2 = 32 / 64 = 0.5.
        let x = inputs(vec![("pred", f(&[1], &[1.0])), ("target", f(&[1], &[-1.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert_eq!(ev.loss.floats, vec![1.0]);
        assert!((ev.grads["pred"].floats[0] - 0.5).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, -1e-12, 1e12, -1e12])), ("target", f(&[4], &[0.0; 4]))]);
        let ev = assert_finite(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 5e-25).abs() < 1e-39);
        assert!((ev.loss.floats[2] - 2.0).abs() < 1e-15);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let x = inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0))]);
        assert_error(ID, Some("optax"), &params(json!({})), &x, ErrorKind::Unsupported);
    }
}
