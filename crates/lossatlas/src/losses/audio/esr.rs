//! Error-to-signal ratio: the energy of the error divided by the energy of the reference, per
//! signal. A scale-normalized squared error used to train black-box models of audio effects and
//! amplifiers.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::with_pair;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "esr";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Error-to-Signal Ratio Loss",
    aliases: &["ESR Loss"],
    kind: Kind::Loss,
    domains: &["audio", "regression"],
    year: 2020,
    paper: Paper {
        title: "Perceptual Loss Function for Neural Modelling of Audio Systems",
        authors: "Alec Wright, Vesa Välimäki",
        venue: "ICASSP",
        year: 2020,
        url: "https://arxiv.org/abs/1911.08922",
    },
    summary: "Divides the summed squared error between estimate and reference by the reference's energy, so quiet and loud signals count alike; per signal (last axis), then reduced. It is the main objective for neural models of guitar amplifiers and audio effects, usually after a pre-emphasis filter on both signals (not part of this entry) and often next to the DC loss. A silent reference makes the ratio explode; eps only prevents division by zero.",
    formula: r"\ell = \frac{\sum_{t} (y_t - \hat y_t)^2}{\sum_{t} y_t^2 + \epsilon}",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T] or [B, T]", meaning: "estimated signal; time is the last axis" },
        Input { name: "reference", shape: "same as estimate", meaning: "reference (target) signal" },
    ],
    params: &[
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "stabilizer added where auraloss adds it" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the per-signal values (one per leading index) are combined: mean, sum, or none" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["auraloss.time.ESRLoss"],
    related: &["dc", "mse", "snr", "spectral-convergence"],
    forms: &[Form { name: "auraloss", description: "auraloss.time.ESRLoss(eps, reduction): per signal along the last axis, any leading axes; reduction mean (default), sum or none (the leading shape)." }],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "first estimate sample (reference (1, 0.5), second sample exact)", from: -1.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("estimate", HostTensor::from_f64(vec![1, 2], vec![x, 0.5])), ("reference", HostTensor::from_f64(vec![1, 2], vec![1.0, 0.5]))],
        wrt: "estimate",
        index: 0,
    }
}

/// Options of auraloss `ESRLoss`; `Default` equals auraloss' defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EsrConfig {
    /// Added to the reference energy.
    pub eps: f64,
    pub reduction: Reduction,
}

impl Default for EsrConfig {
    fn default() -> Self {
        EsrConfig { eps: 1e-8, reduction: Reduction::Mean }
    }
}

/// Signals of one shape with time on the last axis, as `[signals, time]`, and the shape of the
/// leading (per-signal) axes. Shared by the auraloss time-domain ratios (`esr`, `dc`).
pub(crate) fn signals_by_time<const D: usize>(loss: &str, estimate: Tensor<D>, reference: Tensor<D>) -> Result<(Tensor<2>, Tensor<2>, Vec<usize>), LossError> {
    let dims = estimate.dims();
    numerics::same_shape(loss, "reference", &reference.dims(), "estimate", &dims)?;
    numerics::non_empty(loss, "estimate", &dims)?;
    let t = dims[D - 1];
    let m = dims.iter().product::<usize>() / t;
    Ok((estimate.reshape([m, t]), reference.reshape([m, t]), dims[..D - 1].to_vec()))
}

/// Reduces per-signal values `[signals]` as auraloss' `apply_reduction` does; `none` keeps the
/// leading shape.
pub(crate) fn reduce_signals(per: Tensor<1>, shape: Vec<usize>, reduction: Reduction) -> LossTensor {
    match reduction {
        Reduction::None => LossTensor::with_shape(per, shape),
        r => reduce(per, r),
    }
}

