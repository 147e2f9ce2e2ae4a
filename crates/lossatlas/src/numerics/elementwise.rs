//! Elementwise regression losses in one shape: a value per element of `pred` and `target`
//! (for distance losses a function ψ of the residual `r = pred − target`), then a reduction.
//! An entry writes only its ψ (or its per-element formula); shape checks, flattening, the
//! reduction, scikit-learn's sample/output averaging and the evaluator plumbing live here.
//!
//! Inputs of any rank are flattened to `[n]` and the logical shape is kept, so `reduction =
//! none` returns values of the input's shape.
//!
//! Precision note: in burn 0.22.1 the autodiff backward of `div_scalar` multiplies by a reciprocal
//! computed in f32, so gradients through `x.mul_scalar(1.0 / c)` carry a relative error of about 1e-8
//! even in f64. Losses here write `x.mul_scalar(1.0 / c)` instead (exact to an ulp).

use burn::tensor::Tensor;

use super::{LossTensor, Reduction, reduce};
use crate::catalog::{Entry, Input, Param, Range, Value};
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;

/// `reduction` with default `none` (kornia's losses and per-element metric forms).
pub const REDUCTION_NONE: Param = Param {
    name: "reduction",
    symbol: "",
    default: Value::Str("none"),
    range: Range::REDUCTION,
    meaning: "how per-element losses are combined: none (keep them, the default), mean or sum",
};

/// The inputs of a distance loss: `pred` and `target` of one shape, any rank.
pub const PRED_TARGET: &[Input] = &[
    Input { name: "pred", shape: "[*]", meaning: "predictions (any shape)" },
    Input { name: "target", shape: "[*] (as pred)", meaning: "targets" },
];

/// `pred` and `target` of one shape, flattened to `[n]`, with the logical shape kept.
#[derive(Debug, Clone)]
pub struct Pair {
    pub pred: Tensor<1>,
    pub target: Tensor<1>,
    pub shape: Vec<usize>,
}

impl Pair {
    /// Checks that `target` has the shape of `pred` and that neither is empty.
    pub fn new<const D: usize>(loss: &str, pred: Tensor<D>, target: Tensor<D>) -> Result<Self, LossError> {
        let shape = pred.dims().to_vec();
        super::same_shape(loss, "target", &target.dims(), "pred", &shape)?;
        super::non_empty(loss, "pred", &shape)?;
        let n = shape.iter().product::<usize>();
        Ok(Pair { pred: pred.reshape([n]), target: target.reshape([n]), shape })
    }

    /// `pred − target`.
    pub fn residual(&self) -> Tensor<1> {
        self.pred.clone() - self.target.clone()
    }

    /// Reduces per-element values (`[n]`); `none` gives them back with the inputs' shape.
    pub fn reduce(&self, per: Tensor<1>, reduction: Reduction) -> LossTensor {
        match reduction {
            Reduction::None => LossTensor::with_shape(per, self.shape.clone()),
            r => reduce(per, r),
        }
    }
}

/// A distance loss: `ψ(pred − target)` per element, then `reduction`. ψ receives the flat
/// residual.
pub fn distance<const D: usize>(
    loss: &str,
    pred: Tensor<D>,
    target: Tensor<D>,
    reduction: Reduction,
    psi: impl FnOnce(Tensor<1>) -> Tensor<1>,
) -> Result<LossTensor, LossError> {
    let p = Pair::new(loss, pred, target)?;
    let per = psi(p.residual());
    Ok(p.reduce(per, reduction))
}

// ---------------------------------------------------------------------------------------------
// scikit-learn's averaging: over samples (optionally weighted), then over outputs.
// ---------------------------------------------------------------------------------------------

/// scikit-learn's `multioutput`: how per-output errors are combined.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum MultiOutput {
    /// Mean over outputs (`'uniform_average'`, the default).
    #[default]
    UniformAverage,
    /// One value per output (`'raw_values'`).
    RawValues,
    /// Weighted mean over outputs with these weights (one per output).
    Weights(Vec<f64>),
}

impl MultiOutput {
    /// Reads the `multioutput` param: `"uniform_average"`, `"raw_values"` or a list of numbers.
    pub fn from_call(c: &Call) -> Result<Self, LossError> {
        match c.json("multioutput") {
            None => Ok(MultiOutput::UniformAverage),
            Some(serde_json::Value::String(s)) => match s.as_str() {
                "uniform_average" => Ok(MultiOutput::UniformAverage),
                "raw_values" => Ok(MultiOutput::RawValues),
                other => Err(LossError::param(c.loss, "multioutput", "uniform_average, raw_values or a list of output weights", format!("{other:?}"))),
            },
            Some(_) => Ok(MultiOutput::Weights(c.f64_list_opt("multioutput")?.unwrap_or_default())),
        }
    }
}

