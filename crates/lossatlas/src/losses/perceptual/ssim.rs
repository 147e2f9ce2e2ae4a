//! SSIM loss: one minus the structural similarity index, which compares local means,
//! variances and covariance of two images in a sliding window.

use burn::tensor::Tensor;
use serde_json::Value as Json;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::ssim_window::{self, GaussianStyle};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "ssim";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "SSIM Loss",
    aliases: &["Structural Similarity Loss", "1 - SSIM"],
    kind: Kind::Loss,
    domains: &["perceptual", "super-resolution", "image-translation", "medical"],
    year: 2004,
    paper: Paper {
        title: "Image Quality Assessment: From Error Visibility to Structural Similarity",
        authors: "Wang et al.",
        venue: "IEEE Transactions on Image Processing",
        year: 2004,
        url: "https://ieeexplore.ieee.org/document/1284395",
    },
    summary: "Computes local luminance, contrast and structure statistics of prediction and target in a Gaussian (or uniform) window, combines them into the SSIM map, and minimizes one minus its mean. It tracks perceived quality better than MSE and is common in restoration and medical imaging, often mixed with L1. The result depends on the dynamic range L (set it to the data's range), window size and sigma, and on the padding: the reference libraries use valid convolution, reflect padding, or reflect padding cropped back, and kornia reports half of 1 - SSIM per pixel.",
    formula: r"\operatorname{SSIM}(x, y) = \frac{(2\mu_x\mu_y + C_1)(2\sigma_{xy} + C_2)}{(\mu_x^2 + \mu_y^2 + C_1)(\sigma_x^2 + \sigma_y^2 + C_2)},\quad C_1 = (K_1 L)^2,\ C_2 = (K_2 L)^2,\quad \mathcal{L} = 1 - \operatorname{mean}_{\text{windows}}\operatorname{SSIM}",
    inputs: &[
        Input { name: "pred", shape: "[N, C, H, W] (monai: also [N, C, D, H, W])", meaning: "predicted images" },
        Input { name: "target", shape: "same as pred", meaning: "reference images" },
    ],
    params: &[
        Param { name: "window_size", symbol: "", default: Value::Int(11), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "form kornia: odd Gaussian window size (a required argument in kornia; sigma fixed at 1.5)" },
        Param { name: "max_val", symbol: "L", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "form kornia: dynamic range of the pixel values" },
        Param { name: "eps", symbol: "", default: Value::Float(1e-12), range: Range::NON_NEGATIVE, meaning: "form kornia: added to the SSIM denominator" },
        Param { name: "padding", symbol: "", default: Value::Str("same"), range: Range::Choice { values: &["same", "valid"] }, meaning: "form kornia: 'same' reflect-pads so the map keeps H x W, 'valid' crops it by window_size // 2" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::Choice { values: &["mean", "sum", "none", "elementwise_mean"] }, meaning: "forms kornia (per-pixel map) and monai (per-sample values): mean, sum or none; form torchmetrics: how per-image SSIM values are combined before 1 - (elementwise_mean, sum, none)" },
        Param { name: "spatial_dims", symbol: "", default: Value::Int(2), range: Range::Integer { min: 2, max: 3 }, meaning: "form monai: number of spatial dimensions (required by MONAI)" },
        Param { name: "data_range", symbol: "L", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "forms monai, torchmetrics, pytorch-msssim: dynamic range (defaults: monai 1.0; torchmetrics None = max of the two inputs' ranges, or a pair (lo, hi) that also clamps both inputs; pytorch-msssim 255)" },
        Param { name: "kernel_type", symbol: "", default: Value::Str("gaussian"), range: Range::Choice { values: &["gaussian", "uniform"] }, meaning: "form monai: window type" },
        Param { name: "win_size", symbol: "", default: Value::Int(11), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "forms monai, pytorch-msssim: window size (odd for pytorch-msssim)" },
        Param { name: "kernel_sigma", symbol: "", default: Value::Float(1.5), range: Range::POSITIVE, meaning: "form monai: Gaussian window sigma" },
        Param { name: "k1", symbol: "K_1", default: Value::Float(0.01), range: Range::POSITIVE, meaning: "forms monai, torchmetrics: luminance stabilizer constant" },
        Param { name: "k2", symbol: "K_2", default: Value::Float(0.03), range: Range::POSITIVE, meaning: "forms monai, torchmetrics: contrast stabilizer constant" },
        Param { name: "gaussian_kernel", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "form torchmetrics: Gaussian (true) or uniform window" },
        Param { name: "kernel_size", symbol: "", default: Value::Int(11), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "form torchmetrics: odd size of the uniform window (the Gaussian window has 2 floor(3.5 sigma + 0.5) + 1 taps whatever kernel_size)" },
        Param { name: "sigma", symbol: "", default: Value::Float(1.5), range: Range::POSITIVE, meaning: "form torchmetrics: Gaussian window sigma" },
        Param { name: "win_sigma", symbol: "", default: Value::Float(1.5), range: Range::POSITIVE, meaning: "form pytorch-msssim: Gaussian window sigma" },
        Param { name: "K", symbol: "", default: Value::Floats(&[0.01, 0.03]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "form pytorch-msssim: (K1, K2)" },
        Param { name: "nonnegative_ssim", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "form pytorch-msssim: clamp each channel's SSIM at 0 (relu) before averaging" },
        Param { name: "size_average", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "form pytorch-msssim: average over the batch (true) or return one value per image (false)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "kornia.losses.ssim_loss",
        "kornia.losses.SSIMLoss",
        "monai.losses.SSIMLoss",
        "torchmetrics.functional.structural_similarity_index_measure",
        "pytorch_msssim.ssim",
        "skimage.metrics.structural_similarity",
    ],
    related: &["ms-ssim", "psnr", "l1", "mse", "lpips", "perceptual"],
    forms: &[
        Form { name: "kornia", description: "kornia.losses.ssim_loss(pred, target, window_size, max_val, eps, reduction, padding): Gaussian window with sigma 1.5, C1 = (0.01 max_val)^2, C2 = (0.03 max_val)^2, eps added to the denominator; 'same' padding is reflect padding; per-pixel loss clamp((1 - SSIM) / 2, 0, 1), then reduced (half of 1 - SSIM)." },
        Form { name: "monai", description: "MONAI SSIMLoss(spatial_dims, data_range, kernel_type, win_size, kernel_sigma, k1, k2, reduction): 1 - SSIM with SSIM the mean over the valid-convolution map of each sample ([N, 1] values), then reduced; 2-D or 3-D images; MONAI's metric computes in float32 even for float64 inputs." },
        Form { name: "torchmetrics", description: "1 - torchmetrics.functional.structural_similarity_index_measure(pred, target, gaussian_kernel, sigma, kernel_size, data_range, k1, k2, reduction): inputs reflect-padded by half the window on each side (the Gaussian window has 2 floor(3.5 sigma + 0.5) + 1 taps whatever kernel_size), local variances clamped at 0, and the whole map, padded border included, averaged per image; data_range None is max(pred range, target range) and is differentiated through; 2-D or 3-D images." },
        Form { name: "pytorch-msssim", description: "1 - pytorch_msssim.ssim(pred, target, data_range, win_size, win_sigma, K, nonnegative_ssim, size_average): separable float32 Gaussian window, valid convolution (an axis shorter than the window is not smoothed), mean of the map per channel, then over channels and batch; 2-D or 3-D images." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "one predicted pixel (others equal to the target)", from: -1.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

/// A scalar or per-spatial-axis parameter (`int | Sequence[int]` in the references).
pub(crate) fn per_axis<T: Copy>(c: &Call, name: &str, default: T, axes: usize, read: fn(&Json) -> Option<T>) -> Result<Vec<T>, LossError> {
    match c.json(name) {
        None => Ok(vec![default; axes]),
        Some(Json::Array(xs)) => {
            let v: Option<Vec<T>> = xs.iter().map(read).collect();
            match v {
                Some(v) if v.len() == axes => Ok(v),
                _ => Err(LossError::param(c.loss, name, format!("a number or {axes} numbers (one per spatial axis)"), Json::Array(xs.clone()).to_string())),
            }
        }
        Some(v) => read(v).map(|x| vec![x; axes]).ok_or_else(|| LossError::param(c.loss, name, "a number or a list of numbers", v.to_string())),
    }
}

pub(crate) fn json_usize(v: &Json) -> Option<usize> {
    v.as_u64().map(|x| x as usize).or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as usize))
}

pub(crate) fn json_f64(v: &Json) -> Option<f64> {
    v.as_f64()
}

/// Checks two images of equal shape `[N, C, *spatial]` with the given number of spatial axes.
pub(crate) fn check_images(loss: &str, pred: &[usize], target: &[usize], ranks: &[usize]) -> Result<(), LossError> {
    if !ranks.contains(&pred.len()) {
        let want = ranks.iter().map(|r| format!("rank {r}")).collect::<Vec<_>>().join(" or ");
        return Err(LossError::shape(loss, "pred", format!("images [N, C, *spatial] of {want}"), fmt_shape(pred)));
    }
    numerics::same_shape(loss, "target", target, "pred", pred)?;
    numerics::non_empty(loss, "pred", pred)
}

fn check_window(loss: &str, name: &str, pred: &[usize], sizes: &[usize]) -> Result<(), LossError> {
    for (a, &k) in sizes.iter().enumerate() {
        if pred[2 + a] < k {
            return Err(LossError::shape(loss, "pred", format!("spatial axis {} of at least {k} (the window)", 2 + a), format!("{} ({name} {k})", pred[2 + a])));
        }
    }
    Ok(())
}

fn odd_positive(loss: &str, name: &str, k: usize) -> Result<usize, LossError> {
    if k == 0 || k % 2 == 0 {
        return Err(LossError::param(loss, name, "an odd positive window size", format!("{k}")));
    }
    Ok(k)
}

// ----- kornia --------------------------------------------------------------------------------

/// kornia's `padding`: `same` (reflect padding, map of the input's size) or `valid`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Padding {
    Same,
    Valid,
}

/// Options of `kornia.losses.ssim_loss`.
#[derive(Debug, Clone, PartialEq)]
pub struct KorniaSsimConfig {
    pub window_size: usize,
    pub max_val: f64,
    pub eps: f64,
    pub padding: Padding,
    pub reduction: Reduction,
}

impl Default for KorniaSsimConfig {
    fn default() -> Self {
        KorniaSsimConfig { window_size: 11, max_val: 1.0, eps: 1e-12, padding: Padding::Same, reduction: Reduction::Mean }
    }
}

/// `kornia.losses.ssim_loss`: per pixel `clamp((1 - SSIM) / 2, 0, 1)` on `[N, C, H, W]`, reduced.
pub fn ssim_kornia(pred: Tensor<4>, target: Tensor<4>, cfg: &KorniaSsimConfig) -> Result<LossTensor, LossError> {
    let dims = pred.dims();
    check_images(ID, &dims, &target.dims(), &[4])?;
    let k = odd_positive(ID, "window_size", cfg.window_size)?;
    numerics::finite_param(ID, "max_val", cfg.max_val)?;
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let pad = (k - 1) / 2;
    let (x, y) = match cfg.padding {
        Padding::Same => {
            ssim_window::check_reflect(ID, "pred", dims[2], pad)?;
            ssim_window::check_reflect(ID, "pred", dims[3], pad)?;
            let p = |t: Tensor<4>| ssim_window::reflect_pad(ssim_window::reflect_pad(t, 3, pad, pad), 2, pad, pad);
            (p(pred), p(target))
        }
        Padding::Valid => {
            // kornia reflect-pads and crops the padded border away again: the valid windows.
            check_window(ID, "window_size", &dims, &[k, k])?;
            (pred, target)
        }
    };
    let taps = ssim_window::gaussian_taps(k, 1.5, GaussianStyle::Float64);
    let m = ssim_window::local_moments(x, y, &[(3, taps.clone()), (2, taps)]);
    let (c1, c2) = ((0.01 * cfg.max_val).powi(2), (0.03 * cfg.max_val).powi(2));
    let mu12 = m.mu_x.clone() * m.mu_y.clone();
    let mu1_sq = m.mu_x.clone() * m.mu_x;
    let mu2_sq = m.mu_y.clone() * m.mu_y;
    let s1 = m.xx - mu1_sq.clone();
    let s2 = m.yy - mu2_sq.clone();
    let s12 = m.xy - mu12.clone();
    let num = mu12.mul_scalar(2.0).add_scalar(c1) * s12.mul_scalar(2.0).add_scalar(c2);
    let den = (mu1_sq + mu2_sq).add_scalar(c1) * (s1 + s2).add_scalar(c2);
    let ssim = num / den.add_scalar(cfg.eps);
    let per = ssim.neg().add_scalar(1.0).mul_scalar(0.5).clamp(0.0, 1.0);
    Ok(reduce(per, cfg.reduction))
}

// ----- torchmetrics --------------------------------------------------------------------------

/// torchmetrics' `data_range`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DataRange {
    /// `None`: `max(pred.max() - pred.min(), target.max() - target.min())`, differentiated.
    Auto,
    Value(f64),
    /// `(lo, hi)`: both inputs are clamped to `[lo, hi]` and the range is `hi - lo`.
    Clamp(f64, f64),
}

