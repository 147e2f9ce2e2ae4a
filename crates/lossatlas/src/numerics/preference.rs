//! The DPO family of pairwise preference losses as TRL's `DPOTrainer` computes them (v1.9,
//! `DPOTrainer._compute_loss`): one score per completion from the policy/reference log-ratio, a
//! per-pair loss for each listed `loss_type`, and `sum_k loss_weights[k] * mean(loss_k)`.
//!
//! Every preference entry (dpo, ipo, robust-dpo, bco-pair, exo-pair, nca-pair, aot, aot-pair,
//! apo-zero, apo-down, sppo, discopop, slic-hf) evaluates through here, so a TRL loss_type list
//! that mixes several of them (e.g. `["sigmoid", "bco_pair"]` with weights) is one call.
//!
//! Facts from TRL v1.9 that matter for the numbers:
//! - log-ratios are `policy - reference` of summed completion log-probs; the f-divergence maps
//!   them to scores: reverse_kl `u`, forward_kl `-exp(-u)`, js_divergence `log sigmoid(u)`,
//!   alpha_divergence `exp(min((a-1) u, 80)) / (a-1)` (reverse_kl when `|a - 1| < 1e-6`);
//! - `ipo` and `sigmoid_norm` divide the scores by the completion token counts clamped to >= 1;
//! - `aot`, `aot_unpaired`, `apo_zero` use the raw log-ratios (not the scores), `apo_down` the raw
//!   chosen log-ratio plus the score difference;
//! - `exo_pair` raises for `label_smoothing == 0`; `robust` only warns outside `[0, 0.5)`.

use burn::tensor::{Int, Tensor};
use serde_json::Value as Json;

use crate::catalog::PlotInput;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor};
use crate::numerics::{self, LossTensor};
use crate::numerics::relu;

/// One TRL DPO `loss_type` (those computable from sequence log-probabilities; TRL's `sft` needs
/// the token logits and is not one of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrefLoss {
    Sigmoid,
    Hinge,
    Ipo,
    ExoPair,
    NcaPair,
    Robust,
    BcoPair,
    SppoHard,
    Aot,
    AotUnpaired,
    ApoZero,
    ApoDown,
    Discopop,
    SigmoidNorm,
}

impl PrefLoss {
    pub const ALL: [PrefLoss; 14] = [
        PrefLoss::Sigmoid,
        PrefLoss::Hinge,
        PrefLoss::Ipo,
        PrefLoss::ExoPair,
        PrefLoss::NcaPair,
        PrefLoss::Robust,
        PrefLoss::BcoPair,
        PrefLoss::SppoHard,
        PrefLoss::Aot,
        PrefLoss::AotUnpaired,
        PrefLoss::ApoZero,
        PrefLoss::ApoDown,
        PrefLoss::Discopop,
        PrefLoss::SigmoidNorm,
    ];

    /// TRL's name of the loss type.
    pub fn trl_name(self) -> &'static str {
        match self {
            PrefLoss::Sigmoid => "sigmoid",
            PrefLoss::Hinge => "hinge",
            PrefLoss::Ipo => "ipo",
            PrefLoss::ExoPair => "exo_pair",
            PrefLoss::NcaPair => "nca_pair",
            PrefLoss::Robust => "robust",
            PrefLoss::BcoPair => "bco_pair",
            PrefLoss::SppoHard => "sppo_hard",
            PrefLoss::Aot => "aot",
            PrefLoss::AotUnpaired => "aot_unpaired",
            PrefLoss::ApoZero => "apo_zero",
            PrefLoss::ApoDown => "apo_down",
            PrefLoss::Discopop => "discopop",
            PrefLoss::SigmoidNorm => "sigmoid_norm",
        }
    }

    /// Parses a TRL loss_type name.
    pub fn parse(loss: &str, s: &str) -> Result<Self, LossError> {
        if let Some(k) = PrefLoss::ALL.iter().find(|k| k.trl_name() == s) {
            return Ok(*k);
        }
        let names: Vec<&str> = PrefLoss::ALL.iter().map(|k| k.trl_name()).collect();
        let hint = match s {
            "aot_pair" => " (TRL >= 1.0 calls it aot_unpaired)",
            "sft" => " (TRL's sft term needs token logits, not sequence log-probs)",
            _ => "",
        };
        Err(LossError::param(loss, "loss_type", format!("TRL loss types among {}", names.join(", ")), format!("{s:?}{hint}")))
    }

    /// Whether the loss divides scores by completion token counts.
    pub fn needs_lengths(self) -> bool {
        matches!(self, PrefLoss::Ipo | PrefLoss::SigmoidNorm)
    }
}

