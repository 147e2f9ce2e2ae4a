//! SimPO: a reference-free preference loss on length-normalized log-probabilities with a target
//! reward margin gamma.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::cpo::{self, CpoLossType, CpoTerms};

const ID: &str = "simpo";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "SimPO Loss",
    aliases: &["Simple Preference Optimization", "CPO-SimPO"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "SimPO: Simple Preference Optimization with a Reference-Free Reward",
        authors: "Meng et al.",
        venue: "NeurIPS 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2405.14734",
    },
    summary: "Uses the average per-token log-probability, scaled by beta, as the implicit reward, which matches the quantity that guides generation and removes the reference model, and asks the chosen reward to exceed the rejected one by a margin gamma inside a logistic loss. Length normalization curbs DPO's drift towards longer answers. The paper uses large beta (2 to 2.5) with gamma/beta around 0.5; TRL implements it in CPOTrainer as loss_type simpo with simpo_gamma = gamma, label smoothing, and the CPO NLL term weighted by cpo_alpha, which must be 0 for SimPO proper (TRL's default 1 gives CPO-SimPO).",
    formula: r"\ell = -(1-\varepsilon)\log\sigma\Big(\beta(\bar\ell_w - \bar\ell_l) - \gamma\Big) - \varepsilon\log\sigma\Big(-\beta(\bar\ell_w - \bar\ell_l) + \gamma\Big),\quad \bar\ell = \tfrac{1}{\lvert y\rvert}\log\pi_\theta(y\mid x),\quad \mathcal{L} = \operatorname{mean}(\ell) + \alpha\,\mathcal{L}_{\text{NLL}}",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "policy log-probability of each chosen completion (TRL: summed over tokens; averaged per token for loss_type ipo and simpo)" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "policy log-probability of each rejected completion (same convention)" },
        Input { name: "policy_nll_loss", shape: "[]", meaning: "the SFT cross-entropy of the chosen completions (scalar), weighted by cpo_alpha" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "reward scale (TRL default 0.1; the paper uses 2.0 to 2.5)" },
        Param { name: "simpo_gamma", symbol: r"\gamma", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "target reward margin (TRL subtracts gamma/beta from the log-prob margin before scaling by beta)" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "label smoothing of the logistic loss" },
        Param { name: "loss_type", symbol: "", default: Value::Str("simpo"), range: Range::Choice { values: &["simpo"] }, meaning: "TRL CPOConfig loss_type (simpo for this entry)" },
        Param { name: "cpo_alpha", symbol: r"\alpha", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the NLL term (TRL default 1 = CPO-SimPO; SimPO proper uses 0)" },
        Param { name: "alpha", symbol: "", default: Value::Float(0.0), range: Range::REAL, meaning: "AlphaPO reward shape (see the alphapo entry); 0 = SimPO" },
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
    equivalents: &["trl CPOTrainer(loss_type=\"simpo\")"],
    related: &["dpo", "cpo", "alphapo", "orpo"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "policy_chosen_logps - policy_rejected_logps of one pair (rejected at -1, TRL defaults)", from: -4.0, to: 4.0, at: cpo::plot_pair }),
    ..Entry::BLANK
};


/// TRL `CPOConfig` defaults for this entry.
pub fn default_terms() -> CpoTerms {
    CpoTerms { beta: 0.1, label_smoothing: 0.0, loss_type: CpoLossType::Simpo, simpo_gamma: 0.5, alpha: 0.0, cpo_alpha: 1.0 }
}

/// TRL `CPOTrainer` loss: `mean(per-pair term) + cpo_alpha * policy_nll_loss`; returns a scalar.
pub fn simpo(policy_chosen_logps: Tensor<1>, policy_rejected_logps: Tensor<1>, policy_nll_loss: Tensor<1>, terms: &CpoTerms) -> Result<LossTensor, LossError> {
    cpo::cpo_loss(ID, policy_chosen_logps, policy_rejected_logps, policy_nll_loss, terms)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let terms = cpo::read_terms(c, "simpo", 0.1, 1.0)?;
    let loss_type = terms.loss_type;
    if loss_type != CpoLossType::Simpo {
        return Err(LossError::param(ID, "loss_type", "simpo (other loss types are the cpo entry)", format!("{loss_type:?}")));
    }
    let (chosen, rejected, nll) = cpo::read_pair(c)?;
    simpo(chosen, rejected, nll, &terms)
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
        let xs = x(6, 23);
        for p in [json!({}), json!({"label_smoothing": 0.2, "beta": 2.5, "simpo_gamma": 1.4, "cpo_alpha": 0.0}), json!({"alpha": -0.4, "beta": 2.0})] {
            assert_gradcheck(ID, None, &params(p), &xs);
        }
    }

    #[test]
    fn value_is_the_formula() {
        // z = 1, beta 2, gamma 0.5: -log sigma(2 * (1 - 0.25)) = log(1 + e^-1.5); cpo_alpha 0.
        let xs = inputs(vec![("policy_chosen_logps", f(&[1], &[-1.0])), ("policy_rejected_logps", f(&[1], &[-2.0])), ("policy_nll_loss", f(&[], &[0.5]))]);
        let v = eval64(ID, None, &params(json!({"beta": 2.0, "cpo_alpha": 0.0})), &xs).loss.floats[0];
        assert!((v - (1.0 + (-1.5f64).exp()).ln()).abs() < 1e-14);
        assert_error(ID, None, &params(json!({"loss_type": "sigmoid"})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"beta": 0.0})), &xs, ErrorKind::Param);
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
