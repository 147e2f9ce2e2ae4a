//! Continuous ranked probability score: the squared L2 distance between the predicted CDF and the
//! step function at the observation. A strictly proper score for probabilistic forecasts,
//! computed in closed form for a Gaussian forecast or from the members of an ensemble.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::elementwise::{self, REDUCTION_NONE, float_input};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "crps";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "CRPS (Continuous Ranked Probability Score)",
    aliases: &["CRPS", "Continuous Ranked Probability Score"],
    kind: Kind::Loss,
    domains: &["time-series", "uncertainty", "regression"],
    year: 2007,
    paper: Paper {
        title: "Strictly Proper Scoring Rules, Prediction, and Estimation",
        authors: "Tilmann Gneiting, Adrian E. Raftery",
        venue: "Journal of the American Statistical Association",
        year: 2007,
        url: "https://doi.org/10.1198/016214506000001437",
    },
    summary: "Scores a predictive distribution F against an observation y by the integral of (F(x) - [x >= y])^2, equivalently E|X - y| - E|X - X'| / 2 for independent X, X' ~ F. It is strictly proper, so it is minimized in expectation only by the true distribution, reduces to the absolute error for a point forecast, and is in the units of the target; minimum-CRPS training is an alternative to maximum likelihood that is less sensitive to outliers. Computed in closed form for a Gaussian (mu, sigma) or from an ensemble of M members (the unbiased 'fair' variant divides the spread term by M(M-1) instead of M^2; this is the properscoring estimator).",
    formula: r"\text{gaussian: } \sigma\left(z\,(2\Phi(z) - 1) + 2\varphi(z) - \tfrac{1}{\sqrt{\pi}}\right),\ z = \frac{y - \mu}{\sigma};\qquad \text{ensemble: } \sum_j w_j |x_j - y| - \tfrac{1}{2}\sum_{j,k} w_j w_k |x_j - x_k|,\ w_j = \frac{\omega_j}{\sum_k \omega_k}",
    inputs: &[
        Input { name: "target", shape: "[*]", meaning: "observations y" },
        Input { name: "mu", shape: "[*] (as target)", meaning: "form gaussian: predicted means" },
        Input { name: "sigma", shape: "[*] (as target)", meaning: "form gaussian: predicted standard deviations > 0" },
        Input { name: "pred", shape: "[*, M] (members on `axis`), or [*] for a point forecast", meaning: "form ensemble: ensemble members" },
        Input { name: "weights", shape: "as pred", meaning: "form ensemble: optional non-negative member weights (normalized per forecast)" },
    ],
    params: &[
        REDUCTION_NONE,
        Param { name: "axis", symbol: "", default: Value::Int(-1), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "form ensemble: the axis of pred holding the members" },
        Param { name: "issorted", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "form ensemble: properscoring's hint that members are sorted; the value does not depend on it" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["properscoring.crps_gaussian", "properscoring.crps_ensemble", "scoringrules.crps_normal", "scoringrules.crps_ensemble"],
    related: &["quantile", "gaussian-nll", "energy-distance", "l1"],
    forms: &[
        Form { name: "gaussian", description: "properscoring crps_gaussian(target, mu, sigma): closed form per element (reduction none by default; mean and sum offered); sigma must be positive." },
        Form { name: "ensemble", description: "properscoring crps_ensemble(target, pred, weights, axis): per forecast, mean_j |x_j - y| - mean_{j,k} |x_j - x_k| / 2 over the M members (weighted when weights are given); a pred of target's shape is a point forecast and gives |pred - target|; gradient 0 at ties (sign(0) = 0); reduction none by default." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the CRPS; `Default` is properscoring's (per-element values).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CrpsConfig {
    pub reduction: Reduction,
}

impl Default for CrpsConfig {
    fn default() -> Self {
        CrpsConfig { reduction: Reduction::None }
    }
}

/// properscoring `crps_gaussian(target, mu, sigma)`.
pub fn crps_gaussian<const D: usize>(target: Tensor<D>, mu: Tensor<D>, sigma: Tensor<D>, cfg: &CrpsConfig) -> Result<LossTensor, LossError> {
    let shape = target.dims().to_vec();
    numerics::same_shape(ID, "mu", &mu.dims(), "target", &shape)?;
    numerics::same_shape(ID, "sigma", &sigma.dims(), "target", &shape)?;
    numerics::non_empty(ID, "target", &shape)?;
    if let Some(s) = numerics::host_f64(&sigma).into_iter().find(|s| !(*s > 0.0)) {
        return Err(LossError::value(ID, "sigma", "standard deviations > 0", format!("{s}")));
    }
    let n = shape.iter().product::<usize>();
    let (y, mu, sigma) = (target.reshape([n]), mu.reshape([n]), sigma.reshape([n]));
    let z = (y - mu) / sigma.clone();
    let cdf = z.clone().mul_scalar(std::f64::consts::FRAC_1_SQRT_2).erf().add_scalar(1.0).mul_scalar(0.5);
    let pdf = z.clone().square().mul_scalar(-0.5).exp().mul_scalar(1.0 / (2.0 * std::f64::consts::PI).sqrt());
    let inner = z * cdf.mul_scalar(2.0).sub_scalar(1.0) + pdf.mul_scalar(2.0);
    let per = sigma * inner.sub_scalar(1.0 / std::f64::consts::PI.sqrt());
    Ok(finish(per, shape, cfg.reduction))
}

/// properscoring `crps_ensemble(target, pred, weights)` with the members on the last axis of
/// `pred` (`[*, M]` for a target `[*]`; rank `DP = DT + 1`).
pub fn crps_ensemble<const DT: usize, const DP: usize>(target: Tensor<DT>, pred: Tensor<DP>, weights: Option<Tensor<DP>>, cfg: &CrpsConfig) -> Result<LossTensor, LossError> {
    let shape = target.dims().to_vec();
    let pdims = pred.dims();
    if DP != DT + 1 || pdims[..DP - 1] != shape[..] {
        return Err(LossError::shape(ID, "pred", format!("shape {} + [members]", fmt_shape(&shape)), fmt_shape(&pdims)));
    }
    if let Some(w) = &weights {
        numerics::same_shape(ID, "weights", &w.dims(), "pred", &pdims)?;
    }
    numerics::non_empty(ID, "pred", &pdims)?;
    let m = pdims[DP - 1];
    let n = shape.iter().product::<usize>();
    let x = pred.reshape([n, m]);
    let y = target.reshape([n, 1]).expand([n, m]);
    let w = match weights {
        Some(w) => {
            let host = numerics::host_f64(&w);
            if let Some(v) = host.iter().find(|v| !(**v >= 0.0) || !v.is_finite()) {
                return Err(LossError::value(ID, "weights", "finite non-negative member weights", format!("{v}")));
            }
            if host.chunks(m).any(|row| row.iter().sum::<f64>() == 0.0) {
                return Err(LossError::value(ID, "weights", "member weights with a positive sum for every forecast", "a forecast whose weights sum to 0"));
            }
            let w = w.reshape([n, m]);
            w.clone() / w.sum_dim(1).expand([n, m])
        }
        None => numerics::full_like(&x, [n, m], 1.0 / m as f64),
    };
    let skill = ((x.clone() - y).abs() * w.clone()).sum_dim(1).reshape([n]);
    let diff = (x.clone().reshape([n, m, 1]).expand([n, m, m]) - x.reshape([n, 1, m]).expand([n, m, m])).abs();
    let ww = w.clone().reshape([n, m, 1]).expand([n, m, m]) * w.reshape([n, 1, m]).expand([n, m, m]);
    let spread = (diff * ww).reshape([n, m * m]).sum_dim(1).reshape([n]);
    Ok(finish(skill - spread.mul_scalar(0.5), shape, cfg.reduction))
}

/// A point forecast (pred of target's shape): properscoring returns |pred - target|.
pub fn crps_point<const D: usize>(target: Tensor<D>, pred: Tensor<D>, cfg: &CrpsConfig) -> Result<LossTensor, LossError> {
    elementwise::distance(ID, pred, target, cfg.reduction, |r| r.abs())
}

/// A result computed for one forecast as `[1]`, given back with the scalar shape `[]`.
fn scalar_shape(r: LossTensor) -> LossTensor {
    LossTensor { value: r.value, shape: vec![] }
}

fn finish(per: Tensor<1>, shape: Vec<usize>, reduction: Reduction) -> LossTensor {
    match reduction {
        Reduction::None => LossTensor::with_shape(per, shape),
        r => reduce(per, r),
    }
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = CrpsConfig { reduction: c.reduction(Reduction::None)? };
    match c.form().unwrap_or("gaussian") {
        "gaussian" => {
            let shape = c.shape("target")?.to_vec();
            for name in ["mu", "sigma"] {
                numerics::same_shape(ID, name, c.shape(name)?, "target", &shape)?;
            }
            numerics::non_empty(ID, "target", &shape)?;
            if shape.is_empty() {
                // One forecast given as scalars: computed as [1], returned with shape [].
                for name in ["mu", "sigma"] {
                    if !c.host(name)?.dtype.is_float() {
                        return Err(LossError::dtype(ID, name, "floating-point values", "integer values"));
                    }
                }
                let r = crps_gaussian(c.float_reshaped::<1>("target", [1])?, c.float_reshaped::<1>("mu", [1])?, c.float_reshaped::<1>("sigma", [1])?, &cfg)?;
                return Ok(scalar_shape(r));
            }
            by_rank!(c, "target", shape.len(), |R| crps_gaussian(c.float::<R>("target")?, float_input::<R>(c, "mu")?, float_input::<R>(c, "sigma")?, &cfg))
        }
        "ensemble" => {
            let _ = c.bool("issorted", false)?;
            let tshape = c.shape("target")?.to_vec();
            let pshape = c.shape("pred")?.to_vec();
            if c.has("weights") {
                numerics::same_shape(ID, "weights", c.shape("weights")?, "pred", &pshape)?;
            }
            numerics::non_empty(ID, "pred", &pshape)?;
            let axis = c.i64("axis", -1)?;
            let rank = pshape.len() as i64;
            let ax = if axis < 0 { axis + rank } else { axis };
            if tshape == pshape {
                if c.has("weights") {
                    return Err(LossError::unsupported(ID, "weights", "no member weights for a point forecast (pred of target's shape)", "weights"));
                }
                c.host_opt("weights");
                return by_rank!(c, "target", tshape.len(), |R| crps_point(c.float::<R>("target")?, float_input::<R>(c, "pred")?, &cfg));
            }
            if !(0..rank).contains(&ax) {
                return Err(LossError::param(ID, "axis", format!("an axis of pred (rank {rank})"), format!("{axis}")));
            }
            let ax = ax as usize;
            let mut moved = pshape.clone();
            let members = moved.remove(ax);
            if moved != tshape {
                return Err(LossError::shape(ID, "pred", format!("target's shape {} with a members axis at {axis}", fmt_shape(&tshape)), fmt_shape(&pshape)));
            }
            if tshape.is_empty() {
                // One forecast: a scalar observation and pred [M], computed as [1] and [1, M].
                let w = c.float_opt::<1>("weights")?.map(|w| w.reshape([1, members]));
                let r = crps_ensemble(c.float_reshaped::<1>("target", [1])?, float_input::<1>(c, "pred")?.reshape([1, members]), w, &cfg)?;
                return Ok(scalar_shape(r));
            }
            by_rank!(c, "pred", pshape.len(), |R| {
                let last = R - 1;
                let pred = float_input::<R>(c, "pred")?.movedim(ax, last);
                let weights = c.float_opt::<R>("weights")?.map(|w| w.movedim(ax, last));
                let target = c.float_reshaped::<{ R - 1 }>("target", tshape.clone().try_into().expect("rank checked"))?;
                crps_ensemble(target, pred, weights, &cfg)
            })
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
        let x = inputs(vec![("target", randn(&[2, 3], 58, 2.0)), ("mu", randn(&[2, 3], 59, 1.0)), ("sigma", uniform(&[2, 3], 60, 0.2, 3.0))]);
        assert_gradcheck(ID, Some("gaussian"), &params(json!({})), &x);
        assert_gradcheck(ID, Some("gaussian"), &params(json!({"reduction": "mean"})), &x);
        let e = inputs(vec![("target", randn(&[2, 3], 61, 1.0)), ("pred", randn(&[2, 3, 6], 62, 1.0))]);
        assert_gradcheck(ID, Some("ensemble"), &params(json!({})), &e);
        let mut ew = e.clone();
        ew.insert("weights".into(), uniform(&[2, 3, 6], 63, 0.1, 2.0));
        assert_gradcheck(ID, Some("ensemble"), &params(json!({"reduction": "sum"})), &ew);
        let a = inputs(vec![("target", randn(&[2, 3], 64, 1.0)), ("pred", randn(&[2, 5, 3], 65, 1.0))]);
        assert_gradcheck(ID, Some("ensemble"), &params(json!({"axis": 1})), &a);
    }

    #[test]
    fn value_is_the_formula() {
        // Gaussian at z = 0, sigma = 2: 2 (2 phi(0) - 1/sqrt(pi)) = 2 (sqrt(2/pi) - 1/sqrt(pi)).
        let pi = std::f64::consts::PI;
        let x = inputs(vec![("target", f(&[1], &[1.0])), ("mu", f(&[1], &[1.0])), ("sigma", f(&[1], &[2.0]))]);
        let ev = eval64(ID, Some("gaussian"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 2.0 * ((2.0 / pi).sqrt() - 1.0 / pi.sqrt())).abs() < 1e-15);
        // d/dsigma = 2 phi(z) - 1/sqrt(pi); d/dmu = -(2 Phi(z) - 1) = 0 at z = 0.
        assert!((ev.grads["sigma"].floats[0] - ((2.0 / pi).sqrt() - 1.0 / pi.sqrt())).abs() < 1e-15);
        assert!(ev.grads["mu"].floats[0].abs() < 1e-15);
        // Ensemble {0, 2}, y = 1: mean |x - y| = 1, mean |x - x'| = (0 + 2 + 2 + 0) / 4 = 1: 1 - 0.5.
        let e = inputs(vec![("target", f(&[1], &[1.0])), ("pred", f(&[1, 2], &[0.0, 2.0]))]);
        assert!((eval64(ID, Some("ensemble"), &params(json!({})), &e).loss.floats[0] - 0.5).abs() < 1e-15);
        // Weights (3, 1) -> (0.75, 0.25): 0.75 + 0.25 - 0.5 * 2 * 0.1875 * 2 = 0.625.
        let mut ew = e.clone();
        ew.insert("weights".into(), f(&[1, 2], &[3.0, 1.0]));
        assert!((eval64(ID, Some("ensemble"), &params(json!({})), &ew).loss.floats[0] - 0.625).abs() < 1e-15);
        // A point forecast is the absolute error.
        let p = inputs(vec![("target", f(&[2], &[1.0, -1.0])), ("pred", f(&[2], &[3.0, -1.5]))]);
        assert_eq!(eval64(ID, Some("ensemble"), &params(json!({})), &p).loss.floats, vec![2.0, 0.5]);
    }

    #[test]
    fn a_single_forecast_may_be_scalar() {
        let e = inputs(vec![("target", f(&[], &[1.0])), ("pred", f(&[2], &[0.0, 2.0]))]);
        let ev = eval64(ID, Some("ensemble"), &params(json!({})), &e);
        assert_eq!((ev.loss.shape.clone(), ev.loss.floats.clone()), (vec![], vec![0.5]));
        let g = inputs(vec![("target", f(&[], &[1.0])), ("mu", f(&[], &[1.0])), ("sigma", f(&[], &[1.0]))]);
        assert_eq!(eval64(ID, Some("gaussian"), &params(json!({})), &g).loss.shape, Vec::<usize>::new());
    }

    #[test]
    fn ensemble_of_one_member_is_the_absolute_error() {
        let e = inputs(vec![("target", f(&[2], &[1.0, 2.0])), ("pred", f(&[2, 1], &[4.0, 1.5]))]);
        assert_eq!(eval64(ID, Some("ensemble"), &params(json!({})), &e).loss.floats, vec![3.0, 0.5]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("target", f(&[3], &[1e12, -1e12, 0.0])), ("mu", f(&[3], &[0.0, 0.0, 1e-12])), ("sigma", f(&[3], &[1e-12, 1.0, 1e12]))]);
        assert_finite(ID, Some("gaussian"), &params(json!({})), &x);
        let e = inputs(vec![("target", f(&[2], &[1e12, 0.0])), ("pred", f(&[2, 3], &[0.0, 1e-12, -1e12, 0.0, 0.0, 0.0]))]);
        assert_finite(ID, Some("ensemble"), &params(json!({})), &e);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let g = |sigma: HostTensor| inputs(vec![("target", f(&[2], &[0.0, 1.0])), ("mu", f(&[2], &[0.0, 0.0])), ("sigma", sigma)]);
        assert_error(ID, Some("gaussian"), &params(json!({})), &g(f(&[2], &[1.0, 0.0])), ErrorKind::Value);
        assert_error(ID, Some("gaussian"), &params(json!({})), &g(f(&[2], &[1.0, -1.0])), ErrorKind::Value);
        assert_error(ID, Some("gaussian"), &params(json!({})), &g(f(&[3], &[1.0; 3])), ErrorKind::Shape);
        assert_error(ID, Some("gaussian"), &params(json!({"reduction": "avg"})), &g(f(&[2], &[1.0; 2])), ErrorKind::Param);
        let e = |pred: HostTensor| inputs(vec![("target", f(&[2], &[0.0, 1.0])), ("pred", pred)]);
        assert_error(ID, Some("ensemble"), &params(json!({})), &e(f(&[3, 4], &[0.0; 12])), ErrorKind::Shape);
        assert_error(ID, Some("ensemble"), &params(json!({})), &e(f(&[2, 0], &[])), ErrorKind::Empty);
        assert_error(ID, Some("ensemble"), &params(json!({"axis": 2})), &e(f(&[2, 4], &[0.0; 8])), ErrorKind::Param);
        assert_error(ID, Some("ensemble"), &params(json!({"axis": 0})), &e(f(&[2, 4], &[0.0; 8])), ErrorKind::Shape);
        let mut w = e(f(&[2, 2], &[0.0; 4]));
        w.insert("weights".into(), f(&[2, 2], &[1.0, -1.0, 1.0, 1.0]));
        assert_error(ID, Some("ensemble"), &params(json!({})), &w, ErrorKind::Value);
        w.insert("weights".into(), f(&[2, 2], &[0.0, 0.0, 1.0, 1.0]));
        assert_error(ID, Some("ensemble"), &params(json!({})), &w, ErrorKind::Value);
        w.insert("weights".into(), f(&[2, 3], &[1.0; 6]));
        assert_error(ID, Some("ensemble"), &params(json!({})), &w, ErrorKind::Shape);
        let empty = inputs(vec![("target", f(&[0], &[])), ("mu", f(&[0], &[])), ("sigma", f(&[0], &[]))]);
        assert_error(ID, Some("gaussian"), &params(json!({})), &empty, ErrorKind::Empty);
    }

    use crate::eval::HostTensor;
}
