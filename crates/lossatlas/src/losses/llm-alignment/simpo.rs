//! SimPO: a reference-free preference loss on length-normalized log-probabilities with a target
//! reward margin gamma.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "simpo",
    name: "SimPO Loss",
    aliases: &["Simple Preference Optimization", "CPO-SimPO"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "SimPO: Simple Preference Optimization with a Reference-Free Reward",
        authors: "Meng et al.",
        venue: "NeurIPS 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2405.14734",
    },
    summary: "Uses the average per-token log-probability, scaled by beta, as the implicit reward, which matches the quantity that guides generation and removes the reference model, and asks the chosen reward to exceed the rejected one by a margin gamma inside a logistic loss. Length normalization curbs DPO's drift towards longer answers. The paper uses large beta (2 to 2.5) with gamma/beta around 0.5; TRL implements it in CPOTrainer as loss_type simpo with simpo_gamma = gamma, label smoothing, and the CPO NLL term weighted by cpo_alpha, which must be 0 for SimPO proper (TRL's default 1 gives CPO-SimPO).",
    formula: r"\ell = -(1-\varepsilon)\log\sigma\Big(\beta(\bar\ell_w - \bar\ell_l) - \gamma\Big) - \varepsilon\log\sigma\Big(-\beta(\bar\ell_w - \bar\ell_l) + \gamma\Big),\quad \bar\ell = \tfrac{1}{\lvert y\rvert}\log\pi_\theta(y\mid x),\quad \mathcal{L} = \operatorname{mean}(\ell) + \alpha\,\mathcal{L}_{\text{NLL}}",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion (TRL: summed over tokens; averaged per token for loss_type ipo and simpo)" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion (same convention)" },
        Input { name: "policy_nll_loss", shape: "[]", meaning: "the SFT cross-entropy of the chosen completions (scalar), weighted by cpo_alpha" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "reward scale (TRL default 0.1; the paper uses 2.0 to 2.5)" },
        Param { name: "simpo_gamma", symbol: r"\gamma", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "target reward margin (TRL subtracts gamma/beta from the log-prob margin before scaling by beta)" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "label smoothing of the logistic loss" },
        Param { name: "loss_type", symbol: "", default: Value::Str("simpo"), range: Range::Choice { values: &["simpo"] }, meaning: "TRL CPOConfig loss_type (simpo for this entry)" },
        Param { name: "cpo_alpha", symbol: r"\alpha", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the NLL term (TRL default 1 = CPO-SimPO; SimPO proper uses 0)" },
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
    equivalents: &["trl CPOTrainer(loss_type=\"simpo\")"],
    related: &["dpo", "cpo", "alphapo", "orpo"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
