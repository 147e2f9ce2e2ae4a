//! WPO: reweights each preference pair of an off-policy DPO-style loss by how probable the current
//! policy finds both responses, simulating on-policy data.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "wpo",
    name: "Weighted Preference Optimization (WPO)",
    aliases: &["WPO"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "WPO: Enhancing RLHF with Weighted Preference Optimization",
        authors: "Zhou, W. et al.",
        venue: "EMNLP",
        year: 2024,
        url: "https://arxiv.org/abs/2406.11827",
    },
    summary: "Multiplies each pair's preference loss by the detached product of the chosen and rejected responses' length-normalized probabilities under the current policy (computed with a token-level alignment term that divides by the policy's sum of squared token probabilities), so pairs the policy would itself likely generate count more. This narrows the gap between off-policy preference data and on-policy learning without sampling. In TRL it is DPOConfig(use_weighting=True) and applies on top of any DPO loss type except AOT.",
    formula: r"L = \frac{1}{N}\sum_i w(y_i^+)\,w(y_i^-)\,\ell_{DPO}(i),\quad w(y) = \operatorname{sg}\Big[\exp\Big(\frac{1}{|y|}\sum_t \big(\log\pi_\theta(y_t) - \log\textstyle\sum_v \pi_\theta(v)^2\big)\Big)\Big]",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "summed completion log-probabilities of the chosen responses under the policy" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "the same for the rejected responses" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "chosen log-probabilities under the frozen reference model (no gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "rejected log-probabilities under the reference model (no gradient)" },
        Input { name: "chosen_token_logps", shape: "[N, T]", meaning: "per-token log-probabilities of the chosen responses" },
        Input { name: "rejected_token_logps", shape: "[N, T]", meaning: "the same for the rejected responses" },
        Input { name: "chosen_log_sum_sq_probs", shape: "[N, T]", meaning: "log of the sum of squared token probabilities of the policy at each chosen position" },
        Input { name: "rejected_log_sum_sq_probs", shape: "[N, T]", meaning: "the same at each rejected position" },
        Input { name: "chosen_mask", shape: "[N, T] (i64)", meaning: "chosen completion tokens" },
        Input { name: "rejected_mask", shape: "[N, T] (i64)", meaning: "rejected completion tokens" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::NON_NEGATIVE, meaning: "strength of the KL regularization toward the reference model" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &[
        "trl DPOTrainer(use_weighting=True)",
    ],
    related: &["dpo", "online-dpo"],
    uses: &["dpo"],
    status: Status::Planned("no reference cases yet; the TRL DPOTrainer use_weighting weights are the reference"),
    eval: None,
    ..Entry::BLANK
};
