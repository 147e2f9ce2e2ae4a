//! ORPO: supervised fine-tuning plus a log odds-ratio penalty that favours chosen over rejected
//! completions, in one stage and without a reference model.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "orpo",
    name: "ORPO Loss",
    aliases: &["Odds Ratio Preference Optimization"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "ORPO: Monolithic Preference Optimization without Reference Model",
        authors: "Hong et al.",
        venue: "EMNLP 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2403.07691",
    },
    summary: "Adds to the NLL of the chosen completion a term -beta log sigma(log odds(y_w) - log odds(y_l)), where odds(y) = P(y) / (1 - P(y)) uses the length-averaged token log-probability; this penalizes the rejected style while SFT proceeds, so no separate reference model or alignment stage is needed. TRL computes log(1 - P) stably as log1p(-exp(x)) for x < -ln 2 and log(-expm1(x)) otherwise, and casts log-probs to float32. Because it uses average log-probabilities, the odds ratio is insensitive to length; beta (lambda in the paper, 0.1 by default in TRL) balances the two terms.",
    formula: r"\mathcal{L} = \mathcal{L}_{\text{NLL}} - \frac{1}{N}\sum_{i} \beta \log\sigma\Big(\log\frac{\operatorname{odds}(y_w)}{\operatorname{odds}(y_l)}\Big),\quad \log\operatorname{odds}(y) = \bar\ell(y) - \log\big(1 - e^{\bar\ell(y)}\big)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "AVERAGE per-token log-probability of each chosen completion (must be < 0)" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "average per-token log-probability of each rejected completion" },
        Input { name: "policy_nll_loss", shape: "[]", meaning: "the SFT cross-entropy of the chosen completions (scalar)" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "weight of the odds-ratio term (lambda in the paper; TRL default 0.1)" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl ORPOTrainer"],
    related: &["dpo", "cpo", "simpo", "next-token-prediction"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
