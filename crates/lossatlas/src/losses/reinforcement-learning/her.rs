//! Hindsight experience replay: replay failed goal-conditioned episodes as if the goal had been
//! what was actually achieved, turning sparse rewards into a learning signal.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "her",
    name: "HER Loss",
    aliases: &["HER", "Hindsight Experience Replay"],
    kind: Kind::Method,
    domains: &["reinforcement-learning"],
    year: 2017,
    paper: Paper {
        title: "Hindsight Experience Replay",
        authors: "Andrychowicz et al.",
        venue: "NeurIPS",
        year: 2017,
        url: "https://arxiv.org/abs/1707.01495",
    },
    summary: "For goal-conditioned tasks with a binary success reward, stores every transition a second time (or several times) with the goal replaced by a state actually reached later in the same episode (the 'future' strategy, k = 4 extra goals in the paper) and the reward recomputed for that goal. Even episodes that miss their goal then teach the agent how to reach something, which makes sparse-reward manipulation learnable. It changes only the replay data; the loss is that of the off-policy learner it wraps (DDPG in the paper, DQN for discrete actions).",
    formula: r"(s_t \Vert g,\ a_t,\ r(s_t, a_t, g),\ s_{t+1} \Vert g) \;\to\; (s_t \Vert g',\ a_t,\ r(s_t, a_t, g'),\ s_{t+1} \Vert g'),\quad g' = m(s_{t'}),\ t' > t",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &["stable_baselines3.HerReplayBuffer"],
    related: &["ddpg", "dqn", "td3", "sac"],
    uses: &["ddpg", "dqn"],
    forms: &[],
    status: Status::NotExecutable("a replay strategy: it relabels goals in the replay buffer; the loss is that of the off-policy algorithm it wraps"),
    eval: None,
    ..Entry::BLANK
};
