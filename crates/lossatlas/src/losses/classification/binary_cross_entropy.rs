//! Binary cross-entropy: the log loss of independent Bernoulli outputs, for binary and
//! multi-label classification and as the per-pixel loss of binary segmentation.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "binary-cross-entropy";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Binary Cross-Entropy",
    aliases: &["BCE", "Log Loss (binary)", "Logistic Loss", "BCEWithLogitsLoss", "Sigmoid Cross-Entropy"],
    kind: Kind::Loss,
    domains: &["classification", "segmentation"],
    year: 1958,
    paper: Paper { title: "Derived from logistic regression", authors: "Cox, D.R. (1958)", venue: "Journal of the Royal Statistical Society B", year: 1958, url: "https://doi.org/10.1111/j.2517-6161.1958.tb00292.x" },
    summary: "Treats every output as an independent Bernoulli variable and minimizes the negative log-likelihood of the (possibly soft) 0/1 targets under a sigmoid. It is the standard loss for binary and multi-label classification and for per-pixel binary segmentation. Use the logits form: it is exact in both tails, while the probability form has to clamp log(0) (PyTorch clamps each log term at -100) and loses precision under fp16; pos_weight trades recall against precision for rare positives.",
    formula: r"\ell = -w\left[p_w\, y \log \sigma(x) + (1-y) \log \sigma(-x)\right]",
    inputs: &[
        Input { name: "logits", shape: "[*]", meaning: "scores before the sigmoid (forms logits, timm, smp-soft, optax)" },
        Input { name: "probs", shape: "[*]", meaning: "probabilities (form probs)" },
        Input { name: "targets", shape: "[*] or [N] (i64, form timm)", meaning: "0/1 or soft targets of the same shape; class indices for timm" },
        Input { name: "weights", shape: "broadcastable to [*]", meaning: "per-element rescaling (PyTorch's `weight`), no gradient" },
    ],
    params: &[
        Param { name: "pos_weight", symbol: "p_w", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "weight of the positive term per class (last axis); logits forms" },
        Param { name: "weight", symbol: "w", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "per-class weights along the last axis (timm / smp forms)" },
        Param::REDUCTION_MEAN,
        Param { name: "smoothing", symbol: r"\varepsilon", default: Value::Float(0.1), range: Range::UNIT, meaning: "timm: label smoothing of the one-hot targets (off = eps/C, on = 1 - eps + eps/C)" },
        Param { name: "target_threshold", symbol: "", default: Value::Null, range: Range::UNIT, meaning: "timm: binarize smoothed targets above this value" },
        Param { name: "sum_classes", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "timm: sum over classes before the reduction" },
        Param { name: "smooth_factor", symbol: "", default: Value::Null, range: Range::UNIT, meaning: "smp: targets become (1-y)s + y(1-s)" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "smp: elements whose target equals this get loss 0 but still count in the mean" },
    ],
    properties: Properties { convex: Tri::Yes, bounded: Tri::No, smooth: Tri::Yes, robust_to_outliers: Tri::No, suits_imbalance: Tri::No, suits_label_noise: Tri::No, operand: Operand::Logits },
    equivalents: &[
        "torch.nn.BCEWithLogitsLoss",
        "torch.nn.functional.binary_cross_entropy_with_logits",
        "torch.nn.BCELoss",
        "optax.losses.sigmoid_binary_cross_entropy",
        "timm.loss.BinaryCrossEntropy",
        "segmentation_models_pytorch.losses.SoftBCEWithLogitsLoss",
        "keras.losses.BinaryCrossentropy",
    ],
    related: &["cross-entropy", "focal", "multilabel-soft-margin", "soft-margin", "asymmetric"],
    forms: &[
        Form { name: "logits", description: "PyTorch binary_cross_entropy_with_logits: weights, pos_weight (last axis), reductions; gradients also with respect to soft targets." },
        Form { name: "probs", description: "PyTorch binary_cross_entropy on probabilities: each log term clamped at -100; the gradient is PyTorch's w (p - y) / max(p (1 - p), 1e-12)." },
        Form { name: "timm", description: "timm BinaryCrossEntropy: class-index targets one-hot encoded with smoothing (off = s/C, on = 1 - s + s/C), optional target_threshold, weight, pos_weight, sum_classes." },
        Form { name: "smp-soft", description: "segmentation_models_pytorch SoftBCEWithLogitsLoss: smooth_factor, ignore_index (ignored elements count in the mean with loss 0), weight, pos_weight." },
        Form { name: "optax", description: "optax sigmoid_binary_cross_entropy: elementwise values, no reduction." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of PyTorch's `binary_cross_entropy_with_logits`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BceConfig {
    /// Weight of the positive term, one per class along the last axis.
    pub pos_weight: Option<Vec<f64>>,
    pub reduction: Reduction,
}

/// Elementwise `-[p_w y log σ(x) + (1 - y) log σ(-x)]`, stable for any |x|.
pub fn bce_with_logits_elementwise<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, pos_weight: Option<Tensor<D>>) -> Tensor<D> {
    let pos = numerics::log_sigmoid(logits.clone());
    let neg = numerics::log_sigmoid(logits.neg());
    let pos_term = match pos_weight {
        Some(pw) => targets.clone() * pw * pos,
        None => targets.clone() * pos,
    };
    (pos_term + targets.neg().add_scalar(1.0) * neg).neg()
}

