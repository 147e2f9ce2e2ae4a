//! GRPO: PPO's clipped policy-gradient surrogate with group-relative advantages (rewards
//! normalized within the group of completions sampled for the same prompt), and no value network.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "grpo",
    name: "GRPO Loss",
    aliases: &["Group Relative Policy Optimization", "GSPO", "DAPO Loss", "Dr. GRPO"],
    kind: Kind::Loss,
    domains: &["llm-alignment", "reinforcement-learning"],
    year: 2024,
    paper: Paper {
        title: "DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models",
        authors: "Shao et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2402.03300",
    },
    summary: "For each prompt a group of completions is sampled and scored; each completion's advantage is its reward standardized within the group, replacing PPO's learned value baseline. The per-token loss is PPO's clipped importance-weighted surrogate plus an optional k3 estimate of KL(pi || pi_ref), and the reinforcement learning of DeepSeek-R1 popularized it for reasoning models. How token losses are averaged matters: the original per-sequence mean biases towards short correct and long wrong answers, so TRL offers bnpo, dr_grpo (constant denominator) and dapo (global token count, TRL's current default), asymmetric clipping (epsilon_high, from DAPO) and sequence-level ratios (GSPO). The loss value is not a meaningful progress measure; its gradient is.",
    formula: r"\rho_{i,t} = e^{\log\pi_\theta(o_{i,t}) - \log\pi_{\text{old}}(o_{i,t})},\quad \ell_{i,t} = -\min\big(\rho_{i,t} A_i,\ \operatorname{clip}(\rho_{i,t}, 1-\epsilon, 1+\epsilon_{\text{high}})\, A_i\big) + \beta\big(e^{\delta_{i,t}} - \delta_{i,t} - 1\big),\ \delta_{i,t} = \log\pi_{\text{ref}} - \log\pi_\theta,\quad \mathcal{L}_{\text{grpo}} = \frac{1}{B}\sum_i \frac{\sum_t m_{i,t}\ell_{i,t}}{\max(1, \sum_t m_{i,t})}",
    inputs: &[
        Input { name: "per_token_logps", shape: "[B, T]", meaning: "token log-probabilities of the sampled completions under the current policy (the only input TRL differentiates)" },
        Input { name: "old_per_token_logps", shape: "[B, T]", meaning: "log-probabilities under the sampling policy; absent means per_token_logps detached (ratio 1)" },
        Input { name: "ref_per_token_logps", shape: "[B, T]", meaning: "reference-model log-probabilities (needed only when beta != 0)" },
        Input { name: "advantages", shape: "[B]", meaning: "one advantage per completion, e.g. group-normalized rewards" },
        Input { name: "completion_mask", shape: "[B, T] (i64)", meaning: "1 for completion tokens, 0 for padding" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("dapo"), range: Range::Choice { values: &["grpo", "bnpo", "dr_grpo", "dapo"] }, meaning: "how masked token losses are aggregated (TRL default dapo; older TRL defaulted to grpo)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the per-token KL penalty exp(ref - logp) - (ref - logp) - 1 (TRL default 0: no reference model)" },
        Param { name: "epsilon", symbol: r"\epsilon", default: Value::Float(0.2), range: Range::NON_NEGATIVE, meaning: "lower clipping range of the ratio" },
        Param { name: "epsilon_high", symbol: r"\epsilon_{\text{high}}", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "upper clipping range (None = epsilon; DAPO recommends 0.28)" },
        Param { name: "delta", symbol: "", default: Value::Null, range: Range::POSITIVE, meaning: "optional upper clamp of the ratio in the unclipped term (two-sided GRPO, INTELLECT-2)" },
        Param { name: "importance_sampling_level", symbol: "", default: Value::Str("token"), range: Range::Choice { values: &["token", "sequence"] }, meaning: "token: one ratio per token; sequence (GSPO): exp of the masked mean log-ratio, one ratio per completion" },
        Param { name: "max_completion_length", symbol: "", default: Value::Int(256), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "the constant denominator factor of dr_grpo (B times this)" },
        Param { name: "num_items_in_batch", symbol: "", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "global number of completion tokens, the dapo denominator (None = tokens in this batch)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl GRPOTrainer(loss_type=\"grpo\")", "trl GRPOTrainer(loss_type=\"dapo\")", "trl GRPOTrainer(loss_type=\"dr_grpo\")", "trl GRPOTrainer(loss_type=\"bnpo\")"],
    related: &["ppo-clip", "ppo-rlhf", "cispo", "sapo", "reinforce", "kl-divergence"],
    forms: &[
        Form { name: "dapo", description: "masked sum of token losses divided by num_items_in_batch (the global completion-token count)." },
        Form { name: "grpo", description: "mean over completions of each completion's masked token mean (length clamped to >= 1)." },
        Form { name: "bnpo", description: "masked sum divided by the number of completion tokens in the local batch." },
        Form { name: "dr_grpo", description: "masked sum divided by B times max_completion_length." },
        Form { name: "gspo", description: "grpo aggregation with importance_sampling_level = sequence: one ratio per completion, exp of the masked mean of logp - old." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
