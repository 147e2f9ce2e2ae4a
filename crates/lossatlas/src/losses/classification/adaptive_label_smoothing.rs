//! Adaptive label smoothing: label smoothing whose smoothing factor differs per example. The
//! per-example factor (in the cited paper, derived from how much of the image the labeled object
//! covers) is an input; the loss is the cross-entropy against the per-example smoothed target.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "adaptive-label-smoothing";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Adaptive Label Smoothing",
    aliases: &["Per-Sample Label Smoothing", "Objectness Label Smoothing"],
    kind: Kind::Loss,
    domains: &["classification", "calibration-fairness", "regularization"],
    year: 2020,
    paper: Paper {
        title: "Adaptive Label Smoothing",
        authors: "Ujwal Krothapalli, A. Lynn Abbott",
        venue: "arXiv",
        year: 2020,
        url: "https://arxiv.org/abs/2009.06432",
    },
    summary: "Cross-entropy against a per-example smoothed target (1 - eps_i) onehot(y_i) + eps_i / C, i.e. label smoothing whose strength eps_i changes from example to example. Krothapalli and Abbott derive eps_i from objectness, the relative size of the labeled object in the (cropped) image, so that crops showing little of the object get soft targets and the network learns to be unconfident on context-only inputs; other schemes set eps_i from difficulty or from a teacher. This entry implements the per-example smoothing with eps_i given as an input, leaving the choice of eps_i to the caller; with a constant eps it equals PyTorch's cross_entropy(label_smoothing=eps).",
    formula: r"\ell_i = -\sum_{c} q_{ic} \log \frac{e^{z_{ic}}}{\sum_k e^{z_{ik}}},\quad q_{ic} = (1 - \varepsilon_i)\,[y_i = c] + \frac{\varepsilon_i}{C}",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "class scores" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "class indices" },
        Input { name: "smoothing", shape: "[N]", meaning: "per-example smoothing factor eps_i in [0, 1]" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::Logits,
    },
    related: &["label-smoothing", "cross-entropy", "smooth-labels", "confidence-penalty", "temperature-scaling"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of adaptive label smoothing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AdaptiveLabelSmoothingConfig {
    pub reduction: Reduction,
}

/// Cross-entropy of `logits` `[N, C]` against targets `[N]` smoothed per example by
/// `smoothing` `[N]` (values in `[0, 1]`).
pub fn adaptive_label_smoothing(logits: Tensor<2>, targets: Tensor<1, Int>, smoothing: Tensor<1>, cfg: &AdaptiveLabelSmoothingConfig) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of logits", &[n])?;
    numerics::same_shape(ID, "smoothing", &smoothing.dims(), "the batch of logits", &[n])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), c, None)?;
    if let Some(v) = numerics::host_f64(&smoothing).into_iter().find(|v| !(*v >= 0.0 && *v <= 1.0)) {
        return Err(LossError::value(ID, "smoothing", "smoothing factors in [0, 1]", format!("{v}")));
    }
    let logp = numerics::log_softmax(logits.clone(), 1);
    let onehot = numerics::onehot::one_hot_mask(targets, c);
    let nll = logp.clone().mask_fill(onehot.bool_not(), 0.0).sum_dim(1).reshape([n]).neg();
    let uniform = logp.sum_dim(1).reshape([n]).neg().mul_scalar(1.0 / (c as f64));
    let per = nll * smoothing.clone().neg().add_scalar(1.0) + uniform * smoothing;
    Ok(reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = AdaptiveLabelSmoothingConfig { reduction: c.reduction(Reduction::Mean)? };
    for name in ["targets", "smoothing"] {
        let s = c.shape(name)?;
        if s.len() != 1 {
            return Err(LossError::shape(ID, name, "shape [N]", fmt_shape(s)));
        }
    }
    adaptive_label_smoothing(c.float::<2>("logits")?, c.int::<1>("targets")?, c.float::<1>("smoothing")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("logits", randn(&[5, 4], 1, 2.0)), ("targets", i(&[5], &[0, 3, 1, 2, 3])), ("smoothing", uniform(&[5], 2, 0.05, 0.95))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // logits (0, ln 3): p = (1/4, 3/4); target 1, eps = 0.5 over C = 2:
        // 0.75 * ln(4/3) + 0.25 * ln 4 (PyTorch label_smoothing=0.5 gives the same).
        let x = inputs(vec![("logits", f(&[2, 2], &[0.0, 3f64.ln(), 0.0, 3f64.ln()])), ("targets", i(&[2], &[1, 1])), ("smoothing", f(&[2], &[0.5, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert!((ev.loss.floats[0] - (0.75 * (4.0f64 / 3.0).ln() + 0.25 * 4f64.ln())).abs() < 1e-14);
        assert!((ev.loss.floats[1] - (4.0f64 / 3.0).ln()).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[scale, -scale, 0.0, -scale, scale, scale])), ("targets", i(&[2], &[1, 2])), ("smoothing", f(&[2], &[0.0, 1.0]))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let z = randn(&[3, 4], 5, 1.0);
        let e = f(&[3], &[0.1, 0.2, 0.3]);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[2], &[0, 1])), ("smoothing", e.clone())]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[3], &[0, 4, 1])), ("smoothing", e.clone())]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[3], &[0, 1, 1])), ("smoothing", f(&[3], &[0.1, 1.2, 0.3]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", f(&[3], &[0.0, 1.0, 1.0])), ("smoothing", e.clone())]), ErrorKind::DType);
        assert_error(ID, None, &p, &inputs(vec![("logits", z), ("targets", i(&[3], &[0, 1, 1])), ("smoothing", f(&[2], &[0.1, 0.2]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[])), ("smoothing", f(&[0], &[]))]), ErrorKind::Empty);
    }
}