fn check_pos_weight<const D: usize>(logits: &Tensor<D>, pos_weight: &Option<Vec<f64>>) -> Result<Option<Tensor<D>>, LossError> {
    match pos_weight {
        None => Ok(None),
        Some(pw) => {
            // One value broadcasts over every class, as in PyTorch.
            let c = if pw.len() == 1 { 1 } else { logits.dims()[D - 1] };
            numerics::class_weights(ID, "pos_weight", pw, c)?;
            Ok(Some(numerics::last_axis_like(logits, pw.clone())))
        }
    }
}

/// PyTorch `binary_cross_entropy_with_logits(logits, targets, weight=weights, pos_weight)`.
pub fn binary_cross_entropy_with_logits<const D: usize>(
    logits: Tensor<D>,
    targets: Tensor<D>,
    weights: Option<Tensor<D>>,
    cfg: &BceConfig,
) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &logits.dims())?;
    let pw = check_pos_weight(&logits, &cfg.pos_weight)?;
    let mut per = bce_with_logits_elementwise(logits, targets, pw);
    if let Some(w) = weights {
        per = per * w;
    }
    Ok(reduce(per, cfg.reduction))
}

/// PyTorch `binary_cross_entropy(probs, targets, weight=weights)`: log terms clamped at -100;
/// the gradient with respect to `probs` is PyTorch's `w (p - y) / max(p (1 - p), 1e-12)`.
pub fn binary_cross_entropy<const D: usize>(probs: Tensor<D>, targets: Tensor<D>, weights: Option<Tensor<D>>, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "targets", &targets.dims(), "probs", &probs.dims())?;
    let vals = numerics::host_f64(&probs);
    if let Some(v) = vals.iter().find(|v| !(**v >= 0.0 && **v <= 1.0)) {
        return Err(LossError::value(ID, "probs", "probabilities in [0, 1]", format!("{v}")));
    }
    let p = probs.clone().detach();
    let log_p = p.clone().log().clamp_min(-100.0);
    let log_q = p.clone().neg().add_scalar(1.0).log().clamp_min(-100.0);
    // Value (and the gradient with respect to the targets) from the clamped logs; the gradient
    // with respect to the probabilities is PyTorch's closed form, attached as a zero-valued term.
    let value = (targets.clone() * log_p + targets.clone().neg().add_scalar(1.0) * log_q).neg();
    let denom = (p.clone() * p.clone().neg().add_scalar(1.0)).clamp_min(1e-12);
    let g = (p - targets.detach()) / denom;
    let mut per = value + (g.clone() * probs.clone() - (g * probs).detach());
    if let Some(w) = weights {
        per = per * w;
    }
    Ok(reduce(per, reduction))
}

/// timm `BinaryCrossEntropy`: class indices `[N]` one-hot encoded over `C = logits.dims()[1]`
/// with label smoothing, or dense targets `[N, C]`.
#[derive(Debug, Clone, PartialEq)]
pub struct TimmBceConfig {
    pub smoothing: f64,
    pub target_threshold: Option<f64>,
    pub weight: Option<Vec<f64>>,
    pub pos_weight: Option<Vec<f64>>,
    pub sum_classes: bool,
    pub reduction: Reduction,
}

impl Default for TimmBceConfig {
    fn default() -> Self {
        TimmBceConfig { smoothing: 0.1, target_threshold: None, weight: None, pos_weight: None, sum_classes: false, reduction: Reduction::Mean }
    }
}

