//! APO-down: lower the chosen completion's likelihood, and the rejected one's more, relative to the
//! reference model.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "apo-down",
    name: "APO-down Loss",
    aliases: &["APO-down", "Anchored Preference Optimization (down)"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Anchored Preference Optimization and Contrastive Revisions: Addressing Underspecification in Alignment",
        authors: "D'Oosterlinck et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2408.06266",
    },
    summary: "Anchored Preference Optimization makes the direction of each completion's likelihood change explicit relative to the reference (the anchor), because contrastive losses such as DPO leave it unspecified. APO-down (paper eq. 8) is meant for when the model already answers better than the chosen completions: it pushes the chosen log-ratio down through sigma(beta r_w) while still pushing the chosen-minus-rejected margin up, so both likelihoods fall and the rejected one falls more. The loss lies in [0, 2]; TRL applies f_divergence_type only to the margin term.",
    formula: r"\ell = \sigma(\beta r_w) + \big(1 - \sigma(\beta \Delta)\big),\quad r_w = \log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)},\ r_l = \log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)},\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big),\ \Delta = s_w - s_l",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("apo_down"), range: Range::Any, meaning: "TRL DPOConfig loss_type, a list of names (cases pass [\"apo_down\"]); a list with several names sums loss_weights[k] times the batch mean of each listed loss" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
        Param { name: "f_divergence_type", symbol: "", default: Value::Str("reverse_kl"), range: Range::Choice { values: &["reverse_kl", "forward_kl", "js_divergence", "alpha_divergence"] }, meaning: "maps each log-ratio u to a score: reverse_kl u, forward_kl -exp(-u), js_divergence log sigmoid(u), alpha_divergence exp((a - 1) u) / (a - 1) (TRL evaluates this exp in float32 with the exponent clamped at 80)" },
        Param { name: "f_alpha_divergence_coef", symbol: "a", default: Value::Float(1.0), range: Range::REAL, meaning: "a of the alpha divergence (a = 1 falls back to reverse_kl)" },
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
    equivalents: &["trl DPOTrainer(loss_type=\"apo_down\")"],
    related: &["apo-zero", "dpo"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
