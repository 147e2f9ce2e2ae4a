//! Direct Preference Optimization: fit a policy to pairwise preferences with a logistic loss on
//! log-probability ratios against a frozen reference model, with no explicit reward model or RL.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "dpo",
    name: "DPO Loss",
    aliases: &["Direct Preference Optimization", "DPO Sigmoid Loss"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2023,
    paper: Paper {
        title: "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
        authors: "Rafailov et al.",
        venue: "NeurIPS 2023",
        year: 2023,
        url: "https://arxiv.org/abs/2305.18290",
    },
    summary: "Treats beta times the policy/reference log-ratio as an implicit reward and fits it to preference pairs with the Bradley-Terry likelihood, which the paper shows solves the KL-regularized RLHF problem in closed form. It needs only log-probabilities of chosen and rejected completions under the policy and a frozen reference, so it replaces reward modelling and PPO with one classification-style loss. Known issues: it can lower the likelihood of the chosen answers too, over-fits deterministic preferences (motivating IPO) and favours longer answers (motivating length-normalized variants). TRL's sigmoid loss has no label smoothing in v1.x (cDPO smoothing lives in robust and the aot losses) and supports f-divergence scores and weighted mixtures of loss types.",
    formula: r"\ell = -\log \sigma(\beta \Delta),\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big),\ \Delta = s_w - s_l,\quad \mathcal{L} = \frac{1}{N}\sum_{i=1}^{N} \ell_i",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
        Input { name: "chosen_lengths", shape: "[N] (i64)", meaning: "number of completion tokens of each chosen completion (clamped to >= 1)" },
        Input { name: "rejected_lengths", shape: "[N] (i64)", meaning: "number of completion tokens of each rejected completion (clamped to >= 1)" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("sigmoid"), range: Range::Any, meaning: "TRL DPOConfig loss_type, a list of names (cases pass [\"sigmoid\"]); a list with several names sums loss_weights[k] times the batch mean of each listed loss" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
        Param { name: "f_divergence_type", symbol: "", default: Value::Str("reverse_kl"), range: Range::Choice { values: &["reverse_kl", "forward_kl", "js_divergence", "alpha_divergence"] }, meaning: "maps each log-ratio u to a score: reverse_kl u, forward_kl -exp(-u), js_divergence log sigmoid(u), alpha_divergence exp((a - 1) u) / (a - 1) (TRL evaluates this exp in float32 with the exponent clamped at 80)" },
        Param { name: "f_alpha_divergence_coef", symbol: "a", default: Value::Float(1.0), range: Range::REAL, meaning: "a of the alpha divergence (a = 1 falls back to reverse_kl)" },
        Param { name: "loss_weights", symbol: "", default: Value::Null, range: Range::Reals { min: f64::NEG_INFINITY, max: f64::INFINITY }, meaning: "one weight per listed loss_type (default all 1)" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "smoothing used by the robust, exo_pair and aot losses when they appear in a loss_type list" },
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
    equivalents: &["trl DPOTrainer(loss_type=\"sigmoid\")", "trl DPOTrainer(loss_type=\"sigmoid_norm\")"],
    related: &["ipo", "slic-hf", "robust-dpo", "bco-pair", "kto", "simpo", "orpo", "bradley-terry", "ppo-rlhf"],
    forms: &[
        Form { name: "sigmoid", description: "TRL loss_type sigmoid: -log sigmoid(beta * Delta); a loss_type list (for example [sigmoid, bco_pair] with loss_weights) sums the weighted batch means of the listed TRL losses." },
        Form { name: "sigmoid-norm", description: "TRL loss_type sigmoid_norm: scores divided by chosen_lengths / rejected_lengths (clamped to >= 1) before the difference." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
