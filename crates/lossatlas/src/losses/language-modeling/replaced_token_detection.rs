//! Replaced token detection (ELECTRA): a discriminator classifies every token as original or as
//! replaced by a small masked-LM generator.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "replaced-token-detection",
    name: "Replaced Token Detection (RTD)",
    aliases: &["RTD Loss", "ELECTRA Loss", "ELECTRA Discriminator Loss"],
    kind: Kind::Loss,
    domains: &["language-modeling", "self-supervised"],
    year: 2020,
    paper: Paper {
        title: "ELECTRA: Pre-training Text Encoders as Discriminators Rather Than Generators",
        authors: "Clark et al.",
        venue: "ICLR 2020",
        year: 2020,
        url: "https://arxiv.org/abs/2003.10555",
    },
    summary: "A small generator trained with the masked-LM loss fills masked positions with sampled tokens; the main model, a discriminator, predicts for every token whether it differs from the original, with per-token binary cross-entropy. Because every position gives a learning signal, it reaches BERT-level quality with a fraction of the compute. The full ELECTRA objective is L_MLM(generator) + lambda L_Disc with lambda = 50, and the discriminator loss is not back-propagated into the generator (sampling is discrete). A sampled token that happens to equal the original counts as original.",
    formula: r"\mathcal{L}_{\text{Disc}} = -\sum_{t=1}^{T} \Big(\mathbb{1}[\hat x_t = x_t] \log D(\hat x, t) + \mathbb{1}[\hat x_t \neq x_t] \log\big(1 - D(\hat x, t)\big)\Big),\qquad \mathcal{L} = \mathcal{L}_{\text{MLM}} + \lambda \mathcal{L}_{\text{Disc}}",
    inputs: &[
        Input { name: "logits", shape: "[B, T]", meaning: "discriminator logits per token (positive = replaced, as in Hugging Face ELECTRA)" },
        Input { name: "targets", shape: "[B, T]", meaning: "1 where the token was replaced, 0 where it is original" },
        Input { name: "mask", shape: "[B, T]", meaning: "attention mask: padding positions are excluded" },
    ],
    params: &[
        Param { name: "disc_weight", symbol: r"\lambda", default: Value::Float(50.0), range: Range::NON_NEGATIVE, meaning: "weight of the discriminator loss relative to the generator's MLM loss (paper value)" },
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
    equivalents: &["transformers.ElectraForPreTraining"],
    related: &["masked-lm", "binary-cross-entropy", "gan-minimax"],
    status: Status::Planned("per-token binary cross-entropy; evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