/// TRL's `f_divergence_type`: how a log-ratio `u` becomes a score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FDivergence {
    /// `u` (standard DPO).
    ReverseKl,
    /// `-exp(-u)`.
    ForwardKl,
    /// `log sigmoid(u)`.
    JsDivergence,
    /// `exp(min((a - 1) u, 80)) / (a - 1)` with `a` = f_alpha_divergence_coef (TRL default 0.5).
    AlphaDivergence(f64),
}

impl FDivergence {
    pub fn parse(loss: &str, name: &str, alpha: f64) -> Result<Self, LossError> {
        match name {
            "reverse_kl" => Ok(FDivergence::ReverseKl),
            "forward_kl" => Ok(FDivergence::ForwardKl),
            "js_divergence" => Ok(FDivergence::JsDivergence),
            "alpha_divergence" => Ok(FDivergence::AlphaDivergence(numerics::finite_param(loss, "f_alpha_divergence_coef", alpha)?)),
            other => Err(LossError::param(loss, "f_divergence_type", "one of reverse_kl, forward_kl, js_divergence, alpha_divergence", format!("{other:?}"))),
        }
    }

    /// Scores of log-ratios.
    pub fn score(self, u: Tensor<1>) -> Tensor<1> {
        match self {
            FDivergence::ReverseKl => u,
            FDivergence::ForwardKl => u.neg().exp().neg(),
            FDivergence::JsDivergence => numerics::log_sigmoid(u),
            // TRL falls back to reverse_kl near a = 1, where the score tends to log t.
            FDivergence::AlphaDivergence(a) if (a - 1.0).abs() < 1e-6 => u,
            // TRL clamps the exponent at 80 (its float32 table entry) before exp.
            FDivergence::AlphaDivergence(a) => u.mul_scalar(a - 1.0).clamp_max(80.0).exp().mul_scalar(1.0 / (a - 1.0)),
        }
    }
}

/// TRL `DPOConfig` options of the preference losses; [`PreferenceConfig::trl`] gives TRL's
/// defaults for one loss type.
#[derive(Debug, Clone, PartialEq)]
pub struct PreferenceConfig {
    /// The loss types whose batch means are summed.
    pub loss_type: Vec<PrefLoss>,
    /// One weight per loss type (`None`: all 1).
    pub loss_weights: Option<Vec<f64>>,
    /// Inverse temperature on the scores (TRL default 0.1).
    pub beta: f64,
    pub f_divergence: FDivergence,
    /// eps of robust, exo_pair, aot and aot_unpaired (TRL default 0).
    pub label_smoothing: f64,
    /// tau of discopop (TRL default 0.05).
    pub discopop_tau: f64,
}

impl Default for PreferenceConfig {
    /// TRL's `DPOConfig` defaults (`loss_type = ["sigmoid"]`).
    fn default() -> Self {
        PreferenceConfig::trl(PrefLoss::Sigmoid)
    }
}

impl PreferenceConfig {
    /// TRL's defaults with `loss_type = [kind]`.
    pub fn trl(kind: PrefLoss) -> Self {
        PreferenceConfig { loss_type: vec![kind], loss_weights: None, beta: 0.1, f_divergence: FDivergence::ReverseKl, label_smoothing: 0.0, discopop_tau: 0.05 }
    }

