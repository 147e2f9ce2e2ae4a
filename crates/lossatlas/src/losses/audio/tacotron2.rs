//! Tacotron 2's training objective: squared error on the mel spectrogram before and after the
//! post-net, plus binary cross-entropy on the stop token.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "tacotron2",
    name: "Tacotron 2 Mel-Spectrogram Loss",
    aliases: &["Tacotron 2 Loss"],
    kind: Kind::Composite,
    domains: &["audio"],
    year: 2017,
    paper: Paper {
        title: "Natural TTS Synthesis by Conditioning WaveNet on Mel Spectrogram Predictions",
        authors: "Jonathan Shen, Ruoming Pang, Ron J. Weiss, Mike Schuster, Navdeep Jaitly, Zongheng Yang, Zhifeng Chen, Yu Zhang, Yuxuan Wang, RJ Skerry-Ryan, Rif A. Saurous, Yannis Agiomyrgiannakis, Yonghui Wu",
        venue: "ICASSP",
        year: 2017,
        url: "https://arxiv.org/abs/1712.05884",
    },
    summary: "Sums the mean squared error between the predicted and target mel spectrograms taken both before and after the convolutional post-net, and a binary cross-entropy on the per-frame stop-token (gate) prediction that tells the decoder when to end; NVIDIA's implementation weighs the three terms equally and adds weight decay. Training is teacher-forced on the target frames, so the mel losses tend toward over-smoothed spectrograms that a neural vocoder then has to turn into sharp audio.",
    formula: r"\mathcal{L} = \operatorname{MSE}(\hat M, M) + \operatorname{MSE}(\hat M^{post}, M) + \operatorname{BCE}\bigl(\sigma(g), s\bigr)",
    inputs: &[
        Input { name: "pred", shape: "[B, n_mels, T]", meaning: "mel spectrogram from the decoder (before the post-net)" },
        Input { name: "pred_postnet", shape: "[B, n_mels, T]", meaning: "mel spectrogram after the post-net residual" },
        Input { name: "target", shape: "[B, n_mels, T]", meaning: "target mel spectrogram" },
        Input { name: "logits", shape: "[B, T]", meaning: "stop-token (gate) logits per frame" },
        Input { name: "targets", shape: "[B, T]", meaning: "1 from the last frame on, 0 before" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["mse", "binary-cross-entropy", "mel-spectrogram", "glow-tts"],
    uses: &["mse", "binary-cross-entropy"],
    status: Status::Planned("a sum of mse and binary-cross-entropy terms on model outputs; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
