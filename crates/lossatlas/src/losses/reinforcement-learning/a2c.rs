//! Advantage actor-critic: a policy-gradient term weighted by advantages, a value regression
//! term and an entropy bonus, optimized together.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "a2c",
    name: "A3C / A2C Loss",
    aliases: &["A2C Loss", "A3C Loss", "Advantage Actor-Critic Loss"],
    kind: Kind::Loss,
    domains: &["reinforcement-learning"],
    year: 2016,
    paper: Paper {
        title: "Asynchronous Methods for Deep Reinforcement Learning",
        authors: "Mnih et al.",
        venue: "ICML",
        year: 2016,
        url: "https://arxiv.org/abs/1602.01783",
    },
    summary: "Combines three terms on n-step rollouts: minus log pi(a | s) times the advantage (n-step return minus the value estimate, detached), a squared-error regression of the value on the return, and minus an entropy bonus that keeps the policy exploratory. A3C runs many actors asynchronously with their own gradients; A2C is the synchronous, batched variant that works as well on GPUs. The paper uses an entropy weight of 0.01; stable-baselines3's A2C defaults to value weight 0.5 and entropy weight 0.0.",
    formula: r"\mathcal{L} = -\frac{1}{N}\sum_{t}\log\pi_\theta(a_t \mid s_t)\,\operatorname{sg}(\hat A_t) + c_v\,\frac{1}{N}\sum_{t}\bigl(R_t - V(s_t)\bigr)^2 - c_e\,\frac{1}{N}\sum_{t}\mathcal{H}\bigl(\pi_\theta(\cdot \mid s_t)\bigr)",
    inputs: &[
        Input { name: "log_probs", shape: "[N]", meaning: "log pi(a_t | s_t) of the taken actions" },
        Input { name: "advantages", shape: "[N]", meaning: "advantages (no gradient)" },
        Input { name: "values", shape: "[N]", meaning: "value estimates V(s_t)" },
        Input { name: "returns", shape: "[N]", meaning: "n-step (or GAE) returns R_t (no gradient)" },
        Input { name: "entropy", shape: "[N]", meaning: "policy entropy at each state" },
    ],
    params: &[
        Param { name: "vf_coef", symbol: "c_v", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "weight of the value loss (stable-baselines3 default)" },
        Param { name: "ent_coef", symbol: "c_e", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the entropy bonus (stable-baselines3 default 0.0; 0.01 in the paper)" },
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
    equivalents: &["stable_baselines3.A2C", "torchrl.objectives.A2CLoss"],
    related: &["reinforce", "gae", "ppo-clip", "td", "v-trace"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given log-probabilities, advantages, values and entropies it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
