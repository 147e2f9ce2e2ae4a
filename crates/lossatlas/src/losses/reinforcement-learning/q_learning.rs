//! Q-learning loss: regress the action value of the taken action onto the reward plus the
//! discounted maximum action value of the next state.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "q-learning",
    name: "Q-Learning Loss",
    aliases: &["Q-Learning", "One-Step Q-Learning"],
    kind: Kind::Loss,
    domains: &["reinforcement-learning"],
    year: 1989,
    paper: Paper {
        title: "Learning from Delayed Rewards",
        authors: "Watkins, C.J.C.H.",
        venue: "PhD thesis, University of Cambridge",
        year: 1989,
        url: "https://www.cs.rhul.ac.uk/~chrisw/new_thesis.pdf",
    },
    summary: "Off-policy temporal-difference control: the target for Q(s, a) is r + gamma max_a' Q(s', a'), the value of acting greedily afterwards, whatever policy collected the data. In the tabular setting the update Q <- Q + alpha delta converges to the optimal action values under standard conditions; with neural networks it is trained as half the squared TD error with the target detached. The max over noisy estimates overestimates values (addressed by double Q-learning), and bootstrapping, off-policy data and function approximation together can diverge (addressed in DQN by a target network and replay).",
    formula: r"\delta = r + \gamma\,(1 - d)\,\max_{a'}\operatorname{sg}\bigl(Q(s', a')\bigr) - Q(s, a),\quad \mathcal{L} = \tfrac{1}{2}\,\delta^2",
    inputs: &[
        Input { name: "q_values", shape: "[N, A]", meaning: "Q(s, .) for every action" },
        Input { name: "actions", shape: "[N] (i64)", meaning: "taken actions a" },
        Input { name: "rewards", shape: "[N]", meaning: "rewards r" },
        Input { name: "dones", shape: "[N]", meaning: "1 where s' is terminal, else 0" },
        Input { name: "next_q_values", shape: "[N, A]", meaning: "Q(s', .) (no gradient)" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.99), range: Range::UNIT, meaning: "discount factor" },
        Param::REDUCTION_MEAN,
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
    equivalents: &["rlax.q_learning"],
    related: &["td", "dqn", "double-dqn", "c51", "qr-dqn"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given action values, rewards and done flags it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
