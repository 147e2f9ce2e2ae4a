//! Reference-free preference losses of TRL's `CPOTrainer` (cpo, simpo, alphapo entries): a
//! margin between the policy's chosen and rejected log-probabilities (or AlphaPO's reshaped
//! rewards), one of four preference terms, their mean, plus `cpo_alpha` times the chosen
//! completions' NLL.

use burn::tensor::Tensor;

use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor};
use crate::numerics::relu;

/// TRL `CPOConfig.loss_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CpoLossType {
    /// `-(1-ls) log sigma(beta z) - ls log sigma(-beta z)`.
    Sigmoid,
    /// `relu(1 - beta z)` (label smoothing ignored, as TRL).
    Hinge,
    /// `(z - 1/(2 beta))^2` (label smoothing ignored).
    Ipo,
    /// the sigmoid loss on `z - simpo_gamma / beta`.
    Simpo,
}

impl CpoLossType {
    pub fn parse(loss: &str, s: &str) -> Result<Self, LossError> {
        match s {
            "sigmoid" => Ok(CpoLossType::Sigmoid),
            "hinge" => Ok(CpoLossType::Hinge),
            "ipo" => Ok(CpoLossType::Ipo),
            "simpo" => Ok(CpoLossType::Simpo),
            other => Err(LossError::param(loss, "loss_type", "one of sigmoid, hinge, ipo, simpo", format!("{other:?}"))),
        }
    }
}

/// Hyperparameters of TRL's `CPOTrainer` loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CpoTerms {
    pub beta: f64,
    pub label_smoothing: f64,
    pub loss_type: CpoLossType,
    pub simpo_gamma: f64,
    /// AlphaPO reward shape; 0 = plain log-probability margin.
    pub alpha: f64,
    /// Weight of the NLL term.
    pub cpo_alpha: f64,
}

impl CpoTerms {
    fn validate(&self, loss: &str) -> Result<(), LossError> {
        numerics::finite_param(loss, "beta", self.beta)?;
        if self.beta == 0.0 && matches!(self.loss_type, CpoLossType::Ipo | CpoLossType::Simpo) {
            // TRL divides by beta for these two (a ZeroDivisionError in Python).
            return Err(LossError::param(loss, "beta", "a non-zero beta (ipo and simpo divide by it)", "0"));
        }
        numerics::param_in(loss, "label_smoothing", self.label_smoothing, 0.0, 1.0)?;
        numerics::finite_param(loss, "simpo_gamma", self.simpo_gamma)?;
        numerics::finite_param(loss, "alpha", self.alpha)?;
        numerics::non_negative_param(loss, "cpo_alpha", self.cpo_alpha)?;
        Ok(())
    }
}

/// AlphaPO reward `(1 - p^{-alpha}) / alpha` with `p = exp(logp)`, as `(1 - exp(-alpha logp)) / alpha`.
fn alpha_reward(logp: Tensor<1>, alpha: f64) -> Tensor<1> {
    logp.mul_scalar(-alpha).exp().neg().add_scalar(1.0).mul_scalar(1.0 / alpha)
}

/// `-(1-ls) log sigma(beta z) - ls log sigma(-beta z)`.
pub fn smoothed_logistic(z: Tensor<1>, beta: f64, ls: f64) -> Tensor<1> {
    let bz = z.mul_scalar(beta);
    let main = numerics::log_sigmoid(bz.clone()).mul_scalar(-(1.0 - ls));
    if ls == 0.0 { main } else { main - numerics::log_sigmoid(bz.neg()).mul_scalar(ls) }
}

/// The per-pair preference terms of TRL's `CPOTrainer.cpo_loss`.
pub fn cpo_pair_losses(chosen: Tensor<1>, rejected: Tensor<1>, t: &CpoTerms) -> Tensor<1> {
    let z = if t.alpha != 0.0 { alpha_reward(chosen, t.alpha) - alpha_reward(rejected, t.alpha) } else { chosen - rejected };
    match t.loss_type {
        CpoLossType::Sigmoid => smoothed_logistic(z, t.beta, t.label_smoothing),
        CpoLossType::Simpo => smoothed_logistic(z.sub_scalar(t.simpo_gamma / t.beta), t.beta, t.label_smoothing),
        CpoLossType::Hinge => relu(z.mul_scalar(-t.beta).add_scalar(1.0)),
        CpoLossType::Ipo => z.sub_scalar(1.0 / (2.0 * t.beta)).powi_scalar(2),
    }
}

