//! SLiC-HF as TRL's DPO hinge loss: a margin loss on the difference of policy/reference
//! log-ratios of chosen and rejected completions.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::preference::{self, PrefLoss, PreferenceConfig, PreferenceLogps};

const ID: &str = "slic-hf";

pub const ENTRY: Entry = Entry {
    id: ID,
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
        Param { name: "loss_type", symbol: "", default: Value::Str("hinge"), range: Range::Any, meaning: "TRL DPOConfig loss_type: a name or a list of names containing hinge; with several names the loss is sum_k loss_weights[k] * mean of loss k, and every TRL option (f_divergence_type, label_smoothing, discopop_tau, ...) is accepted for the listed losses that use it" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "the margin is 1/beta (TRL default 0.1)" },
        preference::PARAM_F_DIVERGENCE,
        preference::PARAM_F_ALPHA,
        preference::PARAM_LOSS_WEIGHTS,
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
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: preference::PLOT_X_LABEL, from: -8.0, to: 4.0, at: |x| preference::plot_at(x, serde_json::json!({"beta": 1.0}), false) }),
    ..Entry::BLANK
};

/// TRL's `hinge` preference loss on summed completion log-probabilities (`PreferenceConfig::trl`
/// gives TRL's defaults with this loss type).
pub fn slic_hf(x: PreferenceLogps, cfg: &PreferenceConfig) -> Result<LossTensor, LossError> {
    preference::preference_loss(ID, x, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    preference::eval_preference(c, &[PrefLoss::Hinge], &[])
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
        standard_checks(ID, None, json!({"beta": 2.0}), false);
    }

    #[test]
    fn value_is_the_formula() {
        // Chosen log-ratio -1 - (-2) = 1, rejected -3 - (-2.5) = -0.5, Delta = 1.5, beta 0.5.
        let x = one_pair();
        // relu(1 - 0.5 * 1.5) = 0.25.
        let ev = eval64(ID, None, &params(json!({"beta": 0.5})), &x);
        assert!((ev.loss.floats[0] - 0.25).abs() < 1e-14);
        // Exactly at the margin (Delta = 2, beta 0.5) the loss is 0 with torch.relu's zero gradient.
        let ev = eval64(ID, None, &params(json!({"beta": 0.5})), &pair([-1.0, -3.0, -2.0, -2.0], None));
        assert_eq!(ev.loss.floats[0], 0.0);
        for g in ev.grads.values() {
            assert_eq!(g.floats[0], 0.0);
        }
        // Just inside: gradient -beta on the policy chosen log-prob.
        let ev = eval64(ID, None, &params(json!({"beta": 0.5})), &pair([-1.1, -3.0, -2.0, -2.0], None));
        assert!((ev.grads["policy_chosen_logps"].floats[0] + 0.5).abs() < 1e-14);
    }

}
