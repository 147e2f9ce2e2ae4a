//! DiscoPOP (log-ratio modulated loss): a blend of the logistic DPO loss and an exponential loss,
//! mixed by a sigmoid of the scaled margin; found by LLM-driven objective search.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "discopop",
    name: "DiscoPOP Loss",
    aliases: &["DiscoPOP", "Log-Ratio Modulated Loss", "LRML"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Discovering Preference Optimization Algorithms with and for Large Language Models",
        authors: "Lu et al.",
        venue: "NeurIPS 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2406.08414",
    },
    summary: "Discovered by having an LLM propose and evaluate preference-optimization objectives: with z = beta Delta, it mixes the logistic loss -log sigma(z) and the exponential loss exp(-z) with weight sigma(z / tau), so pairs already ranked correctly (large z) are scored by the exponential part and others by the logistic part. The temperature tau = 0.05 is the paper's recommendation and TRL's default. The loss is not convex, and the exponential branch grows fast for strongly mis-ranked pairs under forward_kl or alpha scores.",
    formula: r"\ell = -\log\sigma(z)\,\big(1 - \sigma(z/\tau)\big) + e^{-z}\,\sigma(z/\tau),\quad z = \beta\Delta,\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big),\ \Delta = s_w - s_l",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("discopop"), range: Range::Any, meaning: "TRL DPOConfig loss_type, a list of names (cases pass [\"discopop\"]); a list with several names sums loss_weights[k] times the batch mean of each listed loss" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
        Param { name: "f_divergence_type", symbol: "", default: Value::Str("reverse_kl"), range: Range::Choice { values: &["reverse_kl", "forward_kl", "js_divergence", "alpha_divergence"] }, meaning: "maps each log-ratio u to a score: reverse_kl u, forward_kl -exp(-u), js_divergence log sigmoid(u), alpha_divergence exp((a - 1) u) / (a - 1) (TRL evaluates this exp in float32 with the exponent clamped at 80)" },
        Param { name: "f_alpha_divergence_coef", symbol: "a", default: Value::Float(1.0), range: Range::REAL, meaning: "a of the alpha divergence (a = 1 falls back to reverse_kl)" },
        Param { name: "discopop_tau", symbol: r"\tau", default: Value::Float(0.05), range: Range::POSITIVE, meaning: "temperature of the mixing sigmoid (TRL default and paper recommendation 0.05)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl DPOTrainer(loss_type=\"discopop\")"],
    related: &["dpo", "ipo"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
