//! BCO: alignment from unpaired thumbs-up / thumbs-down feedback by training the implicit reward as a
//! binary classifier, with a running reward shift.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "bco",
    name: "Binary Classifier Optimization (BCO)",
    aliases: &["BCO"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Binary Classifier Optimization for Large Language Model Alignment",
        authors: "Jung, S. et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2404.04656",
    },
    summary: "Treats beta * log(pi/pi_ref) as the logit of a binary classifier that separates desirable from undesirable responses, shifted by delta, a running mean of the rewards; the authors show that this logistic loss upper-bounds the DPO loss, so it aligns from unpaired binary feedback. For prompts whose desirable and undesirable responses come from different distributions, it optionally reweights undesirable examples by a density ratio from an embedding classifier (underlying distribution matching). The paired special case without the shift is the bco-pair entry.",
    formula: r"L = -\frac{1}{N^+ + N^-}\Big(\sum_{y \in D^+}\log\sigma\big(\beta r(y) - \delta\big) + \sum_{y \in D^-} w(y)\log\sigma\big(-(\beta r(y) - \delta)\big)\Big),\quad r(y) = \log\frac{\pi_\theta(y|x)}{\pi_{ref}(y|x)}",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N+]", meaning: "log-probabilities of desirable responses under the policy" },
        Input { name: "policy_rejected_logps", shape: "[N-]", meaning: "log-probabilities of undesirable responses" },
        Input { name: "reference_chosen_logps", shape: "[N+]", meaning: "desirable log-probabilities under the reference" },
        Input { name: "reference_rejected_logps", shape: "[N-]", meaning: "undesirable log-probabilities under the reference" },
        Input { name: "delta", shape: "[]", meaning: "running mean of the rewards (state, no gradient)" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::NON_NEGATIVE, meaning: "strength of the KL regularization toward the reference model" },
        Param { name: "min_density_ratio", symbol: "", default: Value::Float(0.5), range: Range::POSITIVE, meaning: "lower clamp of the density-ratio weights (UDM)" },
        Param { name: "max_density_ratio", symbol: "", default: Value::Float(10.0), range: Range::POSITIVE, meaning: "upper clamp of the density-ratio weights (UDM)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &[
        "trl.experimental.bco.BCOTrainer",
    ],
    related: &["bco-pair", "kto", "dpo"],
    status: Status::Planned("no reference cases yet; the running reward shift is training state; TRL's BCOTrainer (removed from recent TRL releases) is the reference"),
    eval: None,
    ..Entry::BLANK
};
