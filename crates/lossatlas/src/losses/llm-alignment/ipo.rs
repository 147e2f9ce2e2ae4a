//! Identity Preference Optimization: regress the difference of policy/reference log-ratios of
//! chosen and rejected completions onto a fixed target 1/(2 beta) with a squared loss.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::preference::{self, PrefLoss, PreferenceConfig, PreferenceLogps};

const ID: &str = "ipo";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "IPO Loss",
    aliases: &["Identity Preference Optimization", "Psi-PO"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2023,
    paper: Paper {
        title: "A General Theoretical Paradigm to Understand Learning from Human Preferences",
        authors: "Azar et al.",
        venue: "AISTATS 2024",
        year: 2023,
        url: "https://arxiv.org/abs/2310.12036",
    },
    summary: "Derived from the Psi-PO framework with the identity mapping: instead of pushing the log-ratio margin to infinity as DPO does on deterministic preferences, it regresses the margin onto 1/(2 beta), so beta (tau in the paper) directly sets how far the policy may move from the reference. TRL normalizes each score by the completion's token count before the difference, a choice it reports confirming with the IPO authors; without it the squared loss scales with length. Being a squared loss, it keeps pulling margins that overshoot the target back down.",
    formula: r"\ell = \Big(\frac{s_w}{\lvert y_w\rvert} - \frac{s_l}{\lvert y_l\rvert} - \frac{1}{2\beta}\Big)^2,\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
        Input { name: "chosen_lengths", shape: "[N] (i64)", meaning: "number of completion tokens of each chosen completion (clamped to >= 1)" },
        Input { name: "rejected_lengths", shape: "[N] (i64)", meaning: "number of completion tokens of each rejected completion (clamped to >= 1)" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("ipo"), range: Range::Any, meaning: "TRL DPOConfig loss_type: a name or a list of names containing ipo; with several names the loss is sum_k loss_weights[k] * mean of loss k, and every TRL option (f_divergence_type, label_smoothing, discopop_tau, ...) is accepted for the listed losses that use it" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "regularization strength tau of the paper; the target margin is 1/(2 beta) (TRL default 0.1)" },
        preference::PARAM_F_DIVERGENCE,
        preference::PARAM_F_ALPHA,
        preference::PARAM_LOSS_WEIGHTS,
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
    equivalents: &["trl DPOTrainer(loss_type=\"ipo\")"],
    related: &["dpo", "slic-hf", "sppo", "cpo", "kto"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: preference::PLOT_X_LABEL, from: -8.0, to: 4.0, at: |x| preference::plot_at(x, serde_json::json!({"beta": 1.0}), true) }),
    ..Entry::BLANK
};

/// TRL's `ipo` preference loss on summed completion log-probabilities (`PreferenceConfig::trl`
/// gives TRL's defaults with this loss type).
pub fn ipo(x: PreferenceLogps, cfg: &PreferenceConfig) -> Result<LossTensor, LossError> {
    preference::preference_loss(ID, x, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    preference::eval_preference(c, &[PrefLoss::Ipo], &[])
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
        standard_checks(ID, None, json!({"beta": 0.5}), true);
    }

    #[test]
    fn value_is_the_formula() {
        // Token counts 2 and 4: 1/2 - (-0.5)/4 = 0.625; (0.625 - 1/(2 * 0.5))^2 = 0.140625.
        let ev = eval64(ID, None, &params(json!({"beta": 0.5})), &pair([-1.0, -3.0, -2.0, -2.5], Some((2, 4))));
        assert!((ev.loss.floats[0] - 0.140625).abs() < 1e-14);
        // A count of 0 is clamped to 1: 1 - (-0.5)/4 = 1.125; (1.125 - 1)^2.
        let ev = eval64(ID, None, &params(json!({"beta": 0.5})), &pair([-1.0, -3.0, -2.0, -2.5], Some((0, 4))));
        assert!((ev.loss.floats[0] - 0.015625).abs() < 1e-14);
    }

    #[test]
    fn bad_inputs() {
        assert_error(ID, None, &params(json!({})), &one_pair(), ErrorKind::Missing);
        assert_error(ID, None, &params(json!({})), &pair([-1.0, -3.0, -2.0, -2.5], Some((2, -4))), ErrorKind::Value);
    }
}
