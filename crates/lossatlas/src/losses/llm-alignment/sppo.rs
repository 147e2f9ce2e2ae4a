//! SPPO with hard labels: squared regression of the chosen and rejected log-ratios onto +1/(2 beta)
//! and -1/(2 beta).

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::preference::{self, PrefLoss, PreferenceConfig, PreferenceLogps};

const ID: &str = "sppo";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "SPPO Loss",
    aliases: &["Self-Play Preference Optimization", "SPPO Hard"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Self-Play Preference Optimization for Language Model Alignment",
        authors: "Wu et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2405.00675",
    },
    summary: "SPPO approximates the Nash equilibrium of a two-player preference game by iterated self-play: each round samples completions from the current policy, estimates win probabilities P(y beats the others) with a preference model (PairRM in the paper), and regresses each log-ratio onto beta-scaled (P - 1/2). TRL's sppo_hard, followed by this entry's cases, uses hard probabilities, 1 for the winner and 0 for the loser, so the targets are +1/(2 beta) and -1/(2 beta). Unlike DPO the chosen and rejected terms are separate squared errors on absolute scores.",
    formula: r"\ell = \Big(s_w - \frac{1}{2\beta}\Big)^2 + \Big(s_l + \frac{1}{2\beta}\Big)^2,\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("sppo_hard"), range: Range::Any, meaning: "TRL DPOConfig loss_type: a name or a list of names containing sppo_hard; with several names the loss is sum_k loss_weights[k] * mean of loss k, and every TRL option (f_divergence_type, label_smoothing, discopop_tau, ...) is accepted for the listed losses that use it" },
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
    equivalents: &["trl DPOTrainer(loss_type=\"sppo_hard\")"],
    related: &["dpo", "ipo", "kto"],
    forms: &[
        Form { name: "sppo-hard", description: "TRL loss_type sppo_hard: hard win probabilities (1 for the chosen, 0 for the rejected completion)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: preference::PLOT_X_LABEL, from: -8.0, to: 4.0, at: |x| preference::plot_at(x, serde_json::json!({"beta": 1.0}), false) }),
    ..Entry::BLANK
};

/// TRL's `sppo_hard` preference loss on summed completion log-probabilities (`PreferenceConfig::trl`
/// gives TRL's defaults with this loss type).
pub fn sppo_hard(x: PreferenceLogps, cfg: &PreferenceConfig) -> Result<LossTensor, LossError> {
    preference::preference_loss(ID, x, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    preference::eval_preference(c, &[PrefLoss::SppoHard], &[("sppo-hard", PrefLoss::SppoHard)])
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
        standard_checks(ID, Some("sppo-hard"), json!({}), false);
    }

    #[test]
    fn value_is_the_formula() {
        // Chosen log-ratio -1 - (-2) = 1, rejected -3 - (-2.5) = -0.5, Delta = 1.5, beta 0.5.
        let x = one_pair();
        // 0.5 / beta = 1: (1 - 1)^2 + (-0.5 + 1)^2 = 0.25.
        let ev = eval64(ID, Some("sppo-hard"), &params(json!({"beta": 0.5})), &x);
        assert!((ev.loss.floats[0] - 0.25).abs() < 1e-14);
    }

}
