//! Spectral convergence: the Frobenius norm of the difference of two magnitude spectrograms
//! relative to the norm of the reference spectrogram.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "spectral-convergence",
    name: "Spectral Convergence Loss",
    aliases: &["Spectral Convergence"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2019,
    paper: Paper {
        title: "Fast Spectrogram Inversion using Multi-head Convolutional Neural Networks",
        authors: "Sercan Ö. Arık, Heewoo Jun, Gregory Diamos",
        venue: "IEEE Signal Processing Letters",
        year: 2019,
        url: "https://arxiv.org/abs/1808.06719",
    },
    summary: "Measures the relative error between estimated and reference magnitude spectrograms, ||Y - X||_F / ||Y||_F, which emphasizes the large spectral components. It is one term of the STFT losses used to train neural vocoders and spectrogram inverters, usually next to a log-magnitude term that covers the quiet components. In auraloss the two norms run over the whole input tensor, so a batch gives one ratio, not a mean of per-example ratios.",
    formula: r"\ell = \frac{\lVert Y - X \rVert_F}{\lVert Y \rVert_F},\quad \text{norms over all elements of the batch}",
    inputs: &[
        Input { name: "estimate", shape: "[B, F, frames]", meaning: "magnitude spectrogram of the estimate" },
        Input { name: "reference", shape: "[B, F, frames]", meaning: "magnitude spectrogram of the reference" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["auraloss.freq.SpectralConvergenceLoss"],
    related: &["stft", "stft-magnitude", "multi-resolution-stft", "esr"],
    forms: &[
        Form { name: "auraloss", description: "auraloss.freq.SpectralConvergenceLoss()(estimate, reference) on magnitude tensors: torch.norm(reference - estimate, p='fro') / torch.norm(reference, p='fro'), each norm over all elements." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
