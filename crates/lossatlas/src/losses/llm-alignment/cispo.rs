//! CISPO: a policy-gradient loss that clips the (detached) importance-sampling weight instead of
//! the update, so every token keeps contributing a gradient.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "cispo",
    name: "CISPO Loss",
    aliases: &["Clipped IS-weight Policy Optimization"],
    kind: Kind::Loss,
    domains: &["llm-alignment", "reinforcement-learning"],
    year: 2025,
    paper: Paper {
        title: "MiniMax-M1: Scaling Test-Time Compute Efficiently with Lightning Attention",
        authors: "MiniMax",
        venue: "",
        year: 2025,
        url: "https://arxiv.org/abs/2506.13585",
    },
    summary: "Introduced for MiniMax-M1's reinforcement learning: PPO/GRPO clipping zeroes the gradient of tokens whose ratio leaves the trust region, and these were often rare but important reasoning tokens. CISPO instead multiplies the REINFORCE-style term A log pi by the importance ratio clipped from above and detached (stop-gradient), so all tokens keep a bounded gradient. TRL aggregates like dapo (masked sum over the global completion-token count) and uses epsilon_high as the absolute cap on the ratio (ScaleRL recommends 5.0); the lower bound epsilon is unused.",
    formula: r"\ell_{i,t} = -\operatorname{sg}\big(\min(\rho_{i,t},\ \epsilon_{\text{high}})\big)\, A_i \log\pi_\theta(o_{i,t}) + \beta\big(e^{\delta_{i,t}} - \delta_{i,t} - 1\big),\quad \mathcal{L} = \frac{\sum_{i,t} m_{i,t}\ell_{i,t}}{N_{\text{items}}}",
    inputs: &[
        Input { name: "per_token_logps", shape: "[B, T]", meaning: "token log-probabilities of the sampled completions under the current policy (the only input TRL differentiates)" },
        Input { name: "old_per_token_logps", shape: "[B, T]", meaning: "log-probabilities under the sampling policy; absent means per_token_logps detached (ratio 1)" },
        Input { name: "ref_per_token_logps", shape: "[B, T]", meaning: "reference-model log-probabilities (needed only when beta != 0)" },
        Input { name: "advantages", shape: "[B]", meaning: "one advantage per completion, e.g. group-normalized rewards" },
        Input { name: "completion_mask", shape: "[B, T] (i64)", meaning: "1 for completion tokens, 0 for padding" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("cispo"), range: Range::Choice { values: &["cispo"] }, meaning: "TRL GRPOConfig loss_type (cispo for this entry)" },
        Param { name: "epsilon_high", symbol: r"\epsilon_{\text{high}}", default: Value::Null, range: Range::POSITIVE, meaning: "cap on the importance ratio (None = epsilon, as in TRL; ScaleRL recommends 5.0)" },
        Param { name: "epsilon", symbol: r"\epsilon", default: Value::Float(0.2), range: Range::NON_NEGATIVE, meaning: "accepted for TRL compatibility; cispo uses only the upper cap" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the per-token KL penalty exp(ref - logp) - (ref - logp) - 1 (TRL default 0: no reference model)" },
        Param { name: "importance_sampling_level", symbol: "", default: Value::Str("token"), range: Range::Choice { values: &["token", "sequence"] }, meaning: "token: one ratio per token; sequence (GSPO): exp of the masked mean log-ratio, one ratio per completion" },
        Param { name: "num_items_in_batch", symbol: r"N_{\text{items}}", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "global number of completion tokens (None = tokens in this batch)" },
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
    equivalents: &["trl GRPOTrainer(loss_type=\"cispo\")"],
    related: &["grpo", "sapo", "reinforce", "ppo-clip"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
