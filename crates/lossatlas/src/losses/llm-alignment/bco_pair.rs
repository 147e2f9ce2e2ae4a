//! Pairwise Binary Classifier Optimization: treat chosen completions as positives and rejected
//! ones as negatives of a logistic classifier whose logit is the scaled log-ratio.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "bco-pair",
    name: "BCO Pairwise Loss",
    aliases: &["Pairwise BCO", "BCO Pair"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Binary Classifier Optimization for Large Language Model Alignment",
        authors: "Jung et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2404.04656",
    },
    summary: "Trains the implicit reward beta times the log-ratio as a binary classifier: -log sigma(beta s_w) for the chosen and -log sigma(-beta s_l) for the rejected completion. The BCO paper shows this cross-entropy bounds the DPO loss and targets unpaired thumbs-up/thumbs-down feedback, where it adds a reward shift (a running mean of rewards) and density-ratio matching; TRL v1.9's pairwise bco_pair has no shift. For genuinely unpaired data TRL recommends its dedicated BCO trainer.",
    formula: r"\ell = -\log\sigma(\beta s_w) - \log\sigma(-\beta s_l),\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("bco_pair"), range: Range::Any, meaning: "TRL DPOConfig loss_type, a list of names (cases pass [\"bco_pair\"]); a list with several names sums loss_weights[k] times the batch mean of each listed loss" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
        Param { name: "f_divergence_type", symbol: "", default: Value::Str("reverse_kl"), range: Range::Choice { values: &["reverse_kl", "forward_kl", "js_divergence", "alpha_divergence"] }, meaning: "maps each log-ratio u to a score: reverse_kl u, forward_kl -exp(-u), js_divergence log sigmoid(u), alpha_divergence exp((a - 1) u) / (a - 1) (TRL evaluates this exp in float32 with the exponent clamped at 80)" },
        Param { name: "f_alpha_divergence_coef", symbol: "a", default: Value::Float(1.0), range: Range::REAL, meaning: "a of the alpha divergence (a = 1 falls back to reverse_kl)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl DPOTrainer(loss_type=\"bco_pair\")"],
    related: &["dpo", "kto", "nca-pair", "binary-cross-entropy"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