/// torchmetrics' `reduction` of per-image values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TmReduction {
    ElementwiseMean,
    Sum,
    None,
}

pub(crate) fn tm_reduction(c: &Call) -> Result<TmReduction, LossError> {
    match c.str_opt("reduction")? {
        None | Some("elementwise_mean") | Some("mean") => Ok(TmReduction::ElementwiseMean),
        Some("sum") => Ok(TmReduction::Sum),
        Some("none") => Ok(TmReduction::None),
        Some(o) => Err(LossError::param(c.loss, "reduction", "elementwise_mean, sum or none", format!("{o:?}"))),
    }
}

pub(crate) fn tm_data_range(c: &Call) -> Result<DataRange, LossError> {
    match c.json("data_range") {
        None => Ok(DataRange::Auto),
        Some(Json::Array(xs)) if xs.len() == 2 => match (xs[0].as_f64(), xs[1].as_f64()) {
            (Some(lo), Some(hi)) if lo.is_finite() && hi.is_finite() && hi > lo => Ok(DataRange::Clamp(lo, hi)),
            _ => Err(LossError::param(c.loss, "data_range", "a number or a pair (lo, hi) with lo < hi", Json::Array(xs.clone()).to_string())),
        },
        Some(v) => match v.as_f64() {
            Some(x) => Ok(DataRange::Value(numerics::positive_param(c.loss, "data_range", x)?)),
            None => Err(LossError::param(c.loss, "data_range", "a number or a pair (lo, hi)", v.to_string())),
        },
    }
}

