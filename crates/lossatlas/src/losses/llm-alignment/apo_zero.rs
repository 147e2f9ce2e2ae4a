//! APO-zero: raise the chosen completion's likelihood and lower the rejected one's, each through
//! a bounded sigmoid of its own log-ratio.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::preference::{self, PrefLoss, PreferenceConfig, PreferenceLogps};

const ID: &str = "apo-zero";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "APO-zero Loss",
    aliases: &["APO-zero", "Anchored Preference Optimization (zero)"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Anchored Preference Optimization and Contrastive Revisions: Addressing Underspecification in Alignment",
        authors: "D'Oosterlinck et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2408.06266",
    },
    summary: "Anchored Preference Optimization makes the direction of each completion's likelihood change explicit relative to the reference (the anchor), because contrastive losses such as DPO leave it unspecified. APO-zero (paper eq. 7) is meant for when the chosen answers are better than what the model currently produces: it pushes the chosen log-ratio up and the rejected log-ratio down, each through a sigmoid, so the loss lies in [0, 2] and saturates. TRL uses the raw log-ratios here (f_divergence_type does not apply); KTOTrainer's apo_zero_unpaired is the unpaired version.",
    formula: r"\ell = \big(1 - \sigma(\beta r_w)\big) + \sigma(\beta r_l),\quad r_w = \log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)},\ r_l = \log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("apo_zero"), range: Range::Any, meaning: "TRL DPOConfig loss_type: a name or a list of names containing apo_zero; with several names the loss is sum_k loss_weights[k] * mean of loss k, and every TRL option (f_divergence_type, label_smoothing, discopop_tau, ...) is accepted for the listed losses that use it" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
        preference::PARAM_LOSS_WEIGHTS,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl DPOTrainer(loss_type=\"apo_zero\")"],
    related: &["apo-down", "dpo", "kto"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: preference::PLOT_X_LABEL, from: -8.0, to: 4.0, at: |x| preference::plot_at(x, serde_json::json!({"beta": 1.0}), false) }),
    ..Entry::BLANK
};

/// TRL's `apo_zero` preference loss on summed completion log-probabilities (`PreferenceConfig::trl`
/// gives TRL's defaults with this loss type).
pub fn apo_zero(x: PreferenceLogps, cfg: &PreferenceConfig) -> Result<LossTensor, LossError> {
    preference::preference_loss(ID, x, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    preference::eval_preference(c, &[PrefLoss::ApoZero], &[])
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::numerics::preference::testkit::*;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn shared_checks() {
        standard_checks(ID, None, json!({"beta": 0.5}), false);
    }

    #[test]
    fn value_is_the_formula() {
        // Chosen log-ratio -1 - (-2) = 1, rejected -3 - (-2.5) = -0.5, Delta = 1.5, beta 0.5.
        let x = one_pair();
        // (1 - sigmoid(0.5 * 1)) + sigmoid(0.5 * (-0.5)).
        let ev = eval64(ID, None, &params(json!({"beta": 0.5})), &x);
        assert!((ev.loss.floats[0] - (1.0 - sig(0.5) + sig(-0.25))).abs() < 1e-14);
    }

}
