//! Cauchy (Lorentzian) loss: `log(1 + r^2 / 2)`. A redescending-influence robust loss whose
//! gradient shrinks for large residuals, so gross outliers barely move the fit.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, REDUCTION_NONE};
use crate::numerics::{LossTensor, Reduction};

const ID: &str = "cauchy";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Cauchy Loss",
    aliases: &["Lorentzian Loss", "Cauchy-Lorentzian Loss"],
    kind: Kind::Loss,
    domains: &["regression", "flow-video-pose", "registration"],
    year: 1996,
    paper: Paper {
        title: "The Robust Estimation of Multiple Motions: Parametric and Piecewise-Smooth Flow Fields",
        authors: "Black, M.J. & Anandan, P.",
        venue: "Computer Vision and Image Understanding",
        year: 1996,
        url: "https://files.is.tue.mpg.de/black/papers/cviu.63.1.1996.pdf",
    },
    summary: "Penalizes a residual by log(1 + r^2 / 2): quadratic near zero, then growing only logarithmically, so the influence of a residual peaks at |r| = sqrt(2) and decays towards zero for larger errors. It is the negative log-likelihood of a Cauchy distribution and was popularized in robust optical flow; in Barron's general robust loss it is the alpha = 0 member. It is not convex, so it fits best from a reasonable initialization, and it assumes residuals of unit scale (divide by a scale first).",
    formula: r"\ell_i = \log\!\left(1 + \tfrac{1}{2} r_i^2\right),\qquad r_i = \hat{y}_i - y_i",
    inputs: elementwise::PRED_TARGET,
    params: &[REDUCTION_NONE],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["kornia.losses.cauchy_loss", "kornia.losses.CauchyLoss"],
    related: &["welsch", "geman-mcclure", "charbonnier", "tukey-biweight", "huber"],
    forms: &[Form { name: "kornia", description: "kornia cauchy_loss: log(0.5 r^2 + 1) per element; reduction none (default, as kornia), mean or sum." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of kornia's `cauchy_loss`; `Default` equals kornia's (no reduction).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CauchyConfig {
    pub reduction: Reduction,
}

impl Default for CauchyConfig {
    fn default() -> Self {
        CauchyConfig { reduction: Reduction::None }
    }
}

/// ψ(r) = log1p(r^2 / 2).
pub fn psi(r: Tensor<1>) -> Tensor<1> {
    r.square().mul_scalar(0.5).log1p()
}

/// kornia `cauchy_loss`.
pub fn cauchy<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &CauchyConfig) -> Result<LossTensor, LossError> {
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
        let x = inputs(vec![("pred", randn(&[2, 3, 4], 11, 2.0)), ("target", randn(&[2, 3, 4], 12, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
        let x = inputs(vec![("pred", f(&[3], &[0.0, 2f64.sqrt(), -1e-4])), ("target", f(&[3], &[0.0; 3]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // r = 2 -> ln 3; d/dr = r / (1 + r^2 / 2) = 2 / 3.
        let x = inputs(vec![("pred", f(&[1], &[3.0])), ("target", f(&[1], &[1.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 3f64.ln()).abs() < 1e-15);
        assert!((ev.grads["pred"].floats[0] - 2.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, -1e-12, 1e12, -1e12])), ("target", f(&[4], &[0.0; 4]))]);
        let ev = assert_finite(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 5e-25).abs() < 1e-39);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let x = inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0))]);
        assert_error(ID, Some("optax"), &params(json!({})), &x, ErrorKind::Unsupported);
    }
}
