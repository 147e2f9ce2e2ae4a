//! GRPO: PPO's clipped policy-gradient surrogate with group-relative advantages (rewards
//! normalized within the group of completions sampled for the same prompt), and no value network.

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::policy::{self, Aggregation, PolicyConfig, PolicyInputs, Surrogate};

const ID: &str = "grpo";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "GRPO Loss",
    aliases: &["Group Relative Policy Optimization", "GSPO", "DAPO Loss", "Dr. GRPO"],
    kind: Kind::Loss,
    domains: &["llm-alignment", "reinforcement-learning"],
    year: 2024,
    paper: Paper {
        title: "DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models",
        authors: "Shao et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2402.03300",
    },
    summary: "For each prompt a group of completions is sampled and scored; each completion's advantage is its reward standardized within the group, replacing PPO's learned value baseline. The per-token loss is PPO's clipped importance-weighted surrogate plus an optional k3 estimate of KL(pi || pi_ref), and the reinforcement learning of DeepSeek-R1 popularized it for reasoning models. How token losses are averaged matters: the original per-sequence mean biases towards short correct and long wrong answers, so TRL offers bnpo, dr_grpo (constant denominator) and dapo (global token count, TRL's current default), asymmetric clipping (epsilon_high, from DAPO) and sequence-level ratios (GSPO). The loss value is not a meaningful progress measure; its gradient is.",
    formula: r"\rho_{i,t} = e^{\log\pi_\theta(o_{i,t}) - \log\pi_{\text{old}}(o_{i,t})},\quad \ell_{i,t} = -\min\big(\rho_{i,t} A_i,\ \operatorname{clip}(\rho_{i,t}, 1-\epsilon, 1+\epsilon_{\text{high}})\, A_i\big) + \beta\big(e^{\delta_{i,t}} - \delta_{i,t} - 1\big),\ \delta_{i,t} = \log\pi_{\text{ref}} - \log\pi_\theta,\quad \mathcal{L}_{\text{grpo}} = \frac{1}{B}\sum_i \frac{\sum_t m_{i,t}\ell_{i,t}}{\max(1, \sum_t m_{i,t})}",
    inputs: &[
        Input { name: "per_token_logps", shape: "[B, T]", meaning: "token log-probabilities of the sampled completions under the current policy (the only input TRL differentiates)" },
        Input { name: "old_per_token_logps", shape: "[B, T]", meaning: "log-probabilities under the sampling policy; absent means per_token_logps detached (ratio 1)" },
        Input { name: "ref_per_token_logps", shape: "[B, T]", meaning: "reference-model log-probabilities (needed only when beta != 0)" },
        Input { name: "advantages", shape: "[B]", meaning: "one advantage per completion, e.g. group-normalized rewards" },
        Input { name: "completion_mask", shape: "[B, T] (i64)", meaning: "1 for completion tokens, 0 for padding" },
    ],
    params: &[
        Param { name: "loss_type", symbol: "", default: Value::Str("dapo"), range: Range::Choice { values: &["grpo", "bnpo", "dr_grpo", "dapo"] }, meaning: "how masked token losses are aggregated (TRL default dapo; older TRL defaulted to grpo)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the per-token KL penalty exp(ref - logp) - (ref - logp) - 1 (TRL default 0: no reference model)" },
        Param { name: "epsilon", symbol: r"\epsilon", default: Value::Float(0.2), range: Range::NON_NEGATIVE, meaning: "lower clipping range of the ratio" },
        Param { name: "epsilon_high", symbol: r"\epsilon_{\text{high}}", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "upper clipping range (None = epsilon; DAPO recommends 0.28)" },
        Param { name: "delta", symbol: "", default: Value::Null, range: Range::POSITIVE, meaning: "optional upper clamp of the ratio in the unclipped term (two-sided GRPO, INTELLECT-2)" },
        Param { name: "importance_sampling_level", symbol: "", default: Value::Str("token"), range: Range::Choice { values: &["token", "sequence"] }, meaning: "token: one ratio per token; sequence (GSPO): exp of the masked mean log-ratio, one ratio per completion" },
        Param { name: "max_completion_length", symbol: "", default: Value::Int(256), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "the constant denominator factor of dr_grpo (B times this)" },
        Param { name: "num_items_in_batch", symbol: "", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "global number of completion tokens, the dapo denominator (None = tokens in this batch)" },
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
    equivalents: &["trl GRPOTrainer(loss_type=\"grpo\")", "trl GRPOTrainer(loss_type=\"dapo\")", "trl GRPOTrainer(loss_type=\"dr_grpo\")", "trl GRPOTrainer(loss_type=\"bnpo\")"],
    related: &["ppo-clip", "ppo-rlhf", "cispo", "sapo", "reinforce", "kl-divergence"],
    forms: &[
        Form { name: "dapo", description: "masked sum of token losses divided by num_items_in_batch (the global completion-token count)." },
        Form { name: "grpo", description: "mean over completions of each completion's masked token mean (length clamped to >= 1)." },
        Form { name: "bnpo", description: "masked sum divided by the number of completion tokens in the local batch." },
        Form { name: "dr_grpo", description: "masked sum divided by B times max_completion_length." },
        Form { name: "gspo", description: "grpo aggregation with importance_sampling_level = sequence: one ratio per completion, exp of the masked mean of logp - old." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "log-ratio log pi - log pi_old of one token (advantage 1, dapo)", from: -1.0, to: 1.0, at: plot_at }),
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

/// Options of TRL's `GRPOTrainer` loss; `Default` equals TRL's `GRPOConfig` defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GrpoConfig {
    /// Token-loss aggregation (TRL `loss_type`).
    pub aggregation: Aggregation,
    pub beta: f64,
    pub epsilon: f64,
    /// Upper clipping range; `None` = `epsilon`.
    pub epsilon_high: Option<f64>,
    /// Upper clamp of the ratio in the unclipped term.
    pub delta: Option<f64>,
    /// GSPO: sequence-level importance ratios.
    pub sequence_level: bool,
}

