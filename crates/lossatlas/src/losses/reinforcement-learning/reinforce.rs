//! REINFORCE: the score-function policy gradient, written as a loss whose gradient raises the
//! log-probability of actions in proportion to the return that followed them.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "reinforce",
    name: "REINFORCE",
    aliases: &["Policy Gradient Loss", "Vanilla Policy Gradient", "Score Function Estimator"],
    kind: Kind::Loss,
    domains: &["reinforcement-learning", "sequence"],
    year: 1992,
    paper: Paper {
        title: "Simple Statistical Gradient-Following Algorithms for Connectionist Reinforcement Learning",
        authors: "Williams, R.J.",
        venue: "Machine Learning",
        year: 1992,
        url: "https://link.springer.com/article/10.1007/BF00992696",
    },
    summary: "Minimizes minus the log-probability of each taken action times the return from that step minus a baseline; its gradient is an unbiased estimate of the gradient of the expected return, and the baseline (any function of the state, often a learned value) only reduces variance. It needs nothing but sampled trajectories and differentiable log-probabilities, so it also trains sequence generators on non-differentiable rewards. The estimate has high variance, requires on-policy samples, and the loss value itself is not a meaningful progress measure.",
    formula: r"\mathcal{L} = -\frac{1}{N}\sum_{t}\log\pi_\theta(a_t \mid s_t)\,\bigl(G_t - b(s_t)\bigr),\quad G_t = \sum_{k \ge t}\gamma^{k-t} r_k",
    inputs: &[
        Input { name: "log_probs", shape: "[N]", meaning: "log pi(a_t | s_t) of the taken actions" },
        Input { name: "returns", shape: "[N]", meaning: "returns G_t (no gradient)" },
        Input { name: "baseline", shape: "[N]", meaning: "optional baseline b(s_t) (no gradient through this term)" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["rlax.policy_gradient_loss", "torchrl.objectives.ReinforceLoss"],
    related: &["a2c", "ppo-clip", "gae", "mixer", "minimum-risk-training"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given log-probabilities and returns it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
