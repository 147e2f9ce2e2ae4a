//! Cross-entropy: the negative log-likelihood of the target class under a softmax over logits.
//! The default loss for single-label classification, and the base that focal, poly, label
//! smoothing and most language-model losses modify.

use burn::tensor::{Bool, Int, Tensor};


use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, Reduction, reduce, reduce_with_denominator};

const ID: &str = "cross-entropy";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Cross-Entropy Loss",
    aliases: &["Log Loss", "Negative Log-Likelihood", "Softmax Loss", "CE", "Categorical Cross-Entropy", "Multinomial Logistic Loss"],
    kind: Kind::Loss,
    domains: &["classification", "segmentation", "language-modeling"],
    year: 1948,
    paper: Paper {
        title: "A Mathematical Theory of Communication",
        authors: "Shannon, C.E.",
        venue: "Bell System Technical Journal",
        year: 1948,
        url: "https://people.math.harvard.edu/~ctm/home/text/others/shannon/entropy/entropy.pdf",
    },
    summary: "Minimizes the negative log-probability that a softmax over the logits assigns to the true class (or, with soft targets, the cross-entropy between the target distribution and the softmax). It is the maximum-likelihood objective for categorical outputs and the default for classification, segmentation and language modeling. Compute it from logits with log-sum-exp, never as log(softmax(x)); with heavy class imbalance or noisy labels consider class weights, focal loss or label smoothing.",
    formula: r"\ell_i = -\sum_{c} w_c\, q_{ic} \log \frac{e^{x_{ic}}}{\sum_{k} e^{x_{ik}}},\quad q_{ic} = (1-\varepsilon)\,[y_i = c] + \frac{\varepsilon}{C}",
    inputs: &[
        Input { name: "logits", shape: "[N, C, *]", meaning: "unnormalized class scores; class axis 1 (torch forms) or last (optax forms)" },
        Input { name: "targets", shape: "[N, *] (i64) or [N, C, *]", meaning: "class indices, or class probabilities (soft targets)" },
        Input { name: "probs", shape: "[N, C]", meaning: "form sklearn-log-loss: predicted probabilities instead of logits" },
        Input { name: "weights", shape: "[N]", meaning: "form sklearn-log-loss: per-sample weights" },
        Input { name: "mask", shape: "[N, C]", meaning: "form optax-soft: classes to keep (optax's `where`)" },
    ],
    params: &[
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "per-class rescaling weights (length C)" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "target value that is ignored and excluded from the mean" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "mass moved from the target class to a uniform distribution over the C classes" },
        Param::REDUCTION_MEAN,
        Param { name: "labels", symbol: "", default: Value::Null, range: Range::Any, meaning: "form sklearn-log-loss: the class labels in column order" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "torch.nn.CrossEntropyLoss",
        "torch.nn.functional.cross_entropy",
        "optax.losses.softmax_cross_entropy",
        "optax.losses.softmax_cross_entropy_with_integer_labels",
        "optax.losses.safe_softmax_cross_entropy",
        "sklearn.metrics.log_loss",
        "timm.loss.SoftTargetCrossEntropy",
        "keras.losses.CategoricalCrossentropy",
    ],
    related: &["nll", "binary-cross-entropy", "label-smoothing", "focal", "kl-divergence"],
    forms: &[
        Form { name: "class-indices", description: "PyTorch with class-index targets: weight, ignore_index, label_smoothing; any number of spatial dims after the class axis; mean divides by the summed weight of the non-ignored targets (NaN when all are ignored, as PyTorch)." },
        Form { name: "probabilities", description: "PyTorch with class-probability targets of the logits' shape: weight and label_smoothing; mean divides by N times the spatial size; no ignore_index." },
        Form { name: "sklearn-log-loss", description: "scikit-learn log_loss on probabilities `probs`, clipped to [eps, 1 - eps] with eps = f64 machine epsilon; optional sample `weights` and `labels`; values outside [0, 1] are rejected." },
        Form { name: "timm-soft-target", description: "timm SoftTargetCrossEntropy: mean over rows of -sum(targets * log_softmax(logits))." },
        Form { name: "optax-soft", description: "optax softmax_cross_entropy: per example, class axis last, optional `mask` removing classes from the softmax and the sum (as in optax, the gradient with respect to a masked target is NaN); no reduction." },
        Form { name: "optax-integer", description: "optax softmax_cross_entropy_with_integer_labels: per example, class axis last; no reduction." },
        Form { name: "optax-safe", description: "optax safe_softmax_cross_entropy: like optax-soft, but a -inf logit with zero target contributes 0 instead of NaN." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of PyTorch's `cross_entropy`; `Default` equals PyTorch's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossEntropyConfig {
    /// Per-class weights (length C).
    pub weight: Option<Vec<f64>>,
    /// Targets equal to this are ignored (class-index targets only).
    pub ignore_index: i64,
    /// Label smoothing ε in [0, 1].
    pub label_smoothing: f64,
    pub reduction: Reduction,
}

impl Default for CrossEntropyConfig {
    fn default() -> Self {
        CrossEntropyConfig { weight: None, ignore_index: -100, label_smoothing: 0.0, reduction: Reduction::Mean }
    }
}

impl CrossEntropyConfig {
    fn validate(&self, loss: &str, classes: usize) -> Result<(), LossError> {
        numerics::param_in(loss, "label_smoothing", self.label_smoothing, 0.0, 1.0)?;
        if let Some(w) = &self.weight {
            numerics::class_weights(loss, "weight", w, classes)?;
        }
        Ok(())
    }
}

/// Moves the class axis (1) of `[N, C, *]` last and flattens: `[N * prod(*), C]`.
pub(crate) fn rows_class_axis1<const D: usize>(x: Tensor<D>) -> Tensor<2> {
    let dims = x.dims();
    let (n, c) = (dims[0], dims[1]);
    let s: usize = dims[2..].iter().product();
    x.reshape([n, c, s]).swap_dims(1, 2).reshape([n * s, c])
}

/// Checks that targets of class indices have the logits' shape without the class axis.
pub(crate) fn check_index_targets(loss: &str, logits: &[usize], targets: &[usize]) -> Result<(), LossError> {
    if logits.len() < 2 {
        return Err(LossError::shape(loss, "logits", "shape [N, C, *] (rank >= 2)", fmt_shape(logits)));
    }
    let mut want = vec![logits[0]];
    want.extend_from_slice(&logits[2..]);
    if targets != want.as_slice() {
        return Err(LossError::shape(loss, "targets", format!("shape {} (logits without the class axis)", fmt_shape(&want)), fmt_shape(targets)));
    }
    numerics::non_empty(loss, "logits", logits)
}

/// Per-row PyTorch cross-entropy on `[M, C]` log-probabilities with index targets.
/// Returns the per-row loss (0 for ignored rows) and the mean's denominator.
pub(crate) fn nll_rows(
    loss: &str,
    logp: Tensor<2>,
    targets: Tensor<1, Int>,
    weight: Option<&[f64]>,
    ignore_index: i64,
    label_smoothing: f64,
) -> Result<(Tensor<1>, Tensor<1>), LossError> {
    let [m, c] = logp.dims();
    let labels = numerics::host_i64(&targets);
    numerics::labels_in_range(loss, "targets", &labels, c, Some(ignore_index))?;
    // The ignore mask and the safe (in-range) indices are built from the host labels: the
    // device's integer type may be narrower than i64, and an ignore_index outside its range
    // must not alias a real class.
    let _ = targets;
    let keep_host: Vec<f64> = labels.iter().map(|&l| if l == ignore_index { 0.0 } else { 1.0 }).collect();
    let safe_host: Vec<i64> = labels.iter().map(|&l| if l == ignore_index { 0 } else { l }).collect();
    let safe: Tensor<1, Int> = numerics::ints_like(&logp, safe_host, [m]);
    let keep = numerics::tensor_like(&logp, keep_host, [m]);
    let w = match weight {
        Some(w) => numerics::tensor_like(&logp, w.to_vec(), [c]),
        None => numerics::full_like(&logp, [c], 1.0),
    };
    let w_y = w.clone().select(0, safe.clone()) * keep.clone();
    let picked = logp.clone().gather(1, safe.reshape([m, 1])).reshape([m]);
    let mut per = (picked * w_y.clone()).neg();
    if label_smoothing > 0.0 {
        let smooth = (logp * w.reshape([1, c])).sum_dim(1).reshape([m]).neg().mul_scalar(1.0 / (c as f64)) * keep;
        per = per.mul_scalar(1.0 - label_smoothing) + smooth.mul_scalar(label_smoothing);
    }
    Ok((per, w_y.sum()))
}

/// PyTorch `cross_entropy` with class-index targets. `logits` is `[N, C, *]`, `targets`
/// `[N, *]` (rank `DT = D - 1`). Returns a scalar, or `[N, *]` values with `Reduction::None`.
pub fn cross_entropy<const D: usize, const DT: usize>(
    logits: Tensor<D>,
    targets: Tensor<DT, Int>,
    cfg: &CrossEntropyConfig,
) -> Result<LossTensor, LossError> {
    check_index_targets(ID, &logits.dims(), &targets.dims())?;
    let classes = logits.dims()[1];
    cfg.validate(ID, classes)?;
    let tshape = targets.dims().to_vec();
    let rows = rows_class_axis1(logits);
    let m = rows.dims()[0];
    let logp = numerics::log_softmax(rows, 1);
    let (per, denom) = nll_rows(ID, logp, targets.reshape([m]), cfg.weight.as_deref(), cfg.ignore_index, cfg.label_smoothing)?;
    Ok(match cfg.reduction {
        Reduction::None => LossTensor::with_shape(per, tshape),
        r => reduce_with_denominator(per, denom, r),
    })
}

/// PyTorch `cross_entropy` with class-probability targets of the logits' shape `[N, C, *]`.
pub fn cross_entropy_soft<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, cfg: &CrossEntropyConfig) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &dims)?;
    if D < 2 {
        return Err(LossError::shape(ID, "logits", "shape [N, C, *] (rank >= 2)", fmt_shape(&dims)));
    }
    numerics::non_empty(ID, "logits", &dims)?;
    let c = dims[1];
    cfg.validate(ID, c)?;
    let mut out_shape = vec![dims[0]];
    out_shape.extend_from_slice(&dims[2..]);
    let logp = numerics::log_softmax(rows_class_axis1(logits.clone()), 1);
    let mut q = rows_class_axis1(targets);
    if cfg.label_smoothing > 0.0 {
        q = q.mul_scalar(1.0 - cfg.label_smoothing).add_scalar(cfg.label_smoothing / c as f64);
    }
    if let Some(w) = &cfg.weight {
        q = q * numerics::tensor_like(&logits, w.clone(), [1, c]);
    }
    let m = logp.dims()[0];
    let per = (logp * q).sum_dim(1).reshape([m]).neg();
    Ok(match cfg.reduction {
        Reduction::None => LossTensor::with_shape(per, out_shape),
        r => reduce(per, r),
    })
}

