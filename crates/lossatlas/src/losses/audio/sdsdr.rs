//! Negative scale-dependent signal-to-distortion ratio: the numerator uses the optimally scaled
//! reference as in SI-SDR, but the error is measured against the unscaled reference, so a wrong
//! gain is penalized.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::audio::esr::{reduce_signals, signals_by_time};
use crate::numerics::elementwise::with_pair;
use crate::numerics::{self, LossTensor, Reduction, audio_signal};

const ID: &str = "sdsdr";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Scale-Dependent SDR Loss",
    aliases: &["SD-SDR Loss", "SD-SDR"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2019,
    paper: Paper {
        title: "SDR – Half-baked or Well Done?",
        authors: "Jonathan Le Roux, Scott Wisdom, Hakan Erdogan, John R. Hershey",
        venue: "ICASSP",
        year: 2019,
        url: "https://arxiv.org/abs/1811.02508",
    },
    summary: "Computes the SI-SDR gain alpha but divides the scaled target's energy by the error to the unscaled reference, so rescaling the estimate changes the loss. Le Roux et al. proposed it for tasks where the output level matters. As in auraloss, the residual uses the raw reference, not alpha * y; zero-mean is on by default.",
    formula: r"\alpha = \frac{\langle \hat y, y \rangle}{\lVert y \rVert^2 + \epsilon},\quad \ell = -10\log_{10}\left(\frac{\lVert \alpha y \rVert^2}{\lVert \hat y - y \rVert^2 + \epsilon} + \epsilon\right)",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T] or [B, T]", meaning: "estimated signal; time is the last axis" },
        Input { name: "reference", shape: "same as estimate", meaning: "reference (target) signal" },
    ],
    params: &[
        Param { name: "zero_mean", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "subtract each signal's mean over time before the computation (auraloss's default)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "stabilizer added where auraloss adds it" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the per-signal values (one per leading index) are combined: mean, sum, or none" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["auraloss.time.SDSDRLoss", "asteroid.losses.SingleSrcNegSDR(\"sdsdr\")"],
    related: &["si-snr", "snr", "sdr"],
    forms: &[Form { name: "auraloss", description: "auraloss.time.SDSDRLoss(zero_mean, eps, reduction): per signal along the last axis, any leading axes; reduction mean (default), sum or none (the leading shape)." }],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "first estimate sample (reference (1, -1, 0.5), other samples exact)", from: -2.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("estimate", HostTensor::from_f64(vec![1, 3], vec![x, -1.0, 0.5])), ("reference", HostTensor::from_f64(vec![1, 3], vec![1.0, -1.0, 0.5]))],
        wrt: "estimate",
        index: 0,
    }
}

/// Options of auraloss `SDSDRLoss`; `Default` equals auraloss' defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SdSdrConfig {
    pub zero_mean: bool,
    pub eps: f64,
    pub reduction: Reduction,
}

impl Default for SdSdrConfig {
    fn default() -> Self {
        SdSdrConfig { zero_mean: true, eps: 1e-8, reduction: Reduction::Mean }
    }
}

/// auraloss `SDSDRLoss`: minus the scale-dependent SDR in dB per signal, then the reduction.
pub fn sdsdr<const D: usize>(estimate: Tensor<D>, reference: Tensor<D>, cfg: &SdSdrConfig) -> Result<LossTensor, LossError> {
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let (x, y, shape) = signals_by_time(ID, estimate, reference)?;
    let db = audio_signal::sdr_auraloss(x, y, cfg.zero_mean, cfg.eps, false);
    Ok(reduce_signals(db.neg(), shape, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "auraloss") {
        return Err(c.unknown_form(&["auraloss"]));
    }
    let cfg = SdSdrConfig { zero_mean: c.bool("zero_mean", true)?, eps: c.f64("eps", 1e-8)?, reduction: c.reduction(Reduction::Mean)? };
    with_pair!(c, "estimate", "reference", |x, y| sdsdr(x, y, &cfg))
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
        assert_random_gradcheck(ID, 51);
        assert_gradcheck(ID, None, &params(json!({"zero_mean": false, "reduction": "none"})), &pair(&[3, 8], 53));
    }

    #[test]
    fn value_is_the_formula() {
        // Estimate (2, 1), reference (1, 0), no zero-mean, eps 0: alpha = 2, |alpha y|^2 = 4, the
        // noise is measured against the UNSCALED reference: |(1, 1)|^2 = 2; -10 log10(2).
        let x = inputs(vec![("estimate", f(&[1, 2], &[2.0, 1.0])), ("reference", f(&[1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"zero_mean": false, "eps": 0.0, "reduction": "none"})), &x);
        assert!((ev.loss.floats[0] + 10.0 * 2f64.log10()).abs() < 1e-12);
        // Scaling the estimate changes it (unlike SI-SNR): estimate (4, 2): alpha 4, 16 / 13.
        let x = inputs(vec![("estimate", f(&[1, 2], &[4.0, 2.0])), ("reference", f(&[1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"zero_mean": false, "eps": 0.0})), &x);
        assert!((ev.loss.floats[0] + 10.0 * (16.0f64 / 13.0).log10()).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        assert_finite_when_scaled(ID, 57);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_bad_inputs(ID);
    }
}
