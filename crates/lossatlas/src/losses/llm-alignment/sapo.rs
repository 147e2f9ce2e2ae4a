//! SAPO: replace PPO/GRPO's hard ratio clipping by a smooth sigmoid gate whose temperature
//! depends on the sign of the advantage.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sapo",
    name: "SAPO Loss",
    aliases: &["Soft Adaptive Policy Optimization"],
    kind: Kind::Loss,
    domains: &["llm-alignment", "reinforcement-learning"],
    year: 2025,
    paper: Paper {
        title: "Soft Adaptive Policy Optimization",
        authors: "Gao et al.",
        venue: "",
        year: 2025,
        url: "https://arxiv.org/abs/2511.20347",
    },
    summary: "Each token's importance ratio rho passes through the gate 4/tau * sigmoid(tau (rho - 1)), whose slope at rho = 1 is 1 (matching the unclipped surrogate) and which smoothly attenuates tokens far off-policy instead of cutting their gradient at a hard boundary. The temperature is sapo_temperature_pos for positive advantages and sapo_temperature_neg (slightly larger, so negative updates decay faster) otherwise. The paper (Qwen team) motivates it with the high ratio variance of mixture-of-experts models; TRL aggregates like grpo and supports sequence-level ratios.",
    formula: r"\ell_{i,t} = -\frac{4}{\tau_i}\,\sigma\big(\tau_i(\rho_{i,t} - 1)\big)\, A_i + \beta\big(e^{\delta_{i,t}} - \delta_{i,t} - 1\big),\quad \tau_i = \begin{cases} \tau_{\text{pos}} & A_i > 0 \\ \tau_{\text{neg}} & \text{otherwise} \end{cases},\quad \mathcal{L} = \frac{1}{B}\sum_i \frac{\sum_t m_{i,t}\ell_{i,t}}{\max(1, \sum_t m_{i,t})}",
    inputs: &[
        Input { name: "per_token_logps", shape: "[B, T]", meaning: "token log-probabilities of the sampled completions under the current policy (the only input TRL differentiates)" },
        Input { name: "old_per_token_logps", shape: "[B, T]", meaning: "log-probabilities under the sampling policy; absent means per_token_logps detached (ratio 1)" },
        Input { name: "ref_per_token_logps", shape: "[B, T]", meaning: "reference-model log-probabilities (needed only when beta != 0)" },
        Input { name: "advantages", shape: "[B]", meaning: "one advantage per completion, e.g. group-normalized rewards" },
        Input { name: "completion_mask", shape: "[B, T] (i64)", meaning: "1 for completion tokens, 0 for padding" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("sapo"), range: Range::Choice { values: &["sapo"] }, meaning: "TRL GRPOConfig loss_type (sapo for this entry)" },
        Param { name: "sapo_temperature_pos", symbol: r"\tau_{\text{pos}}", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "gate temperature for tokens with positive advantage (TRL default)" },
        Param { name: "sapo_temperature_neg", symbol: r"\tau_{\text{neg}}", default: Value::Float(1.05), range: Range::POSITIVE, meaning: "gate temperature for tokens with non-positive advantage (TRL default)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the per-token KL penalty exp(ref - logp) - (ref - logp) - 1 (TRL default 0: no reference model)" },
        Param { name: "importance_sampling_level", symbol: "", default: Value::Str("token"), range: Range::Choice { values: &["token", "sequence"] }, meaning: "token: one ratio per token; sequence (GSPO): exp of the masked mean log-ratio, one ratio per completion" },
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
    equivalents: &["trl GRPOTrainer(loss_type=\"sapo\")"],
    related: &["grpo", "cispo", "ppo-clip"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