/// optax `softmax_cross_entropy` (class axis last): per example `-sum(t * log_softmax(x))`.
/// `mask` (optax's `where`) removes classes from the softmax and the sum. With `safe`, a
/// `-inf` logit whose target is 0 contributes 0 (optax `safe_softmax_cross_entropy`).
pub fn softmax_cross_entropy<const D: usize>(
    logits: Tensor<D>,
    targets: Tensor<D>,
    mask: Option<Tensor<D, Bool>>,
) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &dims)?;
    if let Some(m) = &mask {
        numerics::same_shape(ID, "mask", &m.dims(), "logits", &dims)?;
    }
    numerics::non_empty(ID, "logits", &dims)?;
    let out_shape = dims[..D - 1].to_vec();
    let per = match mask {
        // optax multiplies targets by the -inf log-probabilities of masked classes and drops
        // the products in the sum: the value is finite, and the gradient with respect to a
        // masked target is NaN (0 * inf), which this reproduces.
        Some(m) => {
            let drop = m.bool_not();
            let x = logits.mask_fill(drop.clone(), f64::NEG_INFINITY);
            let logp = numerics::log_softmax(x, D - 1);
            (targets * logp).mask_fill(drop, 0.0).sum_dim(D - 1).neg()
        }
        None => {
            let drop = logits.clone().equal_elem(f64::NEG_INFINITY);
            let logp = numerics::log_softmax(logits, D - 1).mask_fill(drop.clone(), 0.0);
            (targets.mask_fill(drop, 0.0) * logp).sum_dim(D - 1).neg()
        }
    };
    Ok(LossTensor::with_shape(per, out_shape))
}