/// `mean(cpo_pair_losses) + cpo_alpha * policy_nll_loss` (TRL `get_batch_loss_metrics`).
pub fn cpo_loss(loss: &str, chosen: Tensor<1>, rejected: Tensor<1>, policy_nll_loss: Tensor<1>, t: &CpoTerms) -> Result<LossTensor, LossError> {
    t.validate(loss)?;
    numerics::non_empty(loss, "policy_chosen_logps", &chosen.dims())?;
    numerics::same_shape(loss, "policy_rejected_logps", &rejected.dims(), "policy_chosen_logps", &chosen.dims())?;
    if policy_nll_loss.dims() != [1] {
        return Err(LossError::shape(loss, "policy_nll_loss", "a scalar", crate::error::fmt_shape(&policy_nll_loss.dims())));
    }
    let per = cpo_pair_losses(chosen, rejected, t);
    Ok(LossTensor::scalar(per.mean() + policy_nll_loss.mul_scalar(t.cpo_alpha)))
}

/// Reads `policy_chosen_logps`, `policy_rejected_logps` (`[N]`) and the scalar `policy_nll_loss`.
pub fn read_pair(c: &Call) -> Result<(Tensor<1>, Tensor<1>, Tensor<1>), LossError> {
    let chosen = numerics::inputs::float_input::<1>(c, "policy_chosen_logps", "[N]")?;
    let rs = c.shape("policy_rejected_logps")?;
    numerics::same_shape(c.loss, "policy_rejected_logps", rs, "policy_chosen_logps", &chosen.dims())?;
    let rejected = numerics::inputs::float_input::<1>(c, "policy_rejected_logps", "[N]")?;
    numerics::inputs::check_float(c, "policy_nll_loss")?;
    let nll = numerics::inputs::scalar_input(c, "policy_nll_loss")?;
    Ok((chosen, rejected, nll))
}

/// Reads the `CPOConfig` params with the given defaults of `loss_type`, `beta` and `cpo_alpha`.
pub fn read_terms(c: &Call, loss_type: &'static str, beta: f64, cpo_alpha: f64) -> Result<CpoTerms, LossError> {
    Ok(CpoTerms {
        beta: c.f64("beta", beta)?,
        label_smoothing: c.f64("label_smoothing", 0.0)?,
        loss_type: CpoLossType::parse(c.loss, c.str("loss_type", loss_type)?)?,
        simpo_gamma: c.f64("simpo_gamma", 0.5)?,
        alpha: c.f64("alpha", 0.0)?,
        cpo_alpha: c.f64("cpo_alpha", cpo_alpha)?,
    })
}

/// Plot slice of the CPO-family entries: one pair, the chosen log-prob moving, TRL defaults.
pub fn plot_pair(x: f64) -> crate::catalog::PlotInput {
    use crate::eval::HostTensor;
    crate::catalog::PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("policy_chosen_logps", HostTensor::from_f64(vec![1], vec![(x - 1.0).min(-1e-3)])),
            ("policy_rejected_logps", HostTensor::from_f64(vec![1], vec![-1.0])),
            ("policy_nll_loss", HostTensor::from_f64(vec![], vec![0.0])),
        ],
        wrt: "policy_chosen_logps",
        index: 0,
    }
}

/// A random batch of `n` pairs with log-probs in [-4, -0.05] and an NLL term (tests).
#[cfg(test)]
pub fn pair_batch(n: usize, seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
    use crate::testing::{f, inputs, uniform};
    inputs(vec![
        ("policy_chosen_logps", uniform(&[n], seed, -4.0, -0.05)),
        ("policy_rejected_logps", uniform(&[n], seed + 1, -4.0, -0.05)),
        ("policy_nll_loss", f(&[], &[1.3])),
    ])
}
