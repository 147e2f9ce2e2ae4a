//! AlphaPO: reshape the implicit reward of reference-free preference optimization with a power
//! transform of the completion probability, controlled by alpha.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "alphapo",
    name: "AlphaPO Loss",
    aliases: &["AlphaPO", "Alpha Preference Optimization"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2025,
    paper: Paper {
        title: "AlphaPO: Reward Shape Matters for LLM Alignment",
        authors: "Gupta et al.",
        venue: "ICML 2025",
        year: 2025,
        url: "https://arxiv.org/abs/2501.03884",
    },
    summary: "Replaces the log-probability reward of SimPO-style objectives by r = (1 - p^(-alpha)) / alpha with p = exp(logps), which tends to log p as alpha goes to 0; changing alpha changes how strongly gradients act on high- versus low-probability completions, and the paper uses it to control likelihood displacement (the fall of chosen-response probability) and over-optimization. The rewards then enter the selected preference loss: TRL implements it in CPOTrainer with a non-zero alpha, the margin r_w - r_l replacing the log-prob margin before the sigmoid or simpo loss and the cpo_alpha NLL term. With length-averaged log-probabilities (as for simpo) p is the per-token geometric mean probability.",
    formula: r"r(y) = \frac{1 - p(y)^{-\alpha}}{\alpha},\ p(y) = e^{\log\pi_\theta(y\mid x)},\quad \ell = -(1-\varepsilon)\log\sigma\big(\beta(r_w - r_l) - \gamma\big) - \varepsilon\log\sigma\big(-\beta(r_w - r_l) + \gamma\big),\quad \mathcal{L} = \operatorname{mean}(\ell) + \alpha_{\text{cpo}}\,\mathcal{L}_{\text{NLL}}",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion (TRL: summed over tokens; averaged per token for loss_type ipo and simpo)" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion (same convention)" },
        Input { name: "policy_nll_loss", shape: "[]", meaning: "the SFT cross-entropy of the chosen completions (scalar), weighted by cpo_alpha" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.0), range: Range::REAL, meaning: "reward shape; TRL's default 0 means plain log-prob rewards (no AlphaPO)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "reward scale (TRL default 0.1)" },
        Param { name: "loss_type", symbol: "", default: Value::Str("sigmoid"), range: Range::Choice { values: &["sigmoid", "hinge", "ipo", "simpo"] }, meaning: "preference loss applied to the reshaped margin; gamma is used only by simpo (gamma = 0 otherwise)" },
        Param { name: "simpo_gamma", symbol: r"\gamma", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "target margin of the simpo loss" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "label smoothing of the sigmoid / simpo loss" },
        Param { name: "cpo_alpha", symbol: r"\alpha_{\text{cpo}}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the NLL term (0 for reference-free AlphaPO without behaviour cloning)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl CPOTrainer(alpha != 0)"],
    related: &["simpo", "cpo", "dpo"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
