//! MIXER: train a sequence model with cross-entropy on the first steps and REINFORCE on a
//! sequence-level reward for the rest, handing more steps to REINFORCE over time.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "mixer",
    name: "Sequence-Level Training",
    aliases: &["MIXER", "Mixed Incremental Cross-Entropy Reinforce"],
    kind: Kind::Method,
    domains: &["sequence", "language-modeling", "reinforcement-learning"],
    year: 2016,
    paper: Paper {
        title: "Sequence Level Training with Recurrent Neural Networks",
        authors: "Ranzato et al.",
        venue: "ICLR",
        year: 2016,
        url: "https://arxiv.org/abs/1511.06732",
    },
    summary: "Optimizes the test metric (BLEU or ROUGE) directly: after pretraining with token-level cross-entropy, each sequence uses cross-entropy for its first T - Delta steps and REINFORCE on the remaining Delta steps, where the model samples its own tokens and the gradient is weighted by the sequence reward minus a learned baseline. Delta grows during training, so the model moves gradually from teacher forcing to generation under its own predictions, which reduces exposure bias. The REINFORCE part has high variance and needs the cross-entropy warm start.",
    formula: r"\mathcal{L} = -\sum_{t=1}^{T-\Delta}\log p_\theta(y_t \mid y_{<t}) - \sum_{t=T-\Delta+1}^{T}\bigl(r(\hat w_{1:T}) - \bar r_t\bigr)\log p_\theta(\hat w_t \mid \hat w_{<t})",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["scheduled-sampling", "minimum-risk-training", "reinforce"],
    uses: &["cross-entropy", "reinforce"],
    forms: &[],
    status: Status::NotExecutable("a training procedure: needs sampled continuations from the model and a sequence-level reward"),
    eval: None,
    ..Entry::BLANK
};
