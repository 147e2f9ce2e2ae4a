//! Adaptive wing loss for heatmap regression: the wing loss with an exponent that depends on the
//! target pixel, so foreground pixels (target near 1) get a wing-like sharp loss and background
//! pixels (target near 0) a smooth, MSE-like one.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, with_pair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "adaptive-wing";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Adaptive Wing Loss",
    aliases: &["AWing", "Adaptive Wing"],
    kind: Kind::Loss,
    domains: &["regression", "flow-video-pose"],
    year: 2019,
    paper: Paper {
        title: "Adaptive Wing Loss for Robust Face Alignment via Heatmap Regression",
        authors: "Wang, X. et al.",
        venue: "ICCV",
        year: 2019,
        url: "https://arxiv.org/abs/1904.07399",
    },
    summary: "For heatmap regression: below the threshold theta the loss is omega ln(1 + (|r|/epsilon)^(alpha - y)), whose exponent depends on the ground-truth heatmap value y; beyond it a linear continuation A|r| - C with matching value and slope. On foreground pixels (y near 1) the exponent is small and the loss behaves like the wing loss, focusing on small errors; on the many background pixels (y near 0) it is smooth and quadratic-like, so they do not dominate. The defaults (omega 14, theta 0.5, epsilon 1, alpha 2.1) assume heatmaps in [0, 1]; the paper also weights pixels with a dilated mask, which is not part of this loss.",
    formula: r"\ell_i = \begin{cases} \omega \ln\!\left(1 + (|r_i|/\epsilon)^{\alpha - y_i}\right) & |r_i| < \theta \\ A_i |r_i| - C_i & \text{otherwise} \end{cases},\quad A_i = \frac{\omega\,(\alpha - y_i)\,(\theta/\epsilon)^{\alpha - y_i - 1}}{\epsilon\left(1 + (\theta/\epsilon)^{\alpha - y_i}\right)},\quad C_i = \theta A_i - \omega\ln\!\left(1 + (\theta/\epsilon)^{\alpha - y_i}\right)",
    inputs: &[
        Input { name: "pred", shape: "[*]", meaning: "predicted heatmaps, e.g. [B, K, H, W]" },
        Input { name: "target", shape: "[*] (as pred)", meaning: "target heatmaps y, values in [0, 1]; the exponent depends on them (they receive a gradient)" },
    ],
    params: &[
        Param { name: "omega", symbol: r"\omega", default: Value::Float(14.0), range: Range::POSITIVE, meaning: "scale of the non-linear part" },
        Param { name: "theta", symbol: r"\theta", default: Value::Float(0.5), range: Range::POSITIVE, meaning: "residual magnitude where the loss becomes linear" },
        Param { name: "epsilon", symbol: r"\epsilon", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "residual scale inside the logarithm" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(2.1), range: Range::REAL, meaning: "exponent offset; the exponent is alpha - y (keep alpha - y > 1 for a smooth loss at 0)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[],
    related: &["wing", "heatmap-mse", "l1", "focal"],
    forms: &[Form { name: "wang2019", description: "Wang et al. (2019) as in protossw512/AdaptiveWingLoss: the piecewise loss above with y = target, reduction mean (default; the reference averages over all pixels), sum or none. Without the paper's weighted loss map." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the adaptive wing loss; `Default` equals the paper's values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdaptiveWingConfig {
    pub omega: f64,
    pub theta: f64,
    pub epsilon: f64,
    pub alpha: f64,
    pub reduction: Reduction,
}

impl Default for AdaptiveWingConfig {
    fn default() -> Self {
        AdaptiveWingConfig { omega: 14.0, theta: 0.5, epsilon: 1.0, alpha: 2.1, reduction: Reduction::Mean }
    }
}

impl AdaptiveWingConfig {
    fn validate(&self) -> Result<(), LossError> {
        numerics::positive_param(ID, "omega", self.omega)?;
        numerics::positive_param(ID, "theta", self.theta)?;
        numerics::positive_param(ID, "epsilon", self.epsilon)?;
        numerics::finite_param(ID, "alpha", self.alpha)?;
        Ok(())
    }
}

/// The adaptive wing loss, reduced. Powers are taken as `exp(e ln b)`; `(|r|/epsilon)^e` is 0 at
/// r = 0 with zero gradient (torch's convention for `pow(0, e)`), and the log branch only sees
/// residuals where it is selected.
pub fn adaptive_wing<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &AdaptiveWingConfig) -> Result<LossTensor, LossError> {
    cfg.validate()?;
    let p = elementwise::Pair::new(ID, pred, target)?;
    let (omega, theta, eps) = (cfg.omega, cfg.theta, cfg.epsilon);
    let d = p.residual().abs();
    let e = p.target.clone().neg().add_scalar(cfg.alpha);
    let zero = d.clone().equal_elem(0.0);
    let outside = d.clone().greater_equal_elem(theta);
    let d_in = d.clone().mask_fill(zero.clone(), 1.0).mask_fill(outside.clone(), 1.0);
    let t = (e.clone() * d_in.mul_scalar(1.0 / eps).log()).exp().mask_fill(zero, 0.0);
    let inside = t.log1p().mul_scalar(omega);
    let k = (theta / eps).ln();
    let pw = e.clone().mul_scalar(k).exp();
    let pw1 = e.clone().sub_scalar(1.0).mul_scalar(k).exp();
    let a = (e * pw1).mul_scalar(omega / eps) / pw.clone().add_scalar(1.0);
    let c = a.clone().mul_scalar(theta) - pw.log1p().mul_scalar(omega);
    let linear = a * d - c;
    Ok(p.reduce(inside.mask_where(outside, linear), cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("wang2019") {
        "wang2019" => {
            let cfg = AdaptiveWingConfig {
                omega: c.f64("omega", 14.0)?,
                theta: c.f64("theta", 0.5)?,
                epsilon: c.f64("epsilon", 1.0)?,
                alpha: c.f64("alpha", 2.1)?,
                reduction: c.reduction(Reduction::Mean)?,
            };
            with_pair!(c, |p, t| adaptive_wing(p, t, &cfg))
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
        let x = inputs(vec![("pred", uniform(&[2, 1, 4, 4], 25, -0.3, 1.3)), ("target", uniform(&[2, 1, 4, 4], 26, 0.0, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
        assert_gradcheck(ID, None, &params(json!({"omega": 5.0, "theta": 0.2, "epsilon": 0.5, "alpha": 2.5})), &x);
        // Around the switch |r| = theta (C^1 there) and near r = 0.
        let x = inputs(vec![("pred", f(&[4], &[0.8 + 1e-4, 0.8 - 1e-4, 0.3 + 1e-3, 0.3])), ("target", f(&[4], &[0.3, 0.3, 0.3, 0.3]))]);
        assert_gradcheck_only(ID, None, &params(json!({})), &x, Some(&["pred"]));
    }

    #[test]
    fn value_is_the_formula() {
        // Defaults, y = 0.1 so alpha - y = 2: r = 0.25 -> 14 ln(1 + 0.0625).
        // r = 1 (linear): p = 0.5^2 = 0.25, A = 14 * 2 * 0.5 / 1.25 = 11.2, C = 0.5 A - 14 ln 1.25.
        let x = inputs(vec![("pred", f(&[2], &[0.35, 1.1])), ("target", f(&[2], &[0.1, 0.1]))]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert!((ev.loss.floats[0] - 14.0 * 1.0625f64.ln()).abs() < 1e-13);
        let (a, c) = (11.2, 5.6 - 14.0 * 1.25f64.ln());
        assert!((ev.loss.floats[1] - (a - c)).abs() < 1e-13);
        // Continuity at |r| = theta: the log branch gives 14 ln 1.25 = A theta - C.
        assert!((a * 0.5 - c - 14.0 * 1.25f64.ln()).abs() < 1e-13);
        // r = 0: value 0, gradient 0.
        let x = inputs(vec![("pred", f(&[1], &[0.4])), ("target", f(&[1], &[0.4]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert_eq!(ev.loss.floats, vec![0.0]);
        assert_eq!(ev.grads["pred"].floats, vec![0.0]);
        assert_eq!(ev.grads["target"].floats, vec![0.0]);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, -1e-12, 1e12, -1e12])), ("target", f(&[4], &[0.0, 1.0, 0.5, 0.0]))]);
        assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let good = || inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", uniform(&[3], 2, 0.0, 1.0))]);
        let cases = [
            (good(), params(json!({"omega": -14.0})), ErrorKind::Param),
            (good(), params(json!({"theta": 0.0})), ErrorKind::Param),
            (good(), params(json!({"epsilon": 0.0})), ErrorKind::Param),
            (good(), params(json!({"alpha": "nan"})), ErrorKind::Param),
        ];
        for (x, p, kind) in cases {
            assert_error(ID, None, &p, &x, kind);
        }
    }
}
