//! Token-level policy-gradient surrogates of TRL's `GRPOTrainer` (grpo, cispo, sapo entries):
//! importance ratios against the sampling policy, the per-token surrogate, the optional k3 KL
//! penalty towards a reference model, and the masked aggregation of token losses.
//!
//! Inputs follow TRL: `per_token_logps` `[B, T]` (current policy), `old_per_token_logps`
//! (sampling policy; absent = `per_token_logps` detached, ratio 1), `ref_per_token_logps`
//! (reference model, read only when `beta != 0`), `advantages` `[B]`, `completion_mask`
//! `[B, T]`.

use burn::tensor::Tensor;

use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

/// The per-token surrogate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Surrogate {
    /// PPO clip: `-min(r A, clip(r, 1 - epsilon, 1 + epsilon_high) A)`, with `r` clamped above
    /// at `delta` in the unclipped term when given (two-sided clipping).
    Clip { epsilon: f64, epsilon_high: f64, delta: Option<f64> },
    /// CISPO: `-sg(min(r, epsilon_high)) A log pi` (the clipped ratio is a detached weight).
    Cispo { epsilon_high: f64 },
    /// SAPO: `-sigmoid(tau (r - 1)) 4 / tau A`, `tau` = `tau_pos` where `A > 0`, else `tau_neg`.
    Sapo { tau_pos: f64, tau_neg: f64 },
}

/// How masked token losses become one number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Aggregation {
    /// Mean over sequences of each sequence's masked token mean (length clamped to >= 1).
    Grpo,
    /// Masked sum over the number of completion tokens (clamped to >= 1).
    Bnpo,
    /// Masked sum over `B * max_completion_length`.
    DrGrpo { max_completion_length: f64 },
    /// Masked sum over `num_items_in_batch` (default: the completion tokens of this batch).
    Dapo { num_items_in_batch: Option<f64> },
}

/// Hyperparameters shared by every surrogate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PolicyConfig {
    pub surrogate: Surrogate,
    pub aggregation: Aggregation,
    /// Weight of the k3 KL penalty `exp(ref - logp) - (ref - logp) - 1`.
    pub beta: f64,
    /// GSPO: one ratio per sequence, `exp` of the masked mean log-ratio.
    pub sequence_level: bool,
}

/// The policy-gradient inputs, validated.
pub struct PolicyInputs {
    pub per_token_logps: Tensor<2>,
    pub old_per_token_logps: Option<Tensor<2>>,
    pub ref_per_token_logps: Option<Tensor<2>>,
    pub advantages: Tensor<1>,
    /// Completion mask values on the host (`[B, T]`, row-major).
    pub completion_mask: Vec<f64>,
}

/// The loss of TRL's `GRPOTrainer._compute_loss` for one process and one accumulation step.
pub fn policy_loss(loss: &str, x: PolicyInputs, cfg: &PolicyConfig) -> Result<LossTensor, LossError> {
    let logp = x.per_token_logps;
    let [b, t] = logp.dims();
    if x.completion_mask.len() != b * t {
        return Err(LossError::shape(loss, "completion_mask", format!("shape {}", fmt_shape(&[b, t])), format!("{} values", x.completion_mask.len())));
    }
    if x.advantages.dims() != [b] {
        return Err(LossError::shape(loss, "advantages", format!("shape [{b}] (one per completion)"), fmt_shape(&x.advantages.dims())));
    }
    for (name, o) in [("old_per_token_logps", &x.old_per_token_logps), ("ref_per_token_logps", &x.ref_per_token_logps)] {
        if let Some(o) = o {
            numerics::same_shape(loss, name, &o.dims(), "per_token_logps", &[b, t])?;
        }
    }
    numerics::finite_param(loss, "beta", cfg.beta)?;
    let reference = match (cfg.beta != 0.0, x.ref_per_token_logps) {
        (true, None) => return Err(LossError::missing(loss, "ref_per_token_logps", "reference log-probabilities (beta != 0)")),
        (true, Some(r)) => Some(r),
        (false, _) => None,
    };
    let mask = numerics::tensor_like(&logp, x.completion_mask.clone(), [b, t]);
    let row_tokens: Vec<f64> = x.completion_mask.chunks(t).map(|r| r.iter().sum::<f64>()).collect();
    let row_norm: Vec<f64> = row_tokens.iter().map(|n| 1.0 / n.max(1.0)).collect();

    let old = x.old_per_token_logps.unwrap_or_else(|| logp.clone().detach());
    let log_ratio = logp.clone() - old;
    // [B, T] per token, or [B, 1] per sequence (GSPO); later tensors broadcast against [B, T].
    let log_w = if cfg.sequence_level {
        (log_ratio * mask.clone()).sum_dim(1) * numerics::tensor_like(&logp, row_norm.clone(), [b, 1])
    } else {
        log_ratio
    };
    let coef = log_w.exp();
    let adv_host = numerics::host_f64(&x.advantages);
    let adv = x.advantages.reshape([b, 1]);

    let per: Tensor<2> = match cfg.surrogate {
        Surrogate::Clip { epsilon, epsilon_high, delta } => {
            let clipped = coef.clone().clamp(1.0 - epsilon, 1.0 + epsilon_high);
            let coef1 = match delta {
                Some(d) => coef.clamp_max(d),
                None => coef,
            };
            let l1 = coef1 * adv.clone();
            let l2 = clipped * adv;
            // torch.min: l1 where l1 <= l2 (at a tie both give the same gradient here).
            let take2 = l1.clone().greater(l2.clone());
            l1.mask_where(take2, l2).neg()
        }
        Surrogate::Cispo { epsilon_high } => {
            let w = coef.clamp_max(epsilon_high).detach();
            (w * adv * logp.clone()).neg()
        }
        Surrogate::Sapo { tau_pos, tau_neg } => {
            let tau: Vec<f64> = adv_host.iter().map(|&a| if a > 0.0 { tau_pos } else { tau_neg }).collect();
            let scale: Vec<f64> = tau.iter().map(|t| 4.0 / t).collect();
            let tau = numerics::tensor_like(&logp, tau, [b, 1]);
            let scale = numerics::tensor_like(&logp, scale, [b, 1]);
            let gate = numerics::sigmoid(tau * coef.sub_scalar(1.0)) * scale;
            (gate * adv).neg()
        }
    };
    let per = match reference {
        Some(r) => {
            let d = r - logp.clone();
            per + (d.clone().exp() - d).sub_scalar(1.0).mul_scalar(cfg.beta)
        }
        None => per,
    };
    let masked = per * mask;
    let total_tokens: f64 = row_tokens.iter().sum();
    let value = match cfg.aggregation {
        Aggregation::Grpo => (masked.sum_dim(1) * numerics::tensor_like(&logp, row_norm, [b, 1])).mean(),
        Aggregation::Bnpo => masked.sum().mul_scalar(1.0 / total_tokens.max(1.0)),
        Aggregation::DrGrpo { max_completion_length } => masked.sum().mul_scalar(1.0 / (b as f64 * max_completion_length)),
        Aggregation::Dapo { num_items_in_batch } => masked.sum().mul_scalar(1.0 / num_items_in_batch.unwrap_or(total_tokens)),
    };
    Ok(LossTensor::scalar(value))
}

