//! VampNet's loss: cross-entropy on masked audio-codec tokens, predicted in parallel by a
//! bidirectional transformer, as in masked image generation.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "vampnet",
    name: "VampNet Masked Token Prediction Loss",
    aliases: &["Masked Acoustic Token Modeling"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2023,
    paper: Paper {
        title: "VampNet: Music Generation via Masked Acoustic Token Modeling",
        authors: "Hugo Flores García, Prem Seetharaman, Rithesh Kumar, Bryan Pardo",
        venue: "ISMIR",
        year: 2023,
        url: "https://arxiv.org/abs/2307.04686",
    },
    summary: "Masks a random subset of the codec tokens of a clip (the mask ratio follows a schedule) and trains a bidirectional transformer to predict them with cross-entropy computed on the masked positions only. At generation time it fills masked tokens iteratively over a few steps, and choosing which tokens to keep lets one model do continuation, inpainting, looping and variation ('vamping'). The coarse and fine codebooks are handled by two models.",
    formula: r"\ell = -\frac{1}{|\mathcal{M}|}\sum_{(k,t) \in \mathcal{M}} \log p_\theta\bigl(q_{k,t} \mid q_{\setminus \mathcal{M}}\bigr)",
    inputs: &[
        Input { name: "logits", shape: "[B, K, T, V]", meaning: "token scores for every codebook position" },
        Input { name: "targets", shape: "[B, K, T]", meaning: "codec token indices" },
        Input { name: "mask", shape: "[B, K, T]", meaning: "positions that were masked (the loss covers only these)" },
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
    related: &["musicgen", "cross-entropy", "masked-lm"],
    status: Status::Planned("cross-entropy on masked positions; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
