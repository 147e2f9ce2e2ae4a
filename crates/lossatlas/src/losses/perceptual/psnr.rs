//! Negative PSNR: peak signal-to-noise ratio in decibels, negated so that minimizing it raises
//! the PSNR; a log-scaled mean squared error.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "psnr",
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
        Param { name: "data_range", symbol: "L", default: Value::Null, range: Range::POSITIVE, meaning: "form torchmetrics: value range of the images (max - min)" },
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
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
