//! Log-cosh loss: `log(cosh(r))`, which is about `r^2 / 2` for small residuals and `|r| - log 2`
//! for large ones: a twice-differentiable relative of Huber with no threshold to tune.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::elementwise::{self, with_pair};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "log-cosh";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Log-Cosh Loss",
    aliases: &["Log-Cosh", "Log Cosh Error", "LogCosh"],
    kind: Kind::Loss,
    domains: &["regression", "time-series", "audio"],
    year: 2022,
    paper: Paper {
        title: "Statistical Properties of the Log-Cosh Loss Function Used in Machine Learning",
        authors: "Chen, K. et al.",
        venue: "",
        year: 2022,
        url: "https://arxiv.org/abs/2208.04564",
    },
    summary: "Penalizes a residual by the logarithm of its hyperbolic cosine: quadratic near zero and asymptotically linear (|r| - log 2), like Huber with a fixed scale of one but smooth to every order, so second-order optimizers and gradient boosting can use it. It is robust to outliers in the sense that the gradient tanh(r) is bounded by one. Computing log(cosh(r)) literally overflows for |r| above about 710 (89 in f32) and loses all precision for tiny r; both tails are computed exactly here. auraloss adds a sharpness a, log(cosh(a r) + eps) / a, and averages over time.",
    formula: r"\ell_i = \log\cosh(r_i),\qquad r_i = \hat{y}_i - y_i;\qquad \text{auraloss: } \frac{1}{T}\sum_t \frac{1}{a}\log\!\left(\cosh(a\, r_t) + \epsilon\right)",
    inputs: &[
        Input { name: "pred", shape: "[*]", meaning: "predictions (forms elementwise, optax, torchmetrics)" },
        Input { name: "target", shape: "[*] (as pred)", meaning: "targets; optional in the optax form (missing means zeros)" },
        Input { name: "estimate", shape: "[*, T]", meaning: "form auraloss: estimated signals, time on the last axis" },
        Input { name: "reference", shape: "[*, T] (as estimate)", meaning: "form auraloss: reference signals" },
    ],
    params: &[
        Param::REDUCTION_MEAN,
        Param { name: "a", symbol: "a", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "form auraloss: sharpness; the loss is log(cosh(a r) + eps) / a" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-8), range: Range::NON_NEGATIVE, meaning: "form auraloss: constant added to cosh inside the logarithm" },
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
        "optax.losses.log_cosh",
        "torchmetrics.functional.log_cosh_error",
        "auraloss.time.LogCoshLoss",
        "keras.losses.LogCosh",
    ],
    related: &["huber", "mse", "l1", "log-cosh-dice", "charbonnier"],
    forms: &[
        Form { name: "elementwise", description: "log cosh(pred - target) per element, computed stably, reduction mean (default), sum or none." },
        Form { name: "optax", description: "optax log_cosh: log cosh(pred - target) per element (reduction defaults to none); target may be omitted (zeros)." },
        Form { name: "torchmetrics", description: "torchmetrics log_cosh_error: the mean over samples; a 1-D input gives a scalar, a [..., K] input is K outputs (rows flattened) and gives [K] (a scalar when K = 1); no reduction param." },
        Form { name: "auraloss", description: "auraloss.time.LogCoshLoss(a, eps, reduction) on estimate / reference: log(cosh(a r) + eps) / a averaged over the last (time) axis, then reduction mean (default), sum or none over the remaining axes; cosh is not evaluated literally, so there is no overflow." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the elementwise log-cosh loss.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LogCoshConfig {
    pub reduction: Reduction,
}

/// Options of auraloss's `LogCoshLoss`; `Default` equals auraloss's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AuralossLogCoshConfig {
    /// Sharpness a > 0.
    pub a: f64,
    /// Added to cosh inside the logarithm (>= 0).
    pub eps: f64,
    pub reduction: Reduction,
}

impl Default for AuralossLogCoshConfig {
    fn default() -> Self {
        AuralossLogCoshConfig { a: 1.0, eps: 1e-8, reduction: Reduction::Mean }
    }
}

/// ψ(r) = log cosh r, accurate in both tails: `log1p(2 sinh^2(r/2))` for |r| < 1 (no
/// cancellation for tiny r) and `|r| + log1p(exp(-2|r|)) - log 2` beyond (no overflow). Each
/// branch only sees inputs where it is selected.
pub fn psi(r: Tensor<1>) -> Tensor<1> {
    let abs = r.clone().abs();
    let outside = abs.clone().greater_equal_elem(1.0);
    let r_in = r.mask_fill(outside.clone(), 0.0);
    let small = r_in.mul_scalar(0.5).sinh().square().mul_scalar(2.0).log1p();
    let a_out = abs.mask_fill(outside.clone().bool_not(), 1.0);
    let large = a_out.clone() + a_out.mul_scalar(-2.0).exp().log1p().sub_scalar(std::f64::consts::LN_2);
    small.mask_where(outside, large)
}

/// log cosh(pred - target) per element, reduced.
pub fn log_cosh<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &LogCoshConfig) -> Result<LossTensor, LossError> {
    elementwise::distance(ID, pred, target, cfg.reduction, psi)
}

