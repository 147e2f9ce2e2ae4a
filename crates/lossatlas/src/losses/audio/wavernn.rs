//! WaveRNN's dual softmax loss: a 16-bit sample is split into coarse and fine 8-bit halves, and the
//! loss is the sum of the cross-entropies of the two 256-way predictions.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "wavernn",
    name: "WaveRNN Dual Softmax Loss",
    aliases: &["Dual Softmax Loss"],
    kind: Kind::Composite,
    domains: &["audio"],
    year: 2018,
    paper: Paper {
        title: "Efficient Neural Audio Synthesis",
        authors: "Nal Kalchbrenner, Erich Elsen, Karen Simonyan, Seb Noury, Norman Casagrande, Edward Lockhart, Florian Stimberg, Aäron van den Oord, Sander Dieleman, Koray Kavukcuoglu",
        venue: "ICML",
        year: 2018,
        url: "https://arxiv.org/abs/1802.08435",
    },
    summary: "Predicts 16-bit audio with two 256-way softmaxes instead of one 65,536-way softmax: first the coarse (high) byte, then the fine (low) byte conditioned on the coarse one, each trained with cross-entropy and the two losses summed. This keeps the output layer small enough for fast sampling with a single recurrent layer. Errors in the coarse byte are large in amplitude, yet the two terms are weighted equally.",
    formula: r"\mathcal{L} = -\sum_{t}\Bigl(\log P(c_t \mid x_{<t}) + \log P(f_t \mid c_t, x_{<t})\Bigr),\quad x_t = 256\,c_t + f_t",
    inputs: &[
        Input { name: "logits", shape: "[B, 256, T]", meaning: "coarse-byte class scores" },
        Input { name: "fine_logits", shape: "[B, 256, T]", meaning: "fine-byte class scores (conditioned on the true coarse byte)" },
        Input { name: "targets", shape: "[B, T]", meaning: "16-bit sample values (split into coarse and fine bytes)" },
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
    uses: &["cross-entropy"],
    status: Status::Planned("two cross-entropy terms on the coarse and fine bytes; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