/// Options of `torchmetrics.functional.structural_similarity_index_measure` (one entry per
/// spatial axis in `sigma` and `kernel_size`).
#[derive(Debug, Clone, PartialEq)]
pub struct TorchmetricsSsimConfig {
    pub gaussian_kernel: bool,
    pub sigma: Vec<f64>,
    pub kernel_size: Vec<usize>,
    pub data_range: DataRange,
    pub k1: f64,
    pub k2: f64,
    pub reduction: TmReduction,
}

impl TorchmetricsSsimConfig {
    pub fn new(spatial: usize) -> Self {
        TorchmetricsSsimConfig { gaussian_kernel: true, sigma: vec![1.5; spatial], kernel_size: vec![11; spatial], data_range: DataRange::Auto, k1: 0.01, k2: 0.03, reduction: TmReduction::ElementwiseMean }
    }
}

/// Per-image SSIM and contrast sensitivity (`[N]` each) as torchmetrics' `_ssim_update`
/// computes them (`return_contrast_sensitivity=True`).
pub(crate) fn torchmetrics_ssim_cs<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &TorchmetricsSsimConfig) -> Result<(Tensor<1>, Tensor<1>), LossError> {
    let dims = pred.dims();
    let spatial = D - 2;
    if cfg.sigma.len() != spatial || cfg.kernel_size.len() != spatial {
        return Err(LossError::param(ID, "kernel_size", format!("{spatial} values (one per spatial axis)"), format!("{:?}", cfg.kernel_size)));
    }
    for &k in &cfg.kernel_size {
        odd_positive(ID, "kernel_size", k)?;
    }
    for &s in &cfg.sigma {
        numerics::positive_param(ID, "sigma", s)?;
    }
    numerics::finite_param(ID, "k1", cfg.k1)?;
    numerics::finite_param(ID, "k2", cfg.k2)?;
    let (mut x, mut y) = (pred, target);
    let (c1, c2) = match cfg.data_range {
        DataRange::Value(r) => {
            let one = numerics::full_like(&x, [1], 1.0);
            (one.clone().mul_scalar((cfg.k1 * r).powi(2)), one.mul_scalar((cfg.k2 * r).powi(2)))
        }
        DataRange::Clamp(lo, hi) => {
            x = x.clamp(lo, hi);
            y = y.clamp(lo, hi);
            let one = numerics::full_like(&x, [1], 1.0);
            let r = hi - lo;
            (one.clone().mul_scalar((cfg.k1 * r).powi(2)), one.mul_scalar((cfg.k2 * r).powi(2)))
        }
        DataRange::Auto => {
            let rx = ssim_window::full_max(x.clone()) + ssim_window::full_max(x.clone().neg());
            let ry = ssim_window::full_max(y.clone()) + ssim_window::full_max(y.clone().neg());
            // Python's max(a, b) keeps a unless b > a.
            let r = if numerics::host_f64(&ry)[0] > numerics::host_f64(&rx)[0] { ry } else { rx };
            (r.clone().mul_scalar(cfg.k1).powi_scalar(2), r.mul_scalar(cfg.k2).powi_scalar(2))
        }
    };
    let gauss: Vec<usize> = cfg.sigma.iter().map(|s| ((3.5 * s + 0.5) as usize) * 2 + 1).collect();
    // torchmetrics pads H and W by half the window it uses (the Gaussian's size comes from
    // sigma, not kernel_size) but the depth axis of 3-D images by (kernel_size - 1) / 2.
    let pads: Vec<usize> = (0..spatial)
        .map(|a| if cfg.gaussian_kernel && !(spatial == 3 && a == 0) { (gauss[a] - 1) / 2 } else { (cfg.kernel_size[a] - 1) / 2 })
        .collect();
    let mut windows = vec![];
    for a in 0..spatial {
        ssim_window::check_reflect(ID, "pred", dims[2 + a], pads[a])?;
        x = ssim_window::reflect_pad(x, 2 + a, pads[a], pads[a]);
        y = ssim_window::reflect_pad(y, 2 + a, pads[a], pads[a]);
        let taps = if cfg.gaussian_kernel { ssim_window::gaussian_taps(gauss[a], cfg.sigma[a], GaussianStyle::Float64) } else { ssim_window::uniform_taps(cfg.kernel_size[a]) };
        if dims[2 + a] + 2 * pads[a] < taps.len() {
            return Err(LossError::shape(ID, "pred", format!("spatial axis {} of at least {} (window minus padding)", 2 + a, taps.len() - 2 * pads[a]), format!("{}", dims[2 + a])));
        }
        windows.push((2 + a, taps));
    }
    let m = ssim_window::local_moments(x, y, &windows);
    let n = dims[0];
    let mu_xx = m.mu_x.clone() * m.mu_x.clone();
    let mu_yy = m.mu_y.clone() * m.mu_y.clone();
    let mu_xy = m.mu_x * m.mu_y;
    let s_x = (m.xx - mu_xx.clone()).clamp_min(0.0);
    let s_y = (m.yy - mu_yy.clone()).clamp_min(0.0);
    let s_xy = m.xy - mu_xy.clone();
    let bshape = {
        let mut s = [1usize; D];
        s[0] = 1;
        s
    };
    let c1 = c1.reshape(bshape);
    let c2 = c2.reshape(bshape);
    let upper = s_xy.mul_scalar(2.0) + c2.clone();
    let lower = s_x + s_y + c2;
    let full = ((mu_xy.mul_scalar(2.0) + c1.clone()) * upper.clone()) / ((mu_xx + mu_yy + c1) * lower.clone());
    let cs = upper / lower;
    // The SSIM map is averaged whole (reflect-padded border included); the contrast term is
    // cropped by `pad` on both sides of every spatial axis first (an empty crop, pad 0, gives
    // NaN as in torch).
    let ssim = ssim_window::mean_trailing(full, 1);
    let mut cs = cs;
    for a in 0..spatial {
        let len = cs.dims()[2 + a];
        if pads[a] == 0 || len <= 2 * pads[a] {
            return Ok((ssim, numerics::full_like(&cs, [n], f64::NAN)));
        }
        cs = cs.narrow(2 + a, pads[a], len - 2 * pads[a]);
    }
    Ok((ssim, ssim_window::mean_trailing(cs, 1)))
}

