//! Robust DPO: an unbiased estimate of the DPO loss under a known rate of flipped preference
//! labels.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::preference::{self, PrefLoss, PreferenceConfig, PreferenceLogps};

const ID: &str = "robust-dpo";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Robust DPO Loss",
    aliases: &["rDPO", "Provably Robust DPO"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Provably Robust DPO: Aligning Language Models with Noisy Feedback",
        authors: "Chowdhury et al.",
        venue: "ICML 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2403.00409",
    },
    summary: "If each preference label is flipped with probability eps, weighting the DPO loss of the observed pair by (1 - eps) and subtracting eps times the loss of the flipped pair, divided by 1 - 2 eps, gives an unbiased estimate of the clean loss; the paper proves generalization bounds under this noise. It differs from conservative DPO (cDPO), which adds the flipped loss and only smooths the target. It is convex in the margin for eps < 1/2 and undefined at eps = 1/2 (TRL only warns outside [0, 0.5)); eps must be estimated or tuned.",
    formula: r"\ell = \frac{-(1-\varepsilon)\log\sigma(\beta\Delta) + \varepsilon \log\sigma(-\beta\Delta)}{1 - 2\varepsilon},\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big),\ \Delta = s_w - s_l",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("robust"), range: Range::Any, meaning: "TRL DPOConfig loss_type: a name or a list of names containing robust; with several names the loss is sum_k loss_weights[k] * mean of loss k, and every TRL option (f_divergence_type, label_smoothing, discopop_tau, ...) is accepted for the listed losses that use it" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
        preference::PARAM_F_DIVERGENCE,
        preference::PARAM_F_ALPHA,
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "assumed label-flip rate eps, in [0, 0.5)" },
        preference::PARAM_LOSS_WEIGHTS,
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl DPOTrainer(loss_type=\"robust\")"],
    related: &["dpo", "exo-pair", "label-smoothing"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: preference::PLOT_X_LABEL, from: -8.0, to: 4.0, at: |x| preference::plot_at(x, serde_json::json!({"beta": 1.0}), false) }),
    ..Entry::BLANK
};

/// TRL's `robust` preference loss on summed completion log-probabilities (`PreferenceConfig::trl`
/// gives TRL's defaults with this loss type).
pub fn robust_dpo(x: PreferenceLogps, cfg: &PreferenceConfig) -> Result<LossTensor, LossError> {
    preference::preference_loss(ID, x, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    preference::eval_preference(c, &[PrefLoss::Robust], &[])
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
        standard_checks(ID, None, json!({"beta": 0.5, "label_smoothing": 0.1}), false);
        standard_checks(ID, None, json!({"beta": 0.5}), false);
    }

    #[test]
    fn value_is_the_formula() {
        // Chosen log-ratio -1 - (-2) = 1, rejected -3 - (-2.5) = -0.5, Delta = 1.5, beta 0.5.
        let x = one_pair();
        // (-(1 - 0.1) log sigmoid(0.75) + 0.1 log sigmoid(-0.75)) / (1 - 0.2).
        let ev = eval64(ID, None, &params(json!({"beta": 0.5, "label_smoothing": 0.1})), &x);
        let want = (-0.9 * ls(0.75) + 0.1 * ls(-0.75)) / 0.8;
        assert!((ev.loss.floats[0] - want).abs() < 1e-14);
    }

    #[test]
    fn bad_inputs() {
        assert_error(ID, None, &params(json!({"label_smoothing": 0.5})), &one_pair(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"label_smoothing": "nan"})), &one_pair(), ErrorKind::Param);
    }
}
