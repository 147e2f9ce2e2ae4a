//! Negative PSNR: peak signal-to-noise ratio in decibels, negated so that minimizing it raises
//! the PSNR; a log-scaled mean squared error.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::perceptual::ssim::{DataRange, TmReduction, tm_data_range, tm_reduction};
use crate::numerics::{self, LossTensor, axes, ssim_window};

const ID: &str = "psnr";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "PSNR Loss",
    aliases: &["Peak Signal-to-Noise Ratio", "Negative PSNR"],
    kind: Kind::Loss,
    domains: &["perceptual", "super-resolution"],
    year: 2008,
    paper: Paper {
        title: "Scope of validity of PSNR in image/video quality assessment",
        authors: "Huynh-Thu, Q. & Ghanbari, M.",
        venue: "Electronics Letters",
        year: 2008,
        url: "https://doi.org/10.1049/el:20080522",
    },
    summary: "PSNR = 10 log10(L^2 / MSE) for a dynamic range L; using -PSNR as a loss is minimizing the log of the MSE, so its gradient is the MSE gradient divided by the current MSE, which keeps pushing when the error is already small. It is a long-standing signal-processing measure; the cited paper examines where it does and does not track perceived quality. Identical images give an infinite PSNR, and the result depends on whether the MSE is taken over the whole batch (kornia) or per image and then averaged.",
    formula: r"\operatorname{MSE} = \frac{1}{n}\sum_{i}(\hat y_i - y_i)^2,\quad \mathcal{L} = -10\,\log_{10}\frac{L^2}{\operatorname{MSE}}",
    inputs: &[
        Input { name: "pred", shape: "[N, C, H, W] (any shape)", meaning: "predicted images" },
        Input { name: "target", shape: "same as pred", meaning: "reference images" },
    ],
    params: &[
        Param { name: "max_val", symbol: "L", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "default (kornia) form: maximum pixel value (required by kornia)" },
        Param { name: "data_range", symbol: "L", default: Value::Null, range: Range::POSITIVE, meaning: "form torchmetrics: value range of the images; None: target.max() - target.min() (then dim must be None); a pair (lo, hi) also clamps both inputs" },
        Param { name: "base", symbol: "", default: Value::Float(10.0), range: Range::POSITIVE, meaning: "form torchmetrics: base of the logarithm" },
        Param { name: "reduction", symbol: "", default: Value::Str("elementwise_mean"), range: Range::Choice { values: &["elementwise_mean", "sum", "none"] }, meaning: "form torchmetrics: how per-slice PSNRs are combined when dim is given" },
        Param { name: "dim", symbol: "", default: Value::Null, range: Range::Any, meaning: "form torchmetrics: axes of one MSE (e.g. [1, 2, 3] for per-image PSNR); None: one MSE over everything" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["kornia.losses.psnr_loss", "kornia.metrics.psnr", "torchmetrics.functional.peak_signal_noise_ratio", "skimage.metrics.peak_signal_noise_ratio"],
    related: &["mse", "ssim", "ms-ssim"],
    forms: &[
        Form { name: "kornia", description: "kornia.losses.psnr_loss(pred, target, max_val) = -10 log10(max_val^2 / mse), one MSE over all elements of the batch (a scalar)." },
        Form { name: "torchmetrics", description: "-torchmetrics.functional.peak_signal_noise_ratio(pred, target, data_range, base, reduction, dim): (10 / ln base) ln(data_range^2 / mse); dim None: one MSE over everything; dim given: one PSNR per slice, then the reduction." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "residual of one of two values (the other residual 0.5)", from: -2.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

/// Options of `kornia.losses.psnr_loss`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KorniaPsnrConfig {
    pub max_val: f64,
}

impl Default for KorniaPsnrConfig {
    fn default() -> Self {
        KorniaPsnrConfig { max_val: 1.0 }
    }
}

fn check_pair(pred: &[usize], target: &[usize]) -> Result<(), LossError> {
    numerics::same_shape(ID, "target", target, "pred", pred)?;
    numerics::non_empty(ID, "pred", pred)
}

/// `kornia.losses.psnr_loss`: `-10 log10(max_val^2 / mse)` with one MSE over every element.
pub fn psnr_kornia<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &KorniaPsnrConfig) -> Result<LossTensor, LossError> {
    check_pair(&pred.dims(), &target.dims())?;
    numerics::finite_param(ID, "max_val", cfg.max_val)?;
    let d = pred - target;
    let mse = (d.clone() * d).mean();
    let ratio = mse.recip().mul_scalar(cfg.max_val * cfg.max_val);
    Ok(LossTensor::scalar(ratio.log().mul_scalar(-10.0 / std::f64::consts::LN_10)))
}

/// Options of `torchmetrics.functional.peak_signal_noise_ratio`.
#[derive(Debug, Clone, PartialEq)]
pub struct TorchmetricsPsnrConfig {
    pub data_range: DataRange,
    pub base: f64,
    pub reduction: TmReduction,
    /// Axes of one MSE (sorted, distinct); `None`: all of them.
    pub dim: Option<Vec<usize>>,
}

impl Default for TorchmetricsPsnrConfig {
    fn default() -> Self {
        TorchmetricsPsnrConfig { data_range: DataRange::Auto, base: 10.0, reduction: TmReduction::ElementwiseMean, dim: None }
    }
}

/// `-torchmetrics.functional.peak_signal_noise_ratio(pred, target, data_range, base, reduction, dim)`.
pub fn psnr_torchmetrics<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &TorchmetricsPsnrConfig) -> Result<LossTensor, LossError> {
    let dims = pred.dims();
    check_pair(&dims, &target.dims())?;
    numerics::positive_param(ID, "base", cfg.base)?;
    if cfg.base == 1.0 {
        return Err(LossError::param(ID, "base", "a logarithm base other than 1", "1"));
    }
    if let Some(d) = &cfg.dim {
        if let Some(&bad) = d.iter().find(|&&a| a >= D) {
            return Err(LossError::param(ID, "dim", format!("axes in [0, {D})"), format!("{bad}")));
        }
    }
    let (mut x, mut y) = (pred, target);
    // torchmetrics wraps a given range in a tensor of torch's default dtype; the reference
    // cases use float64 (as kornia's masks and torchmetrics' betas in the MS-SSIM cases show).
    let ln_range = |r: f64| r.ln();
    let log_range: Tensor<1> = match cfg.data_range {
        DataRange::Auto => {
            if cfg.dim.is_some() {
                return Err(LossError::param(ID, "data_range", "a data range (required when dim is given)", "None"));
            }
            (ssim_window::full_max(y.clone()) + ssim_window::full_max(y.clone().neg())).log()
        }
        DataRange::Value(r) => numerics::full_like(&x, [1], ln_range(numerics::positive_param(ID, "data_range", r)?)),
        DataRange::Clamp(lo, hi) => {
            x = x.clamp(lo, hi);
            y = y.clamp(lo, hi);
            numerics::full_like(&x, [1], ln_range(hi - lo))
        }
    };
    let scale = 10.0 / cfg.base.ln();
    let d = x - y;
    let sq = d.clone() * d;
    let (sse, count, shape): (Tensor<1>, usize, Vec<usize>) = match &cfg.dim {
        None => (sq.sum(), dims.iter().product(), vec![]),
        Some(axes_) if axes_.is_empty() => (sq.sum(), dims.iter().product(), vec![]),
        Some(axes_) => {
            let lt = axes::sum_axes(sq, axes_);
            (lt.value, axes_.iter().map(|&a| dims[a]).product(), lt.shape)
        }
    };
    let m = sse.dims()[0];
    let psnr = (log_range.expand([m]).mul_scalar(2.0) - sse.mul_scalar(1.0 / count as f64).log()).mul_scalar(scale);
    let loss = psnr.neg();
    Ok(match cfg.reduction {
        TmReduction::ElementwiseMean => LossTensor::scalar(loss.mean()),
        TmReduction::Sum => LossTensor::scalar(loss.sum()),
        TmReduction::None => if shape.is_empty() { LossTensor::scalar(loss) } else { LossTensor::with_shape(loss, shape) },
    })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let rank = c.shape("pred")?.len();
    check_pair(c.shape("pred")?, c.shape("target")?)?;
    match c.form().unwrap_or("kornia") {
        "kornia" => {
            let cfg = KorniaPsnrConfig { max_val: c.f64("max_val", 1.0)? };
            crate::eval::by_rank!(c, "pred", rank, |R| psnr_kornia(c.float::<R>("pred")?, c.float::<R>("target")?, &cfg))
        }
        "torchmetrics" => {
            let dim = match c.json("dim") {
                None => None,
                Some(j) => Some(axes::resolve_axes(ID, "dim", Some(j), &[], rank)?),
            };
            let cfg = TorchmetricsPsnrConfig { data_range: tm_data_range(c)?, base: c.f64("base", 10.0)?, reduction: tm_reduction(c)?, dim };
            crate::eval::by_rank!(c, "pred", rank, |R| psnr_torchmetrics(c.float::<R>("pred")?, c.float::<R>("target")?, &cfg))
        }
        _ => Err(c.unknown_form(&["kornia", "torchmetrics"])),
    }
}

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({"max_val": 1.0}),
        inputs: vec![("pred", HostTensor::from_f64(vec![2], vec![x, 0.5])), ("target", HostTensor::from_f64(vec![2], vec![0.0, 0.0]))],
        wrt: "pred",
        index: 0,
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

    fn pair(shape: &[usize], seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("pred", uniform(shape, seed, 0.0, 1.0)), ("target", uniform(shape, seed + 3, 0.0, 1.0))])
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = pair(&[2, 3, 4], 1);
        assert_gradcheck(ID, None, &params(json!({"max_val": 2.0})), &x);
        assert_gradcheck(ID, Some("torchmetrics"), &params(json!({"data_range": 1.0, "dim": [1, 2], "reduction": "sum"})), &x);
        assert_gradcheck(ID, Some("torchmetrics"), &params(json!({"data_range": [0.2, 0.8], "base": 2.0})), &x);
        assert_gradcheck(ID, Some("torchmetrics"), &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // Residuals (0.1, -0.1, 0.1, -0.1): MSE 0.01, PSNR = 10 log10(1 / 0.01) = 20 dB.
        let x = inputs(vec![("pred", f(&[1, 4], &[0.6, 0.4, 0.6, 0.4])), ("target", f(&[1, 4], &[0.5, 0.5, 0.5, 0.5]))]);
        let ev = eval64(ID, None, &params(json!({"max_val": 1.0})), &x);
        assert!((ev.loss.floats[0] + 20.0).abs() < 1e-12);
        let ev = eval64(ID, Some("torchmetrics"), &params(json!({"data_range": 1.0, "dim": 1, "reduction": "none"})), &x);
        assert_eq!(ev.loss.shape, vec![1]);
        assert!((ev.loss.floats[0] + 20.0).abs() < 1e-12, "{:?}", ev.loss.floats);
    }

    #[test]
    fn extreme_inputs_are_finite() {
        let x = inputs(vec![("pred", f(&[2], &[1e6, -1e6])), ("target", f(&[2], &[1e-12, 0.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("pred", f(&[2], &[1e-12, 0.0])), ("target", f(&[2], &[0.0, 1e-12]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_rejected() {
        let x = inputs(vec![("pred", f(&[2, 2], &[0.0; 4])), ("target", f(&[2, 3], &[0.0; 6]))]);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Shape);
        let x = pair(&[2, 3], 1);
        assert_error(ID, Some("torchmetrics"), &params(json!({"dim": 1})), &x, ErrorKind::Param);
        assert_error(ID, Some("torchmetrics"), &params(json!({"data_range": 1.0, "dim": 5})), &x, ErrorKind::Param);
        assert_error(ID, Some("torchmetrics"), &params(json!({"data_range": -1.0})), &x, ErrorKind::Param);
        assert_error(ID, Some("torchmetrics"), &params(json!({"data_range": 1.0, "reduction": "max"})), &x, ErrorKind::Param);
        let x = inputs(vec![("pred", f(&[0], &[])), ("target", f(&[0], &[]))]);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Empty);
    }
}