/// Reads and checks the TRL inputs from the evaluator (`beta` decides whether the reference
/// log-probabilities are read).
pub fn read_inputs(c: &Call, beta: f64) -> Result<PolicyInputs, LossError> {
    let loss = c.loss;
    let logp = numerics::inputs::float_input::<2>(c, "per_token_logps", "[B, T]")?;
    let [b, t] = logp.dims();
    let other = |name: &str| -> Result<Option<Tensor<2>>, LossError> {
        if !c.has(name) {
            let _ = c.host_opt(name);
            return Ok(None);
        }
        numerics::inputs::check_float(c, name)?;
        numerics::same_shape(loss, name, c.shape(name)?, "per_token_logps", &[b, t])?;
        c.float::<2>(name).map(Some)
    };
    let old = other("old_per_token_logps")?;
    let reference = if beta != 0.0 { other("ref_per_token_logps")? } else {
        // Unused without the KL term (TRL does not read it); still registered so that its
        // gradient (zero) is reported when given.
        if c.has("ref_per_token_logps") { other("ref_per_token_logps")?; }
        None
    };
    numerics::inputs::check_float(c, "advantages")?;
    let ashape = c.shape("advantages")?;
    if ashape != [b] {
        return Err(LossError::shape(loss, "advantages", format!("shape [{b}] (one per completion)"), fmt_shape(ashape)));
    }
    let advantages = c.float::<1>("advantages")?;
    let m = c.host("completion_mask")?;
    numerics::same_shape(loss, "completion_mask", &m.shape, "per_token_logps", &[b, t])?;
    if m.dtype.is_float() {
        return Err(LossError::dtype(loss, "completion_mask", "integer or boolean 0/1 values", format!("{} values", m.dtype.as_str())));
    }
    let mask = m.as_f64();
    Ok(PolicyInputs { per_token_logps: logp, old_per_token_logps: old, ref_per_token_logps: reference, advantages, completion_mask: mask })
}

/// `importance_sampling_level`: `token` or `sequence`.
pub fn read_sequence_level(c: &Call, default: &'static str) -> Result<bool, LossError> {
    match c.str("importance_sampling_level", default)? {
        "token" => Ok(false),
        "sequence" => Ok(true),
        other => Err(LossError::param(c.loss, "importance_sampling_level", "token or sequence", format!("{other:?}"))),
    }
}

/// `beta` (finite; 0 disables the KL term and the reference input).
pub fn read_beta(c: &Call) -> Result<f64, LossError> {
    numerics::finite_param(c.loss, "beta", c.f64("beta", 0.0)?)
}

/// `num_items_in_batch` (> 0 when given).
pub fn read_num_items(c: &Call) -> Result<Option<f64>, LossError> {
    match c.f64_opt("num_items_in_batch")? {
        None => Ok(None),
        Some(n) => numerics::positive_param(c.loss, "num_items_in_batch", n).map(Some),
    }
}
