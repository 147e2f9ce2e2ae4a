//! MS-SSIM loss: structural similarity evaluated over a dyadic pyramid, with contrast and
//! structure terms from every scale and luminance from the coarsest.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ms-ssim",
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
        Input { name: "pred", shape: "[N, C, H, W]", meaning: "predicted images" },
        Input { name: "target", shape: "[N, C, H, W]", meaning: "reference images" },
    ],
    params: &[
        Param { name: "sigmas", symbol: "", default: Value::Floats(&[0.5, 1.0, 2.0, 4.0, 8.0]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "form kornia-l1-mix: one Gaussian sigma per scale, all at full resolution, coarsest last" },
        Param { name: "data_range", symbol: "L", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "dynamic range (defaults: kornia 1.0; torchmetrics None = inferred from the inputs; pytorch-msssim 255)" },
        Param { name: "K", symbol: "", default: Value::Floats(&[0.01, 0.03]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "forms kornia-l1-mix, pytorch-msssim: (K1, K2)" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.025), range: Range::UNIT, meaning: "form kornia-l1-mix: weight of the MS-SSIM part against the Gaussian L1 part" },
        Param { name: "compensation", symbol: "", default: Value::Float(200.0), range: Range::POSITIVE, meaning: "form kornia-l1-mix: overall scale of the mixed loss" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "form kornia-l1-mix: reduction of the per-pixel loss" },
        Param { name: "kernel_size", symbol: "", default: Value::Int(11), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "form torchmetrics: window size" },
        Param { name: "sigma", symbol: "", default: Value::Float(1.5), range: Range::POSITIVE, meaning: "form torchmetrics: Gaussian window sigma" },
        Param { name: "betas", symbol: r"\beta_j", default: Value::Floats(&[0.0448, 0.2856, 0.3001, 0.2363, 0.1333]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "form torchmetrics: per-scale exponents (their count is the number of scales)" },
        Param { name: "normalize", symbol: "", default: Value::Str("relu"), range: Range::Choice { values: &["relu", "simple"] }, meaning: "form torchmetrics: 'relu' clamps negative terms at 0, 'simple' maps x to (x + 1) / 2" },
        Param { name: "win_size", symbol: "", default: Value::Int(11), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "form pytorch-msssim: window size" },
        Param { name: "win_sigma", symbol: "", default: Value::Float(1.5), range: Range::POSITIVE, meaning: "form pytorch-msssim: Gaussian window sigma" },
        Param { name: "weights", symbol: r"\beta_j", default: Value::Floats(&[0.0448, 0.2856, 0.3001, 0.2363, 0.1333]), range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "form pytorch-msssim: per-level exponents (None in the library means these five)" },
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
        Form { name: "kornia-l1-mix", description: "kornia.losses.MS_SSIMLoss(sigmas, data_range, K, alpha, compensation, reduction): not Wang's pyramid: for each sigma a full-resolution Gaussian SSIM; loss per pixel = compensation * (alpha * (1 - prod_s cs_s * l_last) + (1 - alpha) * gaussian-weighted L1 / data_range), then reduced." },
        Form { name: "torchmetrics", description: "1 - torchmetrics.functional.multiscale_structural_similarity_index_measure(pred, target, kernel_size, sigma, betas, data_range, normalize): Wang's pyramid with len(betas) scales, 2x2 average pooling between scales, product of cs^beta over scales times ssim^beta_last; each image side must exceed (kernel_size - 1) * 2^(len(betas) - 1)." },
        Form { name: "pytorch-msssim", description: "1 - pytorch_msssim.ms_ssim(pred, target, data_range, win_size, weights): len(weights) levels, avg_pool2d(kernel 2) with padding for odd sizes, relu(cs) at the coarse levels, prod cs_i^w_i * ssim_last^w_last; asserts the smaller side > (win_size - 1) * 2^4 whatever the number of weights." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
