//! NSynth's WaveNet autoencoder loss: cross-entropy of a WaveNet decoder over mu-law-quantized
//! samples, conditioned on a temporal embedding produced by an encoder from the same audio.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "nsynth",
    name: "NSynth WaveNet Autoencoder Loss",
    aliases: &["WaveNet Autoencoder Loss"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2017,
    paper: Paper {
        title: "Neural Audio Synthesis of Musical Notes with WaveNet Autoencoders",
        authors: "Jesse Engel, Cinjon Resnick, Adam Roberts, Sander Dieleman, Mohammad Norouzi, Douglas Eck, Karen Simonyan",
        venue: "ICML",
        year: 2017,
        url: "https://arxiv.org/abs/1704.01279",
    },
    summary: "Trains an encoder that summarizes a note into a slowly varying temporal embedding together with a WaveNet decoder conditioned on it; the only objective is the decoder's cross-entropy over 8-bit mu-law sample classes. Because the embedding is the only path besides the autoregressive context, it learns a timbre code that can be interpolated between instruments. There is no explicit regularizer on the embedding.",
    formula: r"\ell = -\frac{1}{T}\sum_{t=1}^{T} \log p_\theta\bigl(q_t \mid x_{<t}, Z\bigr),\quad Z = \operatorname{enc}(x),\ q_t = \operatorname{quant}_{256}(\operatorname{mulaw}(x_t))",
    inputs: &[
        Input { name: "logits", shape: "[B, 256, T]", meaning: "decoder class scores for each sample" },
        Input { name: "targets", shape: "[B, T]", meaning: "mu-law sample classes" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["wavenet", "cross-entropy", "samplernn"],
    status: Status::Planned("cross-entropy over mu-law classes; the encoder and decoder are the model; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
