//! CPO: a reference-free DPO-style preference loss plus a behaviour-cloning NLL term on the
//! chosen completions.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::cpo::{self, CpoLossType, CpoTerms};

const ID: &str = "cpo";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "CPO Loss",
    aliases: &["Contrastive Preference Optimization"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "Contrastive Preference Optimization",
        authors: "Xu et al.",
        venue: "ICML 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2401.08417",
    },
    summary: "Proposed for machine translation, where reference translations can be worse than model outputs: it drops DPO's reference model (approximating it by a uniform prior, so only the policy's log-probabilities appear) and adds a negative log-likelihood term on the preferred completions, weighted by cpo_alpha (1 in TRL), to keep the policy close to the preferred data. TRL's CPOTrainer also offers hinge, IPO and SimPO preference terms on the same reference-free margin and applies label smoothing to the sigmoid and simpo losses only. Memory and compute are halved compared with DPO, since no reference forward pass is needed.",
    formula: r"\mathcal{L} = \frac{1}{N}\sum_{i} \Big(-(1-\varepsilon)\log\sigma(\beta m_i) - \varepsilon\log\sigma(-\beta m_i)\Big) + \alpha\, \mathcal{L}_{\text{NLL}},\quad m_i = \log\pi_\theta(y_{w,i}\mid x_i) - \log\pi_\theta(y_{l,i}\mid x_i)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion (TRL: summed over tokens; averaged per token for loss_type ipo and simpo)" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion (same convention)" },
        Input { name: "policy_nll_loss", shape: "[]", meaning: "the SFT cross-entropy of the chosen completions (scalar), weighted by cpo_alpha" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "inverse temperature on the margin (TRL default 0.1)" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "label smoothing of the sigmoid (and simpo) loss" },
        Param { name: "loss_type", symbol: "", default: Value::Str("sigmoid"), range: Range::Choice { values: &["sigmoid", "hinge", "ipo", "simpo"] }, meaning: "preference term: sigmoid (the formula), hinge relu(1 - beta m), ipo (m - 1/(2 beta))^2, simpo (see the simpo entry)" },
        Param { name: "cpo_alpha", symbol: r"\alpha", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the NLL (behaviour cloning) term; 0 gives the pure preference loss" },
        Param { name: "simpo_gamma", symbol: r"\gamma", default: Value::Float(0.5), range: Range::REAL, meaning: "target margin of loss_type simpo (subtracted as gamma/beta from the margin)" },
        Param { name: "alpha", symbol: "", default: Value::Float(0.0), range: Range::REAL, meaning: "AlphaPO reward shape (see the alphapo entry); 0 = log-probability margin" },
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
    equivalents: &["trl CPOTrainer(loss_type=\"sigmoid\")", "trl CPOTrainer(loss_type=\"hinge\")", "trl CPOTrainer(loss_type=\"ipo\")"],
    related: &["dpo", "simpo", "orpo", "alphapo", "slic-hf", "ipo"],
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
pub fn cpo(policy_chosen_logps: Tensor<1>, policy_rejected_logps: Tensor<1>, policy_nll_loss: Tensor<1>, terms: &CpoTerms) -> Result<LossTensor, LossError> {
    cpo::cpo_loss(ID, policy_chosen_logps, policy_rejected_logps, policy_nll_loss, terms)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let terms = cpo::read_terms(c, "sigmoid", 0.1, 1.0)?;
    let (chosen, rejected, nll) = cpo::read_pair(c)?;
    cpo(chosen, rejected, nll, &terms)
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
        let xs = x(6, 21);
        for p in [
            json!({}),
            json!({"label_smoothing": 0.2, "beta": 0.5}),
            json!({"loss_type": "hinge", "beta": 0.3}),
            json!({"loss_type": "ipo", "beta": 0.2}),
            json!({"loss_type": "simpo", "beta": 2.0, "simpo_gamma": 1.0, "label_smoothing": 0.1}),
            json!({"alpha": 0.3, "beta": 2.0}),
        ] {
            assert_gradcheck(ID, None, &params(p), &xs);
        }
        // Hinge next to its kink: beta z = 1 -+ 1e-4.
        let near = inputs(vec![
            ("policy_chosen_logps", f(&[2], &[-1.0 + 1e-4, -1.0 - 1e-4])),
            ("policy_rejected_logps", f(&[2], &[-3.0, -3.0])),
            ("policy_nll_loss", f(&[], &[0.5])),
        ]);
        assert_gradcheck(ID, None, &params(json!({"loss_type": "hinge", "beta": 0.5})), &near);
    }

    #[test]
    fn value_is_the_formula() {
        // One pair, z = -1 - (-2) = 1, beta 0.1, cpo_alpha 1, nll 0.5:
        // sigmoid: -log sigma(0.1) + 0.5; hinge: relu(1 - 0.1) + 0.5; ipo: (1 - 5)^2 + 0.5.
        let xs = inputs(vec![("policy_chosen_logps", f(&[1], &[-1.0])), ("policy_rejected_logps", f(&[1], &[-2.0])), ("policy_nll_loss", f(&[], &[0.5]))]);
        let get = |p| eval64(ID, None, &params(p), &xs).loss.floats[0];
        let sig = (1.0 + (-0.1f64).exp()).ln() + 0.5;
        assert!((get(json!({})) - sig).abs() < 1e-14);
        assert!((get(json!({"loss_type": "hinge"})) - 1.4).abs() < 1e-14);
        assert!((get(json!({"loss_type": "ipo"})) - 16.5).abs() < 1e-12);
        // Label smoothing is ignored by hinge (TRL warns and ignores it).
        assert_eq!(get(json!({"loss_type": "hinge", "label_smoothing": 0.3})), get(json!({"loss_type": "hinge"})));
        // beta = 0 divides by zero in ipo / simpo (a ZeroDivisionError in TRL).
        assert_error(ID, None, &params(json!({"loss_type": "ipo", "beta": 0.0})), &xs, ErrorKind::Param);
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
