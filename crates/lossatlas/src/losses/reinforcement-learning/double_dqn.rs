//! Double DQN: pick the next action with the online network and evaluate it with the target
//! network, which removes most of Q-learning's overestimation.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "double-dqn",
    name: "Double DQN Loss",
    aliases: &["DDQN", "Double Q-Learning Loss"],
    kind: Kind::Loss,
    domains: &["reinforcement-learning"],
    year: 2015,
    paper: Paper {
        title: "Deep Reinforcement Learning with Double Q-learning",
        authors: "van Hasselt et al.",
        venue: "AAAI",
        year: 2015,
        url: "https://arxiv.org/abs/1509.06461",
    },
    summary: "Changes only DQN's target: the greedy next action is chosen by the online network and its value read from the target network, decoupling selection from evaluation. The max over noisy estimates in standard Q-learning is biased upwards; using two (partly independent) estimators removes most of that bias at no extra cost, and the paper reports better Atari scores and more stable value estimates. The regression penalty stays DQN's Huber loss.",
    formula: r"a^{*} = \arg\max_{a'} Q_{\theta}(s', a'),\quad y = r + \gamma\,(1 - d)\,Q_{\theta^-}(s', a^{*}),\quad \mathcal{L} = \operatorname{Huber}_{1}\bigl(Q_\theta(s, a) - y\bigr)",
    inputs: &[
        Input { name: "q_values", shape: "[N, A]", meaning: "online-network Q(s, .)" },
        Input { name: "actions", shape: "[N] (i64)", meaning: "taken actions" },
        Input { name: "rewards", shape: "[N]", meaning: "rewards" },
        Input { name: "dones", shape: "[N]", meaning: "1 where s' is terminal, else 0" },
        Input { name: "next_q_values", shape: "[N, A]", meaning: "target-network Q(s', .) (no gradient)" },
        Input { name: "next_q_online", shape: "[N, A]", meaning: "online-network Q(s', .) used only for the argmax (no gradient)" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.99), range: Range::UNIT, meaning: "discount factor" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["rlax.double_q_learning"],
    related: &["dqn", "q-learning", "td3", "huber"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given online and target action values it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
