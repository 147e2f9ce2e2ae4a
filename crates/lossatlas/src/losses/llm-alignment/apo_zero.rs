//! APO-zero: raise the chosen completion's likelihood and lower the rejected one's, each through
//! a bounded sigmoid of its own log-ratio.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "apo-zero",
    name: "APO-zero Loss",
    aliases: &["APO-zero", "Anchored Preference Optimization (zero)"],
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
    summary: "Anchored Preference Optimization makes the direction of each completion's likelihood change explicit relative to the reference (the anchor), because contrastive losses such as DPO leave it unspecified. APO-zero (paper eq. 7) is meant for when the chosen answers are better than what the model currently produces: it pushes the chosen log-ratio up and the rejected log-ratio down, each through a sigmoid, so the loss lies in [0, 2] and saturates. TRL uses the raw log-ratios here (f_divergence_type does not apply); KTOTrainer's apo_zero_unpaired is the unpaired version.",
    formula: r"\ell = \big(1 - \sigma(\beta r_w)\big) + \sigma(\beta r_l),\quad r_w = \log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)},\ r_l = \log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("apo_zero"), range: Range::Any, meaning: "TRL DPOConfig loss_type, a list of names (cases pass [\"apo_zero\"]); a list with several names sums loss_weights[k] times the batch mean of each listed loss" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
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
    equivalents: &["trl DPOTrainer(loss_type=\"apo_zero\")"],
    related: &["apo-down", "dpo", "kto"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