    fn validate(&self, loss: &str) -> Result<Vec<f64>, LossError> {
        if self.loss_type.is_empty() {
            return Err(LossError::param(loss, "loss_type", "at least one TRL loss type", "an empty list"));
        }
        numerics::positive_param(loss, "beta", self.beta)?;
        let eps = numerics::finite_param(loss, "label_smoothing", self.label_smoothing)?;
        if self.loss_type.contains(&PrefLoss::ExoPair) && !(eps > 0.0 && eps < 1.0) {
            // TRL raises for exactly 0; log(eps) and log1p(-eps) are undefined outside (0, 1).
            return Err(LossError::param(loss, "label_smoothing", "eps in (0, 1) for exo_pair (TRL: must be > 0; the EXO paper recommends 1e-3)", format!("{eps}")));
        }
        if self.loss_type.contains(&PrefLoss::Robust) && eps == 0.5 {
            return Err(LossError::param(loss, "label_smoothing", "eps != 0.5 for robust (it divides by 1 - 2 eps; TRL expects [0, 0.5))", format!("{eps}")));
        }
        if self.loss_type.contains(&PrefLoss::Discopop) {
            numerics::positive_param(loss, "discopop_tau", self.discopop_tau)?;
        }
        if let FDivergence::AlphaDivergence(a) = self.f_divergence {
            numerics::finite_param(loss, "f_alpha_divergence_coef", a)?;
        }
        match &self.loss_weights {
            None => Ok(vec![1.0; self.loss_type.len()]),
            Some(w) => {
                if w.len() != self.loss_type.len() {
                    return Err(LossError::param(loss, "loss_weights", format!("{} weights (one per loss_type)", self.loss_type.len()), format!("{} weights", w.len())));
                }
                for &x in w {
                    numerics::finite_param(loss, "loss_weights", x)?;
                }
                Ok(w.clone())
            }
        }
    }
}

/// Sequence log-probabilities of a batch of preference pairs, `[N]` each; the token counts are
/// needed by `ipo` and `sigmoid_norm` only.
#[derive(Debug, Clone)]
pub struct PreferenceLogps {
    pub policy_chosen: Tensor<1>,
    pub policy_rejected: Tensor<1>,
    pub reference_chosen: Tensor<1>,
    pub reference_rejected: Tensor<1>,
    pub chosen_lengths: Option<Tensor<1, Int>>,
    pub rejected_lengths: Option<Tensor<1, Int>>,
}

/// Token counts as floats clamped to >= 1 (TRL: `mask.sum(1).clamp(min=1)`), after checking they
/// are `[n]` non-negative integers.
fn lengths(loss: &str, name: &str, t: &Option<Tensor<1, Int>>, n: usize, like: &Tensor<1>, why: PrefLoss) -> Result<Tensor<1>, LossError> {
    let t = t.as_ref().ok_or_else(|| LossError::missing(loss, name, format!("completion token counts `{name}` (loss_type {} divides by them)", why.trl_name())))?;
    numerics::same_shape(loss, name, &t.dims(), "policy_chosen_logps", &[n])?;
    let vals = numerics::host_i64(t);
    if let Some(v) = vals.iter().find(|v| **v < 0) {
        return Err(LossError::value(loss, name, "token counts >= 0", format!("{v}")));
    }
    Ok(numerics::tensor_like(like, vals.iter().map(|&v| (v.max(1)) as f64).collect(), [n]))
}

fn square(z: Tensor<1>) -> Tensor<1> {
    z.clone() * z
}

/// `-(1 - eps) log sigmoid(z) - eps log sigmoid(-z)`, the label-smoothed logistic loss of aot.
fn smoothed_logistic(z: Tensor<1>, eps: f64) -> Tensor<1> {
    let pos = numerics::log_sigmoid(z.clone()).mul_scalar(-(1.0 - eps));
    if eps == 0.0 { pos } else { pos - numerics::log_sigmoid(z.neg()).mul_scalar(eps) }
}

