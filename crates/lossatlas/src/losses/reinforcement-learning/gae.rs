//! Generalized advantage estimation: an exponentially weighted sum of TD residuals, used as
//! the advantage in policy-gradient losses.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "gae",
    name: "GAE",
    aliases: &["Generalized Advantage Estimation"],
    kind: Kind::Method,
    domains: &["reinforcement-learning"],
    year: 2015,
    paper: Paper {
        title: "High-Dimensional Continuous Control Using Generalized Advantage Estimation",
        authors: "Schulman et al.",
        venue: "ICLR",
        year: 2015,
        url: "https://arxiv.org/abs/1506.02438",
    },
    summary: "Not an objective itself but the advantage estimator that PPO, A2C and TRPO plug into their policy-gradient losses: the discounted sum, with factor gamma lambda, of one-step TD residuals of a learned value function. lambda = 0 gives the one-step TD advantage (low variance, biased by value errors), lambda = 1 the Monte-Carlo return minus the value (unbiased, high variance); values around 0.95 work well. The paper pairs it with trust-region updates of both policy and value function; advantages are computed backwards over each trajectory and reset at episode ends.",
    formula: r"\delta_t = r_t + \gamma\,V(s_{t+1}) - V(s_t),\quad \hat A_t^{\mathrm{GAE}(\gamma, \lambda)} = \sum_{l=0}^{\infty}(\gamma\lambda)^{l}\,\delta_{t+l}",
    inputs: &[],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.99), range: Range::UNIT, meaning: "discount factor" },
        Param { name: "gae_lambda", symbol: r"\lambda", default: Value::Float(0.95), range: Range::UNIT, meaning: "bias-variance trade-off (stable-baselines3 PPO default 0.95)" },
    ],
    properties: Properties::UNKNOWN,
    equivalents: &["rlax.truncated_generalized_advantage_estimation", "torchrl.objectives.value.GAE"],
    related: &["ppo-clip", "a2c", "td", "reinforce", "v-trace"],
    uses: &["reinforce", "td"],
    forms: &[],
    status: Status::NotExecutable("an advantage estimator used inside policy-gradient losses, not a training objective"),
    eval: None,
    ..Entry::BLANK
};
