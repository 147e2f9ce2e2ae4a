//! Mel-spectrogram reconstruction loss: a pixel-wise L1 (Tacotron) or squared (Tacotron 2)
//! distance between predicted and ground-truth mel spectrogram frames.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mel-spectrogram",
    name: "Mel-Spectrogram Reconstruction Loss",
    aliases: &["Spectrogram Reconstruction Loss"],
    kind: Kind::Loss,
    domains: &["sequence", "audio"],
    year: 2017,
    paper: Paper {
        title: "Tacotron: Towards End-to-End Speech Synthesis",
        authors: "Wang et al.",
        venue: "Interspeech",
        year: 2017,
        url: "https://arxiv.org/abs/1703.10135",
    },
    summary: "Text-to-speech models that predict spectrogram frames are trained by a frame-wise regression loss against the target (log-)mel spectrogram. Tacotron uses an L1 loss on the decoder's mel frames and an equally weighted L1 loss on the post-processing network's linear-scale frames; Tacotron 2 uses the summed mean squared errors before and after its post-net. Teacher forcing on previous frames means errors compound at inference, and the loss tends to over-smooth, which a vocoder or adversarial losses later compensate.",
    formula: r"\mathcal{L}_{\text{Tacotron}} = \frac{1}{n}\sum_{f,t}\bigl|\hat M_{f,t} - M_{f,t}\bigr| + \frac{1}{n'}\sum_{f,t}\bigl|\hat S_{f,t} - S_{f,t}\bigr|;\quad \mathcal{L}_{\text{Tacotron 2}} = \operatorname{MSE}(\hat M_{\text{pre}}, M) + \operatorname{MSE}(\hat M_{\text{post}}, M)",
    inputs: &[
        Input { name: "pred", shape: "[N, n_mels, T]", meaning: "predicted (log-)mel frames" },
        Input { name: "target", shape: "[N, n_mels, T]", meaning: "ground-truth (log-)mel frames" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[],
    related: &["mel-stft", "stft", "l1", "mse", "tacotron2", "spectral-convergence"],
    forms: &[
        Form { name: "tacotron", description: "Tacotron: L1 on the mel frames (plus an equally weighted L1 on the linear-scale frames of the post-processing net)." },
        Form { name: "tacotron2", description: "Tacotron 2: MSE of the mel frames before the post-net plus MSE after it." },
    ],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
