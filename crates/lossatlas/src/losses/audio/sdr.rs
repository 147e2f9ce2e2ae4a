//! Negative BSS-Eval signal-to-distortion ratio: the estimate is explained by the reference passed
//! through the best FIR filter of a given length, and the loss is minus the log ratio of the
//! explained energy to the rest.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::audio::esr::{reduce_signals, signals_by_time};
use crate::numerics::elementwise::with_pair;
use crate::numerics::{self, LossTensor, Reduction, audio_signal};

const ID: &str = "sdr";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Signal-to-Distortion Ratio Loss",
    aliases: &["SDR Loss", "BSS-Eval SDR"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2006,
    paper: Paper {
        title: "Performance measurement in blind audio source separation",
        authors: "Emmanuel Vincent, Rémi Gribonval, Cédric Févotte",
        venue: "IEEE Transactions on Audio, Speech, and Language Processing",
        year: 2006,
        url: "https://ieeexplore.ieee.org/document/1643671",
    },
    summary: "Allows a time-invariant FIR filter of length filter_length as acceptable distortion of the reference: it solves the Toeplitz normal equations for the filter that best maps the unit-norm reference onto the unit-norm estimate, and scores the fraction of the estimate explained by it. The value is invariant to gain and to short filtering, which makes it lenient toward reverberation-like errors. The reference here is torchmetrics' differentiable version (FFT correlations and a direct solve); it costs a linear solve of size filter_length per signal and can be ill-conditioned for silent references (load_diag adds diagonal loading).",
    formula: r"\ell = -10\log_{10}\frac{\mathbf b^\top R^{-1}\mathbf b}{1 - \mathbf b^\top R^{-1}\mathbf b},\quad R_{jk} = r_{|j-k|},\ r_l = \sum_{t} \bar y_t \bar y_{t+l},\ b_l = \sum_{t} \bar y_t\, \bar{\hat y}_{t+l},\ \bar y = \frac{y}{\max(\lVert y \rVert, 10^{-6})},\ l < L",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T] or [B, T]", meaning: "estimated signal; time is the last axis" },
        Input { name: "reference", shape: "same as estimate", meaning: "reference (target) signal" },
    ],
    params: &[
        Param { name: "filter_length", symbol: "L", default: Value::Int(512), range: Range::Integer { min: 1, max: 2147483648 }, meaning: "length of the allowed distortion filter" },
        Param { name: "zero_mean", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "subtract each signal's mean first" },
        Param { name: "reduction", symbol: "", default: Value::Str("none"), range: Range::REDUCTION, meaning: "torchmetrics returns one value per signal (none); mean or sum combine them" },
        Param { name: "load_diag", symbol: "", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "value added to the diagonal of R before solving (off by default)" },
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
    equivalents: &["torchmetrics.functional.audio.signal_distortion_ratio", "torchmetrics.audio.SignalDistortionRatio"],
    related: &["si-snr", "sdsdr", "snr", "sa-sdr"],
    forms: &[
        Form { name: "torchmetrics", description: "minus torchmetrics.functional.audio.signal_distortion_ratio(estimate, reference, filter_length, zero_mean, load_diag) in float64: both signals scaled to unit norm (norm clamped at 1e-6), autocorrelation and cross-correlation by zero-padded FFT, filter from torch.linalg.solve on the symmetric Toeplitz matrix; one value per signal. The solve is done on the host and differentiated implicitly (exact gradient of b^T R^{-1} b); when filter_length exceeds the FFT length the correlations are truncated to it and wrap circularly, as torchmetrics' slicing does. use_cg_iter (fast-bss-eval) is not reproduced." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "first estimate sample (6-sample signals, filter length 2)", from: -2.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({"filter_length": 2}),
        inputs: vec![("estimate", HostTensor::from_f64(vec![1, 6], vec![x, -1.0, 0.5, 0.3, -0.2, 0.8])), ("reference", HostTensor::from_f64(vec![1, 6], vec![1.0, -0.5, 0.5, 0.9, -0.2, 0.1]))],
        wrt: "estimate",
        index: 0,
    }
}

/// Options of torchmetrics `signal_distortion_ratio`; `Default` equals its defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SdrConfig {
    pub filter_length: usize,
    pub zero_mean: bool,
    pub load_diag: Option<f64>,
    /// torchmetrics returns one value per signal (`None`).
    pub reduction: Reduction,
}

impl Default for SdrConfig {
    fn default() -> Self {
        SdrConfig { filter_length: 512, zero_mean: false, load_diag: None, reduction: Reduction::None }
    }
}

