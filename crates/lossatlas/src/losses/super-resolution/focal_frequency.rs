//! Focal frequency loss: a squared distance between 2-D Fourier spectra, weighted towards the
//! frequencies the model currently reconstructs worst.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "focal-frequency",
    name: "Focal Frequency Loss",
    aliases: &["FFL"],
    kind: Kind::Loss,
    domains: &["super-resolution", "image-translation", "gan", "vae"],
    year: 2021,
    paper: Paper {
        title: "Focal Frequency Loss for Image Reconstruction and Synthesis",
        authors: "Jiang et al.",
        venue: "ICCV",
        year: 2021,
        url: "https://arxiv.org/abs/2012.12821",
    },
    summary: "Transforms prediction and target (optionally split into patches) with an orthonormal 2-D FFT and averages the squared magnitude of their complex difference, with a per-frequency weight equal to that difference's magnitude to the power alpha, scaled to [0, 1] by its maximum and detached from the graph. The weight acts like focal loss in the frequency domain: hard, usually high, frequencies that pixel losses under-fit get more attention. It is meant as an addition to pixel or perceptual losses in autoencoders, GANs and super-resolution.",
    formula: r"\Delta(u, v) = F_{\hat y}(u, v) - F_{y}(u, v),\quad w(u, v) = \operatorname{sg}\!\left(\frac{|\Delta(u, v)|^{\alpha}}{\max_{u',v'}|\Delta(u', v')|^{\alpha}}\right),\quad \mathcal{L} = \lambda\,\operatorname{mean}_{u,v}\ w(u, v)\,|\Delta(u, v)|^2",
    inputs: &[
        Input { name: "pred", shape: "[N, C, H, W]", meaning: "predicted images" },
        Input { name: "target", shape: "[N, C, H, W]", meaning: "reference images" },
    ],
    params: &[
        Param { name: "loss_weight", symbol: r"\lambda", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "overall scale of the loss" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "exponent of the spectrum weight (0 gives a plain spectral MSE)" },
        Param { name: "patch_factor", symbol: "", default: Value::Int(1), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "split H and W into this many patches each before the FFT (must divide them)" },
        Param { name: "ave_spectrum", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "average the spectra over the batch before comparing" },
        Param { name: "log_matrix", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "use log(1 + |difference|^alpha) as the unnormalized weight" },
        Param { name: "batch_matrix", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "normalize the weight by its maximum over the whole batch instead of per spectrum" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["focal_frequency_loss.FocalFrequencyLoss"],
    related: &["mse", "focal", "perceptual", "stft"],
    forms: &[
        Form { name: "ffl", description: "focal_frequency_loss.FocalFrequencyLoss(loss_weight, alpha, patch_factor, ave_spectrum, log_matrix, batch_matrix): torch.fft.fft2(norm='ortho') per patch and channel; squared distance = real^2 + imag^2 of the difference; weight = distance^(alpha/2), optional log(1 + .), divided by its max per spectrum (or per batch), NaN set to 0, clamped to [0, 1], detached; loss = mean(weight * distance) * loss_weight." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