/// `1 - torchmetrics.functional.structural_similarity_index_measure(pred, target, ...)`.
pub fn ssim_torchmetrics<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &TorchmetricsSsimConfig) -> Result<LossTensor, LossError> {
    check_images(ID, &pred.dims(), &target.dims(), &[4, 5])?;
    let (per, _) = torchmetrics_ssim_cs(pred, target, cfg)?;
    let n = per.dims()[0];
    Ok(match cfg.reduction {
        TmReduction::ElementwiseMean => LossTensor::scalar(per.mean().neg().add_scalar(1.0)),
        TmReduction::Sum => LossTensor::scalar(per.sum().neg().add_scalar(1.0)),
        TmReduction::None => LossTensor::with_shape(per.neg().add_scalar(1.0), vec![n]),
    })
}

// ----- MONAI ---------------------------------------------------------------------------------

/// Options of `monai.losses.SSIMLoss` (one entry per spatial axis in `win_size`, `kernel_sigma`).
#[derive(Debug, Clone, PartialEq)]
pub struct MonaiSsimConfig {
    pub data_range: f64,
    pub uniform: bool,
    pub win_size: Vec<usize>,
    pub kernel_sigma: Vec<f64>,
    pub k1: f64,
    pub k2: f64,
    pub reduction: Reduction,
}