impl Default for GrpoConfig {
    fn default() -> Self {
        GrpoConfig { aggregation: Aggregation::Dapo { num_items_in_batch: None }, beta: 0.0, epsilon: 0.2, epsilon_high: None, delta: None, sequence_level: false }
    }
}

/// The GRPO family loss (TRL `GRPOTrainer._compute_loss` with loss_type grpo, bnpo, dr_grpo or
/// dapo): clipped surrogate, optional KL penalty, masked aggregation. Returns a scalar.
pub fn grpo(x: PolicyInputs, cfg: &GrpoConfig) -> Result<LossTensor, LossError> {
    let epsilon = crate::numerics::non_negative_param(ID, "epsilon", cfg.epsilon)?;
    let epsilon_high = crate::numerics::non_negative_param(ID, "epsilon_high", cfg.epsilon_high.unwrap_or(epsilon))?;
    if let Some(d) = cfg.delta {
        crate::numerics::positive_param(ID, "delta", d)?;
    }
    match cfg.aggregation {
        Aggregation::DrGrpo { max_completion_length } => {
            crate::numerics::positive_param(ID, "max_completion_length", max_completion_length)?;
        }
        Aggregation::Dapo { num_items_in_batch: Some(n) } => {
            crate::numerics::positive_param(ID, "num_items_in_batch", n)?;
        }
        _ => {}
    }
    let pc = PolicyConfig {
        surrogate: Surrogate::Clip { epsilon, epsilon_high, delta: cfg.delta },
        aggregation: cfg.aggregation,
        beta: cfg.beta,
        sequence_level: cfg.sequence_level,
    };
    policy::policy_loss(ID, x, &pc)
}

