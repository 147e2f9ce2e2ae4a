//! Pairwise Binary Classifier Optimization: treat chosen completions as positives and rejected
//! ones as negatives of a logistic classifier whose logit is the scaled log-ratio.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::preference::{self, PrefLoss, PreferenceConfig, PreferenceLogps};

const ID: &str = "bco-pair";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "BCO Pairwise Loss",
    aliases: &["Pairwise BCO", "BCO Pair"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Binary Classifier Optimization for Large Language Model Alignment",
        authors: "Jung et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2404.04656",
    },
    summary: "Trains the implicit reward beta times the log-ratio as a binary classifier: -log sigma(beta s_w) for the chosen and -log sigma(-beta s_l) for the rejected completion. The BCO paper shows this cross-entropy bounds the DPO loss and targets unpaired thumbs-up/thumbs-down feedback, where it adds a reward shift (a running mean of rewards) and density-ratio matching; TRL v1.9's pairwise bco_pair has no shift. For genuinely unpaired data TRL recommends its dedicated BCO trainer.",
    formula: r"\ell = -\log\sigma(\beta s_w) - \log\sigma(-\beta s_l),\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("bco_pair"), range: Range::Any, meaning: "TRL DPOConfig loss_type: a name or a list of names containing bco_pair; with several names the loss is sum_k loss_weights[k] * mean of loss k, and every TRL option (f_divergence_type, label_smoothing, discopop_tau, ...) is accepted for the listed losses that use it" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
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
    equivalents: &["trl DPOTrainer(loss_type=\"bco_pair\")"],
    related: &["dpo", "kto", "nca-pair", "binary-cross-entropy"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: preference::PLOT_X_LABEL, from: -8.0, to: 4.0, at: |x| preference::plot_at(x, serde_json::json!({"beta": 1.0}), false) }),
    ..Entry::BLANK
};

/// TRL's `bco_pair` preference loss on summed completion log-probabilities (`PreferenceConfig::trl`
/// gives TRL's defaults with this loss type).
pub fn bco_pair(x: PreferenceLogps, cfg: &PreferenceConfig) -> Result<LossTensor, LossError> {
    preference::preference_loss(ID, x, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    preference::eval_preference(c, &[PrefLoss::BcoPair], &[])
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
        // -log sigmoid(0.5 * 1) - log sigmoid(-0.5 * (-0.5)).
        let ev = eval64(ID, None, &params(json!({"beta": 0.5})), &x);
        assert!((ev.loss.floats[0] - (-ls(0.5) - ls(0.25))).abs() < 1e-14);
    }

}
