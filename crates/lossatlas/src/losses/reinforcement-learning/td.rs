//! Temporal-difference loss: regress a state value onto the one-step bootstrapped target
//! r + gamma V(s'), treating the target as a constant (semi-gradient).

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "td",
    name: "TD Loss",
    aliases: &["Temporal Difference Loss", "TD(0) Loss"],
    kind: Kind::Loss,
    domains: &["reinforcement-learning"],
    year: 1988,
    paper: Paper {
        title: "Learning to Predict by the Methods of Temporal Differences",
        authors: "Sutton, R.S.",
        venue: "Machine Learning",
        year: 1988,
        url: "https://link.springer.com/article/10.1007/BF00115009",
    },
    summary: "Learns a value function from its own successive predictions: the TD error delta = r + gamma V(s') - V(s) measures how much the one-step bootstrapped return disagrees with the current estimate, and half its square is minimized with the target held fixed. Bootstrapping gives lower variance than Monte-Carlo returns at the price of bias from the current estimate; TD(lambda) interpolates between the two with eligibility traces. Differentiating through the target as well (the residual gradient) is a different, usually slower algorithm, and with function approximation and off-policy data the semi-gradient can diverge.",
    formula: r"\delta = r + \gamma\,(1 - d)\,\operatorname{sg}\bigl(V(s')\bigr) - V(s),\quad \mathcal{L} = \tfrac{1}{2}\,\delta^2",
    inputs: &[
        Input { name: "values", shape: "[N]", meaning: "V(s) of the visited states" },
        Input { name: "next_values", shape: "[N]", meaning: "V(s') of the next states (no gradient)" },
        Input { name: "rewards", shape: "[N]", meaning: "rewards r" },
        Input { name: "dones", shape: "[N]", meaning: "1 where s' is terminal (no bootstrap), else 0" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.99), range: Range::UNIT, meaning: "discount factor (0.99 is stable-baselines3's default)" },
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
    equivalents: &["rlax.td_learning", "rlax.td_lambda"],
    related: &["q-learning", "dqn", "gae", "v-trace", "mse"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given values, rewards and done flags it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
