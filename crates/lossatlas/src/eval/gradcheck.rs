//! Central finite differences against autodiff, in f64, through the evaluator.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use super::{EvalOptions, HostTensor, evaluate};
use crate::error::LossError;

/// (case, input) pairs whose autodiff gradient is deliberately not the derivative of the
/// computed value (reproduced reference quirks, detached terms), so a finite-difference check
/// does not apply to that input: (case name, input, reason).
pub const GRADCHECK_EXEMPT: &[(&str, &str, &str)] = &[
    ("cross-entropy/optax-soft-where", "targets", "optax's gradient for a masked target is NaN (0 * inf); reproduced"),
    ("ctc/torch-log-probs-mean", "log_probs", "PyTorch's CTC backward for a leaf log_probs adds exp(log_probs) (it assumes a log_softmax input); reproduced"),
    ("ctc/torch-log-probs-sum-concat", "log_probs", "PyTorch's CTC backward for a leaf log_probs adds exp(log_probs) (it assumes a log_softmax input); reproduced"),
    ("group-dro/sagawa-0", "losses", "the group weights q depend on the losses but are detached, as in compute_robust_loss"),
    ("p2s-grad/pml-default", "weight", "PML rescales the weight rows to unit norm outside autograd; the gradient treats the weight as used directly (straight-through), reproduced"),
    ("p2s-grad/pml-default-2", "weight", "PML rescales the weight rows to unit norm outside autograd; the gradient treats the weight as used directly (straight-through), reproduced"),
    ("circle/pml-default", "embeddings", "CircleLoss' self-paced weights alpha_p, alpha_n are detached (paper and PML), so the gradient is not the derivative of the value; reproduced"),
    ("circle/pml-params", "embeddings", "CircleLoss' self-paced weights alpha_p, alpha_n are detached (paper and PML), so the gradient is not the derivative of the value; reproduced"),
    ("decoupled-contrastive/lightly-dclw", "z1", "DCLW's positive weight is computed from detached embeddings (lightly), so autodiff holds it fixed; reproduced"),
    ("decoupled-contrastive/lightly-dclw", "z2", "DCLW's positive weight is computed from detached embeddings (lightly), so autodiff holds it fixed; reproduced"),
    ("msn/lightly", "targets", "lightly computes the target probabilities under no_grad; reproduced"),
    ("msn/lightly", "prototypes", "the prototypes also shape the target probabilities, which lightly computes under no_grad; reproduced"),
    ("msn/lightly-no-reg", "targets", "lightly computes the target probabilities under no_grad; reproduced"),
    ("msn/lightly-no-reg", "prototypes", "the prototypes also shape the target probabilities, which lightly computes under no_grad; reproduced"),
    ("swav/lightly-2-high", "high_0", "lightly computes the SwAV codes from the high-resolution crops under no_grad; reproduced"),
    ("swav/lightly-2-high", "high_1", "lightly computes the SwAV codes from the high-resolution crops under no_grad; reproduced"),
    ("swav/lightly-2-high-1-low", "high_0", "lightly computes the SwAV codes from the high-resolution crops under no_grad; reproduced"),
    ("swav/lightly-2-high-1-low", "high_1", "lightly computes the SwAV codes from the high-resolution crops under no_grad; reproduced"),
    ("tico/lightly", "z1", "lightly's covariance estimate B = z1n^T z1n / N enters without gradient; reproduced"),
    ("tico/lightly-beta0", "z1", "lightly's covariance estimate B = z1n^T z1n / N enters without gradient; reproduced"),
    ("ciou/torchvision-mean", "boxes", "torchvision computes CIoU's alpha under no_grad (a constant for the gradient); reproduced"),
    ("ciou/torchvision-mean", "target_boxes", "torchvision computes CIoU's alpha under no_grad (a constant for the gradient); reproduced"),
    ("ciou/torchvision-none", "boxes", "torchvision computes CIoU's alpha under no_grad (a constant for the gradient); reproduced"),
    ("ciou/torchvision-none", "target_boxes", "torchvision computes CIoU's alpha under no_grad (a constant for the gradient); reproduced"),
    ("ciou/torchvision-sum", "boxes", "torchvision computes CIoU's alpha under no_grad (a constant for the gradient); reproduced"),
    ("ciou/torchvision-sum", "target_boxes", "torchvision computes CIoU's alpha under no_grad (a constant for the gradient); reproduced"),
    ("focal-frequency/ffl-default", "pred", "the spectrum weight matrix is detached in FocalFrequencyLoss; reproduced"),
    ("focal-frequency/ffl-default", "target", "the spectrum weight matrix is detached in FocalFrequencyLoss; reproduced"),
    ("focal-frequency/ffl-patch2-alpha2", "pred", "the spectrum weight matrix is detached in FocalFrequencyLoss; reproduced"),
    ("focal-frequency/ffl-patch2-alpha2", "target", "the spectrum weight matrix is detached in FocalFrequencyLoss; reproduced"),
    ("kto/trl-kto-default", "policy_kl_logps", "TRL KTO detaches the KL reference point z0 (no gradient to the KL inputs)"),
    ("kto/trl-kto-default", "reference_kl_logps", "TRL KTO detaches the KL reference point z0 (no gradient to the KL inputs)"),
    ("kto/trl-kto-weights", "policy_kl_logps", "TRL KTO detaches the KL reference point z0 (no gradient to the KL inputs)"),
    ("kto/trl-kto-weights", "reference_kl_logps", "TRL KTO detaches the KL reference point z0 (no gradient to the KL inputs)"),
    ("cispo/trl-cispo", "per_token_logps", "TRL cispo multiplies by the clipped importance ratio detached (stop-gradient), so the gradient is not the derivative of the value"),
    ("cispo/trl-cispo", "old_per_token_logps", "TRL cispo multiplies by the clipped importance ratio detached (stop-gradient), so the gradient is not the derivative of the value"),
    ("cispo/trl-cispo-kl", "per_token_logps", "TRL cispo multiplies by the clipped importance ratio detached (stop-gradient), so the gradient is not the derivative of the value"),
    ("cispo/trl-cispo-kl", "old_per_token_logps", "TRL cispo multiplies by the clipped importance ratio detached (stop-gradient), so the gradient is not the derivative of the value"),
];