/// optax `softmax_cross_entropy_with_integer_labels` (class axis last), per example.
pub fn softmax_cross_entropy_with_integer_labels<const D: usize, const DT: usize>(
    logits: Tensor<D>,
    targets: Tensor<DT, Int>,
) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    if DT + 1 != D || targets.dims()[..] != dims[..D - 1] {
        return Err(LossError::shape(ID, "targets", format!("shape {} (logits without the last, class axis)", fmt_shape(&dims[..D - 1])), fmt_shape(&targets.dims())));
    }
    numerics::non_empty(ID, "logits", &dims)?;
    let c = dims[D - 1];
    let m: usize = dims[..D - 1].iter().product();
    let labels = numerics::host_i64(&targets);
    numerics::labels_in_range(ID, "targets", &labels, c, None)?;
    let logp = numerics::log_softmax(logits.reshape([m, c]), 1);
    let per = logp.gather(1, targets.reshape([m, 1])).reshape([m]).neg();
    Ok(LossTensor::with_shape(per, dims[..D - 1].to_vec()))
}

/// scikit-learn `log_loss(targets, probs, labels, sample_weight)`: `probs` `[N, C]` (or `[N]`
/// as P(class 1) for two classes), clipped to `[eps, 1 - eps]`; `targets` are positions in
/// `labels` (already mapped). Returns the (weighted) mean.
pub fn log_loss(probs: Tensor<2>, targets: Tensor<1, Int>, sample_weight: Option<Tensor<1>>) -> Result<LossTensor, LossError> {
    let [n, c] = probs.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of probs", &[n])?;
    numerics::non_empty(ID, "probs", &[n, c])?;
    let vals = numerics::host_f64(&probs);
    if let Some(v) = vals.iter().find(|v| **v > 1.0) {
        return Err(LossError::value(ID, "probs", "probabilities <= 1", format!("{v}")));
    }
    if let Some(v) = vals.iter().find(|v| **v < 0.0 || v.is_nan()) {
        return Err(LossError::value(ID, "probs", "probabilities >= 0", format!("{v}")));
    }
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), c, None)?;
    let eps = f64::EPSILON;
    let p = probs.clamp(eps, 1.0 - eps);
    let per = p.gather(1, targets.reshape([n, 1])).reshape([n]).log().neg();
    Ok(match sample_weight {
        Some(w) => {
            numerics::same_shape(ID, "weights", &w.dims(), "the batch", &[n])?;
            LossTensor::scalar((per * w.clone()).sum() / w.sum())
        }
        None => LossTensor::scalar(per.mean()),
    })
}