impl MonaiSsimConfig {
    pub fn new(spatial: usize) -> Self {
        MonaiSsimConfig { data_range: 1.0, uniform: false, win_size: vec![11; spatial], kernel_sigma: vec![1.5; spatial], k1: 0.01, k2: 0.03, reduction: Reduction::Mean }
    }
}

/// `monai.losses.SSIMLoss(spatial_dims = D - 2, ...)(pred, target)`; `none` gives `[N, 1]`.
pub fn ssim_monai<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &MonaiSsimConfig) -> Result<LossTensor, LossError> {
    let dims = pred.dims();
    check_images(ID, &dims, &target.dims(), &[4, 5])?;
    let spatial = D - 2;
    if cfg.win_size.len() != spatial || cfg.kernel_sigma.len() != spatial {
        return Err(LossError::param(ID, "win_size", format!("{spatial} values (one per spatial axis)"), format!("{:?}", cfg.win_size)));
    }
    for &k in &cfg.win_size {
        if k == 0 {
            return Err(LossError::param(ID, "win_size", "a positive window size", "0"));
        }
    }
    for &s in &cfg.kernel_sigma {
        numerics::positive_param(ID, "kernel_sigma", s)?;
    }
    numerics::finite_param(ID, "data_range", cfg.data_range)?;
    check_window(ID, "win_size", &dims, &cfg.win_size)?;
    let windows: Vec<(usize, Vec<f64>)> = (0..spatial)
        .map(|a| (2 + a, if cfg.uniform { ssim_window::uniform_taps(cfg.win_size[a]) } else { ssim_window::gaussian_taps(cfg.win_size[a], cfg.kernel_sigma[a], GaussianStyle::Float64) }))
        .collect();
    let m = ssim_window::local_moments(pred, target, &windows);
    let (c1, c2) = ((cfg.k1 * cfg.data_range).powi(2), (cfg.k2 * cfg.data_range).powi(2));
    let s_x = m.xx - m.mu_x.clone() * m.mu_x.clone();
    let s_y = m.yy - m.mu_y.clone() * m.mu_y.clone();
    let s_xy = m.xy - m.mu_x.clone() * m.mu_y.clone();
    let cs = s_xy.mul_scalar(2.0).add_scalar(c2) / (s_x + s_y).add_scalar(c2);
    let lum = (m.mu_x.clone().mul_scalar(2.0) * m.mu_y.clone()).add_scalar(c1) / (m.mu_x.clone() * m.mu_x + m.mu_y.clone() * m.mu_y).add_scalar(c1);
    let per = ssim_window::mean_trailing(lum * cs, 1).neg().add_scalar(1.0);
    let n = dims[0];
    Ok(match cfg.reduction {
        Reduction::None => LossTensor::with_shape(per, vec![n, 1]),
        r => reduce(per, r),
    })
}

