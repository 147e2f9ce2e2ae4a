//! SPPO with hard labels: squared regression of the chosen and rejected log-ratios onto +1/(2 beta)
//! and -1/(2 beta).

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sppo",
    name: "SPPO Loss",
    aliases: &["Self-Play Preference Optimization", "SPPO Hard"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Self-Play Preference Optimization for Language Model Alignment",
        authors: "Wu et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2405.00675",
    },
    summary: "SPPO approximates the Nash equilibrium of a two-player preference game by iterated self-play: each round samples completions from the current policy, estimates win probabilities P(y beats the others) with a preference model (PairRM in the paper), and regresses each log-ratio onto beta-scaled (P - 1/2). TRL's sppo_hard, followed by this entry's cases, uses hard probabilities, 1 for the winner and 0 for the loser, so the targets are +1/(2 beta) and -1/(2 beta). Unlike DPO the chosen and rejected terms are separate squared errors on absolute scores.",
    formula: r"\ell = \Big(s_w - \frac{1}{2\beta}\Big)^2 + \Big(s_l + \frac{1}{2\beta}\Big)^2,\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("sppo_hard"), range: Range::Any, meaning: "TRL DPOConfig loss_type, a list of names (cases pass [\"sppo_hard\"]); a list with several names sums loss_weights[k] times the batch mean of each listed loss" },
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
    equivalents: &["trl DPOTrainer(loss_type=\"sppo_hard\")"],
    related: &["dpo", "ipo", "kto"],
    forms: &[
        Form { name: "sppo-hard", description: "TRL loss_type sppo_hard: hard win probabilities (1 for the chosen, 0 for the rejected completion)." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