/// TRL `DPOTrainer._compute_loss` on sequence log-probabilities: the scalar
/// `sum_k loss_weights[k] * mean_i loss_k(i)`.
pub fn preference_loss(loss: &str, x: PreferenceLogps, cfg: &PreferenceConfig) -> Result<LossTensor, LossError> {
    let weights = cfg.validate(loss)?;
    let dims = x.policy_chosen.dims();
    if dims[0] == 0 {
        return Err(LossError::empty(loss, "policy_chosen_logps", "a non-empty batch of preference pairs"));
    }
    let n = dims[0];
    numerics::same_shape(loss, "policy_rejected_logps", &x.policy_rejected.dims(), "policy_chosen_logps", &dims)?;
    numerics::same_shape(loss, "reference_chosen_logps", &x.reference_chosen.dims(), "policy_chosen_logps", &dims)?;
    numerics::same_shape(loss, "reference_rejected_logps", &x.reference_rejected.dims(), "policy_chosen_logps", &dims)?;
    let like = x.policy_chosen.clone();
    let mut norm = None;
    if let Some(k) = cfg.loss_type.iter().find(|k| k.needs_lengths()) {
        let cl = lengths(loss, "chosen_lengths", &x.chosen_lengths, n, &like, *k)?;
        let rl = lengths(loss, "rejected_lengths", &x.rejected_lengths, n, &like, *k)?;
        norm = Some((cl, rl));
    }

    let beta = cfg.beta;
    let eps = cfg.label_smoothing;
    let chosen_logratios = x.policy_chosen.clone() - x.reference_chosen.clone();
    let rejected_logratios = x.policy_rejected.clone() - x.reference_rejected.clone();
    let chosen_scores = cfg.f_divergence.score(chosen_logratios.clone());
    let rejected_scores = cfg.f_divergence.score(rejected_logratios.clone());
    let delta = chosen_scores.clone() - rejected_scores.clone();
    let normalized_delta = || {
        let (cl, rl) = norm.clone().expect("lengths checked above");
        chosen_scores.clone() / cl - rejected_scores.clone() / rl
    };

    let mut total: Option<Tensor<1>> = None;
    for (kind, w) in cfg.loss_type.iter().zip(weights) {
        let per = match kind {
            PrefLoss::Sigmoid => numerics::log_sigmoid(delta.clone().mul_scalar(beta)).neg(),
            PrefLoss::Hinge => relu(delta.clone().mul_scalar(-beta).add_scalar(1.0)),
            PrefLoss::Ipo => square(normalized_delta().add_scalar(-1.0 / (2.0 * beta))),
            PrefLoss::SigmoidNorm => numerics::log_sigmoid(normalized_delta().mul_scalar(beta)).neg(),
            PrefLoss::ExoPair => {
                let z = delta.clone().mul_scalar(beta);
                let log_qw = numerics::log_sigmoid(z.clone());
                let log_ql = numerics::log_sigmoid(z.neg());
                log_qw.clone().exp() * log_qw.add_scalar(-(-eps).ln_1p()) + log_ql.clone().exp() * log_ql.add_scalar(-eps.ln())
            }
            PrefLoss::NcaPair => {
                let cr = chosen_scores.clone().mul_scalar(beta);
                let rr = rejected_scores.clone().mul_scalar(beta);
                numerics::log_sigmoid(cr.clone()).neg() - numerics::log_sigmoid(cr.neg()).mul_scalar(0.5) - numerics::log_sigmoid(rr.neg()).mul_scalar(0.5)
            }
            PrefLoss::Robust => {
                let z = delta.clone().mul_scalar(beta);
                let clean = numerics::log_sigmoid(z.clone()).mul_scalar(-(1.0 - eps));
                let flipped = numerics::log_sigmoid(z.neg()).mul_scalar(-eps);
                (clean - flipped).mul_scalar(1.0 / (1.0 - 2.0 * eps))
            }
            PrefLoss::BcoPair => {
                let cr = chosen_scores.clone().mul_scalar(beta);
                let rr = rejected_scores.clone().mul_scalar(beta);
                numerics::log_sigmoid(cr).neg() - numerics::log_sigmoid(rr.neg())
            }
            PrefLoss::SppoHard => {
                let half = 0.5 / beta;
                square(chosen_scores.clone().add_scalar(-half)) + square(rejected_scores.clone().add_scalar(half))
            }
            PrefLoss::Aot => {
                let pi = x.policy_chosen.clone() - x.policy_rejected.clone();
                let rf = x.reference_chosen.clone() - x.reference_rejected.clone();
                let d = pi.sort(0) - rf.sort(0);
                smoothed_logistic(d.mul_scalar(beta), eps)
            }
            PrefLoss::AotUnpaired => {
                let d = chosen_logratios.clone().sort(0) - rejected_logratios.clone().sort(0);
                smoothed_logistic(d.mul_scalar(beta), eps)
            }
            PrefLoss::ApoZero => {
                numerics::sigmoid(chosen_logratios.clone().mul_scalar(-beta)) + numerics::sigmoid(rejected_logratios.clone().mul_scalar(beta))
            }
            PrefLoss::ApoDown => {
                numerics::sigmoid(chosen_logratios.clone().mul_scalar(beta)) + numerics::sigmoid(delta.clone().mul_scalar(-beta))
            }
            PrefLoss::Discopop => {
                // -log sigmoid(z) (1 - m) + exp(-z) m with m = sigmoid(z / tau); 1 - m is written
                // sigmoid(-z / tau) and exp(-z) m as exp(-z + log m), equal where torch is finite
                // and without its inf * 0 = NaN for strongly mis-ranked pairs.
                let z = delta.clone().mul_scalar(beta);
                let zt = z.clone().mul_scalar(1.0 / cfg.discopop_tau);
                let logistic = numerics::log_sigmoid(z.clone()).neg() * numerics::sigmoid(zt.clone().neg());
                let exponential = (z.neg() + numerics::log_sigmoid(zt)).exp();
                logistic + exponential
            }
        };
        let term = per.mean().mul_scalar(w);
        total = Some(match total {
            None => term,
            Some(t) => t + term,
        });
    }
    Ok(LossTensor::scalar(total.expect("loss_type is not empty")))
}

