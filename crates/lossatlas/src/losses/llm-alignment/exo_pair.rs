//! EXO for preference pairs: minimize the reverse KL between the policy's implied preference
//! distribution over the pair and a smoothed empirical preference distribution.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "exo-pair",
    name: "EXO Pairwise Loss",
    aliases: &["EXO", "Efficient Exact Optimization", "EXO-pref"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Towards Efficient Exact Optimization of Language Model Alignment",
        authors: "Ji et al.",
        venue: "ICML 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2402.00856",
    },
    summary: "With K = 2 completions, the policy implies a preference distribution q = (sigma(beta Delta), sigma(-beta Delta)) over the pair; EXO minimizes KL(q || p) to the smoothed label distribution p = (1 - eps, eps). The paper argues this reverse-KL (mode-seeking) form matches the RLHF optimum exactly, while DPO corresponds to a forward KL that can be mass-covering. eps (label_smoothing) must be positive (TRL raises an error at 0; the paper suggests 1e-3); the loss is bounded and is not convex in the margin.",
    formula: r"\ell = \sigma(\beta\Delta)\big(\log \sigma(\beta\Delta) - \log(1 - \varepsilon)\big) + \sigma(-\beta\Delta)\big(\log \sigma(-\beta\Delta) - \log \varepsilon\big),\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big),\ \Delta = s_w - s_l",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("exo_pair"), range: Range::Any, meaning: "TRL DPOConfig loss_type, a list of names (cases pass [\"exo_pair\"]); a list with several names sums loss_weights[k] times the batch mean of each listed loss" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
        Param { name: "f_divergence_type", symbol: "", default: Value::Str("reverse_kl"), range: Range::Choice { values: &["reverse_kl", "forward_kl", "js_divergence", "alpha_divergence"] }, meaning: "maps each log-ratio u to a score: reverse_kl u, forward_kl -exp(-u), js_divergence log sigmoid(u), alpha_divergence exp((a - 1) u) / (a - 1) (TRL evaluates this exp in float32 with the exponent clamped at 80)" },
        Param { name: "f_alpha_divergence_coef", symbol: "a", default: Value::Float(1.0), range: Range::REAL, meaning: "a of the alpha divergence (a = 1 falls back to reverse_kl)" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "eps of the target distribution (1 - eps, eps); must be > 0 (TRL raises ValueError at 0; the EXO paper recommends 1e-3)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl DPOTrainer(loss_type=\"exo_pair\")"],
    related: &["dpo", "nca-pair", "kl-divergence", "robust-dpo"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
