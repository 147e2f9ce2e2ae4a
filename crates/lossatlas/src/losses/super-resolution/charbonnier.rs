//! Charbonnier loss: a smooth approximation of L1, `sqrt(r^2 + 1) - 1` in kornia's scale. A
//! staple of optical flow and image restoration, where it keeps L1's robustness without the
//! kink at zero.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, REDUCTION_NONE};
use crate::numerics::{LossTensor, Reduction};

const ID: &str = "charbonnier";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Charbonnier Loss",
    aliases: &["Pseudo-Huber Loss", "Charbonnier Penalty"],
    kind: Kind::Loss,
    domains: &["super-resolution", "flow-video-pose", "regression"],
    year: 1994,
    paper: Paper {
        title: "Two Deterministic Half-Quadratic Regularization Algorithms for Computed Imaging",
        authors: "Charbonnier et al.",
        venue: "ICIP",
        year: 1994,
        url: "https://ieeexplore.ieee.org/document/413553",
    },
    summary: "A smooth, convex stand-in for L1: quadratic for residuals well below one and asymptotically linear (|r| - 1) for large ones, so it is differentiable everywhere yet robust to outliers. It is the usual data and smoothness term in variational and learned optical flow (PWC-Net, RAFT variants) and a common pixel loss in super-resolution and deblurring. Implementations differ in scale: kornia's form has the unit constant (a pseudo-Huber loss with delta = 1), while restoration code often uses sqrt(r^2 + eps^2) with a tiny eps, which is nearly L1.",
    formula: r"\ell_i = \sqrt{r_i^2 + 1} - 1,\qquad r_i = \hat{y}_i - y_i",
    inputs: &[
        Input { name: "pred", shape: "[*]", meaning: "predictions, e.g. images [B, C, H, W]" },
        Input { name: "target", shape: "[*] (as pred)", meaning: "targets" },
    ],
    params: &[REDUCTION_NONE],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["kornia.losses.charbonnier_loss", "kornia.losses.CharbonnierLoss"],
    related: &["l1", "huber", "cauchy", "welsch", "geman-mcclure", "endpoint-error"],
    forms: &[Form { name: "kornia", description: "kornia charbonnier_loss: sqrt(r^2 + 1) - 1 per element (computed without cancellation near 0 and without overflow for huge r); reduction none (default, as kornia), mean or sum." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of kornia's `charbonnier_loss`; `Default` equals kornia's (no reduction).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CharbonnierConfig {
    pub reduction: Reduction,
}

impl Default for CharbonnierConfig {
    fn default() -> Self {
        CharbonnierConfig { reduction: Reduction::None }
    }
}

/// ψ(r) = sqrt(r^2 + 1) - 1, as `r^2 / (sqrt(r^2 + 1) + 1)` for |r| < 1 (no cancellation) and
/// `|r| sqrt(1 + 1/r^2) - 1` beyond (no overflow of r^2). Each branch sees only inputs where it
/// is selected, so neither produces a non-finite gradient.
pub fn psi(r: Tensor<1>) -> Tensor<1> {
    let abs = r.clone().abs();
    let outside = abs.clone().greater_equal_elem(1.0);
    let r_in = r.mask_fill(outside.clone(), 0.0);
    let sq = r_in.square();
    let small = sq.clone() / sq.add_scalar(1.0).sqrt().add_scalar(1.0);
    let a_out = abs.mask_fill(outside.clone().bool_not(), 1.0);
    let large = a_out.clone() * a_out.square().recip().add_scalar(1.0).sqrt();
    let large = large.sub_scalar(1.0);
    small.mask_where(outside, large)
}

/// kornia `charbonnier_loss`.
pub fn charbonnier<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &CharbonnierConfig) -> Result<LossTensor, LossError> {
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
        let x = inputs(vec![("pred", randn(&[2, 3, 4], 9, 2.0)), ("target", randn(&[2, 3, 4], 10, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "mean"})), &x);
        // Around the branch switch |r| = 1 and at r = 0.
        let x = inputs(vec![("pred", f(&[5], &[1.0, -1.0, 1.0 + 1e-4, 1.0 - 1e-4, 0.0])), ("target", f(&[5], &[0.0; 5]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // r = 0.75 -> sqrt(1.5625) - 1 = 0.25; r = -sqrt(8) -> 3 - 1 = 2.
        let x = inputs(vec![("pred", f(&[2], &[0.75, -8f64.sqrt()])), ("target", f(&[2], &[0.0; 2]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.25).abs() < 1e-15);
        assert!((ev.loss.floats[1] - 2.0).abs() < 1e-15);
        // d/dr = r / sqrt(r^2 + 1): 0.75 / 1.25 = 0.6.
        assert!((ev.grads["pred"].floats[0] - 0.6).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        let x = inputs(vec![("pred", f(&[5], &[1e-12, -1e-12, 1e12, -1e12, 1e200])), ("target", f(&[5], &[0.0; 5]))]);
        let ev = assert_finite(ID, None, &params(json!({})), &x);
        // r = 1e-12: r^2 / 2 = 5e-25, not 0 (no cancellation).
        assert!((ev.loss.floats[0] - 5e-25).abs() < 1e-39);
        assert_eq!(ev.loss.floats[4], 1e200);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let x = inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0))]);
        assert_error(ID, Some("optax"), &params(json!({})), &x, ErrorKind::Unsupported);
    }
}
