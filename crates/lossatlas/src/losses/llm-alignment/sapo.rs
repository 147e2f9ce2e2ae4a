//! SAPO: replace PPO/GRPO's hard ratio clipping by a smooth sigmoid gate whose temperature
//! depends on the sign of the advantage.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor};
use crate::numerics::policy::{self, Aggregation, PolicyConfig, PolicyInputs, Surrogate};

const ID: &str = "sapo";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "SAPO Loss",
    aliases: &["Soft Adaptive Policy Optimization"],
    kind: Kind::Loss,
    domains: &["llm-alignment", "reinforcement-learning"],
    year: 2025,
    paper: Paper {
        title: "Soft Adaptive Policy Optimization",
        authors: "Gao et al.",
        venue: "",
        year: 2025,
        url: "https://arxiv.org/abs/2511.20347",
    },
    summary: "Each token's importance ratio rho passes through the gate 4/tau * sigmoid(tau (rho - 1)), whose slope at rho = 1 is 1 (matching the unclipped surrogate) and which smoothly attenuates tokens far off-policy instead of cutting their gradient at a hard boundary. The temperature is sapo_temperature_pos for positive advantages and sapo_temperature_neg (slightly larger, so negative updates decay faster) otherwise. The paper (Qwen team) motivates it with the high ratio variance of mixture-of-experts models; TRL aggregates like grpo and supports sequence-level ratios.",
    formula: r"\ell_{i,t} = -\frac{4}{\tau_i}\,\sigma\big(\tau_i(\rho_{i,t} - 1)\big)\, A_i + \beta\big(e^{\delta_{i,t}} - \delta_{i,t} - 1\big),\quad \tau_i = \begin{cases} \tau_{\text{pos}} & A_i > 0 \\ \tau_{\text{neg}} & \text{otherwise} \end{cases},\quad \mathcal{L} = \frac{1}{B}\sum_i \frac{\sum_t m_{i,t}\ell_{i,t}}{\max(1, \sum_t m_{i,t})}",
    inputs: &[
        Input { name: "per_token_logps", shape: "[B, T]", meaning: "token log-probabilities of the sampled completions under the current policy (the only input TRL differentiates)" },
        Input { name: "old_per_token_logps", shape: "[B, T]", meaning: "log-probabilities under the sampling policy; absent means per_token_logps detached (ratio 1)" },
        Input { name: "ref_per_token_logps", shape: "[B, T]", meaning: "reference-model log-probabilities (needed only when beta != 0)" },
        Input { name: "advantages", shape: "[B]", meaning: "one advantage per completion, e.g. group-normalized rewards" },
        Input { name: "completion_mask", shape: "[B, T] (i64)", meaning: "1 for completion tokens, 0 for padding" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("sapo"), range: Range::Choice { values: &["sapo"] }, meaning: "TRL GRPOConfig loss_type (sapo for this entry)" },
        Param { name: "sapo_temperature_pos", symbol: r"\tau_{\text{pos}}", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "gate temperature for tokens with positive advantage (TRL default)" },
        Param { name: "sapo_temperature_neg", symbol: r"\tau_{\text{neg}}", default: Value::Float(1.05), range: Range::POSITIVE, meaning: "gate temperature for tokens with non-positive advantage (TRL default)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the per-token KL penalty exp(ref - logp) - (ref - logp) - 1 (TRL default 0: no reference model)" },
        Param { name: "importance_sampling_level", symbol: "", default: Value::Str("token"), range: Range::Choice { values: &["token", "sequence"] }, meaning: "token: one ratio per token; sequence (GSPO): exp of the masked mean log-ratio, one ratio per completion" },
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
    equivalents: &["trl GRPOTrainer(loss_type=\"sapo\")"],
    related: &["grpo", "cispo", "ppo-clip"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "log-ratio log pi - log pi_old of one token (advantage 1, log pi_old = -1)", from: -2.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("per_token_logps", HostTensor::from_f64(vec![1, 1], vec![x - 1.0])),
            ("old_per_token_logps", HostTensor::from_f64(vec![1, 1], vec![-1.0])),
            ("advantages", HostTensor::from_f64(vec![1], vec![1.0])),
            ("completion_mask", HostTensor::from_i64(vec![1, 1], vec![1])),
        ],
        wrt: "per_token_logps",
        index: 0,
    }
}

/// Options of TRL's sapo loss; `Default` equals TRL's `GRPOConfig` defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SapoConfig {
    pub sapo_temperature_pos: f64,
    pub sapo_temperature_neg: f64,
    pub beta: f64,
    pub sequence_level: bool,
}

impl Default for SapoConfig {
    fn default() -> Self {
        SapoConfig { sapo_temperature_pos: 1.0, sapo_temperature_neg: 1.05, beta: 0.0, sequence_level: false }
    }
}

