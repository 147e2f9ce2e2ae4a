//! Wing loss: logarithmic for small and medium residuals, linear for large ones, to make a
//! landmark regressor pay more attention to small localisation errors than L1 or L2 do.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, with_pair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "wing";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Wing Loss",
    aliases: &["Wing"],
    kind: Kind::Loss,
    domains: &["regression", "flow-video-pose"],
    year: 2018,
    paper: Paper {
        title: "Wing Loss for Robust Facial Landmark Localisation with Convolutional Neural Networks",
        authors: "Feng, Z.-H. et al.",
        venue: "CVPR",
        year: 2018,
        url: "https://arxiv.org/abs/1711.06753",
    },
    summary: "Uses omega ln(1 + |r| / epsilon) for residuals below omega and a linear |r| - C beyond, with C chosen so the two pieces meet. The log part has a large gradient for small errors (unlike L2, whose gradient vanishes there), which the authors found improves facial landmark localisation; the linear part keeps outliers from dominating. omega sets the width of the non-linear region and epsilon its curvature; like L1 it has a kink at zero.",
    formula: r"\ell_i = \begin{cases} \omega \ln\!\left(1 + |r_i|/\epsilon\right) & |r_i| < \omega \\ |r_i| - C & \text{otherwise} \end{cases},\qquad C = \omega - \omega\ln(1 + \omega/\epsilon),\quad r_i = \hat{y}_i - y_i",
    inputs: &[
        Input { name: "pred", shape: "[*]", meaning: "predicted landmark coordinates (any shape)" },
        Input { name: "target", shape: "[*] (as pred)", meaning: "target coordinates" },
    ],
    params: &[
        Param { name: "omega", symbol: r"\omega", default: Value::Float(10.0), range: Range::POSITIVE, meaning: "width of the logarithmic region" },
        Param { name: "epsilon", symbol: r"\epsilon", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "curvature of the logarithmic region (smaller is sharper)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[],
    related: &["adaptive-wing", "l1", "smooth-l1", "heatmap-mse"],
    forms: &[Form { name: "feng2018", description: "Feng et al. (2018), Eq. (5): omega ln(1 + |r|/epsilon) for |r| < omega, |r| - C beyond; reduction mean (default), sum or none." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the wing loss; `Default` equals the paper's omega = 10, epsilon = 2.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WingConfig {
    pub omega: f64,
    pub epsilon: f64,
    pub reduction: Reduction,
}

impl Default for WingConfig {
    fn default() -> Self {
        WingConfig { omega: 10.0, epsilon: 2.0, reduction: Reduction::Mean }
    }
}

/// ψ(r) of the wing loss (both pieces are finite everywhere, so no input masking is needed).
pub fn psi(r: Tensor<1>, omega: f64, epsilon: f64) -> Tensor<1> {
    let abs = r.abs();
    let c = omega - omega * (1.0 + omega / epsilon).ln();
    let log_part = abs.clone().mul_scalar(1.0 / epsilon).log1p().mul_scalar(omega);
    let linear = abs.clone().sub_scalar(c);
    log_part.mask_where(abs.greater_equal_elem(omega), linear)
}

/// The wing loss, reduced.
pub fn wing<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &WingConfig) -> Result<LossTensor, LossError> {
    numerics::positive_param(ID, "omega", cfg.omega)?;
    numerics::positive_param(ID, "epsilon", cfg.epsilon)?;
    elementwise::distance(ID, pred, target, cfg.reduction, |r| psi(r, cfg.omega, cfg.epsilon))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("feng2018") {
        "feng2018" => {
            let cfg = WingConfig { omega: c.f64("omega", 10.0)?, epsilon: c.f64("epsilon", 2.0)?, reduction: c.reduction(Reduction::Mean)? };
            with_pair!(c, |p, t| wing(p, t, &cfg))
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
        let x = inputs(vec![("pred", randn(&[4, 5], 23, 8.0)), ("target", randn(&[4, 5], 24, 8.0))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
        assert_gradcheck(ID, None, &params(json!({"omega": 3.0, "epsilon": 0.5})), &x);
        // Around the switch |r| = omega (value continuous, slope jumps from omega/(eps+omega) to 1).
        let x = inputs(vec![("pred", f(&[3], &[10.0 + 1e-3, 10.0 - 1e-3, -1e-3])), ("target", f(&[3], &[0.0; 3]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // omega = 10, epsilon = 2: r = 2 -> 10 ln 2; r = 12 -> 12 - (10 - 10 ln 6).
        let x = inputs(vec![("pred", f(&[2], &[2.0, -12.0])), ("target", f(&[2], &[0.0; 2]))]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert!((ev.loss.floats[0] - 10.0 * 2f64.ln()).abs() < 1e-13);
        assert!((ev.loss.floats[1] - (12.0 - 10.0 + 10.0 * 6f64.ln())).abs() < 1e-13);
        // Continuous at |r| = omega: both pieces give omega ln(1 + omega/epsilon).
        let x = inputs(vec![("pred", f(&[1], &[10.0])), ("target", f(&[1], &[0.0]))]);
        assert!((eval64(ID, None, &params(json!({})), &x).loss.floats[0] - 10.0 * 6f64.ln()).abs() < 1e-13);
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
            (good(), params(json!({"omega": 0.0})), ErrorKind::Param),
            (good(), params(json!({"epsilon": -2.0})), ErrorKind::Param),
            (good(), params(json!({"epsilon": "nan"})), ErrorKind::Param),
        ];
        for (x, p, kind) in cases {
            assert_error(ID, None, &p, &x, kind);
        }
    }
}
