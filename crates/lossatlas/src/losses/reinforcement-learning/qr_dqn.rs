//! QR-DQN: distributional Q-learning that learns fixed quantiles of the return with the
//! quantile Huber loss, avoiding C51's fixed support and projection.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "qr-dqn",
    name: "QR-DQN Loss",
    aliases: &["Quantile Regression DQN", "Quantile Huber Loss"],
    kind: Kind::Loss,
    domains: &["reinforcement-learning"],
    year: 2018,
    paper: Paper {
        title: "Distributional Reinforcement Learning with Quantile Regression",
        authors: "Dabney et al.",
        venue: "AAAI",
        year: 2018,
        url: "https://arxiv.org/abs/1710.10044",
    },
    summary: "Represents the return distribution of each action by N quantile values at the midpoints tau_i = (2i - 1) / (2N) and trains them by quantile regression against all N target samples r + gamma theta_j(s', a*), with a Huber-smoothed pinball loss (kappa = 1). Unlike C51 the support is learned, so no value range and no projection are needed, and the objective minimizes the 1-Wasserstein distance in the tabular analysis. The greedy action maximizes the mean of the quantiles; the paper uses 200 quantiles on Atari.",
    formula: r"u_{ij} = r + \gamma\,(1 - d)\,\theta_j(s', a^{*}) - \theta_i(s, a),\quad \rho^{\kappa}_{\tau}(u) = \bigl|\tau - \mathbb{1}\{u < 0\}\bigr|\,\frac{\mathcal{L}_\kappa(u)}{\kappa},\quad \mathcal{L} = \sum_{i=1}^{N}\frac{1}{N}\sum_{j=1}^{N}\rho^{\kappa}_{\hat\tau_i}(u_{ij}),\quad \hat\tau_i = \frac{2i - 1}{2N}",
    inputs: &[
        Input { name: "quantiles", shape: "[N, A, Q]", meaning: "online-network quantile values for every action" },
        Input { name: "actions", shape: "[N] (i64)", meaning: "taken actions" },
        Input { name: "rewards", shape: "[N]", meaning: "rewards" },
        Input { name: "dones", shape: "[N]", meaning: "1 where s' is terminal, else 0" },
        Input { name: "next_quantiles", shape: "[N, A, Q]", meaning: "target-network quantiles at s' (no gradient); a* maximizes their mean" },
    ],
    params: &[
        Param { name: "kappa", symbol: r"\kappa", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "Huber threshold (0 gives the plain quantile loss)" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.99), range: Range::UNIT, meaning: "discount factor" },
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
    equivalents: &["sb3_contrib.QRDQN", "rlax.quantile_q_learning"],
    related: &["c51", "dqn", "quantile", "huber"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given online and target quantiles it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