/// Reads TRL's `loss_type` param: a name or a list of names (default `[default]`).
fn read_loss_type(c: &Call, default: PrefLoss) -> Result<Vec<PrefLoss>, LossError> {
    match c.json("loss_type") {
        None => Ok(vec![default]),
        Some(Json::String(s)) => Ok(vec![PrefLoss::parse(c.loss, s)?]),
        Some(Json::Array(xs)) => xs
            .iter()
            .map(|v| match v {
                Json::String(s) => PrefLoss::parse(c.loss, s),
                other => Err(LossError::param(c.loss, "loss_type", "TRL loss type names", other.to_string())),
            })
            .collect(),
        Some(other) => Err(LossError::param(c.loss, "loss_type", "a TRL loss type name or a list of them", other.to_string())),
    }
}

fn read_logps(c: &Call, name: &str) -> Result<Tensor<1>, LossError> {
    let shape = c.shape(name)?;
    if shape.len() != 1 {
        return Err(LossError::shape(c.loss, name, "shape [N] (one summed log-probability per completion)", fmt_shape(shape)));
    }
    c.float::<1>(name)
}

fn read_lengths(c: &Call, name: &str) -> Result<Option<Tensor<1, Int>>, LossError> {
    if !c.has(name) {
        c.host_opt(name);
        return Ok(None);
    }
    let shape = c.shape(name)?;
    if shape.len() != 1 {
        return Err(LossError::shape(c.loss, name, "shape [N] (one token count per completion)", fmt_shape(shape)));
    }
    c.int::<1>(name).map(Some)
}

