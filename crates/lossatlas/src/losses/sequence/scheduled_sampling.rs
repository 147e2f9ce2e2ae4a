//! Scheduled sampling: during teacher-forced training, feed the model its own sampled token
//! instead of the ground truth with a probability that grows over training.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "scheduled-sampling",
    name: "Scheduled Sampling Loss",
    aliases: &["Scheduled Sampling"],
    kind: Kind::Method,
    domains: &["sequence", "language-modeling"],
    year: 2015,
    paper: Paper {
        title: "Scheduled Sampling for Sequence Prediction with Recurrent Neural Networks",
        authors: "Bengio et al.",
        venue: "NeurIPS",
        year: 2015,
        url: "https://arxiv.org/abs/1506.03099",
    },
    summary: "Addresses exposure bias, the mismatch between training on ground-truth prefixes and generating from the model's own prefixes: at each decoding step the input token is the ground truth with probability epsilon_i and a token sampled from the model otherwise, and epsilon_i decays with the training step i (linearly, exponentially or by an inverse sigmoid). The loss itself stays the token-level cross-entropy against the ground truth. It is not a consistent objective (later work showed it can bias the learned distribution), and sampling breaks the parallelism of teacher forcing in Transformers.",
    formula: r"\tilde y_{t-1} = \begin{cases} y_{t-1} & \text{with probability } \epsilon_i\\ \hat y_{t-1} \sim p_\theta(\cdot \mid \tilde y_{<t-1}, x) & \text{otherwise}\end{cases},\quad \mathcal{L} = -\sum_{t}\log p_\theta(y_t \mid \tilde y_{<t}, x),\quad \epsilon_i = \frac{k}{k + e^{i/k}}",
    inputs: &[],
    params: &[],
    properties: Properties::UNKNOWN,
    equivalents: &[],
    related: &["mixer", "minimum-risk-training", "next-token-prediction"],
    uses: &["next-token-prediction", "cross-entropy"],
    forms: &[],
    status: Status::NotExecutable("a training procedure: which token is fed back is decided while the model decodes"),
    eval: None,
    ..Entry::BLANK
};
