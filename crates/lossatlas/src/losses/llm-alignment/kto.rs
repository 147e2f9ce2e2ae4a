//! KTO: align a policy from unpaired desirable / undesirable examples with a prospect-theory
//! value function of the policy/reference log-ratio, measured against a KL reference point.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "kto",
    name: "KTO Loss",
    aliases: &["Kahneman-Tversky Optimization"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "KTO: Model Alignment as Prospect Theoretic Optimization",
        authors: "Ethayarajh et al.",
        venue: "ICML 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2402.01306",
    },
    summary: "Needs only a binary signal per completion (desirable or undesirable), not preference pairs. Each completion's implied reward beta * log(pi/pi_ref) is compared with a reference point z0, a batch estimate of KL(pi || pi_ref) from mismatched prompt-completion pairs, clamped at 0 and detached; desirable completions are pushed above it and undesirable ones below it through a saturating sigmoid, echoing Kahneman-Tversky loss aversion. desirable_weight and undesirable_weight rebalance the two sets (the paper suggests keeping lambda_D n_D / (lambda_U n_U) in [1, 4/3]). TRL averages the concatenated weighted losses with nanmean (NaN if the batch holds neither kind).",
    formula: r"z_0 = \max\Big(0,\ \operatorname{mean}\big(\log\pi_\theta(y'|x') - \log\pi_{\text{ref}}(y'|x')\big)\Big),\quad \ell_D = \lambda_D\big(1 - \sigma(\beta(r_w - z_0))\big),\quad \ell_U = \lambda_U\big(1 - \sigma(\beta(z_0 - r_l))\big)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N_D]", meaning: "policy log-probabilities of the desirable completions (summed over tokens)" },
        Input { name: "policy_rejected_logps", shape: "[N_U]", meaning: "policy log-probabilities of the undesirable completions" },
        Input { name: "reference_chosen_logps", shape: "[N_D]", meaning: "reference log-probabilities of the desirable completions" },
        Input { name: "reference_rejected_logps", shape: "[N_U]", meaning: "reference log-probabilities of the undesirable completions" },
        Input { name: "policy_kl_logps", shape: "[M]", meaning: "policy log-probabilities of mismatched (prompt, completion) pairs used for the KL estimate (no gradient through z0)" },
        Input { name: "reference_kl_logps", shape: "[M]", meaning: "reference log-probabilities of the same mismatched pairs" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "scale of the implied reward (TRL default 0.1)" },
        Param { name: "desirable_weight", symbol: r"\lambda_D", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the desirable-example losses" },
        Param { name: "undesirable_weight", symbol: r"\lambda_U", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the undesirable-example losses" },
        Param { name: "loss_type", symbol: "", default: Value::Str("kto"), range: Range::Choice { values: &["kto", "apo_zero_unpaired"] }, meaning: "TRL KTOConfig loss_type" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl KTOTrainer(loss_type=\"kto\")", "trl KTOTrainer(loss_type=\"apo_zero_unpaired\")"],
    related: &["dpo", "bco-pair", "apo-zero", "orpo"],
    forms: &[
        Form { name: "kto", description: "TRL loss_type kto: the formula; loss = nanmean(cat(lambda_D * l_D, lambda_U * l_U)) with z0 detached." },
        Form { name: "apo-zero-unpaired", description: "TRL loss_type apo_zero_unpaired: z0 = 0; desirable 1 - sigmoid(beta r), undesirable sigmoid(beta r), weighted and averaged the same way; no KL inputs." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
