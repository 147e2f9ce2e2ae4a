//! ORPO: supervised fine-tuning plus a log odds-ratio penalty that favours chosen over rejected
//! completions, in one stage and without a reference model.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "orpo";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "ORPO Loss",
    aliases: &["Odds Ratio Preference Optimization"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "ORPO: Monolithic Preference Optimization without Reference Model",
        authors: "Hong et al.",
        venue: "EMNLP 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2403.07691",
    },
    summary: "Adds to the NLL of the chosen completion a term -beta log sigma(log odds(y_w) - log odds(y_l)), where odds(y) = P(y) / (1 - P(y)) uses the length-averaged token log-probability; this penalizes the rejected style while SFT proceeds, so no separate reference model or alignment stage is needed. TRL computes log(1 - P) stably as log1p(-exp(x)) for x < -ln 2 and log(-expm1(x)) otherwise, and casts log-probs to float32. Because it uses average log-probabilities, the odds ratio is insensitive to length; beta (lambda in the paper, 0.1 by default in TRL) balances the two terms.",
    formula: r"\mathcal{L} = \mathcal{L}_{\text{NLL}} - \frac{1}{N}\sum_{i} \beta \log\sigma\Big(\log\frac{\operatorname{odds}(y_w)}{\operatorname{odds}(y_l)}\Big),\quad \log\operatorname{odds}(y) = \bar\ell(y) - \log\big(1 - e^{\bar\ell(y)}\big)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N]", meaning: "AVERAGE per-token log-probability of each chosen completion (must be < 0)" },
        Input { name: "policy_rejected_logps", shape: "[N]", meaning: "average per-token log-probability of each rejected completion" },
        Input { name: "policy_nll_loss", shape: "[]", meaning: "the SFT cross-entropy of the chosen completions (scalar)" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "weight of the odds-ratio term (lambda in the paper; TRL default 0.1)" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl ORPOTrainer"],
    related: &["dpo", "cpo", "simpo", "next-token-prediction"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "average log-probability of the chosen completion (rejected at -1, beta 0.1)", from: -4.0, to: -0.05, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("policy_chosen_logps", HostTensor::from_f64(vec![1], vec![x])),
            ("policy_rejected_logps", HostTensor::from_f64(vec![1], vec![-1.0])),
            ("policy_nll_loss", HostTensor::from_f64(vec![], vec![0.0])),
        ],
        wrt: "policy_chosen_logps",
        index: 0,
    }
}

/// Options of TRL's ORPO loss; `Default` equals TRL's `ORPOConfig` default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OrpoConfig {
    /// Weight of the odds-ratio term (lambda in the paper).
    pub beta: f64,
}

impl Default for OrpoConfig {
    fn default() -> Self {
        OrpoConfig { beta: 0.1 }
    }
}

/// `log(1 - exp(x))` for `x < 0` (TRL writes `log1p(-exp(x))`).
fn log1mexp(x: Tensor<1>) -> Tensor<1> {
    x.exp().neg().log1p()
}

