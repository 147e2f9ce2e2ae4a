//! Span corruption (T5): drop random contiguous spans from the input, mark each with a sentinel,
//! and train an encoder-decoder to generate the dropped spans.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "span-corruption",
    name: "Span Corruption Loss",
    aliases: &["T5 Span Corruption", "Span Denoising Objective"],
    kind: Kind::Loss,
    domains: &["language-modeling", "self-supervised"],
    year: 2020,
    paper: Paper {
        title: "Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer",
        authors: "Raffel et al.",
        venue: "Journal of Machine Learning Research",
        year: 2020,
        url: "https://arxiv.org/abs/1910.10683",
    },
    summary: "About 15% of input tokens are removed in spans of mean length 3; each removed span is replaced by a unique sentinel token in the encoder input, and the decoder target is the sequence of sentinels each followed by the tokens it replaced. The loss is ordinary token-level cross-entropy on that short target, so training is cheaper than reconstructing the whole input. T5 chose it after a systematic comparison of denoising objectives; noise density and mean span length are the knobs (UL2 mixes several settings).",
    formula: r"\mathcal{L} = -\frac{1}{\lvert y \rvert}\sum_{t=1}^{\lvert y \rvert} \log p_\theta\big(y_t \mid y_{<t},\ \tilde x\big),\quad y = \langle s_1\rangle\, \text{span}_1\, \langle s_2\rangle\, \text{span}_2 \cdots",
    inputs: &[
        Input { name: "logits", shape: "[B, T_y, V]", meaning: "decoder vocabulary scores for the target sequence" },
        Input { name: "targets", shape: "[B, T_y] (i64)", meaning: "sentinel-delimited dropped spans (padding = ignore_index)" },
    ],
    params: &[
        Param { name: "noise_density", symbol: "", default: Value::Float(0.15), range: Range::UNIT, meaning: "fraction of input tokens corrupted (data-side)" },
        Param { name: "mean_noise_span_length", symbol: "", default: Value::Float(3.0), range: Range::POSITIVE, meaning: "mean length of a corrupted span (data-side)" },
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
    related: &["masked-lm", "next-token-prediction", "mixture-of-denoisers", "cross-entropy"],
    status: Status::Planned("cross-entropy on the span targets; the corruption is data preparation; evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
