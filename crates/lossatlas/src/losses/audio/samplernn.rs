//! SampleRNN's loss: cross-entropy of a softmax over quantized audio samples predicted by a
//! hierarchy of recurrent tiers running at different clock rates.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "samplernn",
    name: "SampleRNN Hierarchical Autoregressive Loss",
    aliases: &["SampleRNN Loss"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2017,
    paper: Paper {
        title: "SampleRNN: An Unconditional End-to-End Neural Audio Generation Model",
        authors: "Soroush Mehri, Kundan Kumar, Ishaan Gulrajani, Rithesh Kumar, Shubham Jain, Jose Sotelo, Aaron Courville, Yoshua Bengio",
        venue: "ICLR",
        year: 2017,
        url: "https://arxiv.org/abs/1612.07837",
    },
    summary: "Models raw audio autoregressively with recurrent tiers that operate on frames of decreasing size, the lowest tier predicting each sample as a categorical distribution over 256 quantization levels trained with cross-entropy. The coarse tiers capture long-range structure cheaply. Like WaveNet the loss is a per-sample classification, and generation is sequential.",
    formula: r"\ell = -\frac{1}{T}\sum_{t=1}^{T} \log p_\theta\bigl(q(x_t) \mid x_{<t}\bigr),\quad p_\theta(\cdot \mid x_{<t}) = \operatorname{softmax}(z_t)",
    inputs: &[
        Input { name: "logits", shape: "[B, Q, T]", meaning: "next-sample class scores" },
        Input { name: "targets", shape: "[B, T]", meaning: "quantized sample classes" },
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
    related: &["wavenet", "cross-entropy", "wavernn"],
    status: Status::Planned("cross-entropy over quantized samples; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
