//! Temperature-scaled softmax and KL divergence from log-probabilities, shared by the
//! distillation losses. Everything stays in log space: probabilities are only formed as
//! `exp(log p)` where they multiply a finite log-ratio, so an underflowed teacher probability
//! contributes exactly `0 * finite = 0` (PyTorch's `xlogy` convention for `kl_div`).

use burn::tensor::Tensor;

use super::log_softmax;
use crate::error::{LossError, fmt_shape};

/// `log_softmax(x / t)` along `dim`.
pub fn log_softmax_t<const D: usize>(x: Tensor<D>, dim: usize, t: f64) -> Tensor<D> {
    log_softmax(x.mul_scalar(1.0 / t), dim)
}

/// `sum_dim(p * (log p - log q))` with `p = exp(log_p)`: `KL(p || q)` along `dim` (kept), the
/// value of PyTorch's `F.kl_div(log_q, p, reduction="none").sum(dim)`.
pub fn kl_from_log_probs<const D: usize>(log_p: Tensor<D>, log_q: Tensor<D>, dim: usize) -> Tensor<D> {
    (log_p.clone().exp() * (log_p - log_q)).sum_dim(dim)
}

/// Student `features` and `teacher_features` of possibly different widths: both non-empty,
/// with the same batch (axis 0).
pub fn check_feature_pair(loss: &str, student: &[usize], teacher: &[usize]) -> Result<(), LossError> {
    super::non_empty(loss, "features", student)?;
    super::non_empty(loss, "teacher_features", teacher)?;
    if teacher[0] != student[0] {
        return Err(LossError::shape(loss, "teacher_features", format!("batch {} (the batch of features)", student[0]), fmt_shape(teacher)));
    }
    Ok(())
}
