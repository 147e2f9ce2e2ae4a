//! AlphaPO: reshape the implicit reward of reference-free preference optimization with a power
//! transform of the completion probability, controlled by alpha.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::cpo::{self, CpoLossType, CpoTerms};

const ID: &str = "alphapo";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "AlphaPO Loss",
    aliases: &["AlphaPO", "Alpha Preference Optimization"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2025,
    paper: Paper {
        title: "AlphaPO: Reward Shape Matters for LLM Alignment",
        authors: "Gupta et al.",
        venue: "ICML 2025",
        year: 2025,
        url: "https://arxiv.org/abs/2501.03884",
    },
    summary: "Replaces the log-probability reward of SimPO-style objectives by r = (1 - p^(-alpha)) / alpha with p = exp(logps), which tends to log p as alpha goes to 0; changing alpha changes how strongly gradients act on high- versus low-probability completions, and the paper uses it to control likelihood displacement (the fall of chosen-response probability) and over-optimization. The rewards then enter the selected preference loss: TRL implements it in CPOTrainer with a non-zero alpha, the margin r_w - r_l replacing the log-prob margin before the sigmoid or simpo loss and the cpo_alpha NLL term. With length-averaged log-probabilities (as for simpo) p is the per-token geometric mean probability.",
    formula: r"r(y) = \frac{1 - p(y)^{-\alpha}}{\alpha},\ p(y) = e^{\log\pi_\theta(y\mid x)},\quad \ell = -(1-\varepsilon)\log\sigma\big(\beta(r_w - r_l) - \gamma\big) - \varepsilon\log\sigma\big(-\beta(r_w - r_l) + \gamma\big),\quad \mathcal{L} = \operatorname{mean}(\ell) + \alpha_{\text{cpo}}\,\mathcal{L}_{\text{NLL}}",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion (TRL: summed over tokens; averaged per token for loss_type ipo and simpo)" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion (same convention)" },
        Input { name: "policy_nll_loss", shape: "[]", meaning: "the SFT cross-entropy of the chosen completions (scalar), weighted by cpo_alpha" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.0), range: Range::REAL, meaning: "reward shape; TRL's default 0 means plain log-prob rewards (no AlphaPO)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "reward scale (TRL default 0.1)" },
        Param { name: "loss_type", symbol: "", default: Value::Str("sigmoid"), range: Range::Choice { values: &["sigmoid", "hinge", "ipo", "simpo"] }, meaning: "preference loss applied to the reshaped margin; gamma is used only by simpo (gamma = 0 otherwise)" },
        Param { name: "simpo_gamma", symbol: r"\gamma", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "target margin of the simpo loss" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "label smoothing of the sigmoid / simpo loss" },
        Param { name: "cpo_alpha", symbol: r"\alpha_{\text{cpo}}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the NLL term (0 for reference-free AlphaPO without behaviour cloning)" },
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
    equivalents: &["trl CPOTrainer(alpha != 0)"],
    related: &["simpo", "cpo", "dpo"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "policy_chosen_logps - policy_rejected_logps of one pair (rejected at -1, TRL defaults)", from: -4.0, to: 4.0, at: cpo::plot_pair }),
    ..Entry::BLANK
};


/// TRL `CPOConfig` defaults for this entry.
pub fn default_terms() -> CpoTerms {
    CpoTerms { beta: 0.1, label_smoothing: 0.0, loss_type: CpoLossType::Sigmoid, simpo_gamma: 0.5, alpha: 0.0, cpo_alpha: 1.0 }
}

/// TRL `CPOTrainer` loss: `mean(per-pair term) + cpo_alpha * policy_nll_loss`; returns a scalar.
pub fn alphapo(policy_chosen_logps: Tensor<1>, policy_rejected_logps: Tensor<1>, policy_nll_loss: Tensor<1>, terms: &CpoTerms) -> Result<LossTensor, LossError> {
    cpo::cpo_loss(ID, policy_chosen_logps, policy_rejected_logps, policy_nll_loss, terms)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let terms = cpo::read_terms(c, "sigmoid", 0.1, 1.0)?;
    let (chosen, rejected, nll) = cpo::read_pair(c)?;
    alphapo(chosen, rejected, nll, &terms)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    use crate::numerics::cpo::pair_batch as x;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let xs = x(6, 25);
        for p in [json!({"alpha": 0.25, "beta": 2.0}), json!({"alpha": -0.5, "loss_type": "simpo", "beta": 2.5, "simpo_gamma": 0.3}), json!({"alpha": 1.0, "loss_type": "ipo"}), json!({"alpha": 0.5, "loss_type": "hinge"})] {
            assert_gradcheck(ID, None, &params(p), &xs);
        }
    }

    #[test]
    fn value_is_the_formula() {
        // alpha 1: r = 1 - 1/p. chosen p = e^-1, rejected p = e^-2: z = (1 - e) - (1 - e^2) = e^2 - e.
        // beta 0.1, sigmoid, cpo_alpha 0: log(1 + exp(-0.1 z)).
        let xs = inputs(vec![("policy_chosen_logps", f(&[1], &[-1.0])), ("policy_rejected_logps", f(&[1], &[-2.0])), ("policy_nll_loss", f(&[], &[0.5]))]);
        let v = eval64(ID, None, &params(json!({"alpha": 1.0, "cpo_alpha": 0.0})), &xs).loss.floats[0];
        let e = std::f64::consts::E;
        assert!((v - (1.0 + (-0.1 * (e * e - e)).exp()).ln()).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let xs = inputs(vec![
            ("policy_chosen_logps", f(&[3], &[-1e4, -1e-12, -1e2])),
            ("policy_rejected_logps", f(&[3], &[-1e-12, -1e4, -1e-12])),
            ("policy_nll_loss", f(&[], &[1e2])),
        ]);
        assert_finite(ID, None, &params(json!({"beta": 10.0})), &xs);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let xs = x(4, 5);
        let p = params(json!({}));
        let mut bad = xs.clone();
        bad.insert("policy_rejected_logps".into(), f(&[3], &[-1.0, -2.0, -3.0]));
        assert_error(ID, None, &p, &bad, ErrorKind::Shape);
        let mut bad = xs.clone();
        bad.insert("policy_nll_loss".into(), f(&[2], &[1.0, 2.0]));
        assert_error(ID, None, &p, &bad, ErrorKind::Shape);
        let mut bad = xs.clone();
        bad.insert("policy_chosen_logps".into(), i(&[4], &[0, 0, 0, 0]));
        assert_error(ID, None, &p, &bad, ErrorKind::DType);
        let empty = inputs(vec![("policy_chosen_logps", f(&[0], &[])), ("policy_rejected_logps", f(&[0], &[])), ("policy_nll_loss", f(&[], &[0.0]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"beta": "nan"})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"label_smoothing": 1.5})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"cpo_alpha": -1.0})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"loss_type": "kto"})), &xs, ErrorKind::Param);
    }
}
