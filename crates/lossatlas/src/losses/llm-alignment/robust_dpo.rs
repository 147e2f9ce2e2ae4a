//! Robust DPO: an unbiased estimate of the DPO loss under a known rate of flipped preference
//! labels.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "robust-dpo",
    name: "Robust DPO Loss",
    aliases: &["rDPO", "Provably Robust DPO"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Provably Robust DPO: Aligning Language Models with Noisy Feedback",
        authors: "Chowdhury et al.",
        venue: "ICML 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2403.00409",
    },
    summary: "If each preference label is flipped with probability eps, weighting the DPO loss of the observed pair by (1 - eps) and subtracting eps times the loss of the flipped pair, divided by 1 - 2 eps, gives an unbiased estimate of the clean loss; the paper proves generalization bounds under this noise. It differs from conservative DPO (cDPO), which adds the flipped loss and only smooths the target. It is convex in the margin for eps < 1/2 and undefined at eps = 1/2 (TRL only warns outside [0, 0.5)); eps must be estimated or tuned.",
    formula: r"\ell = \frac{-(1-\varepsilon)\log\sigma(\beta\Delta) + \varepsilon \log\sigma(-\beta\Delta)}{1 - 2\varepsilon},\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big),\ \Delta = s_w - s_l",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("robust"), range: Range::Any, meaning: "TRL DPOConfig loss_type, a list of names (cases pass [\"robust\"]); a list with several names sums loss_weights[k] times the batch mean of each listed loss" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
        Param { name: "f_divergence_type", symbol: "", default: Value::Str("reverse_kl"), range: Range::Choice { values: &["reverse_kl", "forward_kl", "js_divergence", "alpha_divergence"] }, meaning: "maps each log-ratio u to a score: reverse_kl u, forward_kl -exp(-u), js_divergence log sigmoid(u), alpha_divergence exp((a - 1) u) / (a - 1) (TRL evaluates this exp in float32 with the exponent clamped at 80)" },
        Param { name: "f_alpha_divergence_coef", symbol: "a", default: Value::Float(1.0), range: Range::REAL, meaning: "a of the alpha divergence (a = 1 falls back to reverse_kl)" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "assumed label-flip rate eps, in [0, 0.5)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl DPOTrainer(loss_type=\"robust\")"],
    related: &["dpo", "exo-pair", "label-smoothing"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
