//! DC loss: the squared mean of the error over time divided by the mean power of the reference. It
//! penalizes a constant offset between estimate and reference that a frequency-weighted loss may
//! ignore.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::audio::esr::{reduce_signals, signals_by_time};
use crate::numerics::elementwise::with_pair;
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "dc";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "DC Loss",
    aliases: &["DC Offset Loss"],
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
    summary: "Squares the time-average of the error and divides by the reference's mean power, per signal, then reduces. It only sees the DC (zero-frequency) component of the error, so it is used as a companion to the error-to-signal ratio when training audio-effect models, where a pre-emphasis filter would otherwise hide constant offsets. On its own it does not constrain the waveform.",
    formula: r"\ell = \frac{\left(\frac{1}{T}\sum_{t} (y_t - \hat y_t)\right)^2}{\frac{1}{T}\sum_{t} y_t^2 + \epsilon}",
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
    equivalents: &["auraloss.time.DCLoss"],
    related: &["esr", "mse"],
    forms: &[Form { name: "auraloss", description: "auraloss.time.DCLoss(eps, reduction): per signal along the last axis, any leading axes; reduction mean (default), sum or none (the leading shape)." }],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "first estimate sample (reference (1, -0.5), second sample exact)", from: -1.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("estimate", HostTensor::from_f64(vec![1, 2], vec![x, -0.5])), ("reference", HostTensor::from_f64(vec![1, 2], vec![1.0, -0.5]))],
        wrt: "estimate",
        index: 0,
    }
}

/// Options of auraloss `DCLoss`; `Default` equals auraloss' defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DcConfig {
    /// Added to the reference's mean power.
    pub eps: f64,
    pub reduction: Reduction,
}

impl Default for DcConfig {
    fn default() -> Self {
        DcConfig { eps: 1e-8, reduction: Reduction::Mean }
    }
}

/// auraloss `DCLoss(eps, reduction)(estimate, reference)`: per signal (time on the last axis)
/// `mean_t(y - ŷ)^2 / (mean_t(y^2) + eps)`, then the reduction.
pub fn dc<const D: usize>(estimate: Tensor<D>, reference: Tensor<D>, cfg: &DcConfig) -> Result<LossTensor, LossError> {
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let (x, y, shape) = signals_by_time(ID, estimate, reference)?;
    let [m, t] = x.dims();
    let inv_t = 1.0 / t as f64;
    let num = (y.clone() - x).sum_dim(1).mul_scalar(inv_t).square();
    let den = y.square().sum_dim(1).mul_scalar(inv_t).add_scalar(cfg.eps);
    Ok(reduce_signals((num / den).reshape([m]), shape, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "auraloss") {
        return Err(c.unknown_form(&["auraloss"]));
    }
    let cfg = DcConfig { eps: c.f64("eps", 1e-8)?, reduction: c.reduction(Reduction::Mean)? };
    with_pair!(c, "estimate", "reference", |x, y| dc(x, y, &cfg))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::losses::audio::esr::signal_tests::*;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_random_gradcheck(ID, 21);
        // Zero mean error (a pure AC difference): value 0, gradient 0, still matching differences.
        let x = inputs(vec![("estimate", f(&[1, 4], &[1.0, -1.0, 1.0, -1.0])), ("reference", f(&[1, 4], &[0.0, 0.0, 0.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert_eq!(ev.loss.floats[0], 0.0);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // Estimate (0, 0, 1, 1), reference (1, 1, 1, 1): mean error 1/2, squared 1/4; mean power 1.
        let x = inputs(vec![("estimate", f(&[4], &[0.0, 0.0, 1.0, 1.0])), ("reference", f(&[4], &[1.0, 1.0, 1.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({"eps": 0.0, "reduction": "none"})), &x);
        assert!(ev.loss.shape.is_empty());
        assert!((ev.loss.floats[0] - 0.25).abs() < 1e-15);
        // d/d estimate_t = -2 (mean error) / T / power = -1/4 for every t.
        assert!(ev.grads["estimate"].floats.iter().all(|g| (g + 0.25).abs() < 1e-15));
        let ev = eval64(ID, None, &params(json!({"eps": 1.0})), &x);
        assert!((ev.loss.floats[0] - 0.125).abs() < 1e-15);
        // Two signals: 1/4 and 0 (equal signals): mean 1/8, none keeps [2].
        let x = inputs(vec![("estimate", f(&[2, 4], &[0.0, 0.0, 1.0, 1.0, 3.0, 1.0, 2.0, 0.0])), ("reference", f(&[2, 4], &[1.0, 1.0, 1.0, 1.0, 3.0, 1.0, 2.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"eps": 0.0})), &x);
        assert!((ev.loss.floats[0] - 0.125).abs() < 1e-15);
        let ev = eval64(ID, None, &params(json!({"eps": 0.0, "reduction": "none"})), &x);
        assert_eq!(ev.loss.shape, vec![2]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        assert_finite_when_scaled(ID, 27);
        let x = inputs(vec![("estimate", f(&[1, 2], &[1e-3, 1e-3])), ("reference", f(&[1, 2], &[0.0, 0.0]))]);
        let ev = assert_finite(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 1e-6 / 1e-8).abs() < 1e-6);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_bad_inputs(ID);
    }
}
