//! Negative scale-invariant signal-to-noise ratio: the reference is first rescaled by the
//! least-squares gain that best explains the estimate, and the loss is minus the log ratio of that
//! target's energy to the residual energy.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::audio::esr::{reduce_signals, signals_by_time};
use crate::numerics::elementwise::with_pair;
use crate::numerics::{self, LossTensor, Reduction, audio_signal};

const ID: &str = "si-snr";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "SI-SNR Loss (Scale-Invariant Signal-to-Noise Ratio)",
    aliases: &["SI-SDR Loss", "Scale-Invariant SDR Loss", "Negative SI-SNR"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2019,
    paper: Paper {
        title: "Conv-TasNet: Surpassing Ideal Time–Frequency Magnitude Masking for Speech Separation",
        authors: "Yi Luo, Nima Mesgarani",
        venue: "IEEE/ACM Transactions on Audio, Speech, and Language Processing",
        year: 2019,
        url: "https://arxiv.org/abs/1809.07454",
    },
    summary: "Projects the estimate onto the (zero-mean) reference to get the best-scaled target alpha * y and minimizes minus 10 log10 of the target energy over the residual energy. Rescaling the estimate leaves the loss unchanged, so the network is judged on waveform shape rather than gain; it is the standard training objective of time-domain speech separation (Conv-TasNet and successors), usually wrapped in permutation-invariant training. Because the gain is free, the output level is arbitrary and must be fixed separately if it matters.",
    formula: r"\alpha = \frac{\langle \hat y, y \rangle}{\lVert y \rVert^2 + \epsilon},\quad \ell = -10\log_{10}\left(\frac{\lVert \alpha y \rVert^2}{\lVert \hat y - \alpha y \rVert^2 + \epsilon} + \epsilon\right),\quad \hat y, y \text{ zero-mean over time}",
    inputs: &[
        Input { name: "estimate", shape: "[B, C, T] or [B, T]", meaning: "estimated signal; time is the last axis" },
        Input { name: "reference", shape: "same as estimate", meaning: "reference (target) signal" },
    ],
    params: &[
        Param { name: "zero_mean", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "subtract each signal's mean over time before the computation (auraloss's default)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "auraloss's stabilizer (the torchmetrics forms use the dtype's machine epsilon)" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the per-signal values are combined (auraloss); the torchmetrics forms return one value per signal (none)" },
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
    equivalents: &["auraloss.time.SISDRLoss", "torchmetrics.functional.audio.scale_invariant_signal_noise_ratio", "torchmetrics.functional.audio.scale_invariant_signal_distortion_ratio", "asteroid.losses.SingleSrcNegSDR(\"sisdr\")"],
    related: &["snr", "sdsdr", "sdr", "sa-sdr", "pit"],
    forms: &[
        Form { name: "auraloss-sisdr", description: "auraloss.time.SISDRLoss: optional zero-mean (default on); alpha = <x, y> / (||y||^2 + eps); -10 log10(||alpha y||^2 / (||x - alpha y||^2 + eps) + eps) per signal, then the reduction; eps = 1e-8." },
        Form { name: "torchmetrics", description: "minus torchmetrics.functional.audio.scale_invariant_signal_noise_ratio: always zero-mean; alpha = (<x, y> + eps) / (||y||^2 + eps); -10 log10((||alpha y||^2 + eps) / (||alpha y - x||^2 + eps)) with eps the dtype's machine epsilon; one value per signal; estimate and reference must have the same shape." },
        Form { name: "torchmetrics-sisdr", description: "minus torchmetrics.functional.audio.scale_invariant_signal_distortion_ratio(estimate, reference, zero_mean): the torchmetrics formula with zero-mean optional (default off)." },
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

/// Which library's SI-SNR: their eps placement differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiSnrForm {
    /// auraloss `SISDRLoss`: eps (param) in the gain's denominator, the noise energy and the log.
    Auraloss,
    /// torchmetrics `scale_invariant_signal_distortion_ratio` (SI-SNR is its `zero_mean = true`
    /// case): machine epsilon added to numerators and denominators.
    Torchmetrics,
}

/// Options of the SI-SNR loss; `Default` equals auraloss' `SISDRLoss()`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SiSnrConfig {
    pub form: SiSnrForm,
    pub zero_mean: bool,
    /// auraloss' stabilizer (unused by the torchmetrics form).
    pub eps: f64,
    pub reduction: Reduction,
}

impl Default for SiSnrConfig {
    fn default() -> Self {
        SiSnrConfig { form: SiSnrForm::Auraloss, zero_mean: true, eps: 1e-8, reduction: Reduction::Mean }
    }
}

