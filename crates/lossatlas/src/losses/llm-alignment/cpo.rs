//! CPO: a reference-free DPO-style preference loss plus a behaviour-cloning NLL term on the
//! chosen completions.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "cpo",
    name: "CPO Loss",
    aliases: &["Contrastive Preference Optimization"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Contrastive Preference Optimization",
        authors: "Xu et al.",
        venue: "ICML 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2401.08417",
    },
    summary: "Proposed for machine translation, where reference translations can be worse than model outputs: it drops DPO's reference model (approximating it by a uniform prior, so only the policy's log-probabilities appear) and adds a negative log-likelihood term on the preferred completions, weighted by cpo_alpha (1 in TRL), to keep the policy close to the preferred data. TRL's CPOTrainer also offers hinge, IPO and SimPO preference terms on the same reference-free margin and applies label smoothing to the sigmoid and simpo losses only. Memory and compute are halved compared with DPO, since no reference forward pass is needed.",
    formula: r"\mathcal{L} = \frac{1}{N}\sum_{i} \Big(-(1-\varepsilon)\log\sigma(\beta m_i) - \varepsilon\log\sigma(-\beta m_i)\Big) + \alpha\, \mathcal{L}_{\text{NLL}},\quad m_i = \log\pi_\theta(y_{w,i}\mid x_i) - \log\pi_\theta(y_{l,i}\mid x_i)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion (TRL: summed over tokens; averaged per token for loss_type ipo and simpo)" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion (same convention)" },
        Input { name: "policy_nll_loss", shape: "[]", meaning: "the SFT cross-entropy of the chosen completions (scalar), weighted by cpo_alpha" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the margin (TRL default 0.1)" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "label smoothing of the sigmoid (and simpo) loss" },
        Param { name: "loss_type", symbol: "", default: Value::Str("sigmoid"), range: Range::Choice { values: &["sigmoid", "hinge", "ipo", "simpo"] }, meaning: "preference term: sigmoid (the formula), hinge relu(1 - beta m), ipo (m - 1/(2 beta))^2, simpo (see the simpo entry)" },
        Param { name: "cpo_alpha", symbol: r"\alpha", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the NLL (behaviour cloning) term; 0 gives the pure preference loss" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl CPOTrainer(loss_type=\"sigmoid\")", "trl CPOTrainer(loss_type=\"hinge\")", "trl CPOTrainer(loss_type=\"ipo\")"],
    related: &["dpo", "simpo", "orpo", "alphapo", "slic-hf", "ipo"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
