//! Soft actor-critic: maximum-entropy off-policy RL. Critics regress onto soft Bellman
//! targets, the stochastic actor trades value against entropy, and the temperature can be
//! tuned to a target entropy.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "sac",
    name: "SAC Loss",
    aliases: &["Soft Actor-Critic Loss"],
    kind: Kind::Loss,
    domains: &["reinforcement-learning"],
    year: 2018,
    paper: Paper {
        title: "Soft Actor-Critic",
        authors: "Haarnoja et al.",
        venue: "ICML",
        year: 2018,
        url: "https://arxiv.org/abs/1801.01290",
    },
    summary: "Maximizes return plus alpha times the policy entropy. Two critics regress onto r + gamma (min of two target critics at a freshly sampled next action minus alpha log pi of that action); the reparameterized actor minimizes alpha log pi(a|s) minus the smaller critic value; in the common version (Haarnoja et al., Soft Actor-Critic Algorithms and Applications, 2018) alpha is learned so that the policy entropy tracks a target, usually minus the action dimension. The first paper also trained a separate state-value network and used a fixed temperature. It is sample-efficient and stable across seeds for continuous control.",
    formula: r"y = r + \gamma\,(1 - d)\Bigl(\min_{j=1,2} Q'_j(s', \tilde a') - \alpha\log\pi(\tilde a' \mid s')\Bigr),\quad \mathcal{L}_{Q} = \sum_{j=1,2}\tfrac{1}{2}\bigl(Q_j(s, a) - y\bigr)^2,\quad \mathcal{L}_{\pi} = \alpha\log\pi(\tilde a \mid s) - \min_{j} Q_j(s, \tilde a),\quad \mathcal{L}_{\alpha} = -\alpha\bigl(\log\pi(\tilde a \mid s) + \bar{\mathcal{H}}\bigr)",
    inputs: &[
        Input { name: "q1", shape: "[N]", meaning: "form critic: Q_1(s, a) of the replayed actions" },
        Input { name: "q2", shape: "[N]", meaning: "form critic: Q_2(s, a)" },
        Input { name: "next_q_min", shape: "[N]", meaning: "form critic: min of the target critics at (s', a' ~ pi) (no gradient)" },
        Input { name: "next_log_probs", shape: "[N]", meaning: "form critic: log pi(a' | s') (no gradient)" },
        Input { name: "rewards", shape: "[N]", meaning: "form critic: rewards" },
        Input { name: "dones", shape: "[N]", meaning: "form critic: 1 where s' is terminal, else 0" },
        Input { name: "q_pi_min", shape: "[N]", meaning: "form actor: min_j Q_j(s, a~) at a reparameterized action" },
        Input { name: "log_probs", shape: "[N]", meaning: "forms actor, alpha: log pi(a~ | s)" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.99), range: Range::UNIT, meaning: "discount factor" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.2), range: Range::NON_NEGATIVE, meaning: "entropy temperature when not learned (0.2 is a common fixed value; stable-baselines3 learns it by default)" },
        Param { name: "target_entropy", symbol: r"\bar{\mathcal{H}}", default: Value::Null, range: Range::REAL, meaning: "form alpha: target entropy (None: minus the action dimension)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["stable_baselines3.SAC", "torchrl.objectives.SACLoss"],
    related: &["td3", "ddpg", "td", "her"],
    forms: &[
        Form { name: "critic", description: "sum over the two critics of half the squared error to the soft target." },
        Form { name: "actor", description: "mean of alpha log pi(a~|s) - min_j Q_j(s, a~)." },
        Form { name: "alpha", description: "temperature loss -alpha (log pi + target entropy), with log pi detached." },
    ],
    status: Status::Planned("not implemented yet: on given critic values and log-probabilities it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
