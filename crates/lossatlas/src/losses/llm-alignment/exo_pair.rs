//! EXO for preference pairs: minimize the reverse KL between the policy's implied preference
//! distribution over the pair and a smoothed empirical preference distribution.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::preference::{self, PrefLoss, PreferenceConfig, PreferenceLogps};

const ID: &str = "exo-pair";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "EXO Pairwise Loss",
    aliases: &["EXO", "Efficient Exact Optimization", "EXO-pref"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Towards Efficient Exact Optimization of Language Model Alignment",
        authors: "Ji et al.",
        venue: "ICML 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2402.00856",
    },
    summary: "With K = 2 completions, the policy implies a preference distribution q = (sigma(beta Delta), sigma(-beta Delta)) over the pair; EXO minimizes KL(q || p) to the smoothed label distribution p = (1 - eps, eps). The paper argues this reverse-KL (mode-seeking) form matches the RLHF optimum exactly, while DPO corresponds to a forward KL that can be mass-covering. eps (label_smoothing) must be positive (TRL raises an error at 0; the paper suggests 1e-3); the loss is bounded and is not convex in the margin.",
    formula: r"\ell = \sigma(\beta\Delta)\big(\log \sigma(\beta\Delta) - \log(1 - \varepsilon)\big) + \sigma(-\beta\Delta)\big(\log \sigma(-\beta\Delta) - \log \varepsilon\big),\quad s_w = f\big(\log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)}\big),\ s_l = f\big(\log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\big),\ \Delta = s_w - s_l",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("exo_pair"), range: Range::Any, meaning: "TRL DPOConfig loss_type: a name or a list of names containing exo_pair; with several names the loss is sum_k loss_weights[k] * mean of loss k, and every TRL option (f_divergence_type, label_smoothing, discopop_tau, ...) is accepted for the listed losses that use it" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
        preference::PARAM_F_DIVERGENCE,
        preference::PARAM_F_ALPHA,
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "eps of the target distribution (1 - eps, eps); must be > 0 (TRL raises ValueError at 0; the EXO paper recommends 1e-3)" },
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
    equivalents: &["trl DPOTrainer(loss_type=\"exo_pair\")"],
    related: &["dpo", "nca-pair", "kl-divergence", "robust-dpo"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: preference::PLOT_X_LABEL, from: -8.0, to: 4.0, at: |x| preference::plot_at(x, serde_json::json!({"beta": 1.0, "label_smoothing": 0.001}), false) }),
    ..Entry::BLANK
};

/// TRL's `exo_pair` preference loss on summed completion log-probabilities (`PreferenceConfig::trl`
/// gives TRL's defaults with this loss type).
pub fn exo_pair(x: PreferenceLogps, cfg: &PreferenceConfig) -> Result<LossTensor, LossError> {
    preference::preference_loss(ID, x, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    preference::eval_preference(c, &[PrefLoss::ExoPair], &[])
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
        standard_checks(ID, None, json!({"beta": 0.5, "label_smoothing": 0.001}), false);
        standard_checks(ID, None, json!({"label_smoothing": 0.2}), false);
    }

    #[test]
    fn value_is_the_formula() {
        // Chosen log-ratio -1 - (-2) = 1, rejected -3 - (-2.5) = -0.5, Delta = 1.5, beta 0.5.
        let x = one_pair();
        // q = sigmoid(0.75): q (log q - log 0.9) + (1 - q) (log(1 - q) - log 0.1).
        let ev = eval64(ID, None, &params(json!({"beta": 0.5, "label_smoothing": 0.1})), &x);
        let q = sig(0.75);
        let want = q * (q.ln() - 0.9f64.ln()) + (1.0 - q) * ((1.0 - q).ln() - 0.1f64.ln());
        assert!((ev.loss.floats[0] - want).abs() < 1e-14);
    }

    #[test]
    fn bad_inputs() {
        // TRL: "Label smoothing must be greater than 0.0 when using 'exo_pair' loss".
        for eps in [json!(0.0), json!(-0.1), json!(1.0)] {
            assert_error(ID, None, &params(json!({"label_smoothing": eps})), &one_pair(), ErrorKind::Param);
        }
        assert_error(ID, None, &params(json!({})), &one_pair(), ErrorKind::Param);
    }
}
