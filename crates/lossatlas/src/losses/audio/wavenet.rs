//! WaveNet's training loss: cross-entropy of an autoregressive softmax over mu-law-quantized audio
//! samples.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "wavenet",
    name: "WaveNet Autoregressive Loss",
    aliases: &["mu-law Cross-Entropy"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2016,
    paper: Paper {
        title: "WaveNet: A Generative Model for Raw Audio",
        authors: "Aäron van den Oord, Sander Dieleman, Heiga Zen, Karen Simonyan, Oriol Vinyals, Alex Graves, Nal Kalchbrenner, Andrew Senior, Koray Kavukcuoglu",
        venue: "",
        year: 2016,
        url: "https://arxiv.org/abs/1609.03499",
    },
    summary: "Treats each audio sample as a 256-way classification: the waveform is mu-law companded, quantized to 8 bits, and the network predicts a softmax over the next sample's class given all previous samples, trained with cross-entropy. A categorical output can model multi-modal sample distributions that a Gaussian regression loss would average out. Teacher forcing makes training parallel, but generation is sample by sample and slow.",
    formula: r"\ell = -\frac{1}{T}\sum_{t=1}^{T} \log \operatorname{softmax}(z_t)_{q_t},\quad q_t = \operatorname{quant}_{\mu+1}\left(\operatorname{sign}(x_t)\frac{\ln(1 + \mu|x_t|)}{\ln(1 + \mu)}\right),\ \mu = 255",
    inputs: &[
        Input { name: "logits", shape: "[B, Q, T]", meaning: "next-sample class scores, Q = mu + 1 classes" },
        Input { name: "targets", shape: "[B, T]", meaning: "waveform in [-1, 1] (mu-law encoded and quantized by the loss) or class indices" },
    ],
    params: &[
        Param { name: "mu", symbol: r"\mu", default: Value::Float(255.0), range: Range::POSITIVE, meaning: "mu-law companding constant; mu + 1 quantization levels" },
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
    related: &["cross-entropy", "samplernn", "nsynth", "wavernn", "next-token-prediction"],
    status: Status::Planned("cross-entropy over mu-law classes; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
