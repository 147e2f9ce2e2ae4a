//! TPO: one-step alignment that adds the negative log-likelihood of a gold response to a
//! reference-free preference loss between a chosen and a rejected response.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "tpo",
    name: "Triple Preference Optimization (TPO)",
    aliases: &["TPO"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Triple Preference Optimization: Achieving Better Alignment using a Single Step Optimization",
        authors: "Saeidi, A. et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2405.16681",
    },
    summary: "Works on triples (gold, chosen, rejected): a supervised term trains on the gold response while a preference term, with no reference model, separates the chosen from the rejected response, so SFT and preference optimization happen in a single stage. The preference term can be the sigmoid (with label smoothing), hinge or IPO loss on log-probability differences, or TPO-L, a length-normalized version with a target margin gamma.",
    formula: r"L = \operatorname{mean}\Big(-\log\sigma\big(\beta(\log\pi_\theta(y^+) - \log\pi_\theta(y^-))\big)\Big) + \alpha\,L_{NLL}(y^{gold}),\quad \text{TPO-L: } \log\pi \to \tfrac{1}{|y|}\log\pi,\ \ \beta\Delta \to \beta\Delta - \gamma",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "chosen log-probabilities (length-averaged for ipo and tpo-l)" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "rejected log-probabilities" },
        Input { name: "chosen_nll", shape: "[]", meaning: "negative log-likelihood of the gold responses" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("sigmoid"), range: Range::Choice { values: &["sigmoid", "hinge", "ipo", "tpo-l"] }, meaning: "preference term" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.01), range: Range::NON_NEGATIVE, meaning: "temperature of the preference term (IPO: its regularization)" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "label smoothing of the sigmoid terms" },
        Param { name: "tpo_alpha", symbol: r"\alpha", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the gold-response NLL" },
        Param { name: "tpo_l_gamma", symbol: r"\gamma", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "target margin of TPO-L" },
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
        "trl.experimental.tpo.TPOTrainer",
    ],
    related: &["cpo", "simpo", "orpo", "dpo", "next-token-prediction"],
    status: Status::Planned("no reference cases yet; the TRL TPOTrainer loss is the reference"),
    eval: None,
    ..Entry::BLANK
};
