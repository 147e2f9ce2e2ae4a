//! Glow-TTS training: exact maximum likelihood of the mel spectrogram through a normalizing flow,
//! under a text-conditioned Gaussian prior aligned by monotonic alignment search, plus a duration
//! loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "glow-tts",
    name: "Glow-TTS Loss",
    aliases: &["Glow-TTS Maximum Likelihood Loss"],
    kind: Kind::Method,
    domains: &["audio"],
    year: 2020,
    paper: Paper {
        title: "Glow-TTS: A Generative Flow for Text-to-Speech via Monotonic Alignment Search",
        authors: "Jaehyeon Kim, Sungwon Kim, Jungil Kong, Sungroh Yoon",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/2005.11129",
    },
    summary: "Maps mel frames through an invertible flow to a latent whose Gaussian prior comes from the text encoder; monotonic alignment search (dynamic programming) picks the most likely monotonic alignment between text tokens and frames, and the model maximizes the exact log-likelihood under it, change-of-variables term included. A separate duration predictor is trained with squared error on the log durations that alignment yields (its input detached). It learns alignment without an external aligner and generates in parallel.",
    formula: r"\mathcal{L} = -\log \mathcal{N}\bigl(f^{-1}(x);\, \mu_{A^*}, \sigma_{A^*}\bigr) - \log\left|\det \frac{\partial f^{-1}(x)}{\partial x}\right| + \operatorname{MSE}\bigl(\hat d, \log d_{A^*}\bigr),\quad A^* = \arg\max_{A\ \text{monotonic}} \log \mathcal{N}\bigl(f^{-1}(x);\, \mu_A, \sigma_A\bigr)",
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["vits", "tacotron2", "gaussian-nll", "mse"],
    uses: &["gaussian-nll", "mse"],
    status: Status::NotExecutable("needs the flow decoder, the text encoder and monotonic alignment search over model outputs"),
    eval: None,
    ..Entry::BLANK
};
