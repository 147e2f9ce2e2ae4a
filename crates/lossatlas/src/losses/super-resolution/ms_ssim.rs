//! MS-SSIM loss: structural similarity evaluated over a dyadic pyramid, with contrast and
//! structure terms from every scale and luminance from the coarsest.

use burn::tensor::Tensor;
use burn::tensor::module::conv2d;
use burn::tensor::ops::ConvOptions;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::losses::perceptual::ssim::{
    TmReduction, TorchmetricsSsimConfig, check_images, check_k, json_f64, json_usize, per_axis, pytorch_msssim_ssim_cs, tm_data_range, tm_reduction,
    torchmetrics_ssim_cs,
};
use crate::numerics::ssim_window::{self, GaussianStyle};
use crate::numerics::{self, LossTensor, Reduction, reduce};
use crate::numerics::relu;

const ID: &str = "ms-ssim";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "MS-SSIM Loss",
    aliases: &["Multi-Scale SSIM Loss", "1 - MS-SSIM"],
    kind: Kind::Loss,
    domains: &["super-resolution", "perceptual", "image-translation"],
    year: 2003,
    paper: Paper {
        title: "Multi-Scale Structural Similarity for Image Quality Assessment",
        authors: "Wang et al.",
        venue: "Asilomar Conference on Signals, Systems and Computers",
        year: 2003,
        url: "https://ieeexplore.ieee.org/document/1292216",
    },
    summary: "Evaluates SSIM's contrast-structure term at M scales obtained by repeated 2x low-pass downsampling and the luminance term at the coarsest scale, combines them as a weighted geometric product, and minimizes one minus the result. Using several scales makes it less sensitive to the viewing distance assumed by a single window. Images must be large enough for M - 1 halvings with a valid window; negative contrast terms raised to fractional powers are undefined, which implementations handle by ReLU or by mapping to [0, 1]. kornia's MS_SSIMLoss is a different loss (Zhao et al.'s mix of full-resolution multi-sigma SSIM with a Gaussian-weighted L1).",
    formula: r"\operatorname{MS\text{-}SSIM}(x, y) = \bigl[l_M(x, y)\bigr]^{\beta_M}\prod_{j=1}^{M}\bigl[cs_j(x, y)\bigr]^{\beta_j},\quad \mathcal{L} = 1 - \operatorname{MS\text{-}SSIM}",
    inputs: &[
        Input { name: "pred", shape: "[N, C, H, W] (torchmetrics, pytorch-msssim: also [N, C, D, H, W])", meaning: "predicted images" },
        Input { name: "target", shape: "same as pred", meaning: "reference images" },
    ],
    params: &[
        Param { name: "sigmas", symbol: "", default: Value::Floats(&[0.5, 1.0, 2.0, 4.0, 8.0]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "form kornia-l1-mix: one Gaussian sigma per scale, all at full resolution, coarsest last" },
        Param { name: "data_range", symbol: "L", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "dynamic range (defaults: kornia 1.0; torchmetrics None = inferred from the inputs; pytorch-msssim 255)" },
        Param { name: "K", symbol: "", default: Value::Floats(&[0.01, 0.03]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "forms kornia-l1-mix, pytorch-msssim: (K1, K2)" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.025), range: Range::UNIT, meaning: "form kornia-l1-mix: weight of the MS-SSIM part against the Gaussian L1 part" },
        Param { name: "compensation", symbol: "", default: Value::Float(200.0), range: Range::POSITIVE, meaning: "form kornia-l1-mix: overall scale of the mixed loss" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::Choice { values: &["mean", "sum", "none", "elementwise_mean"] }, meaning: "form kornia-l1-mix: reduction of the per-pixel [N, H, W] loss (mean, sum, none); form torchmetrics: reduction of the per-image values before 1 - (elementwise_mean, sum, none)" },
        Param { name: "k1", symbol: "K_1", default: Value::Float(0.01), range: Range::POSITIVE, meaning: "form torchmetrics: luminance stabilizer constant" },
        Param { name: "k2", symbol: "K_2", default: Value::Float(0.03), range: Range::POSITIVE, meaning: "form torchmetrics: contrast stabilizer constant" },
        Param { name: "gaussian_kernel", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "form torchmetrics: Gaussian (true) or uniform window" },
        Param { name: "kernel_size", symbol: "", default: Value::Int(11), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "form torchmetrics: window size" },
        Param { name: "sigma", symbol: "", default: Value::Float(1.5), range: Range::POSITIVE, meaning: "form torchmetrics: Gaussian window sigma" },
        Param { name: "betas", symbol: r"\beta_j", default: Value::Floats(&[0.0448, 0.2856, 0.3001, 0.2363, 0.1333]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "form torchmetrics: per-scale exponents (their count is the number of scales)" },
        Param { name: "normalize", symbol: "", default: Value::Str("relu"), range: Range::Choice { values: &["relu", "simple"] }, meaning: "form torchmetrics: 'relu' clamps negative terms at 0, 'simple' maps x to (x + 1) / 2" },
        Param { name: "win_size", symbol: "", default: Value::Int(11), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "form pytorch-msssim: window size" },
        Param { name: "win_sigma", symbol: "", default: Value::Float(1.5), range: Range::POSITIVE, meaning: "form pytorch-msssim: Gaussian window sigma" },
        Param { name: "weights", symbol: r"\beta_j", default: Value::Floats(&[0.0448, 0.2856, 0.3001, 0.2363, 0.1333]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "form pytorch-msssim: per-level exponents (None in the library means these five)" },
        Param { name: "size_average", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "form pytorch-msssim: average over the batch (true) or return one value per image (false)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "kornia.losses.MS_SSIMLoss",
        "torchmetrics.functional.multiscale_structural_similarity_index_measure",
        "pytorch_msssim.ms_ssim",
    ],
    related: &["ssim", "psnr", "l1", "lpips"],
    forms: &[
        Form { name: "kornia-l1-mix", description: "kornia.losses.MS_SSIMLoss(sigmas, data_range, K, alpha, compensation, reduction): not Wang's pyramid: for each sigma a full-resolution Gaussian window of 2 int(2 sigma_last) + 1 taps, zero padding by int(2 sigma_last); per pixel, 1 - the channel mean of l_last * prod_s cs_s, mixed as compensation * (alpha * that + (1 - alpha) * channel mean of the L1 map filtered at the last sigma / data_range), then reduced over [N, H, W]." },
        Form { name: "torchmetrics", description: "1 - torchmetrics.functional.multiscale_structural_similarity_index_measure(pred, target, gaussian_kernel, sigma, kernel_size, reduction, data_range, k1, k2, betas, normalize): Wang's pyramid with len(betas) scales (torchmetrics' SSIM at each, 2x average pooling between scales), product of cs^beta over scales times ssim^beta_last; normalize relu (default) clamps at 0, simple maps x to (x + 1) / 2, None leaves negatives (NaN powers); side checks: at least 2^len(betas) and side // max(1, len(betas) - 1)^2 > kernel_size - 1." },
        Form { name: "pytorch-msssim", description: "1 - pytorch_msssim.ms_ssim(pred, target, data_range, win_size, weights): len(weights) levels, avg_pool2d(kernel 2) with padding for odd sizes, relu(cs) at the coarse levels, prod cs_i^w_i * ssim_last^w_last; asserts the smaller side > (win_size - 1) * 2^4 whatever the number of weights." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "one predicted pixel (others equal to the target)", from: -1.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

// ----- kornia --------------------------------------------------------------------------------

/// Options of `kornia.losses.MS_SSIMLoss`.
#[derive(Debug, Clone, PartialEq)]
pub struct KorniaMsSsimConfig {
    pub sigmas: Vec<f64>,
    pub data_range: f64,
    pub k: (f64, f64),
    pub alpha: f64,
    pub compensation: f64,
    pub reduction: Reduction,
}

impl Default for KorniaMsSsimConfig {
    fn default() -> Self {
        KorniaMsSsimConfig { sigmas: vec![0.5, 1.0, 2.0, 4.0, 8.0], data_range: 1.0, k: (0.01, 0.03), alpha: 0.025, compensation: 200.0, reduction: Reduction::Mean }
    }
}

/// kornia's 2-D masks: the outer products of 1-D Gaussians of `size` taps, `[S, 1, size, size]`.
/// kornia builds them in torch's default dtype; the reference cases were computed with float64
/// masks (float32 masks miss them by ~2e-7 relative).
fn kornia_masks<const E: usize>(like: &Tensor<E>, sigmas: &[f64], size: usize) -> Tensor<4> {
    let mut data = Vec::with_capacity(sigmas.len() * size * size);
    for &s in sigmas {
        let g = ssim_window::gaussian_taps(size, s, GaussianStyle::Float64);
        for i in 0..size {
            for j in 0..size {
                data.push(g[i] * g[j]);
            }
        }
    }
    numerics::tensor_like(like, data, [sigmas.len(), 1, size, size])
}

/// `kornia.losses.MS_SSIMLoss(...)(pred, target)` on `[N, C, H, W]`; `none` gives `[N, H, W]`.
pub fn ms_ssim_kornia(pred: Tensor<4>, target: Tensor<4>, cfg: &KorniaMsSsimConfig) -> Result<LossTensor, LossError> {
    let [n, c, h, w] = pred.dims();
    check_images(ID, &[n, c, h, w], &target.dims(), &[4])?;
    if cfg.sigmas.is_empty() {
        return Err(LossError::param(ID, "sigmas", "at least one sigma", "[]"));
    }
    for &s in &cfg.sigmas {
        numerics::positive_param(ID, "sigmas", s)?;
    }
    numerics::finite_param(ID, "data_range", cfg.data_range)?;
    numerics::finite_param(ID, "alpha", cfg.alpha)?;
    numerics::finite_param(ID, "compensation", cfg.compensation)?;
    let last = *cfg.sigmas.last().expect("checked non-empty");
    let pad = (2.0 * last) as usize;
    let size = 2 * pad + 1;
    let s = cfg.sigmas.len();
    let masks = kornia_masks(&pred, &cfg.sigmas, size);
    let opts = || ConvOptions::new([1, 1], [pad, pad], [1, 1], 1);
    // Every channel of the five moment maps is filtered by every mask: [5 N C, S, H, W].
    let maps = Tensor::cat(vec![pred.clone(), target.clone(), pred.clone() * pred.clone(), target.clone() * target.clone(), pred.clone() * target.clone()], 0);
    let f = conv2d(maps.reshape([5 * n * c, 1, h, w]), masks.clone(), None, opts());
    let part = |k: usize| f.clone().narrow(0, k * n * c, n * c);
    let (mux, muy) = (part(0), part(1));
    let (mux2, muy2, muxy) = (mux.clone() * mux.clone(), muy.clone() * muy.clone(), mux * muy);
    let sx = part(2) - mux2.clone();
    let sy = part(3) - muy2.clone();
    let sxy = part(4) - muxy.clone();
    let (c1, c2) = ((cfg.k.0 * cfg.data_range).powi(2), (cfg.k.1 * cfg.data_range).powi(2));
    let lc = muxy.mul_scalar(2.0).add_scalar(c1) / (mux2 + muy2).add_scalar(c1);
    let cs = sxy.mul_scalar(2.0).add_scalar(c2) / (sx + sy).add_scalar(c2);
    let l_last = lc.narrow(1, s - 1, 1);
    let mut pics = cs.clone().narrow(1, 0, 1);
    for k in 1..s {
        pics = pics * cs.clone().narrow(1, k, 1);
    }
    let ms = (l_last * pics).reshape([n, c, h, w]).mean_dim(1).reshape([n, h, w]).neg().add_scalar(1.0);
    let l1 = (pred - target).abs().reshape([n * c, 1, h, w]);
    let gl1 = conv2d(l1, masks.narrow(0, s - 1, 1), None, opts()).reshape([n, c, h, w]).mean_dim(1).reshape([n, h, w]);
    let per = (ms.mul_scalar(cfg.alpha) + gl1.mul_scalar((1.0 - cfg.alpha) / cfg.data_range)).mul_scalar(cfg.compensation);
    Ok(reduce(per, cfg.reduction))
}

// ----- torchmetrics --------------------------------------------------------------------------

/// torchmetrics' `normalize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Normalize {
    Relu,
    Simple,
    None,
}

/// Options of `torchmetrics.functional.multiscale_structural_similarity_index_measure`.
#[derive(Debug, Clone, PartialEq)]
pub struct TorchmetricsMsSsimConfig {
    pub ssim: TorchmetricsSsimConfig,
    pub betas: Vec<f64>,
    pub normalize: Normalize,
}

impl TorchmetricsMsSsimConfig {
    pub fn new(spatial: usize) -> Self {
        TorchmetricsMsSsimConfig { ssim: TorchmetricsSsimConfig::new(spatial), betas: vec![0.0448, 0.2856, 0.3001, 0.2363, 0.1333], normalize: Normalize::Relu }
    }
}

/// `1 - torchmetrics.functional.multiscale_structural_similarity_index_measure(pred, target, ...)`.
pub fn ms_ssim_torchmetrics<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &TorchmetricsMsSsimConfig) -> Result<LossTensor, LossError> {
    let dims = pred.dims();
    check_images(ID, &dims, &target.dims(), &[4, 5])?;
    let m = cfg.betas.len();
    if m == 0 {
        return Err(LossError::param(ID, "betas", "at least one beta", "[]"));
    }
    numerics::finite_values(ID, "betas", &cfg.betas)?;
    let (hh, ww) = (dims[D - 2], dims[D - 1]);
    let min_side = 1usize.checked_shl(m as u32).unwrap_or(usize::MAX);
    if hh < min_side || ww < min_side {
        return Err(LossError::shape(ID, "pred", format!("height and width >= 2^len(betas) = {min_side}"), fmt_shape(&dims)));
    }
    let div = (m.max(2) - 1).pow(2);
    let ks = &cfg.ssim.kernel_size;
    if ks.len() >= 2 && (hh / div <= ks[0].saturating_sub(1) || ww / div <= ks[1].saturating_sub(1)) {
        return Err(LossError::shape(ID, "pred", format!("height // {div} > kernel_size[0] - 1 and width // {div} > kernel_size[1] - 1"), fmt_shape(&dims)));
    }
    let (mut x, mut y) = (pred, target);
    let mut terms: Vec<Tensor<1>> = vec![];
    for level in 0..m {
        let (mut sim, mut cs) = torchmetrics_ssim_cs(x.clone(), y.clone(), &cfg.ssim)?;
        if cfg.normalize == Normalize::Relu {
            sim = relu(sim);
            cs = relu(cs);
        }
        terms.push(if level + 1 == m { sim } else { cs });
        if level + 1 < m {
            for a in 2..D {
                x = ssim_window::pair_pool(x, a, false);
                y = ssim_window::pair_pool(y, a, false);
            }
        }
    }
    let mut prod: Option<Tensor<1>> = None;
    for (t, &b) in terms.into_iter().zip(&cfg.betas) {
        let t = if cfg.normalize == Normalize::Simple { t.add_scalar(1.0).mul_scalar(0.5) } else { t };
        let p = t.powf_scalar(b);
        prod = Some(match prod {
            None => p,
            Some(q) => q * p,
        });
    }
    let per = prod.expect("at least one scale");
    let n = per.dims()[0];
    Ok(match cfg.ssim.reduction {
        TmReduction::ElementwiseMean => LossTensor::scalar(per.mean().neg().add_scalar(1.0)),
        TmReduction::Sum => LossTensor::scalar(per.sum().neg().add_scalar(1.0)),
        TmReduction::None => LossTensor::with_shape(per.neg().add_scalar(1.0), vec![n]),
    })
}

// ----- pytorch-msssim ------------------------------------------------------------------------

/// Options of `pytorch_msssim.ms_ssim`.
#[derive(Debug, Clone, PartialEq)]
pub struct PytorchMsSsimConfig {
    pub data_range: f64,
    pub win_size: usize,
    pub win_sigma: f64,
    pub weights: Vec<f64>,
    pub k: (f64, f64),
    pub size_average: bool,
}

impl Default for PytorchMsSsimConfig {
    fn default() -> Self {
        PytorchMsSsimConfig { data_range: 255.0, win_size: 11, win_sigma: 1.5, weights: vec![0.0448, 0.2856, 0.3001, 0.2363, 0.1333], k: (0.01, 0.03), size_average: true }
    }
}

/// `1 - pytorch_msssim.ms_ssim(pred, target, ...)` on `[N, C, H, W]` or `[N, C, D, H, W]`.
pub fn ms_ssim_pytorch_msssim<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &PytorchMsSsimConfig) -> Result<LossTensor, LossError> {
    let dims = pred.dims();
    check_images(ID, &dims, &target.dims(), &[4, 5])?;
    if cfg.win_size == 0 || cfg.win_size % 2 == 0 {
        return Err(LossError::param(ID, "win_size", "an odd positive window size", format!("{}", cfg.win_size)));
    }
    numerics::positive_param(ID, "win_sigma", cfg.win_sigma)?;
    numerics::finite_param(ID, "data_range", cfg.data_range)?;
    if cfg.weights.is_empty() {
        return Err(LossError::param(ID, "weights", "at least one weight", "[]"));
    }
    numerics::finite_values(ID, "weights", &cfg.weights)?;
    let smaller = dims[D - 2].min(dims[D - 1]);
    // pytorch-msssim asserts this for four downsamplings whatever the number of weights.
    if smaller <= (cfg.win_size - 1) * 16 {
        return Err(LossError::shape(ID, "pred", format!("smaller side > (win_size - 1) * 2^4 = {}", (cfg.win_size - 1) * 16), fmt_shape(&dims)));
    }
    let taps = ssim_window::gaussian_taps(cfg.win_size, cfg.win_sigma, GaussianStyle::Float32);
    let levels = cfg.weights.len();
    let (mut x, mut y) = (pred, target);
    let mut prod: Option<Tensor<1>> = None;
    for (level, &wgt) in cfg.weights.iter().enumerate() {
        let (sim, cs) = pytorch_msssim_ssim_cs(x.clone(), y.clone(), cfg.data_range, &taps, cfg.k);
        let term = if level + 1 < levels { relu(cs) } else { relu(sim) };
        let p = term.powf_scalar(wgt);
        prod = Some(match prod {
            None => p,
            Some(q) => q * p,
        });
        if level + 1 < levels {
            for a in 2..D {
                x = ssim_window::pair_pool(x, a, true);
                y = ssim_window::pair_pool(y, a, true);
            }
        }
    }
    let per = prod.expect("at least one level");
    let (n, c) = (dims[0], dims[1]);
    Ok(if cfg.size_average {
        LossTensor::scalar(per.mean().neg().add_scalar(1.0))
    } else {
        LossTensor::with_shape(per.reshape([n, c]).mean_dim(1).reshape([n]).neg().add_scalar(1.0), vec![n])
    })
}

// ----- evaluator -----------------------------------------------------------------------------

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let rank = c.shape("pred")?.len();
    check_images(ID, c.shape("pred")?, c.shape("target")?, &[4, 5])?;
    let spatial = rank - 2;
    match c.form().unwrap_or("kornia-l1-mix") {
        "kornia-l1-mix" => {
            let cfg = KorniaMsSsimConfig {
                sigmas: c.f64_list_opt("sigmas")?.unwrap_or(vec![0.5, 1.0, 2.0, 4.0, 8.0]),
                data_range: c.f64("data_range", 1.0)?,
                k: check_k(ID, &c.f64_list_opt("K")?.unwrap_or(vec![0.01, 0.03]))?,
                alpha: c.f64("alpha", 0.025)?,
                compensation: c.f64("compensation", 200.0)?,
                reduction: c.reduction(Reduction::Mean)?,
            };
            if rank != 4 {
                return Err(LossError::shape(ID, "pred", "images [N, C, H, W]", fmt_shape(c.shape("pred")?)));
            }
            ms_ssim_kornia(c.float::<4>("pred")?, c.float::<4>("target")?, &cfg)
        }
        "torchmetrics" => {
            let normalize = match c.json("normalize") {
                None if c.has_param("normalize") => Normalize::None,
                None => {
                    // An explicit null means no normalization; absent means the default relu.
                    Normalize::Relu
                }
                Some(v) => match v.as_str() {
                    Some("relu") => Normalize::Relu,
                    Some("simple") => Normalize::Simple,
                    _ => return Err(LossError::param(ID, "normalize", "relu, simple or null", v.to_string())),
                },
            };
            let cfg = TorchmetricsMsSsimConfig {
                ssim: TorchmetricsSsimConfig {
                    gaussian_kernel: c.bool("gaussian_kernel", true)?,
                    sigma: per_axis(c, "sigma", 1.5, spatial, json_f64)?,
                    kernel_size: per_axis(c, "kernel_size", 11, spatial, json_usize)?,
                    data_range: tm_data_range(c)?,
                    k1: c.f64("k1", 0.01)?,
                    k2: c.f64("k2", 0.03)?,
                    reduction: tm_reduction(c)?,
                },
                betas: c.f64_list_opt("betas")?.unwrap_or(vec![0.0448, 0.2856, 0.3001, 0.2363, 0.1333]),
                normalize,
            };
            if rank == 4 { ms_ssim_torchmetrics(c.float::<4>("pred")?, c.float::<4>("target")?, &cfg) } else { ms_ssim_torchmetrics(c.float::<5>("pred")?, c.float::<5>("target")?, &cfg) }
        }
        "pytorch-msssim" => {
            let ws = c.i64("win_size", 11)?;
            let cfg = PytorchMsSsimConfig {
                data_range: c.f64("data_range", 255.0)?,
                win_size: usize::try_from(ws).map_err(|_| LossError::param(ID, "win_size", "an odd positive window size", format!("{ws}")))?,
                win_sigma: c.f64("win_sigma", 1.5)?,
                weights: c.f64_list_opt("weights")?.unwrap_or(vec![0.0448, 0.2856, 0.3001, 0.2363, 0.1333]),
                k: check_k(ID, &c.f64_list_opt("K")?.unwrap_or(vec![0.01, 0.03]))?,
                size_average: c.bool("size_average", true)?,
            };
            if rank == 4 { ms_ssim_pytorch_msssim(c.float::<4>("pred")?, c.float::<4>("target")?, &cfg) } else { ms_ssim_pytorch_msssim(c.float::<5>("pred")?, c.float::<5>("target")?, &cfg) }
        }
        _ => Err(c.unknown_form(&["kornia-l1-mix", "torchmetrics", "pytorch-msssim"])),
    }
}

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    let target: Vec<f64> = (0..64).map(|i| ((i * 37 % 17) as f64) / 16.0).collect();
    let mut pred = target.clone();
    pred[27] = x;
    PlotInput {
        form: Some("kornia-l1-mix"),
        params: serde_json::json!({"sigmas": [0.5, 1.0, 2.0]}),
        inputs: vec![("pred", HostTensor::from_f64(vec![1, 1, 8, 8], pred)), ("target", HostTensor::from_f64(vec![1, 1, 8, 8], target))],
        wrt: "pred",
        index: 27,
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
        inputs(vec![("pred", uniform(shape, seed, 0.0, 1.0)), ("target", uniform(shape, seed + 5, 0.0, 1.0))])
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = pair(&[1, 2, 8, 7], 1);
        assert_gradcheck(ID, Some("kornia-l1-mix"), &params(json!({"sigmas": [0.5, 1.5], "alpha": 0.5, "compensation": 1.0, "reduction": "sum"})), &x);
        assert_gradcheck(ID, Some("kornia-l1-mix"), &params(json!({"sigmas": [1.0], "reduction": "none"})), &x);
        // Correlated images, so every contrast term stays positive (a relu'd 0 raised to a
        // power below 1 has an infinite derivative, NaN in torch too).
        let p = uniform(&[1, 1, 20, 18], 2, 0.0, 1.0);
        let mut t = p.clone();
        let noise = uniform(&[1, 1, 20, 18], 9, -0.1, 0.1);
        for (v, e) in t.floats.iter_mut().zip(&noise.floats) {
            *v = 0.8 * *v + 0.1 + e;
        }
        let x = inputs(vec![("pred", p), ("target", t)]);
        assert_gradcheck(ID, Some("torchmetrics"), &params(json!({"kernel_size": 3, "sigma": 0.6, "betas": [0.5, 0.5], "data_range": 1.0})), &x);
        assert_gradcheck(ID, Some("torchmetrics"), &params(json!({"kernel_size": 3, "sigma": 0.6, "betas": [0.5, 0.5], "data_range": 1.0, "normalize": "simple", "reduction": "none"})), &x);
        // An odd side exercises pytorch-msssim's padded pooling.
        let x = pair(&[1, 1, 35, 37], 3);
        assert_gradcheck(ID, Some("pytorch-msssim"), &params(json!({"data_range": 1.0, "win_size": 3, "weights": [0.3, 0.3, 0.4]})), &x);
    }

    #[test]
    fn identical_images_give_zero() {
        let t = uniform(&[1, 1, 34, 34], 4, 0.0, 1.0);
        let x = inputs(vec![("pred", t.clone()), ("target", t)]);
        for (form, p) in [
            ("kornia-l1-mix", json!({"sigmas": [0.5, 1.0]})),
            ("torchmetrics", json!({"kernel_size": 3, "sigma": 0.6, "betas": [0.5, 0.5], "data_range": 1.0})),
            ("pytorch-msssim", json!({"data_range": 1.0, "win_size": 3, "weights": [0.5, 0.5]})),
        ] {
            let ev = eval64(ID, Some(form), &params(p), &x);
            assert!(ev.loss.floats.iter().all(|v| v.abs() < 1e-12), "{form}: {:?}", ev.loss.floats);
        }
    }

    #[test]
    fn value_is_the_formula() {
        // kornia with alpha 0 is the Gaussian-filtered L1 map times compensation / data_range: a
        // constant residual 0.25 on a 1x1 image with a one-tap window (sigma 0.4: int(0.8) = 0)
        // gives 0.25 * 2 / 0.5 = 1.
        let x = inputs(vec![("pred", f(&[1, 1, 1, 1], &[0.75])), ("target", f(&[1, 1, 1, 1], &[0.5]))]);
        let ev = eval64(ID, Some("kornia-l1-mix"), &params(json!({"sigmas": [0.4], "alpha": 0.0, "compensation": 2.0, "data_range": 0.5})), &x);
        assert!((ev.loss.floats[0] - 1.0).abs() < 1e-15);
    }

    #[test]
    fn extreme_images_are_finite() {
        let x = inputs(vec![("pred", f(&[1, 1, 6, 6], &[1e6; 36])), ("target", uniform(&[1, 1, 6, 6], 2, 0.0, 1e-6))]);
        assert_finite(ID, Some("kornia-l1-mix"), &params(json!({"sigmas": [0.5, 1.0]})), &x);
    }

    #[test]
    fn bad_inputs_are_rejected() {
        let x = inputs(vec![("pred", uniform(&[1, 1, 8, 8], 1, 0.0, 1.0)), ("target", uniform(&[1, 1, 8, 7], 2, 0.0, 1.0))]);
        assert_error(ID, Some("kornia-l1-mix"), &params(json!({})), &x, ErrorKind::Shape);
        let x = pair(&[1, 1, 8, 8], 1);
        assert_error(ID, Some("kornia-l1-mix"), &params(json!({"sigmas": [0.5, -1.0]})), &x, ErrorKind::Param);
        assert_error(ID, Some("kornia-l1-mix"), &params(json!({"reduction": "avg"})), &x, ErrorKind::Param);
        assert_error(ID, Some("torchmetrics"), &params(json!({"data_range": 1.0})), &x, ErrorKind::Shape);
        assert_error(ID, Some("torchmetrics"), &params(json!({"normalize": "tanh"})), &x, ErrorKind::Param);
        assert_error(ID, Some("pytorch-msssim"), &params(json!({"data_range": 1.0})), &x, ErrorKind::Shape);
        assert_error(ID, Some("pytorch-msssim"), &params(json!({"win_size": 4})), &x, ErrorKind::Param);
    }
}