/// torchmetrics `log_cosh_error`: mean over samples; `[N]` gives a scalar, `[..., K]` gives one
/// value per output K (a scalar when K = 1).
pub fn log_cosh_error<const D: usize>(pred: Tensor<D>, target: Tensor<D>) -> Result<LossTensor, LossError> {
    let p = elementwise::Pair::new(ID, pred, target)?;
    let per = psi(p.residual());
    let k = if D == 1 { 1 } else { p.shape[D - 1] };
    let rows = per.dims()[0] / k;
    let means = per.reshape([rows, k]).mean_dim(0).reshape([k]);
    Ok(if k == 1 { LossTensor::scalar(means) } else { LossTensor::with_shape(means, vec![k]) })
}

/// auraloss `LogCoshLoss`: `log(cosh(a r) + eps) / a` averaged over the last axis, then reduced
/// over the others (`none` keeps them: shape `[*]` for inputs `[*, T]`).
pub fn log_cosh_auraloss<const D: usize>(estimate: Tensor<D>, reference: Tensor<D>, cfg: &AuralossLogCoshConfig) -> Result<LossTensor, LossError> {
    numerics::positive_param(ID, "a", cfg.a)?;
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let dims = estimate.dims();
    numerics::same_shape(ID, "reference", &reference.dims(), "estimate", &dims)?;
    numerics::non_empty(ID, "estimate", &dims)?;
    let t = dims[D - 1];
    let m = dims.iter().product::<usize>() / t;
    let r = (estimate - reference).reshape([m * t]).mul_scalar(cfg.a);
    let lc = psi(r);
    // log(cosh x + eps) = log cosh x + log1p(eps / cosh x).
    let lc = if cfg.eps > 0.0 { lc.clone() + lc.neg().exp().mul_scalar(cfg.eps).log1p() } else { lc };
    let per = lc.mul_scalar(1.0 / cfg.a).reshape([m, t]).mean_dim(1).reshape([m]);
    Ok(match cfg.reduction {
        Reduction::None => LossTensor::with_shape(per, dims[..D - 1].to_vec()),
        r => reduce(per, r),
    })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("elementwise") {
        "elementwise" => {
            let cfg = LogCoshConfig { reduction: c.reduction(Reduction::Mean)? };
            with_pair!(c, |p, t| log_cosh(p, t, &cfg))
        }
        "optax" => {
            let cfg = LogCoshConfig { reduction: c.reduction(Reduction::None)? };
            with_pair!(c, optional_target, |p, t| log_cosh(p, t, &cfg))
        }
        "torchmetrics" => with_pair!(c, |p, t| log_cosh_error(p, t)),
        "auraloss" => {
            let cfg = AuralossLogCoshConfig { a: c.f64("a", 1.0)?, eps: c.f64("eps", 1e-8)?, reduction: c.reduction(Reduction::Mean)? };
            elementwise::check_same_input_shape(c, "estimate", "reference")?;
            let rank = c.shape("estimate")?.len();
            if rank == 0 {
                return Err(LossError::shape(ID, "estimate", "shape [*, T] (rank >= 1)", fmt_shape(c.shape("estimate")?)));
            }
            by_rank!(c, "estimate", rank, |R| log_cosh_auraloss(elementwise::float_input::<R>(c, "estimate")?, c.float::<R>("reference")?, &cfg))
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
        let x = inputs(vec![("pred", randn(&[3, 4], 17, 3.0)), ("target", randn(&[3, 4], 18, 3.0))]);
        for form in ["elementwise", "optax", "torchmetrics"] {
            assert_gradcheck(ID, Some(form), &params(json!({})), &x);
        }
        let s = inputs(vec![("estimate", randn(&[2, 3, 5], 19, 1.0)), ("reference", randn(&[2, 3, 5], 20, 1.0))]);
        assert_gradcheck(ID, Some("auraloss"), &params(json!({"a": 2.5, "eps": 1e-3, "reduction": "none"})), &s);
        assert_gradcheck(ID, Some("auraloss"), &params(json!({"a": 0.5, "eps": 0.0, "reduction": "sum"})), &s);
        let x = inputs(vec![("pred", f(&[3], &[0.0, 1e-4, -30.0])), ("target", f(&[3], &[0.0; 3]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // r = 1 -> ln cosh 1 = ln((e + 1/e) / 2); gradient tanh(1).
        let x = inputs(vec![("pred", f(&[1], &[1.5])), ("target", f(&[1], &[0.5]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        let e = std::f64::consts::E;
        assert!((ev.loss.floats[0] - ((e + 1.0 / e) / 2.0).ln()).abs() < 1e-15);
        assert!((ev.grads["pred"].floats[0] - 1f64.tanh()).abs() < 1e-15);
        // auraloss, a = 2, eps = 0.1, one signal r = (1, 0): (ln(cosh 2 + 0.1) + ln(1.1)) / 2 / 2.
        let s = inputs(vec![("estimate", f(&[2], &[1.0, 0.0])), ("reference", f(&[2], &[0.0, 0.0]))]);
        let ev = eval64(ID, Some("auraloss"), &params(json!({"a": 2.0, "eps": 0.1})), &s);
        let want = ((2f64.cosh() + 0.1).ln() + 1.1f64.ln()) / 4.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-15);
        // torchmetrics, [3, 2]: column means.
        let x = inputs(vec![("pred", f(&[3, 2], &[1.0, 0.0, 0.0, 2.0, 0.0, 0.0])), ("target", f(&[3, 2], &[0.0; 6]))]);
        let ev = eval64(ID, Some("torchmetrics"), &params(json!({})), &x);
        assert_eq!(ev.loss.shape, vec![2]);
        assert!((ev.loss.floats[0] - 1f64.cosh().ln() / 3.0).abs() < 1e-15);
        assert!((ev.loss.floats[1] - 2f64.cosh().ln() / 3.0).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_residuals() {
        // A literal log(cosh(1e12)) overflows to inf.
        let x = inputs(vec![("pred", f(&[4], &[1e-12, -1e-12, 1e12, -1e12])), ("target", f(&[4], &[0.0; 4]))]);
        let ev = assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
        assert!((ev.loss.floats[0] - 5e-25).abs() < 1e-39);
        assert_eq!(ev.loss.floats[2], 1e12 - std::f64::consts::LN_2);
        let s = inputs(vec![("estimate", f(&[1, 2], &[1e12, 1e-12])), ("reference", f(&[1, 2], &[0.0, 0.0]))]);
        assert_finite(ID, Some("auraloss"), &params(json!({"a": 3.0})), &s);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let good = || inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[3], 2, 1.0))]);
        let sig = || inputs(vec![("estimate", randn(&[2, 4], 1, 1.0)), ("reference", randn(&[2, 4], 2, 1.0))]);
        assert_error(ID, Some("torchmetrics"), &params(json!({})), &inputs(vec![("pred", randn(&[4], 1, 1.0)), ("target", randn(&[5], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, Some("torchmetrics"), &params(json!({"reduction": "sum"})), &good(), ErrorKind::Param);
        assert_error(ID, Some("auraloss"), &params(json!({"a": 0.0})), &sig(), ErrorKind::Param);
        assert_error(ID, Some("auraloss"), &params(json!({"a": -1.0})), &sig(), ErrorKind::Param);
        assert_error(ID, Some("auraloss"), &params(json!({"eps": "nan"})), &sig(), ErrorKind::Param);
        assert_error(ID, Some("auraloss"), &params(json!({})), &good(), ErrorKind::Missing);
        assert_error(ID, Some("auraloss"), &params(json!({})), &inputs(vec![("estimate", randn(&[2, 4], 1, 1.0)), ("reference", randn(&[2, 3], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, Some("cosh"), &params(json!({})), &good(), ErrorKind::Unsupported);
    }
}
