//! LD-DPO: DPO in which the log-probability of the tokens beyond the shorter response's length is
//! down-weighted by alpha, reducing DPO's bias toward verbose answers.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "ld-dpo",
    name: "Length-Desensitized DPO (LD-DPO)",
    aliases: &["LD-DPO"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Length Desensitization in Direct Preference Optimization",
        authors: "Liu, W., Bai, Y., Han, C., Weng, R., Xu, J., Cao, X., Wang, J., Cai, X.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2409.06411",
    },
    summary: "Splits each response's log-likelihood into the part shared with the other response's length and the excess tail, and scales the tail by alpha in [0, 1] for policy and reference alike before the usual DPO sigmoid loss. With alpha = 1 it is DPO; smaller alpha removes the extra likelihood mass that longer responses accumulate, which the authors show drives DPO's verbosity. TRL enables it with DPOConfig(ld_alpha=...).",
    formula: r"\log\tilde\pi(y) = \sum_{t \le \ell_{min}} \log\pi(y_t) + \alpha\sum_{t > \ell_{min}} \log\pi(y_t),\quad L = -\log\sigma\Big(\beta\big[(\log\tilde\pi_\theta - \log\tilde\pi_{ref})(y^+) - (\log\tilde\pi_\theta - \log\tilde\pi_{ref})(y^-)\big]\Big)",
    inputs: &[
        Input { name: "policy_chosen_token_logps", shape: "[N, T]", meaning: "per-token log-probabilities of the chosen responses under the policy" },
        Input { name: "policy_rejected_token_logps", shape: "[N, T]", meaning: "the same for the rejected responses" },
        Input { name: "reference_chosen_token_logps", shape: "[N, T]", meaning: "chosen per-token log-probabilities under the reference" },
        Input { name: "reference_rejected_token_logps", shape: "[N, T]", meaning: "rejected per-token log-probabilities under the reference" },
        Input { name: "chosen_mask", shape: "[N, T] (i64)", meaning: "chosen completion tokens" },
        Input { name: "rejected_mask", shape: "[N, T] (i64)", meaning: "rejected completion tokens" },
    ],
    params: &[
        Param { name: "ld_alpha", symbol: r"\alpha", default: Value::Float(1.0), range: Range::UNIT, meaning: "weight of the tokens beyond the shorter length (1 = plain DPO)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::NON_NEGATIVE, meaning: "strength of the KL regularization toward the reference model" },
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
        "trl DPOTrainer(ld_alpha=...)",
    ],
    related: &["dpo", "simpo"],
    uses: &["dpo"],
    status: Status::Planned("no reference cases yet; the TRL DPOTrainer ld_alpha log-probability split is the reference"),
    eval: None,
    ..Entry::BLANK
};