/// The evaluator of a preference entry. `own` are the entry's loss types: the first is used when
/// the call gives no `loss_type` and no form, and a given list must contain one of them, so that
/// an entry never silently computes another entry's loss. `forms` maps the entry's form names to
/// their default loss type. Every TRL option is read, since a mixed list may need any of them.
pub fn eval_preference(c: &Call, own: &[PrefLoss], forms: &[(&str, PrefLoss)]) -> Result<LossTensor, LossError> {
    let default = match c.form() {
        None => own[0],
        Some(f) => match forms.iter().find(|(name, _)| *name == f) {
            Some((_, k)) => *k,
            None => return Err(c.unknown_form(&forms.iter().map(|(name, _)| *name).collect::<Vec<_>>())),
        },
    };
    let loss_type = read_loss_type(c, default)?;
    if !loss_type.iter().any(|k| own.contains(k)) {
        let names: Vec<&str> = own.iter().map(|k| k.trl_name()).collect();
        let got: Vec<&str> = loss_type.iter().map(|k| k.trl_name()).collect();
        return Err(LossError::param(c.loss, "loss_type", format!("a list containing {}", names.join(" or ")), format!("{got:?}")));
    }
    let alpha = c.f64("f_alpha_divergence_coef", 0.5)?;
    let f_divergence = FDivergence::parse(c.loss, c.str("f_divergence_type", "reverse_kl")?, alpha)?;
    let cfg = PreferenceConfig {
        loss_type,
        loss_weights: c.f64_list_opt("loss_weights")?,
        beta: c.f64("beta", 0.1)?,
        f_divergence,
        label_smoothing: c.f64("label_smoothing", 0.0)?,
        discopop_tau: c.f64("discopop_tau", 0.05)?,
    };
    let x = PreferenceLogps {
        policy_chosen: read_logps(c, "policy_chosen_logps")?,
        policy_rejected: read_logps(c, "policy_rejected_logps")?,
        reference_chosen: read_logps(c, "reference_chosen_logps")?,
        reference_rejected: read_logps(c, "reference_rejected_logps")?,
        chosen_lengths: read_lengths(c, "chosen_lengths")?,
        rejected_lengths: read_lengths(c, "rejected_lengths")?,
    };
    preference_loss(c.loss, x, &cfg)
}

/// Plot slice shared by the preference entries: one pair, the policy log-probability `x` of the
/// chosen completion varies; the reference gives both completions -2 and the policy gives the
/// rejected one -2, so the chosen log-ratio is `x + 2` and the rejected one 0. `params` are the
/// entry's (beta 1 is a readable scale); token counts 1 are passed when `lengths`.
pub fn plot_at(x: f64, params: Json, lengths: bool) -> PlotInput {
    let f = |v: f64| HostTensor::from_f64(vec![1], vec![v]);
    let mut inputs = vec![("policy_chosen_logps", f(x)), ("policy_rejected_logps", f(-2.0)), ("reference_chosen_logps", f(-2.0)), ("reference_rejected_logps", f(-2.0))];
    if lengths {
        inputs.push(("chosen_lengths", HostTensor::from_i64(vec![1], vec![1])));
        inputs.push(("rejected_lengths", HostTensor::from_i64(vec![1], vec![1])));
    }
    PlotInput { form: None, params, inputs, wrt: "policy_chosen_logps", index: 0 }
}

/// The x label of [`plot_at`].
pub const PLOT_X_LABEL: &str = "policy log-prob of the chosen completion (reference -2, rejected log-ratio 0)";

/// `f_divergence_type`, as every score-based preference entry documents it.
pub const PARAM_F_DIVERGENCE: crate::catalog::Param = crate::catalog::Param {
    name: "f_divergence_type",
    symbol: "f",
    default: crate::catalog::Value::Str("reverse_kl"),
    range: crate::catalog::Range::Choice { values: &["reverse_kl", "forward_kl", "js_divergence", "alpha_divergence"] },
    meaning: "maps each log-ratio u to a score: reverse_kl u, forward_kl -exp(-u), js_divergence log sigmoid(u), alpha_divergence exp(min((a - 1) u, 80)) / (a - 1) (TRL clamps the exponent at 80)",
};

/// `f_alpha_divergence_coef` (TRL default 0.5).
pub const PARAM_F_ALPHA: crate::catalog::Param = crate::catalog::Param {
    name: "f_alpha_divergence_coef",
    symbol: "a",
    default: crate::catalog::Value::Float(0.5),
    range: crate::catalog::Range::REAL,
    meaning: "a of the alpha divergence (TRL default 0.5; |a - 1| < 1e-6 falls back to reverse_kl)",
};

