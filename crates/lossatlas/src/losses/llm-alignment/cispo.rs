//! CISPO: a policy-gradient loss that clips the (detached) importance-sampling weight instead of
//! the update, so every token keeps contributing a gradient.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor};
use crate::numerics::policy::{self, Aggregation, PolicyConfig, PolicyInputs, Surrogate};

const ID: &str = "cispo";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "CISPO Loss",
    aliases: &["Clipped IS-weight Policy Optimization"],
    kind: Kind::Loss,
    domains: &["llm-alignment", "reinforcement-learning"],
    year: 2025,
    paper: Paper {
        title: "MiniMax-M1: Scaling Test-Time Compute Efficiently with Lightning Attention",
        authors: "MiniMax",
        venue: "",
        year: 2025,
        url: "https://arxiv.org/abs/2506.13585",
    },
    summary: "Introduced for MiniMax-M1's reinforcement learning: PPO/GRPO clipping zeroes the gradient of tokens whose ratio leaves the trust region, and these were often rare but important reasoning tokens. CISPO instead multiplies the REINFORCE-style term A log pi by the importance ratio clipped from above and detached (stop-gradient), so all tokens keep a bounded gradient. TRL aggregates like dapo (masked sum over the global completion-token count) and uses epsilon_high as the absolute cap on the ratio (ScaleRL recommends 5.0); the lower bound epsilon is unused.",
    formula: r"\ell_{i,t} = -\operatorname{sg}\big(\min(\rho_{i,t},\ \epsilon_{\text{high}})\big)\, A_i \log\pi_\theta(o_{i,t}) + \beta\big(e^{\delta_{i,t}} - \delta_{i,t} - 1\big),\quad \mathcal{L} = \frac{\sum_{i,t} m_{i,t}\ell_{i,t}}{N_{\text{items}}}",
    inputs: &[
        Input { name: "per_token_logps", shape: "[B, T]", meaning: "token log-probabilities of the sampled completions under the current policy (the only input TRL differentiates)" },
        Input { name: "old_per_token_logps", shape: "[B, T]", meaning: "log-probabilities under the sampling policy; absent means per_token_logps detached (ratio 1)" },
        Input { name: "ref_per_token_logps", shape: "[B, T]", meaning: "reference-model log-probabilities (needed only when beta != 0)" },
        Input { name: "advantages", shape: "[B]", meaning: "one advantage per completion, e.g. group-normalized rewards" },
        Input { name: "completion_mask", shape: "[B, T] (i64)", meaning: "1 for completion tokens, 0 for padding" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("cispo"), range: Range::Choice { values: &["cispo"] }, meaning: "TRL GRPOConfig loss_type (cispo for this entry)" },
        Param { name: "epsilon_high", symbol: r"\epsilon_{\text{high}}", default: Value::Null, range: Range::POSITIVE, meaning: "cap on the importance ratio (None = epsilon, as in TRL; ScaleRL recommends 5.0)" },
        Param { name: "epsilon", symbol: r"\epsilon", default: Value::Float(0.2), range: Range::NON_NEGATIVE, meaning: "accepted for TRL compatibility; cispo uses only the upper cap" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the per-token KL penalty exp(ref - logp) - (ref - logp) - 1 (TRL default 0: no reference model)" },
        Param { name: "importance_sampling_level", symbol: "", default: Value::Str("token"), range: Range::Choice { values: &["token", "sequence"] }, meaning: "token: one ratio per token; sequence (GSPO): exp of the masked mean log-ratio, one ratio per completion" },
        Param { name: "num_items_in_batch", symbol: r"N_{\text{items}}", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "global number of completion tokens (None = tokens in this batch)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl GRPOTrainer(loss_type=\"cispo\")"],
    related: &["grpo", "sapo", "reinforce", "ppo-clip"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "log-ratio log pi - log pi_old of one token (advantage 1, log pi_old = -1)", from: -1.0, to: 1.0, at: plot_at }),
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

/// Options of TRL's cispo loss; `Default` equals TRL's `GRPOConfig` defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CispoConfig {
    /// Lower clip range: unused by cispo, the default of `epsilon_high`.
    pub epsilon: f64,
    /// Cap on the importance ratio; `None` = `epsilon`.
    pub epsilon_high: Option<f64>,
    pub beta: f64,
    pub sequence_level: bool,
    /// Denominator of the masked sum; `None` = completion tokens of this batch.
    pub num_items_in_batch: Option<f64>,
}

impl Default for CispoConfig {
    fn default() -> Self {
        CispoConfig { epsilon: 0.2, epsilon_high: None, beta: 0.0, sequence_level: false, num_items_in_batch: None }
    }
}

