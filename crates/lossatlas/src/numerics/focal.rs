//! Pieces shared by the focal family (focal, class-balanced, poly, asymmetric) and the robust
//! cross-entropy variants: stable binary cross-entropy on logits, the probability of the wrong
//! outcome `1 - p_t`, the alpha balance, one-hot targets, target log-probabilities and
//! hyperparameter checks.

use burn::tensor::{Int, Tensor};

use crate::error::LossError;

/// Binary cross-entropy on logits, `softplus(x) - x t`, elementwise. Its gradient with respect to
/// `t` is `-x`, as in PyTorch's `binary_cross_entropy_with_logits`.
pub fn bce_with_logits<const D: usize>(x: Tensor<D>, t: Tensor<D>) -> Tensor<D> {
    super::softplus(x.clone()) - x * t
}

/// `1 - p_t = p (1 - t) + (1 - p) t` with `p = sigmoid(x)`, computed from both tails of the
/// sigmoid so that it does not cancel for large `|x|`. Equal to torchvision's
/// `1 - (p t + (1 - p)(1 - t))` for every `t`.
pub fn one_minus_pt<const D: usize>(x: Tensor<D>, t: Tensor<D>) -> Tensor<D> {
    let p = super::sigmoid(x.clone());
    let q = super::sigmoid(x.neg());
    p * t.clone().neg().add_scalar(1.0) + q * t
}

/// The alpha balance `alpha t + (1 - alpha)(1 - t)`.
pub fn alpha_weight<const D: usize>(t: Tensor<D>, alpha: f64) -> Tensor<D> {
    t.mul_scalar(2.0 * alpha - 1.0).add_scalar(1.0 - alpha)
}

/// `base^gamma`; `gamma = 0` gives ones with a zero gradient (as `torch.pow(x, 0)`).
pub fn modulator<const D: usize>(base: Tensor<D>, gamma: f64) -> Tensor<D> {
    base.powf_scalar(gamma)
}

/// torchvision / optax sigmoid focal loss, elementwise:
/// `BCE(x, t) (1 - p_t)^gamma`, times `alpha t + (1 - alpha)(1 - t)` when `alpha` is given.
pub fn sigmoid_focal<const D: usize>(x: Tensor<D>, t: Tensor<D>, alpha: Option<f64>, gamma: f64) -> Tensor<D> {
    let ce = bce_with_logits(x.clone(), t.clone());
    let loss = ce * modulator(one_minus_pt(x, t.clone()), gamma);
    match alpha {
        Some(a) => loss * alpha_weight(t, a),
        None => loss,
    }
}

/// One-hot floats, shared with every other entry (`numerics::onehot`).
pub use super::onehot::one_hot;

/// A focusing parameter: finite and `>= 0`.
pub fn check_gamma(loss: &str, name: &str, gamma: f64) -> Result<f64, LossError> {
    super::non_negative_param(loss, name, gamma)
}

/// A balance parameter in `[0, 1]`.
pub fn check_alpha(loss: &str, name: &str, alpha: f64) -> Result<f64, LossError> {
    super::param_in(loss, name, alpha, 0.0, 1.0)
}

/// Validates `[N, C]` logits against `[N]` class indices (in range) and returns the
/// log-softmax `[N, C]` and the target's log-probability `[N]`.
pub fn target_log_probs(loss: &str, logits: Tensor<2>, targets: Tensor<1, Int>) -> Result<(Tensor<2>, Tensor<1>), LossError> {
    let [n, c] = logits.dims();
    super::same_shape(loss, "targets", &targets.dims(), "the batch of logits", &[n])?;
    super::non_empty(loss, "logits", &[n, c])?;
    super::labels_in_range(loss, "targets", &super::host_i64(&targets), c, None)?;
    let logp = super::log_softmax(logits, 1);
    let logp_y = logp.clone().gather(1, targets.reshape([n, 1])).reshape([n]);
    Ok((logp, logp_y))
}
