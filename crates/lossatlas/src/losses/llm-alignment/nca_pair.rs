//! NCA for preference pairs: a noise-contrastive alignment loss that raises the chosen
//! completion's reward in absolute terms and lowers both rewards' logistic scores.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "nca-pair",
    name: "NCA Pairwise Loss",
    aliases: &["NCA Alignment", "Noise Contrastive Alignment"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Noise Contrastive Alignment of Language Models with Explicit Rewards",
        authors: "Chen et al.",
        venue: "NeurIPS 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2402.05369",
    },
    summary: "Derived from noise-contrastive estimation rather than from a pairwise likelihood: for a preference pair it maximizes log sigma(beta s_w) and, with weight 1/2 each, log sigma(-beta s) for both completions. Because the chosen reward is optimized on an absolute scale and not only relative to the rejected one, the chosen likelihood tends not to fall during training, a known DPO failure mode. The paper's InfoNCA variant with K = 2 reduces to DPO; this NCA form does not.",
    formula: r"\ell = -\log\sigma(\beta s_w) - \tfrac{1}{2}\log\sigma(-\beta s_w) - \tfrac{1}{2}\log\sigma(-\beta s_l),\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("nca_pair"), range: Range::Any, meaning: "TRL DPOConfig loss_type, a list of names (cases pass [\"nca_pair\"]); a list with several names sums loss_weights[k] times the batch mean of each listed loss" },
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
    equivalents: &["trl DPOTrainer(loss_type=\"nca_pair\")"],
    related: &["dpo", "exo-pair", "bco-pair", "infonce"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
