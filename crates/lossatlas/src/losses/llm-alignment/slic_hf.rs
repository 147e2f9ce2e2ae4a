//! SLiC-HF as TRL's DPO hinge loss: a margin loss on the difference of policy/reference
//! log-ratios of chosen and rejected completions.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "slic-hf",
    name: "SLiC-HF Loss",
    aliases: &["SLiC-HF", "Sequence Likelihood Calibration", "DPO Hinge Loss"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2023,
    paper: Paper {
        title: "SLiC-HF: Sequence Likelihood Calibration with Human Feedback",
        authors: "Zhao et al.",
        venue: "",
        year: 2023,
        url: "https://arxiv.org/abs/2305.10425",
    },
    summary: "SLiC-HF calibrates sequence likelihoods on human preference pairs with a rank-calibration hinge max(0, delta - log P(y_w|x) + log P(y_l|x)) plus a cross-entropy regularizer towards reference or SFT targets. TRL's DPO loss_type hinge, whose cases this entry follows, applies the hinge to the reference-normalized log-ratio difference: relu(1 - beta Delta), i.e. a margin of 1/beta. The hinge gives zero gradient once a pair is separated by the margin, unlike DPO's logistic loss, and it is not smooth at the margin.",
    formula: r"\ell = \max\big(0,\ 1 - \beta \Delta\big),\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big),\ \Delta = s_w - s_l",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("hinge"), range: Range::Any, meaning: "TRL DPOConfig loss_type, a list of names (cases pass [\"hinge\"]); a list with several names sums loss_weights[k] times the batch mean of each listed loss" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "the margin is 1/beta (TRL default 0.1)" },
        Param { name: "f_divergence_type", symbol: "", default: Value::Str("reverse_kl"), range: Range::Choice { values: &["reverse_kl", "forward_kl", "js_divergence", "alpha_divergence"] }, meaning: "maps each log-ratio u to a score: reverse_kl u, forward_kl -exp(-u), js_divergence log sigmoid(u), alpha_divergence exp((a - 1) u) / (a - 1) (TRL evaluates this exp in float32 with the exponent clamped at 80)" },
        Param { name: "f_alpha_divergence_coef", symbol: "a", default: Value::Float(1.0), range: Range::REAL, meaning: "a of the alpha divergence (a = 1 falls back to reverse_kl)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl DPOTrainer(loss_type=\"hinge\")"],
    related: &["dpo", "ipo", "hinge", "cpo"],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