/// timm's one-hot smoothing: `off = s / C`, `on = 1 - s + s / C`.
pub fn smoothed_one_hot(logits: &Tensor<2>, targets: Tensor<1, Int>, smoothing: f64) -> Result<Tensor<2>, LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of logits", &[n])?;
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), c, None)?;
    let off = smoothing / c as f64;
    let on = 1.0 - smoothing + off;
    let hot = numerics::int_to_float(targets.one_hot::<2>(c), logits);
    Ok(hot.mul_scalar(on - off).add_scalar(off))
}

pub fn timm_binary_cross_entropy(logits: Tensor<2>, dense_targets: Tensor<2>, cfg: &TimmBceConfig) -> Result<LossTensor, LossError> {
    numerics::param_in(ID, "smoothing", cfg.smoothing, 0.0, 1.0)?;
    numerics::same_shape(ID, "targets", &dense_targets.dims(), "logits", &logits.dims())?;
    let mut t = dense_targets;
    if let Some(th) = cfg.target_threshold {
        let th = numerics::finite_param(ID, "target_threshold", th)?;
        t = numerics::mask_to_float(t.greater_elem(th), &logits);
    }
    let pw = check_pos_weight(&logits, &cfg.pos_weight)?;
    let mut per = bce_with_logits_elementwise(logits.clone(), t, pw);
    if let Some(w) = &cfg.weight {
        numerics::class_weights(ID, "weight", w, logits.dims()[1])?;
        per = per * numerics::last_axis_like(&logits, w.clone());
    }
    if cfg.sum_classes {
        let n = per.dims()[0];
        return Ok(reduce(per.sum_dim(1).reshape([n]), cfg.reduction));
    }
    Ok(reduce(per, cfg.reduction))
}

/// segmentation_models_pytorch `SoftBCEWithLogitsLoss`.
pub fn smp_soft_bce<const D: usize>(
    logits: Tensor<D>,
    targets: Tensor<D>,
    smooth_factor: Option<f64>,
    ignore_index: Option<i64>,
    cfg: &BceConfig,
    weight: Option<Vec<f64>>,
) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &logits.dims())?;
    let soft = match smooth_factor {
        Some(s) => {
            numerics::param_in(ID, "smooth_factor", s, 0.0, 1.0)?;
            targets.clone().neg().add_scalar(1.0).mul_scalar(s) + targets.clone().mul_scalar(1.0 - s)
        }
        None => targets.clone(),
    };
    let pw = check_pos_weight(&logits, &cfg.pos_weight)?;
    let mut per = bce_with_logits_elementwise(logits.clone(), soft, pw);
    if let Some(w) = weight {
        numerics::class_weights(ID, "weight", &w, logits.dims()[D - 1])?;
        per = per * numerics::last_axis_like(&logits, w);
    }
    if let Some(ig) = ignore_index {
        let keep = targets.not_equal_elem(ig as f64);
        per = per * numerics::mask_to_float(keep, &logits);
    }
    Ok(reduce(per, cfg.reduction))
}