/// auraloss `ESRLoss(eps, reduction)(estimate, reference)`: per signal (time on the last axis)
/// `sum_t (y - ŷ)^2 / (sum_t y^2 + eps)`, then the reduction.
pub fn esr<const D: usize>(estimate: Tensor<D>, reference: Tensor<D>, cfg: &EsrConfig) -> Result<LossTensor, LossError> {
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let (x, y, shape) = signals_by_time(ID, estimate, reference)?;
    let m = x.dims()[0];
    let num = (y.clone() - x).square().sum_dim(1);
    let den = y.square().sum_dim(1).add_scalar(cfg.eps);
    Ok(reduce_signals((num / den).reshape([m]), shape, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "auraloss") {
        return Err(c.unknown_form(&["auraloss"]));
    }
    let cfg = EsrConfig { eps: c.f64("eps", 1e-8)?, reduction: c.reduction(Reduction::Mean)? };
    with_pair!(c, "estimate", "reference", |x, y| esr(x, y, &cfg))
}

/// Checks shared by the tests of the auraloss time-domain ratios (`esr`, `dc`).
#[cfg(test)]
pub(crate) mod signal_tests {
    use serde_json::json;

    use crate::ErrorKind;
    use crate::testing::*;

    pub fn pair(shape: &[usize], seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("estimate", randn(shape, seed, 1.0)), ("reference", randn(shape, seed + 1, 1.0))])
    }

    /// Random signals of rank 2 and 3, mean and sum, default and large eps.
    pub fn assert_random_gradcheck(id: &str, seed: u64) {
        assert_gradcheck(id, None, &params(json!({})), &pair(&[2, 3, 7], seed));
        assert_gradcheck(id, None, &params(json!({"reduction": "sum", "eps": 0.5})), &pair(&[4, 5], seed + 2));
    }

    /// Signals scaled to 1e-12 and 1e12 give finite values and gradients.
    pub fn assert_finite_when_scaled(id: &str, seed: u64) {
        for scale in [1e-12, 1e12] {
            let mut x = pair(&[2, 6], seed);
            for t in x.values_mut() {
                t.floats.iter_mut().for_each(|v| *v *= scale);
            }
            assert_finite(id, None, &params(json!({"reduction": "none"})), &x);
        }
    }

    /// Mismatched or empty signals, integer estimates and bad params are errors.
    pub fn assert_bad_inputs(id: &str) {
        let p = params(json!({}));
        assert_error(id, None, &p, &inputs(vec![("estimate", randn(&[2, 3], 1, 1.0)), ("reference", randn(&[2, 4], 2, 1.0))]), ErrorKind::Shape);
        assert_error(id, None, &p, &inputs(vec![("estimate", randn(&[2, 3], 1, 1.0)), ("reference", randn(&[3, 2], 2, 1.0))]), ErrorKind::Shape);
        assert_error(id, None, &p, &inputs(vec![("estimate", f(&[2, 0], &[])), ("reference", f(&[2, 0], &[]))]), ErrorKind::Empty);
        assert_error(id, None, &p, &inputs(vec![("estimate", i(&[2], &[1, 2])), ("reference", f(&[2], &[1.0, 2.0]))]), ErrorKind::DType);
        assert_error(id, None, &p, &inputs(vec![("estimate", randn(&[2, 3], 1, 1.0))]), ErrorKind::Missing);
        let good = pair(&[2, 3], 3);
        for bad in [json!({"eps": -1e-8}), json!({"eps": "small"}), json!({"reduction": "batchmean"}), json!({"margin": 1.0})] {
            assert_error(id, None, &params(bad), &good, ErrorKind::Param);
        }
        assert_error(id, Some("torchmetrics"), &p, &good, ErrorKind::Unsupported);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use super::signal_tests::*;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_random_gradcheck(ID, 11);
        // Estimate equal to the reference: zero error, gradient 0 on both inputs.
        let x = randn(&[2, 4], 15, 1.0);
        let ev = assert_finite(ID, None, &params(json!({})), &inputs(vec![("estimate", x.clone()), ("reference", x.clone())]));
        assert!(ev.grads["estimate"].floats.iter().all(|g| g.abs() < 1e-15));
        assert_gradcheck(ID, None, &params(json!({})), &inputs(vec![("estimate", x.clone()), ("reference", x)]));
    }

    #[test]
    fn value_is_the_formula() {
        // Estimate (0, 0, 1), reference (1, 2, 2): error energy 1 + 4 + 1 = 6, reference energy 9.
        // A 1-D input is one signal: the value is a scalar for every reduction.
        let x = inputs(vec![("estimate", f(&[3], &[0.0, 0.0, 1.0])), ("reference", f(&[3], &[1.0, 2.0, 2.0]))]);
        let ev = eval64(ID, None, &params(json!({"eps": 0.0, "reduction": "none"})), &x);
        assert!(ev.loss.shape.is_empty());
        assert!((ev.loss.floats[0] - 6.0 / 9.0).abs() < 1e-15);
        // d/d estimate_t = -2 (y_t - x_t) / 9.
        assert!((ev.grads["estimate"].floats[1] + 4.0 / 9.0).abs() < 1e-15);
        let ev = eval64(ID, None, &params(json!({"eps": 1.0})), &x);
        assert!((ev.loss.floats[0] - 0.6).abs() < 1e-15);
        // Two signals [2, 2]: (1 - 0)^2 / 1 = 1 and 0 / 4 = 0; mean 0.5, sum 1.
        let x = inputs(vec![("estimate", f(&[2, 2], &[0.0, 0.0, 0.0, 2.0])), ("reference", f(&[2, 2], &[1.0, 0.0, 0.0, 2.0]))]);
        let ev = eval64(ID, None, &params(json!({"eps": 0.0})), &x);
        assert!((ev.loss.floats[0] - 0.5).abs() < 1e-15);
        let ev = eval64(ID, None, &params(json!({"eps": 0.0, "reduction": "sum"})), &x);
        assert!((ev.loss.floats[0] - 1.0).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        assert_finite_when_scaled(ID, 17);
        // A silent reference: the ratio is error / eps, large but finite.
        let x = inputs(vec![("estimate", f(&[1, 3], &[1e-3, 0.0, -1e-3])), ("reference", f(&[1, 3], &[0.0, 0.0, 0.0]))]);
        let ev = assert_finite(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 2e-6 / 1e-8).abs() < 1e-6);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_bad_inputs(ID);
    }
}
