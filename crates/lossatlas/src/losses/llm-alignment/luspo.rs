//! LUSPO: the GSPO clipped objective with a sequence-level importance ratio, with each sequence's
//! loss scaled by its length to remove GSPO's bias toward short responses.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "luspo",
    name: "Length-Unbiased Sequence Policy Optimization (LUSPO)",
    aliases: &["LUSPO"],
    kind: Kind::Loss,
    domains: &["llm-alignment", "reinforcement-learning"],
    year: 2026,
    paper: Paper {
        title: "Length-Unbiased Sequence Policy Optimization: Revealing and Controlling Response Length Variation in RLVR",
        authors: "Liu, F., Yin, Y., Shi, P., Yang, S., Zeng, Z., Qiu, H.",
        venue: "",
        year: 2026,
        url: "https://arxiv.org/abs/2602.05261",
    },
    summary: "Uses GSPO's sequence-level ratio (the exponential of the mean token log-ratio) inside the PPO-style clipped surrogate, but multiplies each sequence's term by its number of completion tokens before averaging over sequences. The authors show that GSPO's per-sequence averaging shrinks the gradient of long responses and drives response-length collapse, which the length factor cancels. TRL exposes it as GRPOTrainer loss_type='luspo', meant for importance_sampling_level='sequence'.",
    formula: r"L = \frac{1}{B}\sum_{i=1}^{B} |o_i|\cdot\Big(-\min\big(s_i A_i,\ \operatorname{clip}(s_i, 1-\varepsilon, 1+\varepsilon_h)\,A_i\big)\Big),\quad s_i = \exp\Big(\frac{1}{|o_i|}\sum_t \log\frac{\pi_\theta(y_{i,t})}{\pi_{old}(y_{i,t})}\Big)",
    inputs: &[
        Input { name: "per_token_logps", shape: "[B, T]", meaning: "log-probabilities of the sampled completion tokens under the current policy" },
        Input { name: "old_per_token_logps", shape: "[B, T]", meaning: "the same under the policy that sampled them (no gradient)" },
        Input { name: "advantages", shape: "[B]", meaning: "group-normalized advantages of the completions" },
        Input { name: "completion_mask", shape: "[B, T] (i64)", meaning: "1 for completion tokens, 0 for padding" },
    ],
    params: &[
        Param { name: "epsilon", symbol: r"\varepsilon", default: Value::Float(0.2), range: Range::NON_NEGATIVE, meaning: "lower clipping range" },
        Param { name: "epsilon_high", symbol: r"\varepsilon_h", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "upper clipping range (None = epsilon)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "strength of the KL regularization toward the reference model" },
        Param { name: "importance_sampling_level", symbol: "", default: Value::Str("sequence"), range: Range::Choice { values: &["token", "sequence"] }, meaning: "ratio per token or per sequence (LUSPO expects sequence)" },
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
        r#"trl GRPOTrainer(loss_type="luspo")"#,
    ],
    related: &["grpo", "ppo-clip", "gmpo", "vespo"],
    status: Status::Planned("no reference cases yet; the TRL GRPOTrainer loss_type='luspo' formula is the reference"),
    eval: None,
    ..Entry::BLANK
};
