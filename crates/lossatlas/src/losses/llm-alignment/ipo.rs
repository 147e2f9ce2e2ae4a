//! Identity Preference Optimization: regress the difference of policy/reference log-ratios of
//! chosen and rejected completions onto a fixed target 1/(2 beta) with a squared loss.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ipo",
    name: "IPO Loss",
    aliases: &["Identity Preference Optimization", "Psi-PO"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2023,
    paper: Paper {
        title: "A General Theoretical Paradigm to Understand Learning from Human Preferences",
        authors: "Azar et al.",
        venue: "AISTATS 2024",
        year: 2023,
        url: "https://arxiv.org/abs/2310.12036",
    },
    summary: "Derived from the Psi-PO framework with the identity mapping: instead of pushing the log-ratio margin to infinity as DPO does on deterministic preferences, it regresses the margin onto 1/(2 beta), so beta (tau in the paper) directly sets how far the policy may move from the reference. TRL normalizes each score by the completion's token count before the difference, a choice it reports confirming with the IPO authors; without it the squared loss scales with length. Being a squared loss, it keeps pulling margins that overshoot the target back down.",
    formula: r"\ell = \Big(\frac{s_w}{\lvert y_w\rvert} - \frac{s_l}{\lvert y_l\rvert} - \frac{1}{2\beta}\Big)^2,\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
        Input { name: "chosen_lengths", shape: "[N] (i64)", meaning: "number of completion tokens of each chosen completion (clamped to >= 1)" },
        Input { name: "rejected_lengths", shape: "[N] (i64)", meaning: "number of completion tokens of each rejected completion (clamped to >= 1)" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("ipo"), range: Range::Any, meaning: "TRL DPOConfig loss_type, a list of names (cases pass [\"ipo\"]); a list with several names sums loss_weights[k] times the batch mean of each listed loss" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "regularization strength tau of the paper; the target margin is 1/(2 beta) (TRL default 0.1)" },
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
    equivalents: &["trl DPOTrainer(loss_type=\"ipo\")"],
    related: &["dpo", "slic-hf", "sppo", "cpo", "kto"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
