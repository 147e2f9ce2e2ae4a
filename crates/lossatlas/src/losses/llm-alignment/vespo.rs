//! VESPO: a policy-gradient loss that reshapes the sequence-level importance weight with a smooth
//! Gamma-shaped kernel instead of hard clipping.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "vespo",
    name: "Variational Sequence-Level Soft Policy Optimization (VESPO)",
    aliases: &["VESPO"],
    kind: Kind::Loss,
    domains: &["llm-alignment", "reinforcement-learning"],
    year: 2026,
    paper: Paper {
        title: "VESPO: Variational Sequence-Level Soft Policy Optimization for Stable Off-Policy LLM Training",
        authors: "Shen, G., Zhao, C., Cheng, X., Huang, L., Yu, X.",
        venue: "",
        year: 2026,
        url: "https://arxiv.org/abs/2602.10693",
    },
    summary: "Computes the full sequence importance weight w (product of token ratios, no length normalization) and scales the REINFORCE-style term A * log pi by phi(w) = e^lambda w^k e^(-lambda w), a detached kernel equal to 1 at w = 1 that decays for both small and large weights; k and lambda differ for positive and negative advantages. It is designed for stale, asynchronous or engine-mismatched rollouts where token clipping is either too loose or too biased. TRL normalizes by the number of active tokens, as in DAPO.",
    formula: r"L = -\frac{1}{N_{tok}}\sum_{i,t} \operatorname{sg}\big[\phi(w_i)\big]\,A_i\log\pi_\theta(y_{i,t}),\quad \phi(w) = e^{\lambda}\,w^{k}\,e^{-\lambda w},\ w_i = \prod_t \frac{\pi_\theta(y_{i,t})}{\pi_{old}(y_{i,t})}",
    inputs: &[
        Input { name: "per_token_logps", shape: "[B, T]", meaning: "log-probabilities of the sampled completion tokens under the current policy" },
        Input { name: "old_per_token_logps", shape: "[B, T]", meaning: "the same under the policy that sampled them (no gradient)" },
        Input { name: "advantages", shape: "[B]", meaning: "group-normalized advantages of the completions" },
        Input { name: "completion_mask", shape: "[B, T] (i64)", meaning: "1 for completion tokens, 0 for padding" },
    ],
    params: &[
        Param { name: "vespo_k_pos", symbol: "k_+", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "power for non-negative advantages" },
        Param { name: "vespo_lambda_pos", symbol: r"\lambda_+", default: Value::Float(3.0), range: Range::POSITIVE, meaning: "decay for non-negative advantages" },
        Param { name: "vespo_k_neg", symbol: "k_-", default: Value::Float(3.0), range: Range::NON_NEGATIVE, meaning: "power for negative advantages" },
        Param { name: "vespo_lambda_neg", symbol: r"\lambda_-", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "decay for negative advantages" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "strength of the KL regularization toward the reference model" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &[
        r#"trl GRPOTrainer(loss_type="vespo")"#,
    ],
    related: &["grpo", "cispo", "sapo", "luspo"],
    status: Status::Planned("no reference cases yet; the TRL GRPOTrainer loss_type='vespo' formula (log ratios clamped to [-20, 20], log w to [log 1e-8, 20]) is the reference"),
    eval: None,
    ..Entry::BLANK
};
