//! Next-token prediction: the autoregressive language-modeling objective, cross-entropy of each
//! token given the tokens before it.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "next-token-prediction",
    name: "Cross-Entropy / Next Token Prediction",
    aliases: &["Next Token Prediction", "Causal Language Modeling Loss", "Autoregressive LM Loss", "CLM Loss"],
    kind: Kind::Loss,
    domains: &["language-modeling", "sequence"],
    year: 2019,
    paper: Paper {
        title: "Language Models are Unsupervised Multitask Learners",
        authors: "Radford et al. (GPT-2, 2019)",
        venue: "OpenAI technical report",
        year: 2019,
        url: "https://cdn.openai.com/better-language-models/language_models_are_unsupervised_multitask_learners.pdf",
    },
    summary: "Maximizes the likelihood of a token sequence factorized left to right: at every position the model's logits are scored with cross-entropy against the next token, so logits are shifted by one relative to the labels. GPT-2 showed that this single objective on a large web corpus yields zero-shot multitask behaviour; the objective itself is much older (n-gram and neural language models). Its exponential is perplexity. Pitfalls: forgetting the shift, averaging over padding (mask it with ignore_index = -100), and that the per-token mean depends on how tokens are distributed over sequences and gradient-accumulation steps.",
    formula: r"\mathcal{L} = -\frac{1}{\sum_{t} m_t} \sum_{t=1}^{T-1} m_t \log \frac{e^{z_{t, x_{t+1}}}}{\sum_{v} e^{z_{t, v}}}",
    inputs: &[
        Input { name: "logits", shape: "[B, T, V]", meaning: "vocabulary scores at every position" },
        Input { name: "targets", shape: "[B, T] (i64)", meaning: "the input token ids; position t is scored against token t + 1 (m_t = 0 where the next token is ignore_index)" },
    ],
    params: &[
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "label value excluded from the loss and from the mean (padding, prompt tokens)" },
        Param::REDUCTION_MEAN,
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
    equivalents: &["transformers.loss.loss_utils.ForCausalLMLoss"],
    related: &["cross-entropy", "masked-lm", "span-corruption", "label-smoothing", "z-loss", "scheduled-sampling"],
    status: Status::Planned("cross-entropy on shifted logits; a dedicated evaluator with the shift and ignore_index is pending"),
    eval: None,
    ..Entry::BLANK
};
