//! RLOO: REINFORCE with k samples per prompt, each using the mean reward of the other k - 1 samples
//! as its baseline.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "rloo",
    name: "REINFORCE Leave-One-Out (RLOO)",
    aliases: &["RLOO"],
    kind: Kind::Loss,
    domains: &["llm-alignment", "reinforcement-learning"],
    year: 2024,
    paper: Paper {
        title: "Back to Basics: Revisiting REINFORCE Style Optimization for Learning from Human Feedback in LLMs",
        authors: "Ahmadian, A. et al.",
        venue: "ACL",
        year: 2024,
        url: "https://arxiv.org/abs/2402.14740",
    },
    summary: "Samples k completions per prompt and uses as advantage each completion's reward minus the average reward of the other k - 1, an unbiased baseline that needs no value network. Ahmadian et al. showed this simple estimator matches or beats PPO for RLHF of language models. TRL's RLOOTrainer subtracts beta times the sequence KL to the reference from the reward and applies a PPO-style clipped ratio at the sequence level (the ratio is 1 when each batch is used once).",
    formula: r"A_i = r_i - \frac{1}{k-1}\sum_{j \ne i} r_j,\quad L = -\frac{1}{N}\sum_i \min\big(\rho_i A_i,\ \operatorname{clip}(\rho_i, 1-\varepsilon, 1+\varepsilon_h)\,A_i\big),\ \rho_i = \frac{\pi_\theta(o_i)}{\pi_{old}(o_i)}",
    inputs: &[
        Input { name: "logps", shape: "[N]", meaning: "summed completion log-probabilities under the current policy" },
        Input { name: "old_logps", shape: "[N]", meaning: "the same under the sampling policy (no gradient)" },
        Input { name: "rewards", shape: "[P, k]", meaning: "rewards of the k completions of each of the P prompts" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.05), range: Range::NON_NEGATIVE, meaning: "weight of the sequence KL subtracted from the reward" },
        Param { name: "epsilon", symbol: r"\varepsilon", default: Value::Float(0.2), range: Range::NON_NEGATIVE, meaning: "lower clipping range" },
        Param { name: "epsilon_high", symbol: r"\varepsilon_h", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "upper clipping range (None = epsilon)" },
        Param { name: "num_generations", symbol: "k", default: Value::Int(2), range: Range::Integer { min: 2, max: i64::MAX }, meaning: "completions per prompt" },
        Param { name: "normalize_advantages", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "standardize the advantages" },
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
        "trl.RLOOTrainer",
    ],
    related: &["reinforce", "grpo", "ppo-rlhf", "ppo-clip"],
    status: Status::Planned("no reference cases yet; the leave-one-out advantage and TRL RLOOTrainer's sequence-level clipped loss are the reference"),
    eval: None,
    ..Entry::BLANK
};
