//! A*-PO: least-squares regression of the policy's implicit reward beta2 * log(pi / pi_ref) onto the
//! optimal advantage r - V*, with V* estimated offline from reference samples.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "a-star-po",
    name: "A*-PO (Optimal Advantage Regression)",
    aliases: &["A*PO", "A2PO"],
    kind: Kind::Loss,
    domains: &["llm-alignment", "reinforcement-learning"],
    year: 2025,
    paper: Paper {
        title: "Accelerating RL for LLM Reasoning with Optimal Advantage Regression",
        authors: "Brantley, K. et al.",
        venue: "",
        year: 2025,
        url: "https://arxiv.org/abs/2505.20686",
    },
    summary: "Runs in two stages: offline, it estimates the optimal value V*(x) = beta1 log E_ref[exp(r / beta1)] from several reference-policy samples per prompt; online, it draws one completion per prompt and regresses beta2 log(pi/pi_ref) onto r - V*. Needing only one generation per prompt during training makes it much cheaper than GRPO-style group sampling while matching its accuracy on reasoning benchmarks.",
    formula: r"L = \frac{1}{N}\sum_i\Big(\beta_2\log\frac{\pi_\theta(y_i|x_i)}{\pi_{ref}(y_i|x_i)} - \big(r(x_i, y_i) - \hat V^*(x_i)\big)\Big)^2,\quad \hat V^*(x) = \beta_1\log\frac{1}{m}\sum_{j=1}^{m} e^{r(x, y_j)/\beta_1},\ y_j \sim \pi_{ref}",
    inputs: &[
        Input { name: "policy_logps", shape: "[N]", meaning: "summed completion log-probabilities under the policy" },
        Input { name: "ref_logps", shape: "[N]", meaning: "the same under the reference model" },
        Input { name: "rewards", shape: "[N]", meaning: "rewards of the completions" },
        Input { name: "values", shape: "[N]", meaning: "estimated optimal values V*(x) of the prompts" },
    ],
    params: &[
        Param { name: "beta1", symbol: r"\beta_1", default: Value::Float(0.5), range: Range::POSITIVE, meaning: "KL temperature used to estimate V* (stage 1)" },
        Param { name: "beta2", symbol: r"\beta_2", default: Value::Float(0.001), range: Range::POSITIVE, meaning: "scale of the implicit reward (stage 2)" },
        Param { name: "num_value_samples", symbol: "m", default: Value::Int(8), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "reference samples per prompt for V*" },
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
        "trl.experimental.a2po.A2POTrainer",
    ],
    related: &["grpo", "dpo", "rloo"],
    status: Status::Planned("no reference cases yet; the TRL A2PO squared-error loss is the reference"),
    eval: None,
    ..Entry::BLANK
};