const LOSS_TYPES: &[&str] = &["grpo", "bnpo", "dr_grpo", "dapo"];

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (default_type, default_level) = match c.form() {
        None => ("dapo", "token"),
        Some("gspo") => ("grpo", "sequence"),
        Some(f) if LOSS_TYPES.contains(&f) => (LOSS_TYPES[LOSS_TYPES.iter().position(|t| *t == f).unwrap_or(0)], "token"),
        Some(_) => return Err(c.unknown_form(&["dapo", "grpo", "bnpo", "dr_grpo", "gspo"])),
    };
    let loss_type = c.str("loss_type", default_type)?;
    if c.form().is_some_and(|f| f != "gspo" && f != loss_type) {
        return Err(LossError::param(ID, "loss_type", format!("{default_type} (the form)"), format!("{loss_type:?}")));
    }
    let max_len = c.i64("max_completion_length", 256)?;
    let num_items = policy::read_num_items(c)?;
    let aggregation = match loss_type {
        "grpo" => Aggregation::Grpo,
        "bnpo" => Aggregation::Bnpo,
        "dr_grpo" => Aggregation::DrGrpo { max_completion_length: max_len as f64 },
        "dapo" => Aggregation::Dapo { num_items_in_batch: num_items },
        other => return Err(LossError::param(ID, "loss_type", "one of grpo, bnpo, dr_grpo, dapo (cispo and sapo are their own entries)", format!("{other:?}"))),
    };
    let beta = policy::read_beta(c)?;
    let cfg = GrpoConfig {
        aggregation,
        beta,
        epsilon: c.f64("epsilon", 0.2)?,
        epsilon_high: c.f64_opt("epsilon_high")?,
        delta: c.f64_opt("delta")?,
        sequence_level: policy::read_sequence_level(c, default_level)?,
    };
    grpo(policy::read_inputs(c, beta)?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn x(b: usize, t: usize, seed: u64, mask: Vec<i64>, with_ref: bool) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let logp = uniform(&[b, t], seed, -3.0, -0.1);
        // old = logp + small noise so that ratios sit around 1, some beyond the clip range.
        let mut old = logp.clone();
        let noise = randn(&[b, t], seed + 1, 0.25);
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
        let xs = x(3, 4, 7, mask.clone(), true);
        for (form, p) in [
            (Some("grpo"), json!({"beta": 0.04})),
            (Some("bnpo"), json!({"epsilon_high": 0.28})),
            (Some("dr_grpo"), json!({"max_completion_length": 10, "beta": 0.1})),
            (None, json!({"num_items_in_batch": 12, "delta": 1.1})),
            (Some("gspo"), json!({"epsilon": 0.01, "beta": 0.02})),
        ] {
            assert_gradcheck(ID, form, &params(p), &xs);
        }
        // Ratios near the clip boundaries (1 +- 0.2 offset by 1e-4).
        let near = inputs(vec![
            ("per_token_logps", f(&[1, 4], &[-1.0, -1.0, -1.0, -1.0])),
            ("old_per_token_logps", f(&[1, 4], &[-1.0 - 1.2f64.ln() + 1e-4, -1.0 - 1.2f64.ln() - 1e-4, -1.0 - 0.8f64.ln() + 1e-4, -1.0 - 0.8f64.ln() - 1e-4])),
            ("advantages", f(&[1], &[0.7])),
            ("completion_mask", i(&[1, 4], &[1, 1, 1, 1])),
        ]);
        assert_gradcheck(ID, Some("grpo"), &params(json!({})), &near);
    }

    #[test]
    fn value_is_the_formula() {
        // One completion, two tokens, ratio e^0.5 (clipped at 1.2 for A = 1) and e^-0.5 (inside
        // the range for A = 1: min(0.607, 0.8) = 0.607): grpo loss = -(1.2 + e^-0.5) / 2.
        let xs = inputs(vec![
            ("per_token_logps", f(&[1, 2], &[-1.0, -2.0])),
            ("old_per_token_logps", f(&[1, 2], &[-1.5, -1.5])),
            ("advantages", f(&[1], &[1.0])),
            ("completion_mask", i(&[1, 2], &[1, 1])),
        ]);
        let ev = eval64(ID, Some("grpo"), &params(json!({})), &xs);
        let want = -(1.2 + (-0.5f64).exp()) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-14, "{} vs {want}", ev.loss.floats[0]);
        // d/dlogp: clipped token 0; the other -ratio * A / 2.
        let g = &ev.grads["per_token_logps"].floats;
        assert!(g[0].abs() < 1e-15 && (g[1] + (-0.5f64).exp() / 2.0).abs() < 1e-14, "{g:?}");
        // dapo with num_items_in_batch 4: sum / 4.
        let ev = eval64(ID, None, &params(json!({"num_items_in_batch": 4})), &xs);
        assert!((ev.loss.floats[0] - want * 2.0 / 4.0).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let xs = inputs(vec![
            // Ratios e^-1e4 (0) and e^30, e^-30; a masked-out token with ratio e^-1e2.
            ("per_token_logps", f(&[2, 2], &[-1e4, -1e-12, -31.0, -1e2])),
            ("old_per_token_logps", f(&[2, 2], &[-1e-12, -30.0, -1.0, -1e-12])),
            ("advantages", f(&[2], &[1e2, -1e2])),
            ("completion_mask", i(&[2, 2], &[1, 1, 1, 0])),
        ]);
        assert_finite(ID, Some("bnpo"), &params(json!({})), &xs);
        // A completion with no tokens contributes 0 (length clamped to 1).
        let empty = inputs(vec![
            ("per_token_logps", f(&[2, 2], &[-1.0, -2.0, -1.0, -1.0])),
            ("advantages", f(&[2], &[1.0, -1.0])),
            ("completion_mask", i(&[2, 2], &[1, 1, 0, 0])),
        ]);
        let ev = assert_finite(ID, Some("grpo"), &params(json!({})), &empty);
        // Ratio 1 (no old log-probs): -A averaged over completions = -(1 + 0) / 2.
        assert!((ev.loss.floats[0] + 0.5).abs() < 1e-15);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let mask = vec![1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0];
        let xs = x(3, 4, 3, mask.clone(), false);
        let p = params(json!({}));
        let mut bad = xs.clone();
        bad.insert("advantages".into(), f(&[2], &[1.0, 2.0]));
        assert_error(ID, None, &p, &bad, ErrorKind::Shape);
        let mut bad = xs.clone();
        bad.insert("old_per_token_logps".into(), f(&[3, 3], &[0.0; 9]));
        assert_error(ID, None, &p, &bad, ErrorKind::Shape);
        let mut bad = xs.clone();
        bad.insert("completion_mask".into(), f(&[3, 4], &[1.0; 12]));
        assert_error(ID, None, &p, &bad, ErrorKind::DType);
        let mut bad = xs.clone();
        bad.insert("per_token_logps".into(), f(&[0, 4], &[]));
        assert_error(ID, None, &p, &bad, ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"beta": 0.1})), &xs, ErrorKind::Missing);
        assert_error(ID, None, &params(json!({"epsilon": -0.1})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"beta": "nan"})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"loss_type": "cispo"})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"importance_sampling_level": "batch"})), &xs, ErrorKind::Param);
        assert_error(ID, Some("dr_grpo"), &params(json!({"max_completion_length": 0})), &xs, ErrorKind::Param);
    }
}
