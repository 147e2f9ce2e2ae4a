//! Negative signal-to-noise ratio in decibels between an estimate and its reference: the
//! reference's energy over the energy of their difference, on a log scale.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::audio::esr::{reduce_signals, signals_by_time};
use crate::numerics::elementwise::with_pair;
use crate::numerics::{self, LossTensor, Reduction, audio_signal};

const ID: &str = "snr";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Signal-to-Noise Ratio Loss",
    aliases: &["SNR Loss", "Negative SNR"],
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
    summary: "Minimizes minus the signal-to-noise ratio in dB, the log of the reference energy over the residual energy. The log makes the loss grow only logarithmically with the error and weights every signal equally regardless of its level. Unlike SI-SNR it is sensitive to the estimate's scale, which Le Roux et al. argue is appropriate when the gain matters. The ratio itself is a classical measure; the cited paper discusses it as a separation objective. In auraloss the eps inside the log bounds the loss above by about 80 dB; the torchmetrics form is unbounded.",
    formula: r"\ell = -10\log_{10}\left(\frac{\lVert y \rVert^2}{\lVert y - \hat y \rVert^2 + \epsilon} + \epsilon\right)",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T] or [B, T]", meaning: "estimated signal; time is the last axis" },
        Input { name: "reference", shape: "same as estimate", meaning: "reference (target) signal" },
    ],
    params: &[
        Param { name: "zero_mean", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "subtract each signal's mean over time first (auraloss's default True; torchmetrics' default is False)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "auraloss's stabilizer (the torchmetrics form uses the dtype's machine epsilon instead)" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the per-signal values are combined (auraloss); the torchmetrics form returns one value per signal (none)" },
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
    equivalents: &["auraloss.time.SNRLoss", "torchmetrics.functional.audio.signal_noise_ratio", "torchmetrics.audio.SignalNoiseRatio"],
    related: &["si-snr", "sdsdr", "sdr", "esr", "pit"],
    forms: &[
        Form { name: "auraloss", description: "auraloss.time.SNRLoss: optional zero-mean, then -10 log10(||y||^2 / (||x - y||^2 + eps) + eps) per signal (last axis), then the reduction." },
        Form { name: "torchmetrics", description: "minus torchmetrics.functional.audio.signal_noise_ratio(estimate, reference, zero_mean): -10 log10((||y||^2 + eps) / (||y - x||^2 + eps)) with eps the machine epsilon of the dtype; one value per signal." },
    ],
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

/// Which library's SNR: their eps placement differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnrForm {
    /// auraloss `SNRLoss`: eps (param) in the noise energy and inside the log.
    Auraloss,
    /// torchmetrics `signal_noise_ratio`: machine epsilon added to both energies.
    Torchmetrics,
}

/// Options of the SNR loss; `Default` equals auraloss' `SNRLoss()`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SnrConfig {
    pub form: SnrForm,
    pub zero_mean: bool,
    /// auraloss' stabilizer (unused by the torchmetrics form).
    pub eps: f64,
    pub reduction: Reduction,
}

impl Default for SnrConfig {
    fn default() -> Self {
        SnrConfig { form: SnrForm::Auraloss, zero_mean: true, eps: 1e-8, reduction: Reduction::Mean }
    }
}

/// Minus the SNR in dB per signal (time on the last axis), then the reduction.
pub fn snr<const D: usize>(estimate: Tensor<D>, reference: Tensor<D>, cfg: &SnrConfig) -> Result<LossTensor, LossError> {
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let (x, y, shape) = signals_by_time(ID, estimate, reference)?;
    let db = match cfg.form {
        SnrForm::Auraloss => audio_signal::snr_auraloss(x, y, cfg.zero_mean, cfg.eps),
        SnrForm::Torchmetrics => audio_signal::snr_torchmetrics(x, y, cfg.zero_mean),
    };
    Ok(reduce_signals(db.neg(), shape, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = match c.form() {
        None | Some("auraloss") => SnrConfig { form: SnrForm::Auraloss, zero_mean: c.bool("zero_mean", true)?, eps: c.f64("eps", 1e-8)?, reduction: c.reduction(Reduction::Mean)? },
        Some("torchmetrics") => SnrConfig { form: SnrForm::Torchmetrics, zero_mean: c.bool("zero_mean", false)?, eps: 0.0, reduction: c.reduction(Reduction::None)? },
        Some(_) => return Err(c.unknown_form(&["auraloss", "torchmetrics"])),
    };
    with_pair!(c, "estimate", "reference", |x, y| snr(x, y, &cfg))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::losses::audio::esr::signal_tests::*;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_random_gradcheck(ID, 41);
        assert_gradcheck(ID, Some("torchmetrics"), &params(json!({})), &pair(&[2, 2, 9], 43));
        assert_gradcheck(ID, Some("torchmetrics"), &params(json!({"zero_mean": true, "reduction": "sum"})), &pair(&[3, 9], 45));
    }

    #[test]
    fn value_is_the_formula() {
        // Estimate (0, 0), reference (1, 1), no zero-mean, eps 0: signal 2, noise 2: 0 dB.
        let x = inputs(vec![("estimate", f(&[2], &[0.0, 0.0])), ("reference", f(&[2], &[1.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({"zero_mean": false, "eps": 0.0})), &x);
        assert!(ev.loss.floats[0].abs() < 1e-12);
        // Estimate (3, 1), reference (3, 0): signal 9, noise 1: -10 log10(9); d/dx_2 =
        // (10 / ln 10) * 2 (x_2 - y_2) / noise = 20 / ln 10.
        let x = inputs(vec![("estimate", f(&[1, 2], &[3.0, 1.0])), ("reference", f(&[1, 2], &[3.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"zero_mean": false, "eps": 0.0, "reduction": "none"})), &x);
        assert!((ev.loss.floats[0] + 10.0 * 9f64.log10()).abs() < 1e-12);
        assert!((ev.grads["estimate"].floats[1] - 20.0 / std::f64::consts::LN_10).abs() < 1e-9);
        let ev = eval64(ID, Some("torchmetrics"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] + 10.0 * 9f64.log10()).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        assert_finite_when_scaled(ID, 47);
        let x = randn(&[2, 5], 48, 1.0);
        let ev = assert_finite(ID, None, &params(json!({})), &inputs(vec![("estimate", x.clone()), ("reference", x)]));
        assert!(ev.loss.floats[0] < -70.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("estimate", randn(&[2, 3], 1, 1.0)), ("reference", randn(&[3, 2], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("estimate", f(&[2, 0], &[])), ("reference", f(&[2, 0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("estimate", i(&[2], &[1, 2])), ("reference", f(&[2], &[1.0, 2.0]))]), ErrorKind::DType);
        for bad in [json!({"eps": -1e-8}), json!({"zero_mean": 1.5}), json!({"reduction": "batchmean"})] {
            assert_error(ID, None, &params(bad), &pair(&[2, 3], 3), ErrorKind::Param);
        }
        assert_error(ID, Some("asteroid"), &p, &pair(&[2, 3], 3), ErrorKind::Unsupported);
        assert_error(ID, Some("torchmetrics"), &params(json!({"eps": 1e-8})), &pair(&[2, 3], 3), ErrorKind::Param);
        assert_error(ID, Some("torchmetrics"), &params(json!({})), &inputs(vec![("estimate", randn(&[2, 10], 1, 1.0)), ("reference", randn(&[2, 12], 2, 1.0))]), ErrorKind::Shape);
    }
}
