//! Jukebox spectral loss: the mean squared difference between the Fourier amplitudes of a
//! reconstruction and its target, which pushes an autoencoder to keep high-frequency content that a
//! waveform loss lets it blur.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "jukebox-spectral",
    name: "Jukebox Spectral Loss",
    aliases: &["JukeboxLoss", "FFT Amplitude Loss"],
    kind: Kind::Loss,
    domains: &["audio", "medical"],
    year: 2020,
    paper: Paper {
        title: "Jukebox: A Generative Model for Music",
        authors: "Prafulla Dhariwal, Heewoo Jun, Christine Payne, Jong Wook Kim, Alec Radford, Ilya Sutskever",
        venue: "",
        year: 2020,
        url: "https://arxiv.org/abs/2005.00341",
    },
    summary: "Compares the magnitudes of the discrete Fourier transforms of prediction and target with a squared error. Jukebox added such a spectral term to its VQ-VAE objective so reconstructions keep high frequencies; MONAI generalizes it to images and volumes for generative medical models. In MONAI the FFT runs over the channel axis as well as the spatial axes, and fft_norm='ortho' makes the transform unitary. It ignores phase.",
    formula: r"A(x) = \bigl|\mathcal{F}_{1, \dots, d+1}(x)\bigr|,\quad \ell = \operatorname{reduce}\bigl(A(\hat x) - A(x)\bigr)^2",
    inputs: &[
        Input { name: "pred", shape: "[B, C, *spatial]", meaning: "prediction (signal, image or volume)" },
        Input { name: "target", shape: "[B, C, *spatial]", meaning: "target of the same shape" },
    ],
    params: &[
        Param { name: "spatial_dims", symbol: "d", default: Value::Null, range: Range::Integer { min: 1, max: 3 }, meaning: "number of spatial dimensions (required); the FFT runs over axes 1 to d + 1, i.e. channels and space" },
        Param { name: "fft_signal_size", symbol: "", default: Value::Null, range: Range::Any, meaning: "signal size per transformed axis (channel first), as torch.fft.fftn's s: crop or zero-pad" },
        Param { name: "fft_norm", symbol: "", default: Value::Str("ortho"), range: Range::Choice { values: &["forward", "backward", "ortho"] }, meaning: "normalization of torch.fft.fftn" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["monai.losses.JukeboxLoss"],
    related: &["focal-frequency", "mse", "stft-magnitude", "vq-vae"],
    forms: &[
        Form { name: "monai", description: "monai.losses.JukeboxLoss(spatial_dims, fft_signal_size, fft_norm, reduction): amplitude sqrt(re^2 + im^2) of torch.fft.fftn over dims 1..spatial_dims+1, then F.mse_loss(target_amplitude, input_amplitude) with the reduction." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