/// Whether a (case, input) pair is exempt from the finite-difference check, and why.
pub fn exempt(case: &str, input: &str) -> Option<&'static str> {
    GRADCHECK_EXEMPT.iter().find(|(c, i, _)| *c == case && *i == input).map(|(_, _, r)| *r)
}

/// The worst disagreement found for one input.
#[derive(Debug, Clone)]
pub struct GradReport {
    pub input: String,
    /// Largest `|autodiff - fd|`.
    pub max_abs: f64,
    /// Largest `|autodiff - fd| / max(|fd|, 1)`.
    pub max_scaled: f64,
    /// Flat index of the worst element.
    pub worst: usize,
    pub autodiff: f64,
    pub finite_difference: f64,
}

/// Options of a gradient check.
#[derive(Debug, Clone, Copy)]
pub struct GradcheckOptions {
    /// Step of the central difference.
    pub step: f64,
    /// Accepted `|autodiff - fd| / max(|fd|, 1)`.
    pub tolerance: f64,
    /// Check at most this many elements per input (spread evenly), to keep tests fast.
    pub max_elements: usize,
}

impl Default for GradcheckOptions {
    fn default() -> Self {
        GradcheckOptions { step: 1e-6, tolerance: 1e-5, max_elements: 64 }
    }
}

fn total(loss: &HostTensor) -> f64 {
    loss.floats.iter().sum()
}

/// Compares the autodiff gradient of `sum(loss)` with central differences for every float
/// input in `inputs` (or only those named in `only`). Returns one report per input.
pub fn gradcheck(
    id: &str,
    form: Option<&str>,
    params: &Map<String, Json>,
    inputs: &BTreeMap<String, HostTensor>,
    only: Option<&[&str]>,
    opts: GradcheckOptions,
) -> Result<Vec<GradReport>, LossError> {
    let f64opts = EvalOptions::f64();
    let base = evaluate(id, form, params, inputs, &f64opts)?;
    let nograd = EvalOptions { gradients: false, ..EvalOptions::f64() };
    let mut reports = vec![];
    for (name, t) in inputs {
        if !t.dtype.is_float() || only.is_some_and(|o| !o.contains(&name.as_str())) {
            continue;
        }
        let Some(g) = base.grads.get(name) else { continue };
        let n = t.floats.len();
        let stride = n.div_ceil(opts.max_elements.max(1)).max(1);
        let mut rep = GradReport { input: name.clone(), max_abs: 0.0, max_scaled: 0.0, worst: 0, autodiff: 0.0, finite_difference: 0.0 };
        for i in (0..n).step_by(stride) {
            let x = t.floats[i];
            let h = opts.step * x.abs().max(1.0);
            let mut shifted = inputs.clone();
            shifted.get_mut(name).unwrap().floats[i] = x + h;
            let up = total(&evaluate(id, form, params, &shifted, &nograd)?.loss);
            shifted.get_mut(name).unwrap().floats[i] = x - h;
            let down = total(&evaluate(id, form, params, &shifted, &nograd)?.loss);
            let fd = (up - down) / (2.0 * h);
            let ad = g.floats[i];
            // NaN on either side counts as an infinite disagreement.
            let abs = if ad.is_nan() || fd.is_nan() { f64::INFINITY } else { (ad - fd).abs() };
            let scaled = abs / fd.abs().max(1.0);
            if i == 0 || scaled > rep.max_scaled {
                rep.max_scaled = scaled;
                rep.worst = i;
                rep.autodiff = ad;
                rep.finite_difference = fd;
            }
            rep.max_abs = rep.max_abs.max(abs);
        }
        reports.push(rep);
    }
    Ok(reports)
}