fn weights_input<const D: usize>(c: &Call, like: &[usize]) -> Result<Option<Tensor<D>>, LossError> {
    match c.host_opt("weights") {
        None => Ok(None),
        Some(w) => {
            let dims = numerics::broadcast_shape::<D>(ID, "weights", &w.shape, like)?;
            let t = c.float_reshaped::<D>("weights", dims)?;
            Ok(Some(t.detach()))
        }
    }
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or(if c.has("probs") { "probs" } else { "logits" });
    match form {
        "logits" | "optax" => {
            let default = if form == "optax" { Reduction::None } else { Reduction::Mean };
            let cfg = BceConfig { pos_weight: c.f64_list_opt("pos_weight")?, reduction: c.reduction(default)? };
            let shape = c.shape("logits")?.to_vec();
            by_rank!(c, "logits", shape.len(), |R| {
                let w = weights_input::<R>(c, &shape)?;
                binary_cross_entropy_with_logits(c.float::<R>("logits")?, c.float::<R>("targets")?, w, &cfg)
            })
        }
        "probs" => {
            let reduction = c.reduction(Reduction::Mean)?;
            let shape = c.shape("probs")?.to_vec();
            by_rank!(c, "probs", shape.len(), |R| {
                let w = weights_input::<R>(c, &shape)?;
                binary_cross_entropy(c.float::<R>("probs")?, c.float::<R>("targets")?, w, reduction)
            })
        }
        "timm" => {
            let cfg = TimmBceConfig {
                smoothing: c.f64("smoothing", 0.1)?,
                target_threshold: c.f64_opt("target_threshold")?,
                weight: c.f64_list_opt("weight")?,
                pos_weight: c.f64_list_opt("pos_weight")?,
                sum_classes: c.bool("sum_classes", false)?,
                reduction: c.reduction(Reduction::Mean)?,
            };
            let logits = c.float::<2>("logits")?;
            let dense = if c.host("targets")?.dtype.is_float() {
                c.float::<2>("targets")?
            } else {
                let ts = c.shape("targets")?;
                if ts.len() != 1 {
                    return Err(LossError::shape(ID, "targets", "class indices of shape [N]", fmt_shape(ts)));
                }
                smoothed_one_hot(&logits, c.int::<1>("targets")?, cfg.smoothing)?
            };
            timm_binary_cross_entropy(logits, dense, &cfg)
        }
        "smp-soft" => {
            let cfg = BceConfig { pos_weight: c.f64_list_opt("pos_weight")?, reduction: c.reduction(Reduction::Mean)? };
            let smooth = c.f64_opt("smooth_factor")?;
            let ignore = Some(c.i64("ignore_index", -100)?);
            let weight = c.f64_list_opt("weight")?;
            let rank = c.shape("logits")?.len();
            by_rank!(c, "logits", rank, |R| smp_soft_bce(c.float::<R>("logits")?, c.float::<R>("targets")?, smooth, ignore, &cfg, weight.clone()))
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
    fn value_is_the_formula() {
        // x = 0: -log(1/2) = ln 2 for any target; x = ln 3, y = 1, pos_weight 2: -2 log(3/4).
        let x = inputs(vec![("logits", f(&[2], &[0.0, 3f64.ln()])), ("targets", f(&[2], &[0.3, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none", "pos_weight": [2.0]})), &x);
        let want0 = -(0.3 * 2.0 * 0.5f64.ln() + 0.7 * 0.5f64.ln());
        assert!((ev.loss.floats[0] - want0).abs() < 1e-12);
        assert!((ev.loss.floats[1] + 2.0 * 0.75f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("logits", randn(&[4, 3], 3, 3.0)), ("targets", uniform(&[4, 3], 4, 0.0, 1.0)), ("weights", uniform(&[3], 5, 0.5, 2.0))]);
        assert_gradcheck_only(ID, Some("logits"), &params(json!({"pos_weight": [2.0, 0.5, 1.0]})), &x, Some(&["logits", "targets"]));
        let p = inputs(vec![("probs", uniform(&[5], 6, 0.05, 0.95)), ("targets", uniform(&[5], 7, 0.0, 1.0))]);
        assert_gradcheck(ID, Some("probs"), &params(json!({})), &p);
    }

    #[test]
    fn finite_at_extremes() {
        let x = inputs(vec![("logits", f(&[4], &[1e4, -1e4, 1e2, -1e2])), ("targets", f(&[4], &[0.0, 1.0, 1.0, 0.0]))]);
        let ev = assert_finite(ID, Some("logits"), &params(json!({"reduction": "none"})), &x);
        assert!((ev.loss.floats[0] - 1e4).abs() < 1e-6 && (ev.loss.floats[1] - 1e4).abs() < 1e-6);
        // Probabilities exactly 0 and 1: PyTorch's clamp gives 100 for a wrong certain answer.
        let p = inputs(vec![("probs", f(&[4], &[0.0, 1.0, 0.0, 1.0])), ("targets", f(&[4], &[1.0, 0.0, 0.0, 1.0]))]);
        let ev = assert_finite(ID, Some("probs"), &params(json!({"reduction": "none"})), &p);
        assert_eq!(ev.loss.floats, vec![100.0, 100.0, 0.0, 0.0]);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let l = randn(&[3, 2], 1, 1.0);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", l.clone()), ("targets", randn(&[3, 3], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"pos_weight": [1.0, 2.0, 3.0]})), &inputs(vec![("logits", l.clone()), ("targets", randn(&[3, 2], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", l.clone()), ("targets", randn(&[3, 2], 2, 1.0)), ("weights", randn(&[3], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, Some("probs"), &params(json!({})), &inputs(vec![("probs", f(&[2], &[0.5, 1.5])), ("targets", f(&[2], &[0.0, 1.0]))]), ErrorKind::Value);
        assert_error(ID, Some("timm"), &params(json!({})), &inputs(vec![("logits", l.clone()), ("targets", i(&[3], &[0, 2, 1]))]), ErrorKind::Value);
        assert_error(ID, Some("timm"), &params(json!({"smoothing": -0.1})), &inputs(vec![("logits", l), ("targets", i(&[3], &[0, 1, 1]))]), ErrorKind::Param);
    }
}
