//! C51: distributional Q-learning with a categorical return distribution on 51 fixed atoms,
//! trained by cross-entropy to the projected Bellman target distribution.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "c51",
    name: "Distributional RL / C51 Loss",
    aliases: &["C51 Loss", "Categorical DQN"],
    kind: Kind::Loss,
    domains: &["reinforcement-learning"],
    year: 2017,
    paper: Paper {
        title: "A Distributional Perspective on Reinforcement Learning",
        authors: "Bellemare et al.",
        venue: "ICML",
        year: 2017,
        url: "https://arxiv.org/abs/1707.06887",
    },
    summary: "Models the whole return distribution of each action as a softmax over 51 atoms evenly spaced on [V_min, V_max]. The target is the next state's distribution for the greedy action (by mean), shifted and scaled by r + gamma z, then projected back onto the fixed atoms by splitting each mass between its two neighbouring atoms; the loss is the cross-entropy from that target to the predicted distribution of the taken action. Learning the distribution rather than its mean gave large gains on Atari; the support bounds must cover the returns, which depends on reward scaling.",
    formula: r"\hat{\mathcal{T}}z_j = \bigl[r + \gamma\,(1 - d)\,z_j\bigr]_{V_{\min}}^{V_{\max}},\quad m_i = \sum_{j}\Bigl[1 - \frac{|\hat{\mathcal{T}}z_j - z_i|}{\Delta z}\Bigr]_0^1 p_j(s', a^{*}),\quad \mathcal{L} = -\sum_{i} m_i\log p_i(s, a)",
    inputs: &[
        Input { name: "logits", shape: "[N, A, 51]", meaning: "online-network logits over atoms for every action" },
        Input { name: "actions", shape: "[N] (i64)", meaning: "taken actions" },
        Input { name: "rewards", shape: "[N]", meaning: "rewards" },
        Input { name: "dones", shape: "[N]", meaning: "1 where s' is terminal, else 0" },
        Input { name: "next_probs", shape: "[N, A, 51]", meaning: "target-network atom probabilities at s' (no gradient); a* maximizes their mean" },
    ],
    params: &[
        Param { name: "num_atoms", symbol: "", default: Value::Int(51), range: Range::Integer { min: 2, max: i64::MAX }, meaning: "number of atoms" },
        Param { name: "v_min", symbol: r"V_{\min}", default: Value::Float(-10.0), range: Range::REAL, meaning: "lowest atom" },
        Param { name: "v_max", symbol: r"V_{\max}", default: Value::Float(10.0), range: Range::REAL, meaning: "highest atom" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.99), range: Range::UNIT, meaning: "discount factor" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["rlax.categorical_q_learning", "torchrl.objectives.DistributionalDQNLoss"],
    related: &["dqn", "qr-dqn", "cross-entropy", "q-learning"],
    forms: &[],
    status: Status::Planned("not implemented yet: the projection onto the atoms is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