/// `loss_weights` of a mixed loss_type list.
pub const PARAM_LOSS_WEIGHTS: crate::catalog::Param = crate::catalog::Param {
    name: "loss_weights",
    symbol: "w_k",
    default: crate::catalog::Value::Null,
    range: crate::catalog::Range::Reals { min: f64::NEG_INFINITY, max: f64::INFINITY },
    meaning: "one weight per listed loss_type (None: all 1); the loss is sum_k w_k * mean of loss k",
};

/// Shared checks of the preference entries' tests.
#[cfg(test)]
pub(crate) mod testkit {
    use serde_json::{Map, Value as Json, json};

    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    /// The four log-prob inputs of `n` pairs, random (seeded), plus token counts when `lengths`.
    pub fn logps(n: usize, seed: u64, scale: f64, lengths: bool) -> std::collections::BTreeMap<String, HostTensor> {
        let shift = |t: HostTensor, by: f64| HostTensor::from_f64(t.shape.clone(), t.floats.iter().map(|v| v + by).collect());
        let mut v = vec![
            ("policy_chosen_logps", shift(randn(&[n], seed, scale), -10.0)),
            ("policy_rejected_logps", shift(randn(&[n], seed + 1, scale), -12.0)),
            ("reference_chosen_logps", shift(randn(&[n], seed + 2, scale), -11.0)),
            ("reference_rejected_logps", shift(randn(&[n], seed + 3, scale), -11.5)),
        ];
        if lengths {
            v.push(("chosen_lengths", i(&[n], &(0..n as i64).map(|k| 1 + 3 * k).collect::<Vec<_>>())));
            v.push(("rejected_lengths", i(&[n], &(0..n as i64).map(|k| (5 - k).max(0)).collect::<Vec<_>>())));
        }
        inputs(v)
    }

    /// One pair with the given log-probs (policy chosen, policy rejected, ref chosen, ref rejected).
    pub fn pair(v: [f64; 4], lengths: Option<(i64, i64)>) -> std::collections::BTreeMap<String, HostTensor> {
        let mut x = vec![
            ("policy_chosen_logps", f(&[1], &[v[0]])),
            ("policy_rejected_logps", f(&[1], &[v[1]])),
            ("reference_chosen_logps", f(&[1], &[v[2]])),
            ("reference_rejected_logps", f(&[1], &[v[3]])),
        ];
        if let Some((a, b)) = lengths {
            x.push(("chosen_lengths", i(&[1], &[a])));
            x.push(("rejected_lengths", i(&[1], &[b])));
        }
        inputs(x)
    }

    /// log sigmoid(z) on the host, for values transcribed from the formulas.
    pub fn ls(z: f64) -> f64 {
        -(-z).exp().ln_1p()
    }

    /// sigmoid(z) on the host.
    pub fn sig(z: f64) -> f64 {
        1.0 / (1.0 + (-z).exp())
    }

    /// The pair (-1, -3 | -2, -2.5): chosen log-ratio 1, rejected -0.5, Delta 1.5.
    pub fn one_pair() -> std::collections::BTreeMap<String, HostTensor> {
        pair([-1.0, -3.0, -2.0, -2.5], None)
    }

    /// Two pairs whose sorted margins differ (aot tests): policy margins (2, -2), reference
    /// margins (0.5, -1); chosen log-ratios (1, -2), rejected (-0.5, -1).
    pub fn two_pairs() -> std::collections::BTreeMap<String, HostTensor> {
        inputs(vec![
            ("policy_chosen_logps", f(&[2], &[-1.0, -4.0])),
            ("policy_rejected_logps", f(&[2], &[-3.0, -2.0])),
            ("reference_chosen_logps", f(&[2], &[-2.0, -2.0])),
            ("reference_rejected_logps", f(&[2], &[-2.5, -1.0])),
        ])
    }

    /// Merges extra params into `base`.
    pub fn with(base: &Map<String, Json>, extra: Json) -> Map<String, Json> {
        let mut p = base.clone();
        for (k, v) in extra.as_object().unwrap() {
            p.insert(k.clone(), v.clone());
        }
        p
    }

