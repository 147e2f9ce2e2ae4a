//! PPO's clipped surrogate: a policy-gradient objective whose probability ratio to the data
//! collecting policy is clipped, so one batch cannot move the policy too far.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ppo-clip",
    name: "PPO Clipped Surrogate Loss",
    aliases: &["PPO Loss", "Clipped Surrogate Objective"],
    kind: Kind::Loss,
    domains: &["reinforcement-learning", "llm-alignment"],
    year: 2017,
    paper: Paper {
        title: "Proximal Policy Optimization Algorithms",
        authors: "Schulman et al.",
        venue: "",
        year: 2017,
        url: "https://arxiv.org/abs/1707.06347",
    },
    summary: "Weights each advantage by the ratio of the new to the old probability of the action and takes the pessimistic minimum of that surrogate and a version with the ratio clipped to [1 - epsilon, 1 + epsilon]; the gradient vanishes once the ratio leaves the clip range in the direction the advantage favours. This approximates a trust region with first-order optimization, so several epochs of minibatch updates can reuse one batch of rollouts. In practice the full PPO loss adds a value loss and an entropy bonus (stable-baselines3: vf_coef 0.5, ent_coef 0.0) and normalizes advantages per minibatch; clipping does not bound the KL divergence strictly.",
    formula: r"\rho_t = e^{\log\pi_\theta(a_t \mid s_t) - \log\pi_{\text{old}}(a_t \mid s_t)},\quad \mathcal{L}^{\text{CLIP}} = -\frac{1}{N}\sum_{t}\min\bigl(\rho_t\hat A_t,\ \operatorname{clip}(\rho_t, 1 - \epsilon, 1 + \epsilon)\,\hat A_t\bigr)",
    inputs: &[
        Input { name: "log_probs", shape: "[N]", meaning: "log-probabilities of the taken actions under the current policy" },
        Input { name: "old_log_probs", shape: "[N]", meaning: "log-probabilities under the policy that collected the data (no gradient)" },
        Input { name: "advantages", shape: "[N]", meaning: "advantage estimates, e.g. GAE (no gradient)" },
    ],
    params: &[
        Param { name: "clip_range", symbol: r"\epsilon", default: Value::Float(0.2), range: Range::POSITIVE, meaning: "clipping half-width of the probability ratio (0.2 in the paper and stable-baselines3)" },
        Param { name: "normalize_advantage", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "standardize advantages over the minibatch first (stable-baselines3 default)" },
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
    equivalents: &["stable_baselines3.PPO", "torchrl.objectives.ClipPPOLoss", "rlax.clipped_surrogate_pg_loss"],
    related: &["reinforce", "a2c", "gae", "ppo-rlhf", "grpo"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given log-probabilities and advantages it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
