//! Decision Transformer: offline RL as conditional sequence modeling. A causal transformer
//! predicts actions from past returns-to-go, states and actions, trained by plain regression or
//! classification.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "decision-transformer",
    name: "Decision Transformer Loss",
    aliases: &["Decision Transformer"],
    kind: Kind::Method,
    domains: &["reinforcement-learning", "sequence"],
    year: 2021,
    paper: Paper {
        title: "Decision Transformer: Reinforcement Learning via Sequence Modeling",
        authors: "Chen et al.",
        venue: "NeurIPS",
        year: 2021,
        url: "https://arxiv.org/abs/2106.01345",
    },
    summary: "Feeds offline trajectories to a GPT-style model as interleaved tokens (return-to-go, state, action) and trains it to predict each action from the tokens before it, with mean squared error for continuous actions and cross-entropy for discrete ones. There is no value function, no bootstrapping and no policy gradient; at test time the model is prompted with the desired return and acts autoregressively. What is distinctive is the conditioning on returns-to-go, not the loss; it depends on the dataset containing good enough trajectories and struggles with stitching sub-optimal ones.",
    formula: r"\mathcal{L} = \frac{1}{K}\sum_{t=1}^{K}\bigl\lVert a_t - \pi_\theta(\hat R_{\le t}, s_{\le t}, a_{< t})\bigr\rVert_2^2,\quad \hat R_t = \sum_{t' \ge t} r_{t'}",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["next-token-prediction", "mse", "cross-entropy"],
    uses: &["mse", "cross-entropy"],
    forms: &[],
    status: Status::NotExecutable("a sequence model trained by supervised action prediction; its loss is mse (continuous actions) or cross-entropy (discrete)"),
    eval: None,
    ..Entry::BLANK
};
