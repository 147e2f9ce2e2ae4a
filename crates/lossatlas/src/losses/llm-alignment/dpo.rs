//! Direct Preference Optimization: fit a policy to pairwise preferences with a logistic loss on
//! log-probability ratios against a frozen reference model, with no explicit reward model or RL.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::preference::{self, PrefLoss, PreferenceConfig, PreferenceLogps};

const ID: &str = "dpo";

pub const ENTRY: Entry = Entry {
    id: ID,
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
        Param { name: "loss_type", symbol: "", default: Value::Str("sigmoid"), range: Range::Any, meaning: "TRL DPOConfig loss_type: a name or a list of names containing sigmoid or sigmoid_norm (default from the form); with several names the loss is sum_k loss_weights[k] * mean of loss k, and the other TRL options (label_smoothing, discopop_tau) apply to the listed losses that use them" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the scores (TRL default 0.1)" },
        preference::PARAM_F_DIVERGENCE,
        preference::PARAM_F_ALPHA,
        preference::PARAM_LOSS_WEIGHTS,
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "smoothing of the robust, exo_pair and aot losses when they appear in a mixed loss_type list (the sigmoid loss itself has none in TRL v1.x)" },
        Param { name: "discopop_tau", symbol: r"\tau", default: Value::Float(0.05), range: Range::POSITIVE, meaning: "temperature of discopop when it appears in a mixed loss_type list" },
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
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: preference::PLOT_X_LABEL, from: -8.0, to: 4.0, at: |x| preference::plot_at(x, serde_json::json!({"beta": 1.0}), false) }),
    ..Entry::BLANK
};

/// TRL's DPO loss (`loss_type` sigmoid, sigmoid_norm or a weighted list) on summed completion
/// log-probabilities; `PreferenceConfig::default()` is TRL's `DPOConfig` default.
pub fn dpo(x: PreferenceLogps, cfg: &PreferenceConfig) -> Result<LossTensor, LossError> {
    preference::preference_loss(ID, x, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    preference::eval_preference(c, &[PrefLoss::Sigmoid, PrefLoss::SigmoidNorm], &[("sigmoid", PrefLoss::Sigmoid), ("sigmoid-norm", PrefLoss::SigmoidNorm)])
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::numerics::preference::testkit::*;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn shared_checks() {
        standard_checks(ID, None, json!({"beta": 0.5}), false);
        standard_checks(ID, Some("sigmoid-norm"), json!({"beta": 0.5}), true);
        standard_checks(ID, None, json!({"loss_type": ["sigmoid", "bco_pair", "ipo"], "loss_weights": [0.5, 0.3, 0.2]}), true);
    }

    #[test]
    fn value_is_the_formula() {
        // Chosen log-ratio -1 - (-2) = 1, rejected -3 - (-2.5) = -0.5, Delta = 1.5;
        // -log sigmoid(0.5 * 1.5) = log(1 + e^-0.75).
        let x = pair([-1.0, -3.0, -2.0, -2.5], Some((2, 4)));
        let ev = eval64(ID, None, &params(json!({"beta": 0.5})), &one_pair());
        assert!((ev.loss.floats[0] - (-0.75f64).exp().ln_1p()).abs() < 1e-14);
        // sigmoid_norm with 2 and 4 tokens: 1/2 - (-0.5)/4 = 0.625.
        let ev = eval64(ID, Some("sigmoid-norm"), &params(json!({"beta": 0.5})), &x);
        assert!((ev.loss.floats[0] - (-0.3125f64).exp().ln_1p()).abs() < 1e-14);
        // A weighted list: 0.8 * sigmoid + 0.2 * bco_pair, bco_pair = -log sigmoid(0.5) - log sigmoid(0.25).
        let ev = eval64(ID, None, &params(json!({"beta": 0.5, "loss_type": ["sigmoid", "bco_pair"], "loss_weights": [0.8, 0.2]})), &x);
        let bco = (-0.5f64).exp().ln_1p() + (-0.25f64).exp().ln_1p();
        assert!((ev.loss.floats[0] - (0.8 * (-0.75f64).exp().ln_1p() + 0.2 * bco)).abs() < 1e-14);
        // forward_kl scores -exp(-u): Delta = -e^-1 + e^0.5.
        let ev = eval64(ID, None, &params(json!({"beta": 0.5, "f_divergence_type": "forward_kl"})), &x);
        let d = -(-1f64).exp() + 0.5f64.exp();
        assert!((ev.loss.floats[0] - (-0.5 * d).exp().ln_1p()).abs() < 1e-14);
    }

    #[test]
    fn bad_inputs() {
        // sigmoid_norm needs token counts, non-negative ones.
        assert_error(ID, Some("sigmoid-norm"), &params(json!({})), &one_pair(), ErrorKind::Missing);
        assert_error(ID, Some("sigmoid-norm"), &params(json!({})), &pair([-1.0, -3.0, -2.0, -2.5], Some((-1, 2))), ErrorKind::Value);
    }
}
