//! DiscoPOP (log-ratio modulated loss): a blend of the logistic DPO loss and an exponential loss,
//! mixed by a sigmoid of the scaled margin; found by LLM-driven objective search.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::preference::{self, PrefLoss, PreferenceConfig, PreferenceLogps};

const ID: &str = "discopop";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "DiscoPOP Loss",
    aliases: &["DiscoPOP", "Log-Ratio Modulated Loss", "LRML"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Discovering Preference Optimization Algorithms with and for Large Language Models",
        authors: "Lu et al.",
        venue: "NeurIPS 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2406.08414",
    },
    summary: "Discovered by having an LLM propose and evaluate preference-optimization objectives: with z = beta Delta, it mixes the logistic loss -log sigma(z) and the exponential loss exp(-z) with weight sigma(z / tau), so pairs already ranked correctly (large z) are scored by the exponential part and others by the logistic part. The temperature tau = 0.05 is the paper's recommendation and TRL's default. The loss is not convex, and the exponential branch grows fast for strongly mis-ranked pairs under forward_kl or alpha scores.",
    formula: r"\ell = -\log\sigma(z)\,\big(1 - \sigma(z/\tau)\big) + e^{-z}\,\sigma(z/\tau),\quad z = \beta\Delta,\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big),\ \Delta = s_w - s_l",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("discopop"), range: Range::Any, meaning: "TRL DPOConfig loss_type: a name or a list of names containing discopop; with several names the loss is sum_k loss_weights[k] * mean of loss k, and every TRL option (f_divergence_type, label_smoothing, discopop_tau, ...) is accepted for the listed losses that use it" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
        preference::PARAM_F_DIVERGENCE,
        preference::PARAM_F_ALPHA,
        Param { name: "discopop_tau", symbol: r"\tau", default: Value::Float(0.05), range: Range::POSITIVE, meaning: "temperature of the mixing sigmoid (TRL default and paper recommendation 0.05)" },
        preference::PARAM_LOSS_WEIGHTS,
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
    equivalents: &["trl DPOTrainer(loss_type=\"discopop\")"],
    related: &["dpo", "ipo"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: preference::PLOT_X_LABEL, from: -8.0, to: 4.0, at: |x| preference::plot_at(x, serde_json::json!({"beta": 1.0}), false) }),
    ..Entry::BLANK
};

/// TRL's `discopop` preference loss on summed completion log-probabilities (`PreferenceConfig::trl`
/// gives TRL's defaults with this loss type).
pub fn discopop(x: PreferenceLogps, cfg: &PreferenceConfig) -> Result<LossTensor, LossError> {
    preference::preference_loss(ID, x, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    preference::eval_preference(c, &[PrefLoss::Discopop], &[])
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
        standard_checks(ID, None, json!({"discopop_tau": 0.5}), false);
    }

    #[test]
    fn value_is_the_formula() {
        // Chosen log-ratio -1 - (-2) = 1, rejected -3 - (-2.5) = -0.5, Delta = 1.5, beta 0.5.
        let x = one_pair();
        // z = 0.75, m = sigmoid(0.75 / 0.05): -log sigmoid(z) (1 - m) + exp(-z) m.
        let m = sig(15.0);
        let ev = eval64(ID, None, &params(json!({"beta": 0.5})), &x);
        assert!((ev.loss.floats[0] - (-ls(0.75) * (1.0 - m) + (-0.75f64).exp() * m)).abs() < 1e-14);
        // tau 0.5: m = sigmoid(1.5).
        let m = sig(1.5);
        let ev = eval64(ID, None, &params(json!({"beta": 0.5, "discopop_tau": 0.5})), &x);
        assert!((ev.loss.floats[0] - (-ls(0.75) * (1.0 - m) + (-0.75f64).exp() * m)).abs() < 1e-14);
    }

    #[test]
    fn bad_inputs() {
        for tau in [json!(0.0), json!(-1.0), json!("inf")] {
            assert_error(ID, None, &params(json!({"discopop_tau": tau})), &one_pair(), ErrorKind::Param);
        }
    }
}
