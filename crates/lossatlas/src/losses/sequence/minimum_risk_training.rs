//! Minimum risk training: minimize the expected task loss (for example 1 - sentence BLEU)
//! under the model's distribution renormalized over a sampled set of candidate outputs.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "minimum-risk-training",
    name: "Minimum Risk Training",
    aliases: &["MRT", "Expected Risk Loss"],
    kind: Kind::Loss,
    domains: &["sequence", "language-modeling"],
    year: 2016,
    paper: Paper {
        title: "Minimum Risk Training for Neural Machine Translation",
        authors: "Shen et al.",
        venue: "ACL",
        year: 2016,
        url: "https://arxiv.org/abs/1512.02433",
    },
    summary: "For each source sentence, samples a set of candidate translations, turns their sequence probabilities raised to a sharpness alpha into a distribution over the set, and minimizes the expected cost (such as 1 - smoothed sentence BLEU) of the candidates under it. It trains directly for the evaluation metric and can use non-differentiable costs, since only the candidate probabilities receive gradients. A small alpha (5e-3 in the paper) flattens the distribution over candidates; the paper samples 100 candidates and starts from a cross-entropy-trained model.",
    formula: r"Q(y \mid x; \theta, \alpha) = \frac{P(y \mid x; \theta)^{\alpha}}{\sum_{y' \in S(x)} P(y' \mid x; \theta)^{\alpha}},\quad \mathcal{R}(\theta) = \sum_{s}\sum_{y \in S(x_s)} Q(y \mid x_s; \theta, \alpha)\,\Delta(y, y^{(s)})",
    inputs: &[
        Input { name: "candidate_logps", shape: "[N, K]", meaning: "sequence log-probabilities log P(y | x) of K sampled candidates per source" },
        Input { name: "costs", shape: "[N, K]", meaning: "task cost Delta(y, y*) of each candidate (no gradient), e.g. 1 - sentence BLEU" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(5e-3), range: Range::POSITIVE, meaning: "sharpness of the renormalized candidate distribution (5e-3 in the paper)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &[],
    related: &["mixer", "reinforce", "scheduled-sampling", "cross-entropy"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given candidate log-probabilities and costs it is a function of tensors"),
    eval: None,
    ..Entry::BLANK
};
