//! Smooth L1 loss: L1 with the kink at zero replaced by a parabola of width `beta`. Introduced
//! for bounding-box regression in Fast R-CNN; it is Huber's loss divided by its threshold.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, with_pair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "smooth-l1";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Smooth L1 Loss",
    aliases: &["SmoothL1", "Smooth L1"],
    kind: Kind::Loss,
    domains: &["regression", "detection"],
    year: 2015,
    paper: Paper {
        title: "Fast R-CNN",
        authors: "Girshick, R.",
        venue: "ICCV",
        year: 2015,
        url: "https://arxiv.org/abs/1504.08083",
    },
    summary: "Behaves like L1 for residuals larger than beta and like a scaled square (0.5 r^2 / beta) below it, so the gradient is bounded by one and vanishes smoothly at the optimum. It was introduced for bounding-box regression in Fast R-CNN, where it is less sensitive to outlying boxes than the L2 loss of R-CNN. Unlike Huber the linear part always has slope 1, so beta only controls how wide the quadratic zone is; beta = 0 is exactly L1.",
    formula: r"\ell_i = \begin{cases} \dfrac{r_i^2}{2\beta} & |r_i| < \beta \\ |r_i| - \tfrac{1}{2}\beta & \text{otherwise} \end{cases},\qquad r_i = \hat{y}_i - y_i \quad (\beta = 0:\ |r_i|)",
    inputs: &[
        Input { name: "pred", shape: "[*]", meaning: "predictions, e.g. box offsets (any shape)" },
        Input { name: "target", shape: "[*] (as pred)", meaning: "targets" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "width of the quadratic zone around zero; 0 gives L1" },
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
        "torch.nn.SmoothL1Loss",
        "torch.nn.functional.smooth_l1_loss",
        "burn::nn::loss::SmoothL1Loss",
        "mmdet.models.losses.SmoothL1Loss",
    ],
    related: &["huber", "l1", "mse", "balanced-l1", "giou"],
    forms: &[Form { name: "torch", description: "PyTorch smooth_l1_loss: 0.5 r^2 / beta where |r| < beta, |r| - beta / 2 elsewhere; beta = 0 is L1 (gradient 0 at r = 0); negative beta is an error; reduction mean (default), sum or none." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of PyTorch's `smooth_l1_loss`; `Default` equals PyTorch's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SmoothL1Config {
    /// Width of the quadratic zone (>= 0; 0 is L1).
    pub beta: f64,
    pub reduction: Reduction,
}

impl Default for SmoothL1Config {
    fn default() -> Self {
        SmoothL1Config { beta: 1.0, reduction: Reduction::Mean }
    }
}

/// ψ(r) of smooth L1.
pub fn psi(r: Tensor<1>, beta: f64) -> Tensor<1> {
    let abs = r.clone().abs();
    if beta == 0.0 {
        return abs;
    }
    let quadratic = r.square().mul_scalar(0.5 / beta);
    let linear = abs.clone().sub_scalar(0.5 * beta);
    quadratic.mask_where(abs.greater_equal_elem(beta), linear)
}

/// PyTorch `smooth_l1_loss`, reduced.
pub fn smooth_l1<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &SmoothL1Config) -> Result<LossTensor, LossError> {
    numerics::non_negative_param(ID, "beta", cfg.beta)?;
    elementwise::distance(ID, pred, target, cfg.reduction, |r| psi(r, cfg.beta))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("torch") {
        "torch" => {
            let cfg = SmoothL1Config { beta: c.f64("beta", 1.0)?, reduction: c.reduction(Reduction::Mean)? };
            with_pair!(c, |p, t| smooth_l1(p, t, &cfg))
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
        let x = inputs(vec![("pred", randn(&[3, 4], 7, 1.5)), ("target", randn(&[3, 4], 8, 1.5))]);
        for beta in [0.0, 0.3, 1.0, 5.0] {
            assert_gradcheck(ID, None, &params(json!({"beta": beta, "reduction": "sum"})), &x);
        }
        // Around the switch |r| = beta (C^1 there).
        let x = inputs(vec![("pred", f(&[4], &[0.3, -0.3, 0.3 + 1e-4, -0.3 + 1e-4])), ("target", f(&[4], &[0.0; 4]))]);
        assert_gradcheck(ID, None, &params(json!({"beta": 0.3})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // beta = 0.5: r = 0.25 -> 0.0625 / 1 = 0.0625; r = -2 -> 2 - 0.25 = 1.75; r = 0.5 -> 0.25.
        let x = inputs(vec![("pred", f(&[3], &[0.25, -2.0, 0.5])), ("target", f(&[3], &[0.0; 3]))]);
        let ev = eval64(ID, None, &params(json!({"beta": 0.5, "reduction": "none"})), &x);
        assert_eq!(ev.loss.floats, vec![0.0625, 1.75, 0.25]);
        // beta = 0 is L1, with gradient 0 at r = 0.
        let x = inputs(vec![("pred", f(&[3], &[0.0, -2.0, 0.5])), ("target", f(&[3], &[0.0; 3]))]);
        let ev = eval64(ID, None, &params(json!({"beta": 0.0, "reduction": "sum"})), &x);
        assert_eq!(ev.loss.floats, vec![2.5]);
        assert_eq!(ev.grads["pred"].floats, vec![0.0, -1.0, 1.0]);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, -1e-12, 1e12, -1e12])), ("target", f(&[4], &[0.0; 4]))]);
        for beta in [0.0, 1e-12, 1.0] {
            assert_finite(ID, None, &params(json!({"beta": beta, "reduction": "none"})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let good = || inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0))]);
        let cases = [
            (good(), params(json!({"beta": -0.1})), ErrorKind::Param),
            (good(), params(json!({"beta": "nan"})), ErrorKind::Param),
            (good(), params(json!({"beta": "inf"})), ErrorKind::Param),
        ];
        for (x, p, kind) in cases {
            assert_error(ID, None, &p, &x, kind);
        }
    }
}