/// TRL `ORPOTrainer`: `policy_nll_loss - mean(beta * log sigmoid(log odds ratio))`, from the
/// AVERAGE per-token log-probabilities of chosen and rejected completions. Returns a scalar.
pub fn orpo(policy_chosen_logps: Tensor<1>, policy_rejected_logps: Tensor<1>, policy_nll_loss: Tensor<1>, cfg: &OrpoConfig) -> Result<LossTensor, LossError> {
    numerics::finite_param(ID, "beta", cfg.beta)?;
    numerics::non_empty(ID, "policy_chosen_logps", &policy_chosen_logps.dims())?;
    numerics::same_shape(ID, "policy_rejected_logps", &policy_rejected_logps.dims(), "policy_chosen_logps", &policy_chosen_logps.dims())?;
    let (c, r) = (policy_chosen_logps, policy_rejected_logps);
    let log_odds = (c.clone() - r.clone()) - (log1mexp(c) - log1mexp(r));
    let ratio = numerics::log_sigmoid(log_odds).mul_scalar(cfg.beta);
    Ok(LossTensor::scalar(policy_nll_loss - ratio.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let cfg = OrpoConfig { beta: c.f64("beta", 0.1)? };
    let chosen = numerics::inputs::float_input::<1>(c, "policy_chosen_logps", "[N]")?;
    numerics::same_shape(ID, "policy_rejected_logps", c.shape("policy_rejected_logps")?, "policy_chosen_logps", &chosen.dims())?;
    let rejected = numerics::inputs::float_input::<1>(c, "policy_rejected_logps", "[N]")?;
    numerics::inputs::check_float(c, "policy_nll_loss")?;
    let nll = numerics::inputs::scalar_input(c, "policy_nll_loss")?;
    orpo(chosen, rejected, nll, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn x(n: usize, seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![
            ("policy_chosen_logps", uniform(&[n], seed, -3.0, -0.05)),
            ("policy_rejected_logps", uniform(&[n], seed + 1, -3.0, -0.05)),
            ("policy_nll_loss", f(&[], &[1.1])),
        ])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let xs = x(5, 41);
        assert_gradcheck(ID, None, &params(json!({})), &xs);
        assert_gradcheck(ID, None, &params(json!({"beta": 1.0})), &xs);
        // Equal log-probabilities: log odds ratio 0.
        let tie = inputs(vec![("policy_chosen_logps", f(&[1], &[-0.7])), ("policy_rejected_logps", f(&[1], &[-0.7])), ("policy_nll_loss", f(&[], &[0.0]))]);
        assert_gradcheck(ID, None, &params(json!({"beta": 0.5})), &tie);
    }

    #[test]
    fn value_is_the_formula() {
        // p_w = 1/2, p_l = 1/4: odds 1 and 1/3, log odds ratio ln 3; beta 1, nll 0.25:
        // 0.25 - log sigma(ln 3) = 0.25 - ln(3/4).
        let xs = inputs(vec![("policy_chosen_logps", f(&[1], &[0.5f64.ln()])), ("policy_rejected_logps", f(&[1], &[0.25f64.ln()])), ("policy_nll_loss", f(&[], &[0.25]))]);
        let ev = eval64(ID, None, &params(json!({"beta": 1.0})), &xs);
        assert!((ev.loss.floats[0] - (0.25 - 0.75f64.ln())).abs() < 1e-14, "{:?}", ev.loss.floats);
        assert_eq!(ev.grads["policy_nll_loss"].floats, vec![1.0]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let xs = inputs(vec![("policy_chosen_logps", f(&[3], &[-1e4, -1e-12, -1e2])), ("policy_rejected_logps", f(&[3], &[-1e-12, -1e4, -1e-6])), ("policy_nll_loss", f(&[], &[1e2]))]);
        assert_finite(ID, None, &params(json!({})), &xs);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let xs = x(4, 3);
        let p = params(json!({}));
        let mut bad = xs.clone();
        bad.insert("policy_rejected_logps".into(), f(&[2], &[-1.0, -2.0]));
        assert_error(ID, None, &p, &bad, ErrorKind::Shape);
        let mut bad = xs.clone();
        bad.insert("policy_nll_loss".into(), f(&[2], &[1.0, 1.0]));
        assert_error(ID, None, &p, &bad, ErrorKind::Shape);
        let mut bad = xs.clone();
        bad.insert("policy_chosen_logps".into(), i(&[4], &[0; 4]));
        assert_error(ID, None, &p, &bad, ErrorKind::DType);
        let empty = inputs(vec![("policy_chosen_logps", f(&[0], &[])), ("policy_rejected_logps", f(&[0], &[])), ("policy_nll_loss", f(&[], &[0.0]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"beta": "inf"})), &xs, ErrorKind::Param);
    }
}
