//! DQN loss: Q-learning with a deep network, a periodically copied target network and a Huber
//! penalty on the TD error.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dqn",
    name: "DQN Loss",
    aliases: &["Deep Q-Network Loss"],
    kind: Kind::Loss,
    domains: &["reinforcement-learning"],
    year: 2015,
    paper: Paper {
        title: "Human-level Control through Deep Reinforcement Learning",
        authors: "Mnih et al.",
        venue: "Nature",
        year: 2015,
        url: "https://web.stanford.edu/class/psych209/Readings/MnihEtAlHassibis15NatureControlDeepRL.pdf",
    },
    summary: "Regresses Q(s, a) of the online network onto r + gamma max_a' Q_target(s', a'), where the target network is a copy of the online network refreshed every few thousand steps, on minibatches sampled from an experience replay buffer. The paper clips the TD error's gradient to [-1, 1], which is the Huber loss with delta 1 (stable-baselines3 uses smooth L1). The frozen target and replay are what make bootstrapped Q-learning with a deep network stable enough for Atari; overestimation from the max remains (see Double DQN).",
    formula: r"y = r + \gamma\,(1 - d)\,\max_{a'} Q_{\theta^-}(s', a'),\quad \mathcal{L} = \operatorname{Huber}_{1}\bigl(Q_\theta(s, a) - y\bigr),\quad \operatorname{Huber}_{1}(u) = \begin{cases}\tfrac{1}{2}u^2 & |u| \le 1\\ |u| - \tfrac{1}{2} & \text{otherwise}\end{cases}",
    inputs: &[
        Input { name: "q_values", shape: "[N, A]", meaning: "online-network Q(s, .)" },
        Input { name: "actions", shape: "[N] (i64)", meaning: "taken actions" },
        Input { name: "rewards", shape: "[N]", meaning: "rewards" },
        Input { name: "dones", shape: "[N]", meaning: "1 where s' is terminal, else 0" },
        Input { name: "next_q_values", shape: "[N, A]", meaning: "target-network Q(s', .) (no gradient)" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.99), range: Range::UNIT, meaning: "discount factor (0.99 in the paper and in stable-baselines3)" },
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
    equivalents: &["stable_baselines3.DQN", "torchrl.objectives.DQNLoss", "rlax.q_learning"],
    related: &["q-learning", "double-dqn", "huber", "smooth-l1", "c51", "qr-dqn", "her"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given online and target action values it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