/// SAPO (TRL `GRPOTrainer` loss_type sapo): soft-gated surrogate, optional KL penalty, grpo
/// aggregation (mean over completions of the masked token mean). Returns a scalar.
pub fn sapo(x: PolicyInputs, cfg: &SapoConfig) -> Result<LossTensor, LossError> {
    let tau_pos = numerics::positive_param(ID, "sapo_temperature_pos", cfg.sapo_temperature_pos)?;
    let tau_neg = numerics::positive_param(ID, "sapo_temperature_neg", cfg.sapo_temperature_neg)?;
    let pc = PolicyConfig { surrogate: Surrogate::Sapo { tau_pos, tau_neg }, aggregation: Aggregation::Grpo, beta: cfg.beta, sequence_level: cfg.sequence_level };
    policy::policy_loss(ID, x, &pc)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let loss_type = c.str("loss_type", "sapo")?;
    if loss_type != "sapo" {
        return Err(LossError::param(ID, "loss_type", "sapo (other loss types are the grpo and cispo entries)", format!("{loss_type:?}")));
    }
    let beta = policy::read_beta(c)?;
    let cfg = SapoConfig {
        sapo_temperature_pos: c.f64("sapo_temperature_pos", 1.0)?,
        sapo_temperature_neg: c.f64("sapo_temperature_neg", 1.05)?,
        beta,
        sequence_level: policy::read_sequence_level(c, "token")?,
    };
    sapo(policy::read_inputs(c, beta)?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn x(b: usize, t: usize, seed: u64, mask: Vec<i64>, with_ref: bool) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let logp = uniform(&[b, t], seed, -3.0, -0.1);
        let mut old = logp.clone();
        let noise = randn(&[b, t], seed + 1, 0.4);
        for (o, n) in old.floats.iter_mut().zip(&noise.floats) {
            *o += n;
        }
        let mut v = vec![("per_token_logps", logp), ("old_per_token_logps", old), ("advantages", randn(&[b], seed + 2, 1.0)), ("completion_mask", i(&[b, t], &mask))];
        if with_ref {
            v.push(("ref_per_token_logps", uniform(&[b, t], seed + 3, -3.0, -0.1)));
        }
        inputs(v)
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let mask = vec![1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0];
        let xs = x(3, 4, 13, mask, true);
        for p in [json!({}), json!({"beta": 0.05, "sapo_temperature_pos": 2.0, "sapo_temperature_neg": 3.0}), json!({"importance_sampling_level": "sequence"})] {
            assert_gradcheck(ID, None, &params(p), &xs);
        }
    }

    #[test]
    fn value_is_the_formula() {
        // Ratio 1: sigmoid(0) * 4 / tau = 2 / tau. Row 0: A = 1 (tau_pos = 1) -> -2;
        // row 1: A = -0.5 (tau_neg = 1.05) -> 2 / 1.05 * 0.5. grpo mean over the two rows.
        let xs = inputs(vec![
            ("per_token_logps", f(&[2, 2], &[-1.0, -2.0, -0.5, -0.1])),
            ("advantages", f(&[2], &[1.0, -0.5])),
            ("completion_mask", i(&[2, 2], &[1, 1, 1, 0])),
        ]);
        let ev = eval64(ID, None, &params(json!({})), &xs);
        let want = (-2.0 + 2.0 / 1.05 * 0.5) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-14, "{} vs {want}", ev.loss.floats[0]);
        // d/dlogp at ratio 1: -sigmoid'(0) * tau * 4 / tau * A = -A, over row length and B.
        let g = &ev.grads["per_token_logps"].floats;
        let want_g = [-0.25, -0.25, 0.25, 0.0];
        assert!(g.iter().zip(want_g).all(|(a, b)| (a - b).abs() < 1e-14), "{g:?}");
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let xs = inputs(vec![
            ("per_token_logps", f(&[2, 2], &[-1e4, -1e-12, -31.0, -1e2])),
            ("old_per_token_logps", f(&[2, 2], &[-1e-12, -40.0, -1.0, -1e-12])),
            ("advantages", f(&[2], &[1e2, -1e2])),
            ("completion_mask", i(&[2, 2], &[1, 1, 1, 0])),
        ]);
        assert_finite(ID, None, &params(json!({})), &xs);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let xs = x(2, 3, 5, vec![1, 1, 1, 1, 0, 0], false);
        let p = params(json!({}));
        let mut bad = xs.clone();
        bad.insert("advantages".into(), f(&[2, 1], &[1.0, 2.0]));
        assert_error(ID, None, &p, &bad, ErrorKind::Shape);
        let mut bad = xs.clone();
        bad.insert("completion_mask".into(), f(&[2, 3], &[1.0; 6]));
        assert_error(ID, None, &p, &bad, ErrorKind::DType);
        let mut bad = xs.clone();
        bad.insert("per_token_logps".into(), f(&[0, 3], &[]));
        assert_error(ID, None, &p, &bad, ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"beta": 0.1})), &xs, ErrorKind::Missing);
        assert_error(ID, None, &params(json!({"sapo_temperature_pos": 0.0})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"sapo_temperature_neg": -1.0})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"loss_type": "dapo"})), &xs, ErrorKind::Param);
    }
}