/// Values laid out as scikit-learn sees them: `[N]` is one output (`[N, 1]`), `[N, K]` is K
/// outputs; other ranks are rejected as scikit-learn rejects them.
pub fn as_samples_by_outputs<const D: usize>(loss: &str, arg: &str, t: Tensor<D>) -> Result<Tensor<2>, LossError> {
    let dims = t.dims();
    match D {
        1 => Ok(t.reshape([dims[0], 1])),
        2 => Ok(t.reshape([dims[0], dims[1]])),
        _ => Err(LossError::shape(loss, arg, "shape [N] or [N, outputs]", fmt_shape(&dims))),
    }
}

/// scikit-learn's reduction of per-element values `[N, K]`: the (sample-weighted) mean over
/// the N samples, then over the K outputs as `multioutput` says. Sample weights must not sum
/// to zero (numpy's `average` refuses them).
pub fn sklearn_average(loss: &str, per: Tensor<2>, sample_weight: Option<Tensor<1>>, multioutput: &MultiOutput) -> Result<LossTensor, LossError> {
    let [n, k] = per.dims();
    let outputs = match sample_weight {
        None => per.mean_dim(0).reshape([k]),
        Some(w) => {
            super::same_shape(loss, "weights", &w.dims(), "the samples", &[n])?;
            let host = super::host_f64(&w);
            super::finite_values(loss, "weights", &host)?;
            if host.iter().sum::<f64>() == 0.0 {
                return Err(LossError::value(loss, "weights", "sample weights with a non-zero sum", "weights summing to 0"));
            }
            let total = w.clone().sum();
            (per * w.reshape([n, 1])).sum_dim(0).reshape([k]) / total
        }
    };
    match multioutput {
        MultiOutput::RawValues => Ok(LossTensor::with_shape(outputs, vec![k])),
        MultiOutput::UniformAverage => Ok(LossTensor::scalar(outputs.mean())),
        MultiOutput::Weights(v) => {
            if k == 1 {
                return Err(LossError::param(loss, "multioutput", "output weights only with several outputs", "weights for a single output"));
            }
            if v.len() != k {
                return Err(LossError::shape(loss, "multioutput", format!("{k} weights (one per output)"), format!("{} weights", v.len())));
            }
            super::finite_values(loss, "multioutput", v).map_err(|e| LossError::param(loss, "multioutput", e.expected, e.found))?;
            let s: f64 = v.iter().sum();
            if s == 0.0 {
                return Err(LossError::param(loss, "multioutput", "output weights with a non-zero sum", "weights summing to 0"));
            }
            let wt = super::tensor_like(&outputs, v.iter().map(|x| x / s).collect(), [k]);
            Ok(LossTensor::scalar((outputs * wt).sum()))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluator plumbing.
// ---------------------------------------------------------------------------------------------

/// A float input of rank `D`; integer or boolean data is a dtype error (predictions must be
/// real-valued to be differentiated).
pub fn float_input<const D: usize>(c: &Call, name: &str) -> Result<Tensor<D>, LossError> {
    let t = c.host(name)?;
    if !t.dtype.is_float() {
        return Err(LossError::dtype(c.loss, name, "floating-point values", format!("{} values", t.dtype.as_str())));
    }
    c.float::<D>(name)
}

/// Checks that input `b` has the shape of input `a` and that they are not empty (before any
/// tensor is built: burn panics on some empty shapes).
pub fn check_same_input_shape(c: &Call, a: &str, b: &str) -> Result<(), LossError> {
    let sa = c.shape(a)?;
    let sb = c.shape(b)?;
    super::same_shape(c.loss, b, sb, a, sa)?;
    super::non_empty(c.loss, a, sa)
}

/// Runs `$body` with `$p` and `$t` bound to two same-shape float inputs (`pred` / `target` by
/// default) read at their runtime rank. With `optional_target`, a missing target means zeros
/// (optax's `targets=None`).
macro_rules! with_pair {
    ($c:expr, |$p:ident, $t:ident| $body:expr) => {
        $crate::numerics::elementwise::with_pair!($c, "pred", "target", |$p, $t| $body)
    };
    ($c:expr, optional_target, |$p:ident, $t:ident| $body:expr) => {{
        if $c.has("target") {
            $crate::numerics::elementwise::with_pair!($c, "pred", "target", |$p, $t| $body)
        } else {
            $c.host_opt("target");
            $crate::numerics::non_empty($c.loss, "pred", $c.shape("pred")?)?;
            let rank = $c.shape("pred")?.len();
            $crate::eval::by_rank!($c, "pred", rank, |R| {
                let $p = $crate::numerics::elementwise::float_input::<R>($c, "pred")?;
                let $t = $p.zeros_like();
                $body
            })
        }
    }};
    ($c:expr, $a:expr, $b:expr, |$p:ident, $t:ident| $body:expr) => {{
        $crate::numerics::elementwise::check_same_input_shape($c, $a, $b)?;
        let rank = $c.shape($a)?.len();
        $crate::eval::by_rank!($c, $a, rank, |R| {
            let $p = $crate::numerics::elementwise::float_input::<R>($c, $a)?;
            let $t = $c.float::<R>($b)?;
            $body
        })
    }};
}
pub(crate) use with_pair;

/// Reads scikit-learn regression inputs: `pred` and `target` as `[N, K]` (a 1-D input is one
/// output), optional sample `weights` `[N]`, and the `multioutput` param.
pub fn sklearn_inputs(c: &Call) -> Result<(Tensor<2>, Tensor<2>, Option<Tensor<1>>, MultiOutput), LossError> {
    check_same_input_shape(c, "pred", "target")?;
    let shape = c.shape("pred")?.to_vec();
    let (pred, target) = match shape.len() {
        1 => (as_samples_by_outputs(c.loss, "pred", float_input::<1>(c, "pred")?)?, as_samples_by_outputs(c.loss, "target", c.float::<1>("target")?)?),
        2 => (float_input::<2>(c, "pred")?, c.float::<2>("target")?),
        _ => return Err(LossError::shape(c.loss, "pred", "shape [N] or [N, outputs]", fmt_shape(&shape))),
    };
    let weights = match c.host_opt("weights") {
        None => None,
        Some(w) => {
            if w.shape.len() != 1 {
                return Err(LossError::shape(c.loss, "weights", format!("shape [{}] (one weight per sample)", shape[0]), fmt_shape(&w.shape)));
            }
            Some(c.float::<1>("weights")?)
        }
    };
    let multioutput = MultiOutput::from_call(c)?;
    Ok((pred, target, weights, multioutput))
}

/// The error for a form `entry` does not have.
pub fn unknown_form(c: &Call, entry: &Entry) -> LossError {
    c.unknown_form(&entry.forms.iter().map(|f| f.name).collect::<Vec<_>>())
}

/// The whole evaluator of a distance loss that has one form and no option but `reduction`.
pub fn eval_distance(c: &Call, entry: &Entry, default: Reduction, psi: fn(Tensor<1>) -> Tensor<1>) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != entry.forms[0].name) {
        return Err(unknown_form(c, entry));
    }
    let reduction = c.reduction(default)?;
    with_pair!(c, |p, t| distance(c.loss, p, t, reduction, psi))
}

/// Checks shared by the tests of every `pred` / `target` entry: mismatched shapes, ranks and
/// empty inputs are errors of the right kind, an integer `pred` is a dtype error, and an
/// unknown reduction a param error.
#[cfg(test)]
pub(crate) fn assert_pair_errors(id: &str, form: Option<&str>, p: &serde_json::Value) {
    use crate::ErrorKind;
    use crate::testing::*;
    let with = |extra: serde_json::Value| {
        let mut q = params(p.clone());
        q.extend(params(extra));
        q
    };
    let base = params(p.clone());
    let cases = [
        (inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", randn(&[4], 2, 1.0))]), ErrorKind::Shape),
        (inputs(vec![("pred", randn(&[2, 3], 1, 1.0)), ("target", randn(&[6], 2, 1.0))]), ErrorKind::Shape),
        (inputs(vec![("pred", f(&[0], &[])), ("target", f(&[0], &[]))]), ErrorKind::Empty),
        (inputs(vec![("pred", f(&[2, 0], &[])), ("target", f(&[2, 0], &[]))]), ErrorKind::Empty),
        (inputs(vec![("pred", i(&[2], &[1, 2])), ("target", f(&[2], &[1.0, 2.0]))]), ErrorKind::DType),
        (inputs(vec![("pred", f(&[2], &[1.0, 2.0]))]), ErrorKind::Missing),
    ];
    for (x, kind) in cases {
        assert_error(id, form, &base, &x, kind);
    }
    let good = inputs(vec![("pred", f(&[2], &[1.0, 2.0])), ("target", f(&[2], &[1.5, 2.0]))]);
    if p.get("reduction").is_none() && p.get("multioutput").is_none() {
        // Entries without a reduction param reject it as unknown: a Param error either way.
        assert_error(id, form, &with(serde_json::json!({"reduction": "avg"})), &good, ErrorKind::Param);
    }
    assert_error(id, form, &with(serde_json::json!({"not_a_param": 1.0})), &good, ErrorKind::Param);
}