fn config(c: &Call) -> Result<CrossEntropyConfig, LossError> {
    Ok(CrossEntropyConfig {
        weight: c.f64_list_opt("weight")?,
        ignore_index: c.i64("ignore_index", -100)?,
        label_smoothing: c.f64("label_smoothing", 0.0)?,
        reduction: c.reduction(Reduction::Mean)?,
    })
}


fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let targets_float = c.host("targets").map(|t| t.dtype.is_float()).unwrap_or(false);
    let form = c.form().unwrap_or(if targets_float { "probabilities" } else { "class-indices" });
    match form {
        "class-indices" | "probabilities" => {
            let cfg = config(c)?;
            let rank = c.shape("logits")?.len();
            if targets_float {
                by_rank!(c, "logits", rank, |R| cross_entropy_soft(c.float::<R>("logits")?, c.float::<R>("targets")?, &cfg))
            } else {
                let tr = c.shape("targets")?.len();
                if rank < 2 || tr + 1 != rank {
                    return Err(LossError::shape(ID, "targets", format!("rank {} (logits without the class axis)", rank.saturating_sub(1)), format!("shape {}", fmt_shape(c.shape("targets")?))));
                }
                by_rank!(c, "logits", rank, |R| {
                    let t = c.int_reshaped::<{ R - 1 }>("targets", c.shape("targets")?.try_into().unwrap())?;
                    cross_entropy(c.float::<R>("logits")?, t, &cfg)
                })
            }
        }
        "timm-soft-target" => {
            let cfg = CrossEntropyConfig { reduction: Reduction::Mean, ..Default::default() };
            cross_entropy_soft(c.float::<2>("logits")?, c.float::<2>("targets")?, &cfg)
        }
        "optax-soft" | "optax-safe" => {
            let _ = c.reduction(Reduction::None)?;
            let rank = c.shape("logits")?.len();
            by_rank!(c, "logits", rank, |R| {
                let mask = if c.has("mask") { Some(c.mask::<R>("mask")?) } else { c.host_opt("mask"); None };
                softmax_cross_entropy(c.float::<R>("logits")?, c.float::<R>("targets")?, mask)
            })
        }
        "optax-integer" => {
            let _ = c.reduction(Reduction::None)?;
            let rank = c.shape("logits")?.len();
            by_rank!(c, "logits", rank, |R| {
                let t = c.int_reshaped::<{ R - 1 }>("targets", c.shape("targets")?.try_into().map_err(|_| LossError::shape(ID, "targets", "logits' shape without the class axis", fmt_shape(c.shape("targets").unwrap_or(&[]))))?)?;
                softmax_cross_entropy_with_integer_labels(c.float::<R>("logits")?, t)
            })
        }
        "sklearn-log-loss" => {
            let probs_shape = c.shape("probs")?.to_vec();
            let labels = c.i64_list_opt("labels")?;
            let raw = c.int_values("targets")?;
            let probs = match probs_shape.len() {
                1 => {
                    let p = c.float::<1>("probs")?;
                    let n = p.dims()[0];
                    let p = p.reshape([n, 1]);
                    Tensor::cat(vec![p.clone().neg().add_scalar(1.0), p], 1)
                }
                2 => c.float::<2>("probs")?,
                _ => return Err(LossError::shape(ID, "probs", "shape [N, C] or [N]", fmt_shape(&probs_shape))),
            };
            let cols = probs.dims()[1];
            let labels = labels.unwrap_or_else(|| (0..cols as i64).collect());
            if labels.len() != cols {
                return Err(LossError::shape(ID, "probs", format!("{} columns (one per label)", labels.len()), format!("{cols}")));
            }
            let mapped: Vec<i64> = raw
                .iter()
                .map(|y| labels.iter().position(|l| l == y).map(|p| p as i64).ok_or_else(|| LossError::value(ID, "targets", format!("labels among {labels:?}"), format!("{y}"))))
                .collect::<Result<_, _>>()?;
            let n = mapped.len();
            let targets = numerics::ints_like(&probs, mapped, [n]);
            let w = c.float_opt::<1>("weights")?;
            log_loss(probs, targets, w)
        }
        _ => Err(c.unknown_form(&ENTRY.forms.iter().map(|f| f.name).collect::<Vec<_>>())),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("logits", randn(&[5, 4, 3], 1, 2.0)), ("targets", i(&[5, 3], &[0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, -100]))]);
        let p = params(json!({"weight": [0.5, 1.0, 2.0, 0.3], "label_smoothing": 0.2}));
        assert_gradcheck(ID, None, &p, &x);
        let soft = inputs(vec![("logits", randn(&[3, 4], 2, 3.0)), ("targets", uniform(&[3, 4], 3, 0.0, 1.0))]);
        assert_gradcheck(ID, Some("probabilities"), &params(json!({"label_smoothing": 0.1})), &soft);
    }

    #[test]
    fn value_is_the_formula() {
        // One row, logits (0, ln 3): p = (1/4, 3/4); -log p_1 = ln(4/3).
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 3f64.ln()])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (4.0f64 / 3.0).ln()).abs() < 1e-12);
        // With smoothing 0.5 over C = 2: 0.75 * ln(4/3) + 0.25 * ln 4.
        let ev = eval64(ID, None, &params(json!({"label_smoothing": 0.5})), &x);
        let want = 0.75 * (4.0f64 / 3.0).ln() + 0.25 * 4f64.ln();
        assert!((ev.loss.floats[0] - want).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[scale, -scale, 0.0, -scale, scale, scale])), ("targets", i(&[2], &[1, 2]))]);
            let ev = assert_finite(ID, None, &params(json!({"label_smoothing": 0.1})), &x);
            // Row 0 puts the target at -scale against +scale: the loss is 2 * scale.
            assert!(ev.loss.floats[0] > scale * 0.9);
        }
    }

    #[test]
    fn all_ignored_mean_is_nan_like_pytorch() {
        let x = inputs(vec![("logits", randn(&[2, 3], 4, 1.0)), ("targets", i(&[2], &[-100, -100]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!(ev.loss.floats[0].is_nan());
        let ev = eval64(ID, None, &params(json!({"reduction": "sum"})), &x);
        assert_eq!(ev.loss.floats[0], 0.0);
    }

    #[test]
    fn an_ignore_index_outside_the_int_range_does_not_alias_a_class() {
        let x = inputs(vec![("logits", randn(&[2, 3], 8, 1.0)), ("targets", i(&[2], &[0, 1]))]);
        let a = eval64(ID, None, &params(json!({"ignore_index": i64::MIN, "reduction": "none"})), &x);
        let b = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(a.loss.floats, b.loss.floats);
        assert!(a.loss.floats.iter().all(|v| *v > 0.0));
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let good = randn(&[3, 4], 5, 1.0);
        let cases = [
            (inputs(vec![("logits", good.clone()), ("targets", i(&[2], &[0, 1]))]), p.clone(), ErrorKind::Shape),
            (inputs(vec![("logits", good.clone()), ("targets", i(&[3], &[0, 4, 1]))]), p.clone(), ErrorKind::Value),
            (inputs(vec![("logits", good.clone()), ("targets", i(&[3], &[0, -1, 1]))]), p.clone(), ErrorKind::Value),
            (inputs(vec![("logits", good.clone()), ("targets", i(&[3], &[0, 1, 1]))]), params(json!({"label_smoothing": 1.5})), ErrorKind::Param),
            (inputs(vec![("logits", good.clone()), ("targets", i(&[3], &[0, 1, 1]))]), params(json!({"weight": [1.0, 2.0]})), ErrorKind::Shape),
            (inputs(vec![("logits", good.clone()), ("targets", i(&[3], &[0, 1, 1]))]), params(json!({"reduction": "avg"})), ErrorKind::Param),
            (inputs(vec![("logits", good.clone()), ("targets", i(&[3], &[0, 1, 1]))]), params(json!({"gamma": 2.0})), ErrorKind::Param),
            (inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), p.clone(), ErrorKind::Empty),
        ];
        for (x, p, kind) in cases {
            assert_error(ID, None, &p, &x, kind);
        }
        // Float class indices are a dtype error in the integer-label optax form.
        let x = inputs(vec![("logits", good), ("targets", f(&[3], &[0.0, 1.0, 2.0]))]);
        assert_error(ID, Some("optax-integer"), &params(json!({})), &x, ErrorKind::DType);
    }
}