/// Minus torchmetrics' BSS-eval SDR per signal (time on the last axis).
pub fn sdr<const D: usize>(estimate: Tensor<D>, reference: Tensor<D>, cfg: &SdrConfig) -> Result<LossTensor, LossError> {
    if cfg.filter_length == 0 {
        return Err(LossError::param(ID, "filter_length", "a positive filter length", "0"));
    }
    if let Some(d) = cfg.load_diag {
        numerics::finite_param(ID, "load_diag", d)?;
    }
    let (x, y, shape) = signals_by_time(ID, estimate, reference)?;
    let db = audio_signal::sdr_torchmetrics(x, y, cfg.filter_length, cfg.zero_mean, cfg.load_diag);
    Ok(reduce_signals(db.neg(), shape, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "torchmetrics") {
        return Err(c.unknown_form(&["torchmetrics"]));
    }
    if c.json("use_cg_iter").is_some_and(|v| !v.is_null()) {
        return Err(LossError::unsupported(ID, "use_cg_iter", "none (fast-bss-eval's conjugate gradient is not reproduced; the direct solve is)", c.json("use_cg_iter").map(|v| v.to_string()).unwrap_or_default()));
    }
    let fl = c.i64("filter_length", 512)?;
    if fl <= 0 {
        return Err(LossError::param(ID, "filter_length", "a positive filter length", fl.to_string()));
    }
    let cfg = SdrConfig { filter_length: fl as usize, zero_mean: c.bool("zero_mean", false)?, load_diag: c.f64_opt("load_diag")?, reduction: c.reduction(Reduction::None)? };
    with_pair!(c, "estimate", "reference", |x, y| sdr(x, y, &cfg))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::losses::audio::esr::signal_tests::pair;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({"filter_length": 4})), &pair(&[2, 20], 161));
        assert_gradcheck(ID, None, &params(json!({"filter_length": 3, "zero_mean": true, "load_diag": 0.01, "reduction": "mean"})), &pair(&[2, 1, 16], 163));
        // A filter longer than the signal: lags past T wrap circularly over n_fft = 32 points.
        assert_gradcheck(ID, None, &params(json!({"filter_length": 20})), &pair(&[1, 12], 165));
    }

    #[test]
    fn value_is_the_formula() {
        // filter_length 1: R = (1) after normalization, b = cos(angle between the signals),
        // so the coherence is cos^2 and the SDR is 10 log10(cos^2 / sin^2).
        let x = inputs(vec![("estimate", f(&[1, 2], &[1.0, 1.0])), ("reference", f(&[1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"filter_length": 1})), &x);
        // cos^2 = 1/2: ratio 1, 0 dB.
        assert!(ev.loss.floats[0].abs() < 1e-12);
        let x = inputs(vec![("estimate", f(&[1, 2], &[3.0, 1.0])), ("reference", f(&[1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"filter_length": 1})), &x);
        assert!((ev.loss.floats[0] + 10.0 * 9f64.log10()).abs() < 1e-12);
        // A delayed copy is explained by a 2-tap filter up to the circular wrap: the SDR is
        // far higher than with 1 tap.
        let r = randn(&[1, 32], 166, 1.0);
        let mut e = vec![0.0; 32];
        e[1..].copy_from_slice(&r.floats[..31]);
        let x = inputs(vec![("estimate", crate::eval::HostTensor::from_f64(vec![1, 32], e)), ("reference", r)]);
        let one = eval64(ID, None, &params(json!({"filter_length": 1})), &x);
        let two = eval64(ID, None, &params(json!({"filter_length": 2})), &x);
        assert!(two.loss.floats[0] < one.loss.floats[0] - 10.0);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e12] {
            let mut x = pair(&[2, 12], 167);
            for t in x.values_mut() {
                t.floats.iter_mut().for_each(|v| *v *= scale);
            }
            assert_finite(ID, None, &params(json!({"filter_length": 3})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({"filter_length": 4}));
        assert_error(ID, None, &p, &inputs(vec![("estimate", randn(&[2, 10], 1, 1.0)), ("reference", randn(&[2, 12], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("estimate", f(&[2, 0], &[])), ("reference", f(&[2, 0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("estimate", i(&[2], &[1, 2])), ("reference", f(&[2], &[1.0, 2.0]))]), ErrorKind::DType);
        for bad in [json!({"filter_length": 0}), json!({"filter_length": 2.5}), json!({"load_diag": "x"}), json!({"reduction": "batchmean"})] {
            assert_error(ID, None, &params(bad), &pair(&[2, 8], 3), ErrorKind::Param);
        }
        assert_error(ID, None, &params(json!({"use_cg_iter": 10})), &pair(&[2, 8], 3), ErrorKind::Unsupported);
    }
}
