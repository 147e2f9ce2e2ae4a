//! Temperature-scaled softmax and KL divergence from log-probabilities, shared by the
//! distillation losses. Everything stays in log space: probabilities are only formed as
//! `exp(log p)` where they multiply a finite log-ratio, so an underflowed teacher probability
//! contributes exactly `0 * finite = 0` (PyTorch's `xlogy` convention for `kl_div`).

use burn::tensor::Tensor;

use super::log_softmax;

/// `log_softmax(x / t)` along `dim`.
pub fn log_softmax_t<const D: usize>(x: Tensor<D>, dim: usize, t: f64) -> Tensor<D> {
    log_softmax(x.div_scalar(t), dim)
}

/// `sum_dim(p * (log p - log q))` with `p = exp(log_p)`: `KL(p || q)` along `dim` (kept), the
/// value of PyTorch's `F.kl_div(log_q, p, reduction="none").sum(dim)`.
pub fn kl_from_log_probs<const D: usize>(log_p: Tensor<D>, log_q: Tensor<D>, dim: usize) -> Tensor<D> {
    (log_p.clone().exp() * (log_p - log_q)).sum_dim(dim)
}
