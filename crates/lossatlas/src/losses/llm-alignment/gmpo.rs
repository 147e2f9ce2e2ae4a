//! GMPO: a GRPO variant that maximizes the geometric mean of clipped token importance ratios,
//! which is far less sensitive to outlier ratios than the arithmetic mean.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "gmpo",
    name: "Geometric-Mean Policy Optimization (GMPO)",
    aliases: &["GMPO"],
    kind: Kind::Loss,
    domains: &["llm-alignment", "reinforcement-learning"],
    year: 2025,
    paper: Paper {
        title: "Geometric-Mean Policy Optimization",
        authors: "Zhao, Y. et al.",
        venue: "",
        year: 2025,
        url: "https://arxiv.org/abs/2507.20673",
    },
    summary: "Clips each token's log importance ratio in log space (sign-aware, as in PPO's min trick), averages the clipped log ratios over the sequence and exponentiates, giving the geometric mean of the token ratios, which then multiplies the sequence advantage. Extreme token ratios move a geometric mean much less than an arithmetic one, so training is more stable and a wider clipping range (the paper uses (e^-0.4, e^0.4)) can be used for exploration.",
    formula: r"L = -\frac{1}{B}\sum_i A_i\,\exp\Big(\frac{1}{|o_i|}\sum_t \tilde\ell_{i,t}\Big),\quad \tilde\ell_{i,t} = \begin{cases}\min(\ell_{i,t}, \operatorname{clip}(\ell_{i,t}, -\varepsilon, \varepsilon_h)) & A_i > 0\\ \max(\ell_{i,t}, \operatorname{clip}(\ell_{i,t}, -\varepsilon, \varepsilon_h)) & A_i \le 0\end{cases},\ \ell = \log\frac{\pi_\theta}{\pi_{old}}",
    inputs: &[
        Input { name: "per_token_logps", shape: "[B, T]", meaning: "log-probabilities of the sampled completion tokens under the current policy" },
        Input { name: "old_per_token_logps", shape: "[B, T]", meaning: "the same under the policy that sampled them (no gradient)" },
        Input { name: "advantages", shape: "[B]", meaning: "group-normalized advantages of the completions" },
        Input { name: "completion_mask", shape: "[B, T] (i64)", meaning: "1 for completion tokens, 0 for padding" },
    ],
    params: &[
        Param { name: "epsilon", symbol: r"\varepsilon", default: Value::Float(0.4), range: Range::NON_NEGATIVE, meaning: "lower clip in log space" },
        Param { name: "epsilon_high", symbol: r"\varepsilon_h", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "upper clip in log space (None = epsilon)" },
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
        "trl.experimental.gmpo.GMPOTrainer",
    ],
    related: &["grpo", "ppo-clip", "luspo"],
    status: Status::Planned("no reference cases yet; the TRL GMPOTrainer formula is the reference"),
    eval: None,
    ..Entry::BLANK
};