// ----- pytorch-msssim ------------------------------------------------------------------------

/// Options of `pytorch_msssim.ssim`.
#[derive(Debug, Clone, PartialEq)]
pub struct PytorchMsssimConfig {
    pub data_range: f64,
    pub win_size: usize,
    pub win_sigma: f64,
    pub k: (f64, f64),
    pub nonnegative_ssim: bool,
    pub size_average: bool,
}

impl Default for PytorchMsssimConfig {
    fn default() -> Self {
        PytorchMsssimConfig { data_range: 255.0, win_size: 11, win_sigma: 1.5, k: (0.01, 0.03), nonnegative_ssim: false, size_average: true }
    }
}

/// pytorch-msssim's `_ssim`: per-channel SSIM and contrast sensitivity (`[N, C]` as `[N * C]`),
/// with a float32 Gaussian window applied along every spatial axis at least as long as it.
pub(crate) fn pytorch_msssim_ssim_cs<const D: usize>(x: Tensor<D>, y: Tensor<D>, data_range: f64, taps: &[f64], k: (f64, f64)) -> (Tensor<1>, Tensor<1>) {
    let dims = x.dims();
    let windows: Vec<(usize, Vec<f64>)> = (2..D).filter(|&a| dims[a] >= taps.len()).map(|a| (a, taps.to_vec())).collect();
    let m = ssim_window::local_moments(x, y, &windows);
    let (c1, c2) = ((k.0 * data_range).powi(2), (k.1 * data_range).powi(2));
    let mu12 = m.mu_x.clone() * m.mu_y.clone();
    let mu1_sq = m.mu_x.clone() * m.mu_x;
    let mu2_sq = m.mu_y.clone() * m.mu_y;
    let s1 = m.xx - mu1_sq.clone();
    let s2 = m.yy - mu2_sq.clone();
    let s12 = m.xy - mu12.clone();
    let cs = s12.mul_scalar(2.0).add_scalar(c2) / (s1 + s2).add_scalar(c2);
    let map = (mu12.mul_scalar(2.0).add_scalar(c1) / (mu1_sq + mu2_sq).add_scalar(c1)) * cs.clone();
    (ssim_window::mean_trailing(map, 2), ssim_window::mean_trailing(cs, 2))
}

pub(crate) fn check_k(loss: &str, k: &[f64]) -> Result<(f64, f64), LossError> {
    match k {
        [a, b] if a.is_finite() && b.is_finite() => Ok((*a, *b)),
        _ => Err(LossError::param(loss, "K", "two finite numbers (K1, K2)", format!("{k:?}"))),
    }
}

/// `1 - pytorch_msssim.ssim(pred, target, ...)` on `[N, C, H, W]` or `[N, C, D, H, W]`.
pub fn ssim_pytorch_msssim<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &PytorchMsssimConfig) -> Result<LossTensor, LossError> {
    let dims = pred.dims();
    check_images(ID, &dims, &target.dims(), &[4, 5])?;
    odd_positive(ID, "win_size", cfg.win_size)?;
    numerics::positive_param(ID, "win_sigma", cfg.win_sigma)?;
    numerics::finite_param(ID, "data_range", cfg.data_range)?;
    let taps = ssim_window::gaussian_taps(cfg.win_size, cfg.win_sigma, GaussianStyle::Float32);
    let (mut s, _) = pytorch_msssim_ssim_cs(pred, target, cfg.data_range, &taps, cfg.k);
    if cfg.nonnegative_ssim {
        // torch.relu: gradient 0 at exactly 0.
        let keep = numerics::mask_to_float(s.clone().greater_elem(0.0), &s);
        s = s * keep;
    }
    let (n, c) = (dims[0], dims[1]);
    Ok(if cfg.size_average {
        LossTensor::scalar(s.mean().neg().add_scalar(1.0))
    } else {
        LossTensor::with_shape(s.reshape([n, c]).mean_dim(1).reshape([n]).neg().add_scalar(1.0), vec![n])
    })
}

