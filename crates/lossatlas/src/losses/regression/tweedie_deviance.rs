//! Tweedie deviance: the unit deviance of the Tweedie family of distributions, which contains the
//! normal (power 0), Poisson (1), compound Poisson-gamma (1 < p < 2), gamma (2) and inverse
//! Gaussian (3); the loss for non-negative targets with many exact zeros, such as insurance claims
//! or intermittent demand.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::elementwise::{self, MultiOutput, with_pair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "tweedie-deviance";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Tweedie Deviance",
    aliases: &["Tweedie Loss", "Mean Tweedie Deviance", "Tweedie Deviance Score"],
    kind: Kind::Loss,
    domains: &["regression", "time-series"],
    year: 1984,
    paper: Paper {
        title: "An Index which Distinguishes between Some Important Exponential Families",
        authors: "Tweedie, M.C.K.",
        venue: "",
        year: 1984,
        url: "",
    },
    summary: "Twice the gap between the log-likelihood of a saturated model and that of the prediction mu under a Tweedie distribution with variance proportional to mu^power: power 0 is the squared error, 1 the Poisson deviance, 2 the gamma deviance, and 1 < power < 2 a compound Poisson-gamma model whose mass at zero suits non-negative targets with many exact zeros (claims, rainfall, sales). The prediction must be positive for power != 0 (use an exp or softplus link), the target non-negative for 1 <= power < 2 and positive for power >= 2; powers strictly between 0 and 1 define no distribution and are rejected.",
    formula: r"d_i = \begin{cases} (y_i - \mu_i)^2 & p = 0 \\ 2\left(y_i\log\frac{y_i}{\mu_i} - y_i + \mu_i\right) & p = 1 \\ 2\left(\log\frac{\mu_i}{y_i} + \frac{y_i}{\mu_i} - 1\right) & p = 2 \\ 2\left(\frac{\max(y_i,0)^{2-p}}{(1-p)(2-p)} - \frac{y_i\,\mu_i^{1-p}}{1-p} + \frac{\mu_i^{2-p}}{2-p}\right) & \text{otherwise} \end{cases},\qquad \ell = \frac{1}{n}\sum_i d_i",
    inputs: &[
        Input { name: "pred", shape: "[*] (sklearn: [N])", meaning: "predicted means mu (> 0 unless power = 0)" },
        Input { name: "target", shape: "as pred", meaning: "observed targets y" },
        Input { name: "weights", shape: "[N]", meaning: "form sklearn: optional sample weights" },
    ],
    params: &[
        Param { name: "power", symbol: "p", default: Value::Float(0.0), range: Range::REAL, meaning: "Tweedie power: 0 normal, 1 Poisson, (1, 2) compound Poisson-gamma, 2 gamma, 3 inverse Gaussian; (0, 1) is invalid" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "form torchmetrics: mean (torchmetrics' value), sum or none" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "torchmetrics.functional.tweedie_deviance_score",
        "sklearn.metrics.mean_tweedie_deviance",
        "sklearn.metrics.mean_poisson_deviance",
        "sklearn.metrics.mean_gamma_deviance",
    ],
    related: &["poisson-nll", "mse", "msle", "gaussian-nll"],
    forms: &[
        Form { name: "torchmetrics", description: "torchmetrics tweedie_deviance_score(power): the deviance averaged over all elements (reduction mean; sum and none also offered); domain violations and powers in (0, 1) are errors. For power 1 and y = 0 the term y log(y / mu) is 0 with gradient 0 (torch's xlogy backward gives NaN there)." },
        Form { name: "sklearn", description: "scikit-learn mean_tweedie_deviance(power, sample_weight): the same deviance, (weighted) mean over samples; single-output only ([N] or [N, 1]); the same domain errors." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the torchmetrics form; `Default` is torchmetrics' power 0 with the mean.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TweedieConfig {
    pub power: f64,
    pub reduction: Reduction,
}

/// Checks the power and the domain of pred and target as torchmetrics and scikit-learn do.
pub fn check_domain(power: f64, pred: &[f64], target: &[f64]) -> Result<(), LossError> {
    if !power.is_finite() || (power > 0.0 && power < 1.0) {
        return Err(LossError::param(ID, "power", "a finite power <= 0 or >= 1", format!("{power}")));
    }
    let bad_pred = |ok: fn(f64) -> bool, what: &str| match pred.iter().find(|v| !ok(**v)) {
        Some(v) => Err(LossError::value(ID, "pred", format!("{what} with power {power}"), format!("{v}"))),
        None => Ok(()),
    };
    let bad_target = |ok: fn(f64) -> bool, what: &str| match target.iter().find(|v| !ok(**v)) {
        Some(v) => Err(LossError::value(ID, "target", format!("{what} with power {power}"), format!("{v}"))),
        None => Ok(()),
    };
    if power == 0.0 {
        return Ok(());
    }
    bad_pred(|v| v > 0.0, "strictly positive predictions")?;
    if power >= 2.0 {
        bad_target(|v| v > 0.0, "strictly positive targets")?;
    } else if power >= 1.0 {
        bad_target(|v| v >= 0.0, "non-negative targets")?;
    }
    Ok(())
}

/// Unit deviance per element (domain already checked).
pub fn deviance(mu: Tensor<1>, y: Tensor<1>, power: f64) -> Tensor<1> {
    let p = power;
    if p == 0.0 {
        (y - mu).square()
    } else if p == 1.0 {
        (numerics::xlogy(y.clone(), y.clone() / mu.clone()) - y + mu).mul_scalar(2.0)
    } else if p == 2.0 {
        ((mu.clone() / y.clone()).log() + y / mu).sub_scalar(1.0).mul_scalar(2.0)
    } else {
        // max(y, 0)^(2 - p), with 0 (and gradient 0) where y <= 0.
        let nonpos = y.clone().lower_equal_elem(0.0);
        let t1 = y.clone().mask_fill(nonpos.clone(), 1.0).powf_scalar(2.0 - p).mask_fill(nonpos, 0.0).mul_scalar(1.0 / ((1.0 - p) * (2.0 - p)));
        let t2 = (y * mu.clone().powf_scalar(1.0 - p)).mul_scalar(1.0 / (1.0 - p));
        let t3 = mu.powf_scalar(2.0 - p).mul_scalar(1.0 / (2.0 - p));
        (t1 - t2 + t3).mul_scalar(2.0)
    }
}

/// torchmetrics `tweedie_deviance_score` (with a choice of reduction).
pub fn tweedie_deviance<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &TweedieConfig) -> Result<LossTensor, LossError> {
    let p = elementwise::Pair::new(ID, pred, target)?;
    check_domain(cfg.power, &numerics::host_f64(&p.pred), &numerics::host_f64(&p.target))?;
    let per = deviance(p.pred.clone(), p.target.clone(), cfg.power);
    Ok(p.reduce(per, cfg.reduction))
}

/// scikit-learn `mean_tweedie_deviance` on `[N, 1]` values.
pub fn mean_tweedie_deviance(pred: Tensor<2>, target: Tensor<2>, power: f64, sample_weight: Option<Tensor<1>>) -> Result<LossTensor, LossError> {
    let dims = pred.dims();
    numerics::same_shape(ID, "target", &target.dims(), "pred", &dims)?;
    numerics::non_empty(ID, "pred", &dims)?;
    if dims[1] != 1 {
        return Err(LossError::shape(ID, "pred", "one output ([N] or [N, 1]): scikit-learn's Tweedie deviance is single-output", fmt_shape(&dims)));
    }
    let n = dims[0];
    let (mu, y) = (pred.reshape([n]), target.reshape([n]));
    check_domain(power, &numerics::host_f64(&mu), &numerics::host_f64(&y))?;
    let per = deviance(mu, y, power).reshape([n, 1]);
    elementwise::sklearn_average(ID, per, sample_weight, &MultiOutput::UniformAverage)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let power = c.f64("power", 0.0)?;
    match c.form().unwrap_or("torchmetrics") {
        "torchmetrics" => {
            let cfg = TweedieConfig { power, reduction: c.reduction(Reduction::Mean)? };
            with_pair!(c, |p, t| tweedie_deviance(p, t, &cfg))
        }
        "sklearn" => {
            let (pred, target, weights, multioutput) = elementwise::sklearn_inputs(c)?;
            if multioutput != MultiOutput::UniformAverage {
                return Err(LossError::param(ID, "multioutput", "no multioutput (scikit-learn's Tweedie deviance has none)", format!("{multioutput:?}")));
            }
            mean_tweedie_deviance(pred, target, power, weights)
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
        let mu = uniform(&[2, 4], 54, 0.2, 4.0);
        let y = f(&[2, 4], &[0.0, 0.5, 1.0, 2.0, 3.5, 0.0, 1.2, 0.1]);
        let y_pos = uniform(&[2, 4], 55, 0.2, 4.0);
        for power in [-1.0, 0.0, 1.0, 1.5] {
            let x = inputs(vec![("pred", mu.clone()), ("target", if power < 0.0 { randn(&[2, 4], 56, 1.0) } else { y.clone() })]);
            assert_gradcheck_only(ID, None, &params(json!({"power": power})), &x, Some(&["pred"]));
        }
        for power in [2.0, 2.5, 3.0] {
            let x = inputs(vec![("pred", mu.clone()), ("target", y_pos.clone())]);
            assert_gradcheck(ID, None, &params(json!({"power": power, "reduction": "sum"})), &x);
        }
        let x = inputs(vec![("pred", mu.reshape_like(&[8])), ("target", y_pos.reshape_like(&[8])), ("weights", uniform(&[8], 57, 0.5, 2.0))]);
        assert_gradcheck(ID, Some("sklearn"), &params(json!({"power": 1.5})), &x);
    }

    trait ReshapeLike {
        fn reshape_like(&self, shape: &[usize]) -> Self;
    }
    impl ReshapeLike for crate::eval::HostTensor {
        fn reshape_like(&self, shape: &[usize]) -> Self {
            let mut t = self.clone();
            t.shape = shape.to_vec();
            t
        }
    }

    #[test]
    fn value_is_the_formula() {
        let x = inputs(vec![("pred", f(&[2], &[2.0, 1.0])), ("target", f(&[2], &[1.0, 4.0]))]);
        let dev = |power: f64| eval64(ID, None, &params(json!({"power": power})), &x).loss.floats[0];
        // power 0: ((1)^2 + (3)^2) / 2 = 5.
        assert!((dev(0.0) - 5.0).abs() < 1e-14);
        // power 1: 2 (1 ln(1/2) - 1 + 2) and 2 (4 ln 4 - 4 + 1), averaged.
        let p1 = (2.0 * (0.5f64.ln() + 1.0) + 2.0 * (4.0 * 4f64.ln() - 3.0)) / 2.0;
        assert!((dev(1.0) - p1).abs() < 1e-14);
        // power 2: 2 (ln 2 + 1/2 - 1) and 2 (ln(1/4) + 4 - 1), averaged.
        let p2 = (2.0 * (2f64.ln() - 0.5) + 2.0 * (0.25f64.ln() + 3.0)) / 2.0;
        assert!((dev(2.0) - p2).abs() < 1e-14);
        // power 3 (inverse Gaussian): (y - mu)^2 / (y mu^2): 1 / 4 and 9 / 4, averaged.
        assert!((dev(3.0) - 1.25).abs() < 1e-14);
        // A zero target with power 1 gives 2 mu, with gradient 2 (no NaN).
        let z = inputs(vec![("pred", f(&[1], &[1.5])), ("target", f(&[1], &[0.0]))]);
        let ev = eval64(ID, None, &params(json!({"power": 1.0})), &z);
        assert!((ev.loss.floats[0] - 3.0).abs() < 1e-15);
        assert!((ev.grads["pred"].floats[0] - 2.0).abs() < 1e-15);
        // sklearn with weights (1, 3) at power 0: (1 + 27) / 4 = 7.
        let mut w = x.clone();
        w.insert("weights".into(), f(&[2], &[1.0, 3.0]));
        assert!((eval64(ID, Some("sklearn"), &params(json!({})), &w).loss.floats[0] - 7.0).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, 1e12, 1.0, 1e-12])), ("target", f(&[4], &[0.0, 1e12, 1e-12, 1e12]))]);
        for power in [0.0, 1.0, 1.5] {
            assert_finite(ID, None, &params(json!({"power": power, "reduction": "none"})), &x);
        }
        let x = inputs(vec![("pred", f(&[3], &[1e-12, 1e12, 1.0])), ("target", f(&[3], &[1e-12, 1e-12, 1e12]))]);
        for power in [2.0, 3.0] {
            assert_finite(ID, None, &params(json!({"power": power})), &x);
        }
    }

    #[test]
    fn domain_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let x = |p: &[f64], t: &[f64]| inputs(vec![("pred", f(&[p.len()], p)), ("target", f(&[t.len()], t))]);
        for form in [None, Some("sklearn")] {
            assert_error(ID, form, &params(json!({"power": 2.0})), &x(&[0.5, -1.0], &[1.0, 2.0]), ErrorKind::Value);
            assert_error(ID, form, &params(json!({"power": 2.0})), &x(&[0.5, 1.0], &[0.0, 2.0]), ErrorKind::Value);
            assert_error(ID, form, &params(json!({"power": 1.0})), &x(&[0.0, 1.0], &[1.0, 2.0]), ErrorKind::Value);
            assert_error(ID, form, &params(json!({"power": 1.5})), &x(&[1.0, 1.0], &[-0.1, 2.0]), ErrorKind::Value);
            assert_error(ID, form, &params(json!({"power": -1.0})), &x(&[1.0, 0.0], &[-3.0, 2.0]), ErrorKind::Value);
            assert_error(ID, form, &params(json!({"power": 0.5})), &x(&[1.0, 1.0], &[1.0, 2.0]), ErrorKind::Param);
            assert_error(ID, form, &params(json!({"power": "nan"})), &x(&[1.0, 1.0], &[1.0, 2.0]), ErrorKind::Param);
            assert_error(ID, form, &params(json!({})), &x(&[1.0, 1.0], &[1.0, 2.0, 3.0]), ErrorKind::Shape);
            assert_error(ID, form, &params(json!({})), &x(&[], &[]), ErrorKind::Empty);
        }
        // power 0 accepts any reals; power < 0 accepts any target.
        eval64(ID, None, &params(json!({})), &x(&[-1.0, 0.0], &[-2.0, 0.0]));
        eval64(ID, Some("sklearn"), &params(json!({"power": -1.0})), &x(&[1.0, 2.0], &[-2.0, 0.0]));
        // scikit-learn's Tweedie deviance is single-output.
        let multi = inputs(vec![("pred", f(&[2, 2], &[1.0; 4])), ("target", f(&[2, 2], &[1.0; 4]))]);
        assert_error(ID, Some("sklearn"), &params(json!({})), &multi, ErrorKind::Shape);
    }
}
