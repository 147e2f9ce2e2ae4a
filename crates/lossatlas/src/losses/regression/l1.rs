//! L1 loss (mean absolute error): the absolute residual, averaged. It estimates the
//! conditional median and is far less sensitive to outliers than the squared error, at the
//! price of a kink at zero and a gradient of constant size.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise;
use crate::numerics::{LossTensor, Reduction};

const ID: &str = "l1";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Mean Absolute Error (MAE)",
    aliases: &["L1 Loss", "Absolute Error", "Least Absolute Deviations", "LAD"],
    kind: Kind::Loss,
    domains: &["regression", "time-series", "super-resolution", "image-translation"],
    year: 1757,
    year_approx: true,
    paper: Paper {
        title: "Least Absolute Deviations (Wikipedia)",
        authors: "Classical statistical method",
        venue: "",
        year: 1757,
        url: "https://en.wikipedia.org/wiki/Least_absolute_deviations",
    },
    summary: "Averages the absolute difference between prediction and target; minimizing it estimates the conditional median and is maximum likelihood under Laplace noise. Large errors are penalized only linearly, so it tolerates outliers better than MSE and is popular for image restoration and translation. Its gradient has the same magnitude for every nonzero residual and is undefined at zero (0 is used there, as in PyTorch), which can make convergence near the optimum slow; Huber or smooth L1 round off the kink.",
    formula: r"\ell_i = |\hat{y}_i - y_i|,\qquad \text{mean: } \frac{1}{n}\sum_i \ell_i",
    inputs: elementwise::PRED_TARGET,
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "torch.nn.L1Loss",
        "torch.nn.functional.l1_loss",
        "sklearn.metrics.mean_absolute_error",
        "torchmetrics.functional.mean_absolute_error",
        "keras.losses.MeanAbsoluteError",
    ],
    related: &["mse", "huber", "smooth-l1", "quantile", "charbonnier", "mape"],
    forms: &[Form { name: "torch", description: "PyTorch l1_loss: |pred - target| per element (gradient 0 at a zero residual), reduction mean (default), sum or none." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of PyTorch's `l1_loss`; `Default` equals PyTorch's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct L1Config {
    pub reduction: Reduction,
}

/// PyTorch `l1_loss`: `|pred - target|`, reduced.
pub fn l1<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &L1Config) -> Result<LossTensor, LossError> {
    elementwise::distance(ID, pred, target, cfg.reduction, |r| r.abs())
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    elementwise::eval_distance(c, &ENTRY, Reduction::Mean, |r| r.abs())
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
        let x = inputs(vec![("pred", randn(&[3, 4], 3, 2.0)), ("target", randn(&[3, 4], 4, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
        // Near the kink (|r| = 1e-3) the derivative is the sign of r.
        let x = inputs(vec![("pred", f(&[2], &[1e-3, -1e-3])), ("target", f(&[2], &[0.0, 0.0]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // r = (1, -2, 0.5): mean |r| = 3.5 / 3.
        let x = inputs(vec![("pred", f(&[3], &[2.0, -1.0, 0.5])), ("target", f(&[3], &[1.0, 1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 3.5 / 3.0).abs() < 1e-15);
        // Gradient at r = 0 is 0, as torch's sign(0).
        let x = inputs(vec![("pred", f(&[2], &[1.0, 3.0])), ("target", f(&[2], &[1.0, 2.0]))]);
        let ev = eval64(ID, None, &params(json!({"reduction": "sum"})), &x);
        assert_eq!(ev.grads["pred"].floats, vec![0.0, 1.0]);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, -1e-12, 1e12, -1e12])), ("target", f(&[4], &[0.0; 4]))]);
        let ev = assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.floats, vec![1e-12, 1e-12, 1e12, 1e12]);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let x = inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0))]);
        assert_error(ID, Some("optax"), &params(json!({})), &x, ErrorKind::Unsupported);
    }
}