/// CISPO (TRL `GRPOTrainer` loss_type cispo): `-sg(min(r, epsilon_high)) A log pi` per token,
/// optional KL penalty, masked sum over `num_items_in_batch`. Returns a scalar.
pub fn cispo(x: PolicyInputs, cfg: &CispoConfig) -> Result<LossTensor, LossError> {
    let epsilon = numerics::non_negative_param(ID, "epsilon", cfg.epsilon)?;
    let epsilon_high = numerics::non_negative_param(ID, "epsilon_high", cfg.epsilon_high.unwrap_or(epsilon))?;
    if let Some(n) = cfg.num_items_in_batch {
        numerics::positive_param(ID, "num_items_in_batch", n)?;
    }
    let pc = PolicyConfig {
        surrogate: Surrogate::Cispo { epsilon_high },
        aggregation: Aggregation::Dapo { num_items_in_batch: cfg.num_items_in_batch },
        beta: cfg.beta,
        sequence_level: cfg.sequence_level,
    };
    policy::policy_loss(ID, x, &pc)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let loss_type = c.str("loss_type", "cispo")?;
    if loss_type != "cispo" {
        return Err(LossError::param(ID, "loss_type", "cispo (other loss types are the grpo and sapo entries)", format!("{loss_type:?}")));
    }
    let beta = policy::read_beta(c)?;
    let cfg = CispoConfig {
        epsilon: c.f64("epsilon", 0.2)?,
        epsilon_high: c.f64_opt("epsilon_high")?,
        beta,
        sequence_level: policy::read_sequence_level(c, "token")?,
        num_items_in_batch: policy::read_num_items(c)?,
    };
    cispo(policy::read_inputs(c, beta)?, &cfg)
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
        // The detached ratio makes autodiff differ from finite differences in
        // old_per_token_logps (and in per_token_logps through the ratio): check only the inputs
        // whose autodiff gradient is the derivative of the value.
        let mask = vec![1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0];
        let xs = x(3, 4, 11, mask, true);
        for p in [json!({"epsilon_high": 1.1, "beta": 0.05}), json!({"epsilon_high": 5.0, "importance_sampling_level": "sequence"})] {
            assert_gradcheck_only(ID, None, &params(p), &xs, Some(&["advantages", "ref_per_token_logps"]));
        }
        // Without old log-probabilities the ratio is 1 and per_token_logps' gradient is exact.
        let mut fresh = xs.clone();
        fresh.remove("old_per_token_logps");
        assert_gradcheck(ID, None, &params(json!({"epsilon_high": 2.0, "beta": 0.1})), &fresh);
    }

    #[test]
    fn value_is_the_formula() {
        // Ratios e^0.5 = 1.6487 (capped at 1.2) and e^-0.5 = 0.6065; A = 2; num_items 4:
        // -(1.2 * 2 * -1 + 0.6065 * 2 * -2) / 4.
        let xs = inputs(vec![
            ("per_token_logps", f(&[1, 2], &[-1.0, -2.0])),
            ("old_per_token_logps", f(&[1, 2], &[-1.5, -1.5])),
            ("advantages", f(&[1], &[2.0])),
            ("completion_mask", i(&[1, 2], &[1, 1])),
        ]);
        let ev = eval64(ID, None, &params(json!({"epsilon_high": 1.2, "num_items_in_batch": 4})), &xs);
        let r2 = (-0.5f64).exp();
        let want = -(1.2 * 2.0 * -1.0 + r2 * 2.0 * -2.0) / 4.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-14, "{} vs {want}", ev.loss.floats[0]);
        // Gradient: the detached weight times -A / N_items; none to old_per_token_logps.
        let g = &ev.grads["per_token_logps"].floats;
        assert!((g[0] + 1.2 * 2.0 / 4.0).abs() < 1e-14 && (g[1] + r2 * 2.0 / 4.0).abs() < 1e-14, "{g:?}");
        assert_eq!(ev.grads["old_per_token_logps"].floats, vec![0.0, 0.0]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let xs = inputs(vec![
            ("per_token_logps", f(&[2, 2], &[-1e4, -1e-12, -31.0, -1e2])),
            ("old_per_token_logps", f(&[2, 2], &[-1e-12, -1e4, -1.0, -1e-12])),
            ("advantages", f(&[2], &[1e2, -1e2])),
            ("completion_mask", i(&[2, 2], &[1, 1, 1, 0])),
        ]);
        assert_finite(ID, None, &params(json!({"epsilon_high": 5.0})), &xs);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let xs = x(2, 3, 5, vec![1, 1, 1, 1, 0, 0], false);
        let p = params(json!({}));
        let mut bad = xs.clone();
        bad.insert("advantages".into(), f(&[3], &[1.0, 2.0, 3.0]));
        assert_error(ID, None, &p, &bad, ErrorKind::Shape);
        let mut bad = xs.clone();
        bad.insert("completion_mask".into(), i(&[2, 2], &[1, 1, 1, 1]));
        assert_error(ID, None, &p, &bad, ErrorKind::Shape);
        let mut bad = xs.clone();
        bad.insert("per_token_logps".into(), i(&[2, 3], &[0; 6]));
        assert_error(ID, None, &p, &bad, ErrorKind::DType);
        let mut bad = xs.clone();
        bad.insert("per_token_logps".into(), f(&[2, 0], &[]));
        assert_error(ID, None, &p, &bad, ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"beta": 0.1})), &xs, ErrorKind::Missing);
        assert_error(ID, None, &params(json!({"epsilon_high": -1.0})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"num_items_in_batch": 0})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"loss_type": "grpo"})), &xs, ErrorKind::Param);
    }
}

