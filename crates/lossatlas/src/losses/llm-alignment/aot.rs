//! AOT for paired data: make the batch distribution of policy log-prob margins dominate that of
//! the reference margins, via sorted (optimal-transport) matching.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "aot",
    name: "AOT Loss (paired)",
    aliases: &["AOT", "Alignment via Optimal Transport"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Distributional Preference Alignment of LLMs via Optimal Transport",
        authors: "Melnyk et al.",
        venue: "NeurIPS 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2406.05882",
    },
    summary: "Alignment via Optimal Transport makes the distribution of chosen rewards first-order stochastically dominate the distribution of rejected rewards. In one dimension the optimal transport plan between two empirical distributions matches sorted samples, so the loss sorts quantities over the batch and applies a label-smoothed logistic loss to the differences of sorted values; larger batches approximate the distributions better. For paired data TRL sorts the policy margins log pi(y_w) - log pi(y_l) and the reference margins separately and compares them quantile by quantile. The loss couples all examples of a batch, and gradients flow through the sort permutation (non-smooth at ties); f_divergence_type does not affect it.",
    formula: r"\ell_k = -(1-\varepsilon)\log\sigma(\beta d_k) - \varepsilon\log\sigma(-\beta d_k),\quad d = \operatorname{sort}\big(\log\pi_\theta(y_w) - \log\pi_\theta(y_l)\big) - \operatorname{sort}\big(\log\pi_{\text{ref}}(y_w) - \log\pi_{\text{ref}}(y_l)\big)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("aot"), range: Range::Any, meaning: "TRL DPOConfig loss_type, a list of names (cases pass [\"aot\"]); a list with several names sums loss_weights[k] times the batch mean of each listed loss" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "smoothing of the logistic loss on the sorted differences" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl DPOTrainer(loss_type=\"aot\")"],
    related: &["aot-pair", "dpo", "earth-movers"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
