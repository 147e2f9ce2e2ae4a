//! DDPG: an off-policy actor-critic for continuous actions. The critic is trained by TD
//! regression, the deterministic actor by ascending the critic's value of its action.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ddpg",
    name: "DDPG Loss",
    aliases: &["Deep Deterministic Policy Gradient"],
    kind: Kind::Loss,
    domains: &["reinforcement-learning"],
    year: 2015,
    paper: Paper {
        title: "Continuous Control with Deep Reinforcement Learning",
        authors: "Lillicrap et al.",
        venue: "ICLR",
        year: 2015,
        url: "https://arxiv.org/abs/1509.02971",
    },
    summary: "Two losses on replayed transitions: the critic Q(s, a) regresses onto r + gamma Q'(s', mu'(s')) computed with slowly tracking target copies of actor and critic (soft updates with tau = 0.001 in the paper), and the actor mu(s) minimizes -Q(s, mu(s)), following the deterministic policy gradient through the critic. Exploration comes from noise added to actions when collecting data. It extends DQN's ideas to continuous control but is brittle: the critic overestimates and the actor exploits its errors, which TD3 and SAC address.",
    formula: r"\mathcal{L}_{\text{critic}} = \bigl(Q(s, a) - y\bigr)^2,\quad y = r + \gamma\,(1 - d)\,Q'\bigl(s', \mu'(s')\bigr);\qquad \mathcal{L}_{\text{actor}} = -Q\bigl(s, \mu(s)\bigr)",
    inputs: &[
        Input { name: "q_values", shape: "[N]", meaning: "form critic: Q(s, a) of the replayed actions" },
        Input { name: "next_q_values", shape: "[N]", meaning: "form critic: target critic Q'(s', mu'(s')) (no gradient)" },
        Input { name: "rewards", shape: "[N]", meaning: "form critic: rewards" },
        Input { name: "dones", shape: "[N]", meaning: "form critic: 1 where s' is terminal, else 0" },
        Input { name: "q_pi", shape: "[N]", meaning: "form actor: Q(s, mu(s)), differentiated into the actor" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.99), range: Range::UNIT, meaning: "discount factor (0.99 in the paper)" },
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
    equivalents: &["stable_baselines3.DDPG", "torchrl.objectives.DDPGLoss"],
    related: &["td3", "sac", "td", "her"],
    forms: &[
        Form { name: "critic", description: "mean squared TD error of Q(s, a) against the target-network bootstrap." },
        Form { name: "actor", description: "-mean Q(s, mu(s))." },
    ],
    status: Status::Planned("not implemented yet: on given critic values, rewards and done flags it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
