//! Mean squared error: the squared residual, averaged. The maximum-likelihood loss for
//! regression under Gaussian noise of fixed variance, and the default reconstruction and
//! noise-prediction objective; it weighs large errors quadratically, so outliers dominate.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, with_pair};
use crate::numerics::{LossTensor, Reduction};

const ID: &str = "mse";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Mean Squared Error (MSE)",
    aliases: &["L2 Loss", "Squared Error", "Quadratic Loss", "Squared L2 Loss"],
    kind: Kind::Loss,
    domains: &["regression", "time-series", "super-resolution", "diffusion"],
    year: 1805,
    year_approx: true,
    paper: Paper {
        title: "Least Squares (Wikipedia)",
        authors: "Classical statistical method (Gauss, Legendre)",
        venue: "",
        year: 1805,
        url: "https://en.wikipedia.org/wiki/Least_squares",
    },
    summary: "Averages the squared difference between prediction and target; minimizing it estimates the conditional mean and is maximum likelihood under Gaussian noise with a fixed variance. It is smooth and convex, the default for regression, reconstruction and diffusion noise prediction. Because the penalty grows quadratically, a few outliers can dominate the gradient: prefer Huber, smooth L1 or L1 with heavy-tailed noise, and scale targets so that errors are of order one.",
    formula: r"\ell_i = c\,(\hat{y}_i - y_i)^2,\qquad c = 1 \text{ (torch, optax)},\quad c = \tfrac{1}{2} \text{ (optax-l2)};\qquad \text{mean: } \frac{1}{n}\sum_i \ell_i",
    inputs: &[
        Input { name: "pred", shape: "[*]", meaning: "predictions (any shape)" },
        Input { name: "target", shape: "[*] (as pred)", meaning: "targets; optional in the optax forms (missing means zeros)" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "torch.nn.MSELoss",
        "torch.nn.functional.mse_loss",
        "optax.losses.squared_error",
        "optax.losses.l2_loss",
        "sklearn.metrics.mean_squared_error",
        "torchmetrics.functional.mean_squared_error",
        "keras.losses.MeanSquaredError",
        "burn::nn::loss::MseLoss",
    ],
    related: &["l1", "huber", "smooth-l1", "msle", "gaussian-nll", "log-cosh"],
    forms: &[
        Form { name: "torch", description: "PyTorch mse_loss: (pred - target)^2 per element, reduction mean (default), sum or none; pred and target of one shape." },
        Form { name: "optax", description: "optax squared_error: (pred - target)^2 per element, no reduction (reduction defaults to none); target may be omitted (zeros)." },
        Form { name: "optax-l2", description: "optax l2_loss: 0.5 * (pred - target)^2 per element, no reduction (reduction defaults to none); target may be omitted (zeros)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of PyTorch's `mse_loss`; `Default` equals PyTorch's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MseConfig {
    pub reduction: Reduction,
}

/// PyTorch `mse_loss`: `(pred - target)^2`, reduced.
pub fn mse<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &MseConfig) -> Result<LossTensor, LossError> {
    scaled_square(pred, target, 1.0, cfg.reduction)
}

/// optax `squared_error`: `(pred - target)^2` per element.
pub fn squared_error<const D: usize>(pred: Tensor<D>, target: Tensor<D>) -> Result<LossTensor, LossError> {
    scaled_square(pred, target, 1.0, Reduction::None)
}

/// optax `l2_loss`: `0.5 * (pred - target)^2` per element.
pub fn l2_loss<const D: usize>(pred: Tensor<D>, target: Tensor<D>) -> Result<LossTensor, LossError> {
    scaled_square(pred, target, 0.5, Reduction::None)
}

fn scaled_square<const D: usize>(pred: Tensor<D>, target: Tensor<D>, c: f64, reduction: Reduction) -> Result<LossTensor, LossError> {
    elementwise::distance(ID, pred, target, reduction, |r| if c == 1.0 { r.square() } else { r.square().mul_scalar(c) })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("torch") {
        "torch" => {
            let cfg = MseConfig { reduction: c.reduction(Reduction::Mean)? };
            with_pair!(c, |p, t| mse(p, t, &cfg))
        }
        form @ ("optax" | "optax-l2") => {
            let scale = if form == "optax" { 1.0 } else { 0.5 };
            let reduction = c.reduction(Reduction::None)?;
            with_pair!(c, optional_target, |p, t| scaled_square(p, t, scale, reduction))
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
        let x = inputs(vec![("pred", randn(&[3, 4], 1, 2.0)), ("target", randn(&[3, 4], 2, 2.0))]);
        for form in ["torch", "optax", "optax-l2"] {
            assert_gradcheck(ID, Some(form), &params(json!({"reduction": "sum"})), &x);
        }
        // At r = 0 the derivative is 0.
        let x = inputs(vec![("pred", f(&[3], &[1.0, -2.0, 0.5])), ("target", f(&[3], &[1.0, -2.0, 0.25]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // r = (1, -2, 0.5): mean of r^2 = (1 + 4 + 0.25) / 3 = 1.75.
        let x = inputs(vec![("pred", f(&[3], &[2.0, -1.0, 0.5])), ("target", f(&[3], &[1.0, 1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 1.75).abs() < 1e-15);
        let ev = eval64(ID, Some("optax-l2"), &params(json!({})), &x);
        assert_eq!(ev.loss.floats, vec![0.5, 2.0, 0.125]);
        // Without a target, optax squares the predictions.
        let only = inputs(vec![("pred", f(&[2], &[3.0, -0.5]))]);
        assert_eq!(eval64(ID, Some("optax"), &params(json!({})), &only).loss.floats, vec![9.0, 0.25]);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, -1e-12, 1e12, -1e12])), ("target", f(&[4], &[0.0, 0.0, 0.0, 0.0]))]);
        let ev = assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.floats[2], 1e24);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let x = inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0))]);
        assert_error(ID, None, &params(json!({"delta": 1.0})), &x, ErrorKind::Param);
        assert_error(ID, Some("optax-l2"), &params(json!({"reduction": "avg"})), &x, ErrorKind::Param);
        assert_error(ID, Some("huber"), &params(json!({})), &x, ErrorKind::Unsupported);
        let mismatch = inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[2], 2, 1.0))]);
        assert_error(ID, Some("optax"), &params(json!({})), &mismatch, ErrorKind::Shape);
    }
}