/// Minus the scale-invariant SNR in dB per signal (time on the last axis), then the reduction.
pub fn si_snr<const D: usize>(estimate: Tensor<D>, reference: Tensor<D>, cfg: &SiSnrConfig) -> Result<LossTensor, LossError> {
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let (x, y, shape) = signals_by_time(ID, estimate, reference)?;
    let db = match cfg.form {
        SiSnrForm::Auraloss => audio_signal::sdr_auraloss(x, y, cfg.zero_mean, cfg.eps, true),
        SiSnrForm::Torchmetrics => audio_signal::si_sdr_torchmetrics(x, y, cfg.zero_mean),
    };
    Ok(reduce_signals(db.neg(), shape, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = match c.form() {
        None | Some("auraloss-sisdr") => SiSnrConfig { form: SiSnrForm::Auraloss, zero_mean: c.bool("zero_mean", true)?, eps: c.f64("eps", 1e-8)?, reduction: c.reduction(Reduction::Mean)? },
        Some("torchmetrics") => SiSnrConfig { form: SiSnrForm::Torchmetrics, zero_mean: true, eps: 0.0, reduction: c.reduction(Reduction::None)? },
        Some("torchmetrics-sisdr") => SiSnrConfig { form: SiSnrForm::Torchmetrics, zero_mean: c.bool("zero_mean", false)?, eps: 0.0, reduction: c.reduction(Reduction::None)? },
        Some(_) => return Err(c.unknown_form(&["auraloss-sisdr", "torchmetrics", "torchmetrics-sisdr"])),
    };
    with_pair!(c, "estimate", "reference", |x, y| si_snr(x, y, &cfg))
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
        assert_random_gradcheck(ID, 31);
        for form in ["torchmetrics", "torchmetrics-sisdr"] {
            assert_gradcheck(ID, Some(form), &params(json!({})), &pair(&[2, 2, 9], 33));
        }
        assert_gradcheck(ID, Some("torchmetrics-sisdr"), &params(json!({"zero_mean": true, "reduction": "mean"})), &pair(&[3, 9], 35));
    }

    #[test]
    fn value_is_the_formula() {
        // Estimate (1, 1), reference (1, 0), no zero-mean, eps 0: alpha = 1, target (1, 0), noise
        // (0, 1): ratio 1, 0 dB. The gain does not change it: estimate (2, 2) also gives 0.
        for s in [1.0, 2.0] {
            let x = inputs(vec![("estimate", f(&[2], &[s, s])), ("reference", f(&[2], &[1.0, 0.0]))]);
            let ev = eval64(ID, None, &params(json!({"zero_mean": false, "eps": 0.0})), &x);
            assert!(ev.loss.floats[0].abs() < 1e-12);
        }
        // Estimate (3, 1), reference (1, 0): target (3, 0), noise (0, 1): -10 log10(9).
        let x = inputs(vec![("estimate", f(&[1, 2], &[3.0, 1.0])), ("reference", f(&[1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"zero_mean": false, "eps": 0.0, "reduction": "none"})), &x);
        assert_eq!(ev.loss.shape, vec![1]);
        assert!((ev.loss.floats[0] + 10.0 * 9f64.log10()).abs() < 1e-12);
        // torchmetrics-sisdr on the same signals differs only by machine-epsilon terms.
        let ev = eval64(ID, Some("torchmetrics-sisdr"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] + 10.0 * 9f64.log10()).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        assert_finite_when_scaled(ID, 37);
        // A perfect estimate: auraloss' eps bounds the loss at -10 log10(1/eps) ~ -80 dB.
        let x = randn(&[2, 5], 38, 1.0);
        let ev = assert_finite(ID, None, &params(json!({})), &inputs(vec![("estimate", x.clone()), ("reference", x)]));
        assert!(ev.loss.floats[0] < -70.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("estimate", randn(&[2, 10], 1, 1.0)), ("reference", randn(&[2, 12], 2, 1.0))]);
        assert_error(ID, Some("torchmetrics"), &p, &x, ErrorKind::Shape);
        assert_error(ID, Some("torchmetrics"), &params(json!({"eps": 1e-8})), &pair(&[2, 3], 3), ErrorKind::Param);
        assert_error(ID, Some("asteroid"), &p, &pair(&[2, 3], 3), ErrorKind::Unsupported);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("estimate", f(&[2, 0], &[])), ("reference", f(&[2, 0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("estimate", i(&[2], &[1, 2])), ("reference", f(&[2], &[1.0, 2.0]))]), ErrorKind::DType);
        assert_error(ID, None, &params(json!({"eps": -1.0})), &pair(&[2, 3], 3), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"reduction": "batchmean"})), &pair(&[2, 3], 3), ErrorKind::Param);
    }
}