// ----- evaluator -----------------------------------------------------------------------------

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let rank = c.shape("pred")?.len();
    check_images(ID, c.shape("pred")?, c.shape("target")?, &[4, 5])?;
    let spatial = rank - 2;
    match c.form().unwrap_or("kornia") {
        "kornia" => {
            let padding = match c.str("padding", "same")? {
                "same" => Padding::Same,
                "valid" => Padding::Valid,
                o => return Err(LossError::param(ID, "padding", "same or valid", format!("{o:?}"))),
            };
            let ws = c.i64("window_size", 11)?;
            let cfg = KorniaSsimConfig {
                window_size: usize::try_from(ws).map_err(|_| LossError::param(ID, "window_size", "an odd positive window size", format!("{ws}")))?,
                max_val: c.f64("max_val", 1.0)?,
                eps: c.f64("eps", 1e-12)?,
                padding,
                reduction: c.reduction(Reduction::Mean)?,
            };
            if rank != 4 {
                return Err(LossError::shape(ID, "pred", "images [N, C, H, W]", fmt_shape(c.shape("pred")?)));
            }
            ssim_kornia(c.float::<4>("pred")?, c.float::<4>("target")?, &cfg)
        }
        "torchmetrics" => {
            let cfg = TorchmetricsSsimConfig {
                gaussian_kernel: c.bool("gaussian_kernel", true)?,
                sigma: per_axis(c, "sigma", 1.5, spatial, json_f64)?,
                kernel_size: per_axis(c, "kernel_size", 11, spatial, json_usize)?,
                data_range: tm_data_range(c)?,
                k1: c.f64("k1", 0.01)?,
                k2: c.f64("k2", 0.03)?,
                reduction: tm_reduction(c)?,
            };
            if rank == 4 { ssim_torchmetrics(c.float::<4>("pred")?, c.float::<4>("target")?, &cfg) } else { ssim_torchmetrics(c.float::<5>("pred")?, c.float::<5>("target")?, &cfg) }
        }
        "monai" => {
            let sd = c.i64("spatial_dims", 2)?;
            if sd != spatial as i64 || !(2..=3).contains(&sd) {
                return Err(LossError::shape(ID, "pred", format!("images with spatial_dims = {sd} spatial axes"), fmt_shape(c.shape("pred")?)));
            }
            let uniform = match c.str("kernel_type", "gaussian")? {
                "gaussian" => false,
                "uniform" => true,
                o => return Err(LossError::param(ID, "kernel_type", "gaussian or uniform", format!("{o:?}"))),
            };
            let cfg = MonaiSsimConfig {
                data_range: c.f64("data_range", 1.0)?,
                uniform,
                win_size: per_axis(c, "win_size", 11, spatial, json_usize)?,
                kernel_sigma: per_axis(c, "kernel_sigma", 1.5, spatial, json_f64)?,
                k1: c.f64("k1", 0.01)?,
                k2: c.f64("k2", 0.03)?,
                reduction: c.reduction(Reduction::Mean)?,
            };
            if rank == 4 { ssim_monai(c.float::<4>("pred")?, c.float::<4>("target")?, &cfg) } else { ssim_monai(c.float::<5>("pred")?, c.float::<5>("target")?, &cfg) }
        }
        "pytorch-msssim" => {
            let ws = c.i64("win_size", 11)?;
            let cfg = PytorchMsssimConfig {
                data_range: c.f64("data_range", 255.0)?,
                win_size: usize::try_from(ws).map_err(|_| LossError::param(ID, "win_size", "an odd positive window size", format!("{ws}")))?,
                win_sigma: c.f64("win_sigma", 1.5)?,
                k: check_k(ID, &c.f64_list_opt("K")?.unwrap_or(vec![0.01, 0.03]))?,
                nonnegative_ssim: c.bool("nonnegative_ssim", false)?,
                size_average: c.bool("size_average", true)?,
            };
            if rank == 4 { ssim_pytorch_msssim(c.float::<4>("pred")?, c.float::<4>("target")?, &cfg) } else { ssim_pytorch_msssim(c.float::<5>("pred")?, c.float::<5>("target")?, &cfg) }
        }
        _ => Err(c.unknown_form(&["kornia", "monai", "torchmetrics", "pytorch-msssim"])),
    }
}

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    let target = vec![0.1, 0.5, 0.3, 0.8, 0.2, 0.6, 0.9, 0.4, 0.7, 0.0, 0.5, 0.3, 0.6, 0.2, 0.8, 0.1];
    let mut pred = target.clone();
    pred[5] = x;
    PlotInput {
        form: Some("pytorch-msssim"),
        params: serde_json::json!({"data_range": 1.0, "win_size": 3}),
        inputs: vec![("pred", HostTensor::from_f64(vec![1, 1, 4, 4], pred)), ("target", HostTensor::from_f64(vec![1, 1, 4, 4], target))],
        wrt: "pred",
        index: 5,
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
        inputs(vec![("pred", uniform(shape, seed, 0.0, 1.0)), ("target", uniform(shape, seed + 7, 0.0, 1.0))])
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = pair(&[1, 2, 7, 6], 1);
        assert_gradcheck(ID, Some("kornia"), &params(json!({"window_size": 3, "reduction": "sum"})), &x);
        assert_gradcheck(ID, Some("kornia"), &params(json!({"window_size": 5, "padding": "valid"})), &x);
        assert_gradcheck(ID, Some("monai"), &params(json!({"spatial_dims": 2, "win_size": 3, "kernel_type": "uniform", "reduction": "none"})), &x);
        assert_gradcheck(ID, Some("torchmetrics"), &params(json!({"sigma": 1.0, "data_range": 1.0})), &pair(&[2, 1, 10, 10], 3));
        assert_gradcheck(ID, Some("torchmetrics"), &params(json!({"gaussian_kernel": false, "kernel_size": 3, "data_range": [0.1, 0.9]})), &x);
        assert_gradcheck(ID, Some("pytorch-msssim"), &params(json!({"data_range": 1.0, "win_size": 5, "nonnegative_ssim": true, "size_average": false})), &x);
        // 3-D images.
        assert_gradcheck(ID, Some("pytorch-msssim"), &params(json!({"data_range": 1.0, "win_size": 3})), &pair(&[1, 1, 4, 5, 6], 5));
        assert_gradcheck(ID, Some("monai"), &params(json!({"spatial_dims": 3, "win_size": 3})), &pair(&[1, 1, 4, 5, 6], 5));
    }

    #[test]
    fn data_range_none_is_differentiated_with_tied_extrema() {
        // Values clipped to 0 and 1 tie at the extrema; torch splits the gradient between them.
        let mut p = uniform(&[1, 1, 12, 12], 11, -0.2, 1.2);
        for v in &mut p.floats {
            *v = v.clamp(0.0, 1.0);
        }
        let x = inputs(vec![("pred", p), ("target", uniform(&[1, 1, 12, 12], 12, 0.0, 0.8))]);
        let ev = assert_finite(ID, Some("torchmetrics"), &params(json!({"sigma": 1.0})), &x);
        assert!(ev.loss.floats[0] > 0.0);
    }

    #[test]
    fn identical_images_give_zero() {
        let t = uniform(&[1, 1, 8, 8], 4, 0.0, 1.0);
        let x = inputs(vec![("pred", t.clone()), ("target", t)]);
        for (form, p) in [
            ("kornia", json!({"window_size": 5})),
            ("monai", json!({"spatial_dims": 2, "win_size": 5})),
            ("torchmetrics", json!({"sigma": 1.0, "data_range": 1.0})),
            ("pytorch-msssim", json!({"data_range": 1.0, "win_size": 5})),
        ] {
            let ev = eval64(ID, Some(form), &params(p), &x);
            // kornia's eps = 1e-12 in the denominator leaves ~1e-11.
            assert!(ev.loss.floats.iter().all(|v| v.abs() < 1e-10), "{form}: {:?}", ev.loss.floats);
        }
    }

    #[test]
    fn value_is_the_formula() {
        // Constant images a and b with a uniform 3x3 window (MONAI): variances 0, so
        // SSIM = (2ab + C1) / (a^2 + b^2 + C1) with C1 = 1e-4 (data range 1).
        let x = inputs(vec![("pred", f(&[1, 1, 3, 3], &[0.2; 9])), ("target", f(&[1, 1, 3, 3], &[0.6; 9]))]);
        let ev = eval64(ID, Some("monai"), &params(json!({"spatial_dims": 2, "win_size": 3, "kernel_type": "uniform"})), &x);
        let c1 = 1e-4;
        let want = 1.0 - (2.0 * 0.2 * 0.6 + c1) / (0.04 + 0.36 + c1);
        // The window sums nine taps of 1/9: rounding at the 1e-15 level.
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{} vs {want}", ev.loss.floats[0]);
    }

    #[test]
    fn extreme_images_are_finite() {
        let x = inputs(vec![("pred", f(&[1, 1, 5, 5], &[1e6; 25])), ("target", uniform(&[1, 1, 5, 5], 2, 0.0, 1e-6))]);
        assert_finite(ID, Some("kornia"), &params(json!({"window_size": 3})), &x);
        assert_finite(ID, Some("pytorch-msssim"), &params(json!({"data_range": 1.0, "win_size": 3})), &x);
    }

    #[test]
    fn bad_inputs_are_rejected() {
        let x = inputs(vec![("pred", uniform(&[1, 1, 8, 8], 1, 0.0, 1.0)), ("target", uniform(&[1, 1, 8, 7], 2, 0.0, 1.0))]);
        assert_error(ID, Some("kornia"), &params(json!({"window_size": 3})), &x, ErrorKind::Shape);
        let x = pair(&[1, 1, 8, 8], 1);
        assert_error(ID, Some("kornia"), &params(json!({"window_size": 4})), &x, ErrorKind::Param);
        assert_error(ID, Some("kornia"), &params(json!({"window_size": 17})), &x, ErrorKind::Shape);
        assert_error(ID, Some("kornia"), &params(json!({"window_size": 3, "padding": "full"})), &x, ErrorKind::Param);
        assert_error(ID, Some("torchmetrics"), &params(json!({"sigma": -1.0})), &x, ErrorKind::Param);
        assert_error(ID, Some("torchmetrics"), &params(json!({"kernel_size": 4, "gaussian_kernel": false})), &x, ErrorKind::Param);
        assert_error(ID, Some("monai"), &params(json!({"spatial_dims": 3})), &x, ErrorKind::Shape);
        assert_error(ID, Some("monai"), &params(json!({"spatial_dims": 2, "win_size": 11})), &x, ErrorKind::Shape);
        assert_error(ID, Some("pytorch-msssim"), &params(json!({"win_size": 4})), &x, ErrorKind::Param);
        assert_error(ID, Some("pytorch-msssim"), &params(json!({"K": [0.01]})), &x, ErrorKind::Param);
        let x = pair(&[2, 8], 1);
        assert_error(ID, Some("pytorch-msssim"), &params(json!({})), &x, ErrorKind::Shape);
    }
}
