//! Tukey's biweight (bisquare) loss: a redescending robust loss that is constant beyond the
//! cutoff `c`, so residuals larger than `c` exert no pull at all.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, with_pair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "tukey-biweight";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Tukey's Biweight Loss",
    aliases: &["Tukey Bisquare Loss", "Biweight Loss", "Tukey Loss"],
    kind: Kind::Loss,
    domains: &["regression", "flow-video-pose"],
    year: 1974,
    paper: Paper {
        title: "The Fitting of Power Series, Meaning Polynomials, Illustrated on Band-Spectroscopic Data",
        authors: "Beaton, A.E. & Tukey, J.W.",
        venue: "Technometrics",
        year: 1974,
        url: "https://www.tandfonline.com/doi/abs/10.1080/00401706.1974.10489171",
    },
    summary: "Grows like r^2 / 2 for small residuals, flattens smoothly and stays at c^2 / 6 for every |r| >= c, so residuals beyond the cutoff get exactly zero gradient: gross outliers are rejected rather than down-weighted. The default c = 4.685 gives 95% efficiency under Gaussian noise of unit scale, so residuals should be standardized (e.g. by a MAD estimate) first; it has been used for robust deep regression such as pose estimation. Non-convex: if most residuals start beyond c, nothing is learned.",
    formula: r"\ell_i = \begin{cases} \dfrac{c^2}{6}\left[1 - \left(1 - (r_i/c)^2\right)^3\right] & |r_i| \le c \\ \dfrac{c^2}{6} & \text{otherwise} \end{cases},\qquad r_i = \hat{y}_i - y_i",
    inputs: elementwise::PRED_TARGET,
    params: &[
        Param { name: "c", symbol: "c", default: Value::Float(4.685), range: Range::POSITIVE, meaning: "cutoff beyond which a residual has no influence (4.685: 95% Gaussian efficiency)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["statsmodels.robust.norms.TukeyBiweight"],
    related: &["huber", "welsch", "geman-mcclure", "cauchy"],
    forms: &[Form { name: "beaton-tukey", description: "The biweight rho of Beaton & Tukey (1974): c^2/6 (1 - (1 - (r/c)^2)^3) for |r| <= c, c^2/6 beyond; reduction mean (default), sum or none." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the biweight loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TukeyBiweightConfig {
    /// Cutoff c > 0.
    pub c: f64,
    pub reduction: Reduction,
}

impl Default for TukeyBiweightConfig {
    fn default() -> Self {
        TukeyBiweightConfig { c: 4.685, reduction: Reduction::Mean }
    }
}

/// ψ(r) with u = min((r/c)^2, 1): c^2/6 (1 - (1 - u)^3). The clamp makes the value constant and
/// the gradient zero beyond c; at |r| = c both sides have zero slope.
pub fn psi(r: Tensor<1>, c: f64) -> Tensor<1> {
    let u = r.mul_scalar(1.0 / c).square().clamp_max(1.0);
    u.neg().add_scalar(1.0).powi_scalar(3).neg().add_scalar(1.0).mul_scalar(c * c / 6.0)
}

/// Tukey's biweight loss, reduced.
pub fn tukey_biweight<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &TukeyBiweightConfig) -> Result<LossTensor, LossError> {
    numerics::positive_param(ID, "c", cfg.c)?;
    elementwise::distance(ID, pred, target, cfg.reduction, |r| psi(r, cfg.c))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("beaton-tukey") {
        "beaton-tukey" => {
            let cfg = TukeyBiweightConfig { c: c.f64("c", 4.685)?, reduction: c.reduction(Reduction::Mean)? };
            with_pair!(c, |p, t| tukey_biweight(p, t, &cfg))
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
        let x = inputs(vec![("pred", randn(&[4, 5], 21, 3.0)), ("target", randn(&[4, 5], 22, 3.0))]);
        assert_gradcheck(ID, None, &params(json!({"c": 2.0, "reduction": "sum"})), &x);
        // At and around the cutoff |r| = c, and at 0.
        let x = inputs(vec![("pred", f(&[5], &[2.0, -2.0, 2.0 + 1e-4, 2.0 - 1e-4, 0.0])), ("target", f(&[5], &[0.0; 5]))]);
        assert_gradcheck(ID, None, &params(json!({"c": 2.0})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // c = 2: r = 1 -> u = 1/4, (4/6)(1 - (3/4)^3) = (2/3)(37/64) = 37/96; r = 3 -> 4/6.
        // d/dr = r (1 - u)^2 = 9/16 at r = 1; 0 beyond c.
        let x = inputs(vec![("pred", f(&[2], &[1.0, 3.0])), ("target", f(&[2], &[0.0; 2]))]);
        let ev = eval64(ID, None, &params(json!({"c": 2.0, "reduction": "none"})), &x);
        assert!((ev.loss.floats[0] - 37.0 / 96.0).abs() < 1e-15);
        assert!((ev.loss.floats[1] - 4.0 / 6.0).abs() < 1e-15);
        assert!((ev.grads["pred"].floats[0] - 9.0 / 16.0).abs() < 1e-15);
        assert_eq!(ev.grads["pred"].floats[1], 0.0);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, -1e-12, 1e12, -1e12])), ("target", f(&[4], &[0.0; 4]))]);
        let ev = assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
        assert!((ev.loss.floats[2] - 4.685f64.powi(2) / 6.0).abs() < 1e-12);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let good = || inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0))]);
        let cases = [
            (good(), params(json!({"c": 0.0})), ErrorKind::Param),
            (good(), params(json!({"c": -4.685})), ErrorKind::Param),
            (good(), params(json!({"c": "nan"})), ErrorKind::Param),
        ];
        for (x, p, kind) in cases {
            assert_error(ID, None, &p, &x, kind);
        }
    }
}
