//! AOT for unpaired data: make the batch distribution of chosen log-ratios dominate that of
//! rejected log-ratios, via sorted (optimal-transport) matching.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::preference::{self, PrefLoss, PreferenceConfig, PreferenceLogps};

const ID: &str = "aot-pair";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "AOT Loss (unpaired)",
    aliases: &["AOT Unpaired", "aot_unpaired"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Distributional Preference Alignment of LLMs via Optimal Transport",
        authors: "Melnyk et al.",
        venue: "NeurIPS 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2406.05882",
    },
    summary: "Alignment via Optimal Transport makes the distribution of chosen rewards first-order stochastically dominate the distribution of rejected rewards. In one dimension the optimal transport plan between two empirical distributions matches sorted samples, so the loss sorts quantities over the batch and applies a label-smoothed logistic loss to the differences of sorted values; larger batches approximate the distributions better. The unpaired variant sorts the chosen and rejected policy/reference log-ratios separately, so chosen and rejected completions need not come from the same prompt. TRL calls it aot_unpaired (aot_pair before v1.0); it uses the raw log-ratios, so f_divergence_type does not affect it, and it is non-smooth at ties of the sort.",
    formula: r"\ell_k = -(1-\varepsilon)\log\sigma(\beta d_k) - \varepsilon\log\sigma(-\beta d_k),\quad d = \operatorname{sort}(r_w) - \operatorname{sort}(r_l),\quad r_w = \log\tfrac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)},\ r_l = \log\tfrac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion, summed over its tokens" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion, summed over its tokens" },
        Input { name: "reference_chosen_logps", shape: "[N]", meaning: "reference-model log-probability of the chosen completions (TRL computes it without gradient)" },
        Input { name: "reference_rejected_logps", shape: "[N]", meaning: "reference-model log-probability of the rejected completions" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("aot_unpaired"), range: Range::Any, meaning: "TRL DPOConfig loss_type: a name or a list of names containing aot_unpaired; with several names the loss is sum_k loss_weights[k] * mean of loss k, and every TRL option (f_divergence_type, label_smoothing, discopop_tau, ...) is accepted for the listed losses that use it" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the log-ratios (TRL default 0.1)" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "smoothing of the logistic loss on the sorted differences" },
        preference::PARAM_LOSS_WEIGHTS,
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl DPOTrainer(loss_type=\"aot_unpaired\")"],
    related: &["aot", "dpo", "kto"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: preference::PLOT_X_LABEL, from: -8.0, to: 4.0, at: |x| preference::plot_at(x, serde_json::json!({"beta": 1.0}), false) }),
    ..Entry::BLANK
};

/// TRL's `aot_unpaired` preference loss on summed completion log-probabilities (`PreferenceConfig::trl`
/// gives TRL's defaults with this loss type).
pub fn aot_unpaired(x: PreferenceLogps, cfg: &PreferenceConfig) -> Result<LossTensor, LossError> {
    preference::preference_loss(ID, x, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    preference::eval_preference(c, &[PrefLoss::AotUnpaired], &[])
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
        standard_checks(ID, None, json!({"beta": 0.5, "label_smoothing": 0.2}), false);
        standard_checks(ID, None, json!({}), false);
    }

    #[test]
    fn value_is_the_formula() {
        let x = two_pairs();
        // Chosen log-ratios (1, -2) sorted (-2, 1); rejected (-0.5, -1) sorted (-1, -0.5);
        // d = (-1, 1.5); mean of -(0.8) log sigmoid(0.5 d) - 0.2 log sigmoid(-0.5 d).
        let ev = eval64(ID, None, &params(json!({"beta": 0.5, "label_smoothing": 0.2})), &x);
        let l = |d: f64| -0.8 * ls(0.5 * d) - 0.2 * ls(-0.5 * d);
        assert!((ev.loss.floats[0] - 0.5 * (l(-1.0) + l(1.5))).abs() < 1e-14);
    }

    #[test]
    fn bad_inputs() {
        // TRL v1.9 knows this loss only as aot_unpaired.
        assert_error(ID, None, &params(json!({"loss_type": ["aot_pair"]})), &one_pair(), ErrorKind::Param);
    }
}
