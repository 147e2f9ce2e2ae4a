//! NCA for preference pairs: a noise-contrastive alignment loss that raises the chosen
//! completion's reward in absolute terms and lowers both rewards' logistic scores.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::preference::{self, PrefLoss, PreferenceConfig, PreferenceLogps};

const ID: &str = "nca-pair";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "NCA Pairwise Loss",
    aliases: &["NCA Alignment", "Noise Contrastive Alignment"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Noise Contrastive Alignment of Language Models with Explicit Rewards",
        authors: "Chen et al.",
        venue: "NeurIPS 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2402.05369",
    },
    summary: "Derived from noise-contrastive estimation rather than from a pairwise likelihood: for a preference pair it maximizes log sigma(beta s_w) and, with weight 1/2 each, log sigma(-beta s) for both completions. Because the chosen reward is optimized on an absolute scale and not only relative to the rejected one, the chosen likelihood tends not to fall during training, a known DPO failure mode. The paper's InfoNCA variant with K = 2 reduces to DPO; this NCA form does not.",
    formula: r"\ell = -\log\sigma(\beta s_w) - \tfrac{1}{2}\log\sigma(-\beta s_w) - \tfrac{1}{2}\log\sigma(-\beta s_l),\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("nca_pair"), range: Range::Any, meaning: "TRL DPOConfig loss_type: a name or a list of names containing nca_pair; with several names the loss is sum_k loss_weights[k] * mean of loss k, and every TRL option (f_divergence_type, label_smoothing, discopop_tau, ...) is accepted for the listed losses that use it" },
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
    equivalents: &["trl DPOTrainer(loss_type=\"nca_pair\")"],
    related: &["dpo", "exo-pair", "bco-pair", "infonce"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: preference::PLOT_X_LABEL, from: -8.0, to: 4.0, at: |x| preference::plot_at(x, serde_json::json!({"beta": 1.0}), false) }),
    ..Entry::BLANK
};

/// TRL's `nca_pair` preference loss on summed completion log-probabilities (`PreferenceConfig::trl`
/// gives TRL's defaults with this loss type).
pub fn nca_pair(x: PreferenceLogps, cfg: &PreferenceConfig) -> Result<LossTensor, LossError> {
    preference::preference_loss(ID, x, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    preference::eval_preference(c, &[PrefLoss::NcaPair], &[])
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
        // Chosen reward 0.5, rejected -0.25: -log sigmoid(0.5) - log sigmoid(-0.5)/2 - log sigmoid(0.25)/2.
        let ev = eval64(ID, None, &params(json!({"beta": 0.5})), &x);
        assert!((ev.loss.floats[0] - (-ls(0.5) - 0.5 * ls(-0.5) - 0.5 * ls(0.25))).abs() < 1e-14);
    }

}