    /// Gradients on random inputs under every f-divergence, finite values at extreme log-ratios,
    /// and the errors every preference entry shares.
    pub fn standard_checks(id: &str, form: Option<&str>, base: Json, lengths: bool) {
        let base = params(base);
        let x = logps(6, 11, 2.0, lengths);
        assert_gradcheck(id, form, &base, &x);
        for (fd, a) in [("forward_kl", 0.5), ("js_divergence", 0.5), ("alpha_divergence", 0.5), ("alpha_divergence", 1.5)] {
            let p = with(&base, json!({"f_divergence_type": fd, "f_alpha_divergence_coef": a}));
            assert_gradcheck(id, form, &p, &logps(5, 21, 0.5, lengths));
        }
        // Extreme log-ratios: +-1e2 to 1e4 apart (reverse_kl; forward_kl's exp(-u) overflows in
        // TRL too).
        for big in [1e2, 1e3, 1e4] {
            for sign in [1.0, -1.0] {
                let v = [-sign * big, sign * big, 0.0, 0.0];
                assert_finite(id, form, &base, &pair(v, lengths.then_some((3, 4))));
            }
        }
        let lp = |x: &mut std::collections::BTreeMap<String, HostTensor>, name: &str, t: HostTensor| {
            x.insert(name.to_string(), t);
        };
        // Shape mismatch.
        let mut bad = logps(4, 3, 1.0, lengths);
        lp(&mut bad, "reference_rejected_logps", f(&[3], &[0.0, 0.0, 0.0]));
        assert_error(id, form, &base, &bad, ErrorKind::Shape);
        // Rank 2.
        let mut bad = logps(4, 3, 1.0, lengths);
        lp(&mut bad, "policy_chosen_logps", f(&[2, 2], &[0.0; 4]));
        assert_error(id, form, &base, &bad, ErrorKind::Shape);
        // Empty batch.
        let mut empty = inputs(vec![
            ("policy_chosen_logps", f(&[0], &[])),
            ("policy_rejected_logps", f(&[0], &[])),
            ("reference_chosen_logps", f(&[0], &[])),
            ("reference_rejected_logps", f(&[0], &[])),
        ]);
        if lengths {
            lp(&mut empty, "chosen_lengths", i(&[0], &[]));
            lp(&mut empty, "rejected_lengths", i(&[0], &[]));
        }
        assert_error(id, form, &base, &empty, ErrorKind::Empty);
        // Hyperparameters.
        let x = logps(3, 5, 1.0, lengths);
        for b in [json!(0.0), json!(-0.1), json!("nan")] {
            assert_error(id, form, &with(&base, json!({"beta": b})), &x, ErrorKind::Param);
        }
        assert_error(id, form, &with(&base, json!({"f_divergence_type": "kl"})), &x, ErrorKind::Param);
        assert_error(id, form, &with(&base, json!({"loss_weights": [1.0, 2.0]})), &x, ErrorKind::Param);
        assert_error(id, form, &with(&base, json!({"loss_type": ["nope"]})), &x, ErrorKind::Param);
        assert_error(id, form, &with(&base, json!({"loss_type": ["sft"]})), &x, ErrorKind::Param);
        // Integer data where log-probs are expected is read as floats by the evaluator, so the
        // dtype check is on the token counts: floats there are rejected.
        let mut fl = logps(3, 5, 1.0, false);
        lp(&mut fl, "chosen_lengths", f(&[3], &[1.0, 2.0, 3.0]));
        lp(&mut fl, "rejected_lengths", f(&[3], &[1.0, 2.0, 3.0]));
        assert_error(id, form, &base, &fl, ErrorKind::DType);
        // A list without the entry's own loss type would be another entry's loss; unknown forms.
        let own = crate::catalog::get(id).and_then(|e| e.params.iter().find(|p| p.name == "loss_type")).map(|p| p.default);
        let foreign = if own == Some(crate::catalog::Value::Str("hinge")) { "sigmoid" } else { "hinge" };
        assert_error(id, form, &with(&base, json!({"loss_type": [foreign]})), &x, ErrorKind::Param);
        assert_error(id, Some("no-such-form"), &base, &x, ErrorKind::Unsupported);
    }
}
