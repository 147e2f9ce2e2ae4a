//! TD3: DDPG with three fixes against overestimation: the smaller of two target critics,
//! noise-smoothed target actions, and less frequent actor updates.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "td3",
    name: "TD3 Loss",
    aliases: &["Twin Delayed DDPG"],
    kind: Kind::Loss,
    domains: &["reinforcement-learning"],
    year: 2018,
    paper: Paper {
        title: "Addressing Function Approximation Error in Actor-Critic Methods",
        authors: "Fujimoto et al.",
        venue: "ICML",
        year: 2018,
        url: "https://arxiv.org/abs/1802.09477",
    },
    summary: "Both critics regress onto one target that uses the minimum of two target critics (clipped double Q-learning), evaluated at the target actor's action plus clipped Gaussian noise (target policy smoothing, sigma 0.2 clipped to 0.5); the deterministic actor minimizes -Q_1(s, mu(s)) and, with the target networks, is updated only every second critic step. Each fix targets the overestimation and error accumulation that make DDPG unstable; the minimum can underestimate, which is the intended, safer bias.",
    formula: r"\tilde a = \mu'(s') + \operatorname{clip}\bigl(\varepsilon, -c, c\bigr),\ \varepsilon \sim \mathcal{N}(0, \sigma^2),\quad y = r + \gamma\,(1 - d)\min_{j=1,2} Q'_j(s', \tilde a),\quad \mathcal{L}_{Q} = \sum_{j=1,2}\bigl(Q_j(s, a) - y\bigr)^2,\quad \mathcal{L}_{\mu} = -Q_1\bigl(s, \mu(s)\bigr)",
    inputs: &[
        Input { name: "q1", shape: "[N]", meaning: "form critic: Q_1(s, a)" },
        Input { name: "q2", shape: "[N]", meaning: "form critic: Q_2(s, a)" },
        Input { name: "next_q_min", shape: "[N]", meaning: "form critic: min_j Q'_j(s', a~) at the smoothed target action (no gradient)" },
        Input { name: "rewards", shape: "[N]", meaning: "form critic: rewards" },
        Input { name: "dones", shape: "[N]", meaning: "form critic: 1 where s' is terminal, else 0" },
        Input { name: "q_pi", shape: "[N]", meaning: "form actor: Q_1(s, mu(s))" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.99), range: Range::UNIT, meaning: "discount factor" },
        Param { name: "target_policy_noise", symbol: r"\sigma", default: Value::Float(0.2), range: Range::NON_NEGATIVE, meaning: "std of the target-action noise (applied before the target critics are evaluated)" },
        Param { name: "target_noise_clip", symbol: "c", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "clip of the target-action noise" },
        Param { name: "policy_delay", symbol: "d", default: Value::Int(2), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "critic updates per actor update" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["stable_baselines3.TD3", "torchrl.objectives.TD3Loss"],
    related: &["ddpg", "sac", "double-dqn", "td"],
    forms: &[
        Form { name: "critic", description: "sum over the two critics of the mean squared error to the clipped double-Q target." },
        Form { name: "actor", description: "-mean Q_1(s, mu(s))." },
    ],
    status: Status::Planned("not implemented yet: on given critic values it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
