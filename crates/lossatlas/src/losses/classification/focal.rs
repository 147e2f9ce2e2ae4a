//! Focal loss: cross-entropy scaled by `(1 - p_t)^gamma`, so that examples the model already
//! gets right contribute little and training concentrates on the hard ones. Introduced for dense
//! one-stage detection, where easy background anchors vastly outnumber objects; widely used for
//! imbalanced classification and segmentation. Libraries disagree on details (sigmoid or softmax,
//! how alpha weights classes, reductions), so each is a documented form.

use burn::tensor::{Bool, Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::losses::classification::cross_entropy::{check_index_targets, rows_class_axis1};
use crate::numerics::focal::{alpha_weight, bce_with_logits, check_alpha, check_gamma, modulator, one_hot, sigmoid_focal};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "focal";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Focal Loss",
    aliases: &["Sigmoid Focal Loss", "Softmax Focal Loss", "Binary Focal Loss"],
    kind: Kind::Loss,
    domains: &["classification", "detection", "calibration-fairness", "segmentation", "medical"],
    year: 2017,
    paper: Paper {
        title: "Focal Loss for Dense Object Detection",
        authors: "Lin, T.-Y., Goyal, P., Girshick, R., He, K. & Dollár, P.",
        venue: "ICCV",
        year: 2017,
        url: "https://arxiv.org/abs/1708.02002",
    },
    summary: "Multiplies the cross-entropy of each prediction by (1 - p_t)^gamma, where p_t is the probability given to the correct outcome, so well-classified examples are down-weighted and the gradient concentrates on hard, misclassified ones; an optional alpha balances positives against negatives. It was designed for one-stage detectors facing extreme foreground/background imbalance and is common in segmentation and imbalanced classification. gamma = 0 recovers (alpha-weighted) cross-entropy; large gamma can underfit easy classes, and it tends to make models under-confident, which some use for calibration. Implementations differ: sigmoid per element (torchvision, optax, smp) or softmax over classes (kornia, MONAI), and kornia/MONAI give class 0 the weight 1 - alpha.",
    formula: r"\ell = -\alpha_t\,(1 - p_t)^{\gamma}\,\log p_t,\quad p_t = p\,y + (1 - p)(1 - y),\ \alpha_t = \alpha\,y + (1 - \alpha)(1 - y),\ p = \sigma(x)\ \text{(or } p = \operatorname{softmax}(x)_c\text{)}",
    inputs: &[
        Input { name: "logits", shape: "[N, *] or [N, C, *]", meaning: "unnormalized scores: one binary logit per element (sigmoid forms) or class scores on axis 1 (softmax forms)" },
        Input { name: "targets", shape: "logits' shape (float) or [N, *] / [N, 1, *] (i64)", meaning: "0/1 or soft targets (sigmoid forms); class indices (softmax-kornia, smp multiclass, MONAI with to_onehot_y)" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.25), range: Range::Real { min: f64::NEG_INFINITY, max: 1.0, open_min: true, open_max: false }, meaning: "weight of positives (1 - alpha for negatives; kornia/MONAI softmax: 1 - alpha for class 0, alpha for the others); null disables it (torchvision: a negative value). Default 0.25 in torchvision; none in optax, MONAI and smp; kornia's module classes take it explicitly, and absent means none here for both kornia forms" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "focusing exponent of (1 - p_t); 0 gives cross-entropy" },
        Param { name: "reduction", symbol: "", default: Value::Str("none"), range: Range::REDUCTION, meaning: "none, mean or sum; default none in torchvision, kornia and optax, mean in MONAI and smp. MONAI's sum first averages over the spatial axes" },
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Any, meaning: "kornia and MONAI: per-class weights on axis 1 (MONAI also accepts one number)" },
        Param { name: "pos_weight", symbol: "", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "sigmoid-kornia: per-class weight of the positive term" },
        Param { name: "ignore_index", symbol: "", default: Value::Null, range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "kornia (default -100) and smp (default none): targets equal to it contribute nothing (kornia keeps them in the mean's denominator, smp drops them)" },
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "MONAI: false drops channel 0 of logits and targets" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI: targets are [N, 1, *] class indices to one-hot encode" },
        Param { name: "use_softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI: softmax instead of sigmoid (must agree with the form)" },
        Param { name: "mode", symbol: "", default: Value::Null, range: Range::Choice { values: &["binary", "multilabel", "multiclass"] }, meaning: "smp (required): binary/multilabel flatten logits and float targets; multiclass scores each class one-vs-rest against index targets" },
        Param { name: "normalized", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "smp: divide by the sum of the modulating factors" },
        Param { name: "reduced_threshold", symbol: "", default: Value::Null, range: Range::Real { min: 0.0, max: 1.0, open_min: true, open_max: false }, meaning: "smp: reduced focal loss; the factor is ((1 - p_t)/threshold)^gamma, and 1 where p_t < threshold" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "torchvision.ops.sigmoid_focal_loss",
        "kornia.losses.focal_loss",
        "kornia.losses.binary_focal_loss_with_logits",
        "monai.losses.FocalLoss",
        "segmentation_models_pytorch.losses.FocalLoss",
        "optax.losses.sigmoid_focal_loss",
        "keras.losses.BinaryFocalCrossentropy",
    ],
    related: &["cross-entropy", "binary-cross-entropy", "class-balanced", "poly", "asymmetric", "focal-tversky", "dice-focal", "adafocal", "unified-focal"],
    forms: &[
        Form { name: "sigmoid", description: "torchvision sigmoid_focal_loss: elementwise BCE-with-logits * (1 - p_t)^gamma * (alpha y + (1 - alpha)(1 - y)); a negative (or null) alpha disables the weighting; targets of the logits' shape, may be soft (gradient with respect to them too); default reduction none." },
        Form { name: "sigmoid-kornia", description: "kornia binary_focal_loss_with_logits: logits [N, C, *] and float targets of that shape; -alpha (1-p)^gamma t log p - (1-alpha) p^gamma (1-t) log(1-p) from log-sigmoids; pos_weight scales the positive term and weight both, per class on axis 1; targets equal to ignore_index (default -100) give 0 but stay in the mean; alpha null disables it; default reduction none." },
        Form { name: "softmax-kornia", description: "kornia focal_loss: softmax over axis 1 of [N, C, *] logits, i64 targets [N, *]; the loss keeps the class axis ([N, C, *] with reduction none, zero off the target class) and mean averages over all N*C*(*) entries; alpha weights class 0 by 1 - alpha and the other classes by alpha (null: no weighting); weight per class; ignore_index (default -100) zeroes a position." },
        Form { name: "monai-sigmoid", description: "MONAI FocalLoss (use_softmax=False): BCE-with-logits * exp(gamma * logsigmoid(-x (2y - 1))), alpha y + (1 - alpha)(1 - y) if alpha is given; include_background, to_onehot_y ([N, 1, *] index targets), weight per class (ignored with a single channel); reduction mean over all elements, sum = sum over (N, C) of the spatial means, none keeps [N, C, *]. MONAI computes in float32; this form computes in the input's precision." },
        Form { name: "monai-softmax", description: "MONAI FocalLoss (use_softmax=True): -(1 - p)^gamma log p * y with a softmax over axis 1 (after dropping the background if include_background is false); alpha gives 1 - alpha to class 0 and alpha to the others (ignored when the background is dropped); weight, to_onehot_y and reductions as monai-sigmoid." },
        Form { name: "smp", description: "segmentation_models_pytorch FocalLoss: BCE-with-logits * (1 - exp(-BCE))^gamma (times the alpha balance if alpha is given); mode binary/multilabel flattens logits and targets, multiclass compares each class channel one-vs-rest with the index targets and reduces all N*C*(*) terms together (smp 0.6.0: mean over classes too); ignore_index drops positions; normalized divides by max(sum of factors, 1e-6); reduced_threshold gives the reduced focal loss; default reduction mean." },
        Form { name: "optax-sigmoid", description: "optax sigmoid_focal_loss: elementwise torchvision formula with alpha null by default and no reduction; optax takes log(1 - p_t) through a weighted log-sum-exp, whose gradient with respect to hard 0/1 targets is not the analytic one (the cases give none); the value and the logits gradient agree." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of torchvision's `sigmoid_focal_loss`; `Default` equals its defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct FocalConfig {
    /// Weight of positives; `None` (torchvision: a negative alpha) disables the balance.
    pub alpha: Option<f64>,
    pub gamma: f64,
    pub reduction: Reduction,
}

impl Default for FocalConfig {
    fn default() -> Self {
        FocalConfig { alpha: Some(0.25), gamma: 2.0, reduction: Reduction::None }
    }
}

fn check_alpha_gamma(alpha: Option<f64>, gamma: f64) -> Result<(), LossError> {
    check_gamma(ID, "gamma", gamma)?;
    if let Some(a) = alpha {
        check_alpha(ID, "alpha", a)?;
    }
    Ok(())
}

/// torchvision `sigmoid_focal_loss` on logits and (possibly soft) targets of the same shape.
pub fn sigmoid_focal_loss<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, cfg: &FocalConfig) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &logits.dims())?;
    numerics::non_empty(ID, "logits", &logits.dims())?;
    check_alpha_gamma(cfg.alpha, cfg.gamma)?;
    Ok(reduce(sigmoid_focal(logits, targets, cfg.alpha, cfg.gamma), cfg.reduction))
}

/// Shape `[1, C, 1, ...]` of rank `D`, to broadcast per-class values on axis 1.
fn class_axis_shape<const D: usize>(c: usize) -> [usize; D] {
    let mut s = [1; D];
    s[1] = c;
    s
}

/// Options of kornia's focal losses (both forms); `Default` equals kornia's defaults for
/// `binary_focal_loss_with_logits` (`focal_loss` has no default alpha; give it explicitly).
#[derive(Debug, Clone, PartialEq)]
pub struct KorniaFocalConfig {
    pub alpha: Option<f64>,
    pub gamma: f64,
    pub reduction: Reduction,
    /// Per-class weights on axis 1.
    pub weight: Option<Vec<f64>>,
    /// Per-class weights of the positive term (binary form only).
    pub pos_weight: Option<Vec<f64>>,
    pub ignore_index: Option<i64>,
}

impl Default for KorniaFocalConfig {
    fn default() -> Self {
        KorniaFocalConfig { alpha: Some(0.25), gamma: 2.0, reduction: Reduction::None, weight: None, pos_weight: None, ignore_index: Some(-100) }
    }
}

fn check_rank2(dims: &[usize]) -> Result<(), LossError> {
    if dims.len() < 2 {
        return Err(LossError::shape(ID, "logits", "shape [N, C, *] (rank >= 2)", fmt_shape(dims)));
    }
    numerics::non_empty(ID, "logits", dims)
}

/// kornia `binary_focal_loss_with_logits`: logits `[N, C, *]`, float targets of that shape.
pub fn kornia_binary_focal_loss<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, cfg: &KorniaFocalConfig) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    check_rank2(&dims)?;
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &dims)?;
    check_alpha_gamma(cfg.alpha, cfg.gamma)?;
    let c = dims[1];
    for (name, w) in [("weight", &cfg.weight), ("pos_weight", &cfg.pos_weight)] {
        if let Some(w) = w {
            numerics::class_weights(ID, name, w, c)?;
        }
    }
    let mut log_pos = numerics::log_sigmoid(logits.clone());
    let mut log_neg = numerics::log_sigmoid(logits.clone().neg());
    let mut t = targets;
    if let Some(ii) = cfg.ignore_index {
        let ignored: Tensor<D, Bool> = t.clone().equal_elem(ii as f64);
        if numerics::host_f64(&t).contains(&(ii as f64)) {
            let keep = numerics::mask_to_float(ignored.clone().bool_not(), &logits);
            log_pos = log_pos * keep.clone();
            log_neg = log_neg * keep;
            t = t.mask_fill(ignored, 0.0);
        }
    }
    // kornia: exp(log(1 - p))^gamma and exp(log p)^gamma; exp(gamma * log) is the same number.
    let mut pos = (log_neg.clone().mul_scalar(cfg.gamma).exp() * t.clone() * log_pos.clone()).neg();
    let mut neg = (log_pos.mul_scalar(cfg.gamma).exp() * t.neg().add_scalar(1.0) * log_neg).neg();
    if let Some(a) = cfg.alpha {
        pos = pos.mul_scalar(a);
        neg = neg.mul_scalar(1.0 - a);
    }
    if let Some(pw) = &cfg.pos_weight {
        pos = pos * numerics::tensor_like(&logits, pw.clone(), class_axis_shape::<D>(c));
    }
    let mut loss = pos + neg;
    if let Some(w) = &cfg.weight {
        loss = loss * numerics::tensor_like(&logits, w.clone(), class_axis_shape::<D>(c));
    }
    Ok(reduce(loss, cfg.reduction))
}

/// `[N * S, C]` rows (as `rows_class_axis1` makes them) back to `[N, C, *]` of shape `dims`.
fn unrows_class_axis1<const D: usize>(rows: Tensor<2>, dims: [usize; D]) -> Tensor<D> {
    let (n, c) = (dims[0], dims[1]);
    let s: usize = dims[2..].iter().product();
    rows.reshape([n, s, c]).swap_dims(1, 2).reshape(dims)
}

/// `[1 - alpha, alpha, ..., alpha]`: kornia's and MONAI's class balance (class 0 is background).
fn background_alpha(alpha: f64, c: usize) -> Vec<f64> {
    let mut v = vec![alpha; c];
    v[0] = 1.0 - alpha;
    v
}

/// kornia `focal_loss`: softmax over axis 1 of `[N, C, *]` logits, i64 targets `[N, *]`. With
/// `Reduction::None` the result keeps the class axis, `[N, C, *]`.
pub fn kornia_focal_loss<const D: usize, const DT: usize>(logits: Tensor<D>, targets: Tensor<DT, Int>, cfg: &KorniaFocalConfig) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    check_rank2(&dims)?;
    check_index_targets(ID, &dims, &targets.dims())?;
    check_alpha_gamma(cfg.alpha, cfg.gamma)?;
    let c = dims[1];
    if let Some(w) = &cfg.weight {
        numerics::class_weights(ID, "weight", w, c)?;
    }
    if cfg.pos_weight.is_some() {
        return Err(LossError::param(ID, "pos_weight", "no pos_weight (form softmax-kornia has none)", "a value"));
    }
    let m: usize = targets.dims().iter().product();
    let flat = targets.reshape([m]);
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&flat), c, cfg.ignore_index)?;
    let rows = rows_class_axis1(logits.clone());
    let mut onehot_mask = numerics::onehot::one_hot_mask(flat.clone(), c);
    if let Some(ii) = cfg.ignore_index {
        let ignored = flat.equal_elem(ii).reshape([m, 1]).repeat_dim(1, c);
        onehot_mask = onehot_mask.bool_and(ignored.bool_not());
    }
    let onehot = numerics::mask_to_float(onehot_mask, &rows);
    let logp = numerics::log_softmax(rows.clone(), 1);
    let factor = modulator(logp.clone().exp().neg().add_scalar(1.0), cfg.gamma);
    let mut loss = (factor * logp * onehot).neg();
    if let Some(a) = cfg.alpha {
        loss = loss * numerics::tensor_like(&rows, background_alpha(a, c), [1, c]);
    }
    if let Some(w) = &cfg.weight {
        loss = loss * numerics::tensor_like(&rows, w.clone(), [1, c]);
    }
    Ok(reduce(unrows_class_axis1(loss, dims), cfg.reduction))
}

/// Options of MONAI's `FocalLoss`; `Default` equals MONAI's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct MonaiFocalConfig {
    pub include_background: bool,
    pub to_onehot_y: bool,
    pub gamma: f64,
    pub alpha: Option<f64>,
    /// One weight per class (after dropping the background), or a single number for all.
    pub weight: Option<Vec<f64>>,
    pub reduction: Reduction,
    pub use_softmax: bool,
}

impl Default for MonaiFocalConfig {
    fn default() -> Self {
        MonaiFocalConfig { include_background: true, to_onehot_y: false, gamma: 2.0, alpha: None, weight: None, reduction: Reduction::Mean, use_softmax: false }
    }
}

/// MONAI `FocalLoss` on `[N, C, *]` logits. `targets` is `[N, C, *]`, or `[N, 1, *]` class
/// indices (as floats or exact integers) with `to_onehot_y`.
pub fn monai_focal_loss<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, cfg: &MonaiFocalConfig) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    check_rank2(&dims)?;
    check_alpha_gamma(cfg.alpha, cfg.gamma)?;
    let n_ch = dims[1];
    let mut t = targets;
    if cfg.to_onehot_y && n_ch > 1 {
        let tdims = t.dims();
        let mut want = dims;
        want[1] = 1;
        numerics::same_shape(ID, "targets", &tdims, "logits with one channel (to_onehot_y)", &want)?;
        let vals = numerics::host_f64(&t);
        if let Some(v) = vals.iter().find(|v| v.fract() != 0.0 || **v < 0.0 || **v >= n_ch as f64) {
            return Err(LossError::value(ID, "targets", format!("class indices in [0, {n_ch})"), format!("{v}")));
        }
        let m = vals.len();
        let idx = numerics::ints_like(&logits, vals.iter().map(|&v| v as i64).collect(), [m]);
        let rows = one_hot(idx, n_ch, &logits);
        t = unrows_class_axis1(rows, dims);
    }
    let mut x = logits;
    if !cfg.include_background && n_ch > 1 {
        let tdims = t.dims();
        if tdims[1] != n_ch {
            return Err(LossError::shape(ID, "targets", format!("{n_ch} channels (the logits')"), fmt_shape(&tdims)));
        }
        x = x.narrow(1, 1, n_ch - 1);
        t = t.narrow(1, 1, n_ch - 1);
    }
    let xd = x.dims();
    numerics::same_shape(ID, "targets", &t.dims(), "logits", &xd)?;
    let c = xd[1];
    let mut loss = if cfg.use_softmax {
        let logp = numerics::log_softmax(x.clone(), 1);
        let l = (modulator(logp.clone().exp().neg().add_scalar(1.0), cfg.gamma) * logp * t).neg();
        // MONAI drops alpha when the background channel is excluded.
        match cfg.alpha {
            Some(a) if cfg.include_background || n_ch == 1 => l * numerics::tensor_like(&x, background_alpha(a, c), class_axis_shape::<D>(c)),
            _ => l,
        }
    } else {
        let ce = bce_with_logits(x.clone(), t.clone());
        let inv = numerics::log_sigmoid(x.clone().neg() * t.clone().mul_scalar(2.0).sub_scalar(1.0));
        let l = ce * inv.mul_scalar(cfg.gamma).exp();
        match cfg.alpha {
            Some(a) => l * alpha_weight(t, a),
            None => l,
        }
    };
    if let Some(w) = &cfg.weight
        && c != 1
    {
        let w = if w.len() == 1 { vec![w[0]; c] } else { w.clone() };
        if w.len() != c {
            return Err(LossError::shape(ID, "weight", format!("{c} values (one per class, without the background if it is excluded)"), format!("{} values", w.len())));
        }
        if let Some(bad) = w.iter().find(|v| !(**v >= 0.0) || !v.is_finite()) {
            return Err(LossError::param(ID, "weight", "finite weights >= 0", format!("{bad}")));
        }
        loss = loss * numerics::tensor_like(&x, w, class_axis_shape::<D>(c));
    }
    Ok(match cfg.reduction {
        // MONAI averages over the spatial axes before summing. torch's mean over an empty list
        // of axes reduces every axis, so for [N, C] inputs this sum is the overall mean.
        Reduction::Sum if D > 2 => {
            let spatial: usize = xd[2..].iter().product();
            let [n, c] = [xd[0], xd[1]];
            LossTensor::scalar(loss.reshape([n, c, spatial]).mean_dim(2).sum())
        }
        Reduction::Sum => LossTensor::scalar(loss.mean()),
        r => reduce(loss, r),
    })
}

/// segmentation_models_pytorch's `mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmpMode {
    Binary,
    Multilabel,
    Multiclass,
}

/// Options of smp's `FocalLoss`; `Default` equals smp's defaults (with `mode` binary).
#[derive(Debug, Clone, PartialEq)]
pub struct SmpFocalConfig {
    pub mode: SmpMode,
    pub alpha: Option<f64>,
    pub gamma: f64,
    pub ignore_index: Option<i64>,
    pub reduction: Reduction,
    pub normalized: bool,
    pub reduced_threshold: Option<f64>,
}

impl Default for SmpFocalConfig {
    fn default() -> Self {
        SmpFocalConfig { mode: SmpMode::Binary, alpha: None, gamma: 2.0, ignore_index: None, reduction: Reduction::Mean, normalized: false, reduced_threshold: None }
    }
}

impl SmpFocalConfig {
    fn validate(&self) -> Result<(), LossError> {
        check_alpha_gamma(self.alpha, self.gamma)?;
        if let Some(r) = self.reduced_threshold
            && !(r > 0.0 && r <= 1.0)
        {
            return Err(LossError::param(ID, "reduced_threshold", "a number in (0, 1]", format!("{r}")));
        }
        Ok(())
    }
}

/// smp's `focal_loss_with_logits` on `[M, K]` logits and 0/1 targets, before the reduction:
/// the elementwise loss, normalized per column when `cfg.normalized`.
fn smp_elementwise(x: Tensor<2>, t: Tensor<2>, cfg: &SmpFocalConfig) -> Tensor<2> {
    let logpt = bce_with_logits(x, t.clone());
    let pt = logpt.clone().neg().exp();
    let one_minus = pt.clone().neg().add_scalar(1.0);
    let focal = match cfg.reduced_threshold {
        None => modulator(one_minus, cfg.gamma),
        Some(thr) => modulator(one_minus.mul_scalar(1.0 / thr), cfg.gamma).mask_fill(pt.lower_elem(thr), 1.0),
    };
    let mut loss = focal.clone() * logpt;
    if let Some(a) = cfg.alpha {
        loss = loss * alpha_weight(t, a);
    }
    if cfg.normalized {
        loss = loss / focal.sum_dim(0).clamp_min(1e-6);
    }
    loss
}

/// Positions whose target is not `ignore` (all when `ignore` is `None`).
fn kept_positions(values: &[f64], ignore: Option<i64>) -> Option<Vec<i64>> {
    let ii = ignore? as f64;
    if values.iter().all(|&v| v != ii) {
        return None;
    }
    Some(values.iter().enumerate().filter(|(_, v)| **v != ii).map(|(i, _)| i as i64).collect())
}

/// smp `FocalLoss` in binary / multilabel mode: logits and float targets with the same number
/// of elements, flattened. With `Reduction::None` the result is the flat (kept) elements.
pub fn smp_focal_loss_binary<const D: usize, const DT: usize>(logits: Tensor<D>, targets: Tensor<DT>, cfg: &SmpFocalConfig) -> Result<LossTensor, LossError> {
    cfg.validate()?;
    let n: usize = logits.dims().iter().product();
    let nt: usize = targets.dims().iter().product();
    if n != nt {
        return Err(LossError::shape(ID, "targets", format!("{n} elements (as many as logits)"), fmt_shape(&targets.dims())));
    }
    numerics::non_empty(ID, "logits", &logits.dims())?;
    let mut x = logits.reshape([n]);
    let mut t = targets.reshape([n]);
    if let Some(keep) = kept_positions(&numerics::host_f64(&t), cfg.ignore_index) {
        let k = keep.len();
        let idx = numerics::ints_like(&x, keep, [k]);
        x = x.select(0, idx.clone());
        t = t.select(0, idx);
    }
    let k = x.dims()[0];
    let loss = smp_elementwise(x.reshape([k, 1]), t.reshape([k, 1]), cfg).reshape([k]);
    Ok(reduce(loss, cfg.reduction))
}

/// smp `FocalLoss` in multiclass mode: `[N, C, *]` logits, i64 targets `[N, *]`; every class
/// channel is scored one-vs-rest against `targets == c` and the `N * C * (*)` elementwise losses
/// are reduced together (normalization too), as smp 0.6.0 computes it. With `Reduction::None`
/// the result is `[N, C, *]` (or `[kept, C]` when positions are ignored).
pub fn smp_focal_loss_multiclass<const D: usize, const DT: usize>(logits: Tensor<D>, targets: Tensor<DT, Int>, cfg: &SmpFocalConfig) -> Result<LossTensor, LossError> {
    cfg.validate()?;
    let dims = logits.dims();
    check_index_targets(ID, &dims, &targets.dims())?;
    let c = dims[1];
    let m: usize = targets.dims().iter().product();
    let mut rows = rows_class_axis1(logits);
    let mut flat = targets.reshape([m]);
    let labels: Vec<f64> = numerics::host_i64(&flat).iter().map(|&v| v as f64).collect();
    let kept = kept_positions(&labels, cfg.ignore_index);
    if let Some(keep) = &kept {
        let k = keep.len();
        let idx = numerics::ints_like(&rows, keep.clone(), [k]);
        rows = rows.select(0, idx.clone());
        flat = flat.select(0, idx);
    }
    let k = rows.dims()[0];
    // smp compares labels with each class: a label outside [0, C) is negative everywhere.
    let onehot = one_hot(flat, c, &rows);
    let loss = smp_elementwise(rows.reshape([k * c, 1]), onehot.reshape([k * c, 1]), cfg).reshape([k, c]);
    Ok(match cfg.reduction {
        Reduction::None if kept.is_none() => LossTensor::elements(unrows_class_axis1(loss, dims)),
        r => reduce(loss, r),
    })
}

/// optax `sigmoid_focal_loss`: elementwise, no reduction.
pub fn optax_sigmoid_focal_loss<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, alpha: Option<f64>, gamma: f64) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &logits.dims())?;
    numerics::non_empty(ID, "logits", &logits.dims())?;
    check_alpha_gamma(alpha, gamma)?;
    Ok(LossTensor::elements(sigmoid_focal(logits, targets, alpha, gamma)))
}

/// `alpha` param. The evaluator cannot tell an absent param from a null one, so both mean
/// `default`.
fn alpha_param(c: &Call, default: Option<f64>) -> Result<Option<f64>, LossError> {
    Ok(c.f64_opt("alpha")?.or(default))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or("sigmoid");
    let rank = c.shape("logits")?.len();
    match form {
        "sigmoid" => {
            // torchvision disables alpha with a negative value; null means the same here.
            let alpha = alpha_param(c, Some(0.25))?.filter(|a| *a >= 0.0);
            let cfg = FocalConfig { alpha, gamma: c.f64("gamma", 2.0)?, reduction: c.reduction(Reduction::None)? };
            by_rank!(c, "logits", rank, |R| sigmoid_focal_loss(c.float::<R>("logits")?, c.float::<R>("targets")?, &cfg))
        }
        "optax-sigmoid" => {
            let alpha = alpha_param(c, None)?;
            let gamma = c.f64("gamma", 2.0)?;
            if c.reduction(Reduction::None)? != Reduction::None {
                return Err(LossError::param(ID, "reduction", "none (optax returns per-element values)", "another reduction"));
            }
            by_rank!(c, "logits", rank, |R| optax_sigmoid_focal_loss(c.float::<R>("logits")?, c.float::<R>("targets")?, alpha, gamma))
        }
        "sigmoid-kornia" | "softmax-kornia" => {
            let softmax = form == "softmax-kornia";
            let cfg = KorniaFocalConfig {
                // kornia's module classes take alpha explicitly; absent or null disables it here.
                alpha: alpha_param(c, None)?,
                gamma: c.f64("gamma", 2.0)?,
                reduction: c.reduction(Reduction::None)?,
                weight: c.f64_list_opt("weight")?,
                pos_weight: c.f64_list_opt("pos_weight")?,
                ignore_index: Some(c.i64("ignore_index", -100)?),
            };
            if softmax {
                let tr = c.shape("targets")?.len();
                if rank < 2 || tr + 1 != rank {
                    return Err(LossError::shape(ID, "targets", format!("rank {} (logits without the class axis)", rank.saturating_sub(1)), fmt_shape(c.shape("targets")?)));
                }
                by_rank!(c, "logits", rank, |R| {
                    let t = c.int_reshaped::<{ R - 1 }>("targets", c.shape("targets")?.try_into().unwrap())?;
                    kornia_focal_loss(c.float::<R>("logits")?, t, &cfg)
                })
            } else {
                by_rank!(c, "logits", rank, |R| kornia_binary_focal_loss(c.float::<R>("logits")?, c.float::<R>("targets")?, &cfg))
            }
        }
        "monai-sigmoid" | "monai-softmax" => {
            let softmax = form == "monai-softmax";
            let use_softmax = c.bool("use_softmax", softmax)?;
            if use_softmax != softmax {
                return Err(LossError::param(ID, "use_softmax", format!("{softmax} (the form {form})"), format!("{use_softmax}")));
            }
            let weight = match c.json("weight") {
                None => None,
                Some(v) if v.is_number() => Some(vec![c.f64("weight", 0.0)?]),
                Some(_) => c.f64_list_opt("weight")?,
            };
            let cfg = MonaiFocalConfig {
                include_background: c.bool("include_background", true)?,
                to_onehot_y: c.bool("to_onehot_y", false)?,
                gamma: c.f64("gamma", 2.0)?,
                alpha: c.f64_opt("alpha")?,
                weight,
                reduction: c.reduction(Reduction::Mean)?,
                use_softmax,
            };
            by_rank!(c, "logits", rank, |R| {
                if c.shape("targets")?.len() != R {
                    return Err(LossError::shape(ID, "targets", format!("rank {R} ([N, C, *] or [N, 1, *])"), fmt_shape(c.shape("targets")?)));
                }
                monai_focal_loss(c.float::<R>("logits")?, c.float::<R>("targets")?, &cfg)
            })
        }
        "smp" => {
            let mode = match c.str_opt("mode")? {
                Some("binary") => SmpMode::Binary,
                Some("multilabel") => SmpMode::Multilabel,
                Some("multiclass") => SmpMode::Multiclass,
                Some(other) => return Err(LossError::param(ID, "mode", "binary, multilabel or multiclass", format!("{other:?}"))),
                None => return Err(LossError::param(ID, "mode", "binary, multilabel or multiclass (smp requires it)", "nothing")),
            };
            let cfg = SmpFocalConfig {
                mode,
                alpha: c.f64_opt("alpha")?,
                gamma: c.f64("gamma", 2.0)?,
                ignore_index: c.i64_opt("ignore_index")?,
                reduction: c.reduction(Reduction::Mean)?,
                normalized: c.bool("normalized", false)?,
                reduced_threshold: c.f64_opt("reduced_threshold")?,
            };
            let tshape = c.shape("targets")?.to_vec();
            match mode {
                SmpMode::Multiclass => {
                    if rank < 2 || tshape.len() + 1 != rank {
                        return Err(LossError::shape(ID, "targets", format!("rank {} (logits without the class axis)", rank.saturating_sub(1)), fmt_shape(&tshape)));
                    }
                    by_rank!(c, "logits", rank, |R| {
                        let t = c.int_reshaped::<{ R - 1 }>("targets", tshape.clone().try_into().unwrap())?;
                        smp_focal_loss_multiclass(c.float::<R>("logits")?, t, &cfg)
                    })
                }
                _ => {
                    let n: usize = tshape.iter().product();
                    by_rank!(c, "logits", rank, |R| smp_focal_loss_binary(c.float::<R>("logits")?, c.float_reshaped::<1>("targets", [n])?, &cfg))
                }
            }
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
        let x = randn(&[4, 3, 2], 11, 2.0);
        let soft = uniform(&[4, 3, 2], 12, 0.0, 1.0);
        for form in ["sigmoid", "optax-sigmoid", "sigmoid-kornia", "monai-sigmoid"] {
            let p = if form == "optax-sigmoid" { params(json!({"alpha": 0.3, "gamma": 1.5})) } else { params(json!({"alpha": 0.3, "gamma": 1.5, "reduction": "sum"})) };
            let only: &[&str] = if form == "monai-sigmoid" { &["logits"] } else { &["logits", "targets"] };
            assert_gradcheck_only(ID, Some(form), &p, &inputs(vec![("logits", x.clone()), ("targets", soft.clone())]), Some(only));
        }
        let idx = i(&[4, 2], &[0, 1, 2, 1, 0, 2, 2, 1]);
        let p = params(json!({"alpha": 0.4, "gamma": 2.5, "reduction": "mean", "weight": [1.0, 0.5, 2.0], "ignore_index": 2}));
        assert_gradcheck(ID, Some("softmax-kornia"), &p, &inputs(vec![("logits", x.clone()), ("targets", idx.clone())]));
        let p = params(json!({"mode": "multiclass", "alpha": 0.25, "normalized": true, "reduced_threshold": 0.5}));
        assert_gradcheck(ID, Some("smp"), &p, &inputs(vec![("logits", x.clone()), ("targets", idx)]));
        let onehot = i(&[4, 1, 2], &[0, 1, 2, 1, 0, 2, 2, 1]);
        let p = params(json!({"use_softmax": true, "to_onehot_y": true, "include_background": false, "weight": [2.0, 0.5], "reduction": "sum"}));
        assert_gradcheck(ID, Some("monai-softmax"), &p, &inputs(vec![("logits", x.clone()), ("targets", onehot)]));
        // Near the kink-free but steep region p_t -> 1 with a fractional gamma.
        let near = f(&[1, 3], &[8.0, -8.0, 0.0]);
        let t = f(&[1, 3], &[1.0, 0.0, 1.0]);
        assert_gradcheck(ID, None, &params(json!({"gamma": 0.5, "reduction": "sum"})), &inputs(vec![("logits", near), ("targets", t)]));
    }

    #[test]
    fn value_is_the_formula() {
        // x = 0, y = 1: p_t = 1/2, BCE = ln 2; with alpha 0.25 and gamma 2: 0.25 * 0.25 * ln 2.
        let x = inputs(vec![("logits", f(&[1], &[0.0])), ("targets", f(&[1], &[1.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.0625 * 2f64.ln()).abs() < 1e-15);
        // Softmax over (0, ln 3): target class 1 has p = 3/4: -(1/4)^2 ln(3/4) with alpha 0.5.
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 3f64.ln()])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, Some("softmax-kornia"), &params(json!({"alpha": 0.5, "reduction": "sum"})), &x);
        assert!((ev.loss.floats[0] - 0.5 * 0.0625 * (4.0f64 / 3.0).ln()).abs() < 1e-15);
        // gamma = 0 without alpha is binary cross-entropy.
        let x = inputs(vec![("logits", f(&[2], &[1.5, -0.5])), ("targets", f(&[2], &[0.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({"alpha": -1.0, "gamma": 0.0, "reduction": "sum"})), &x);
        let bce = (1.0 + 1.5f64.exp()).ln() + (1.0 + 0.5f64.exp()).ln();
        assert!((ev.loss.floats[0] - bce).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = f(&[2, 2], &[s, -s, -s, s]);
            let t = f(&[2, 2], &[1.0, 1.0, 0.0, 0.0]);
            for form in ["sigmoid", "sigmoid-kornia", "monai-sigmoid", "optax-sigmoid"] {
                let p = if form == "optax-sigmoid" { params(json!({})) } else { params(json!({"reduction": "sum"})) };
                let ev = assert_finite(ID, Some(form), &p, &inputs(vec![("logits", x.clone()), ("targets", t.clone())]));
                assert!(ev.loss.floats.iter().sum::<f64>() > 0.0);
            }
            let idx = i(&[2], &[1, 0]);
            assert_finite(ID, Some("softmax-kornia"), &params(json!({"alpha": 0.25})), &inputs(vec![("logits", x.clone()), ("targets", idx.clone())]));
            assert_finite(ID, Some("smp"), &params(json!({"mode": "multiclass"})), &inputs(vec![("logits", x.clone()), ("targets", idx)]));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[3, 4], 5, 1.0);
        let t = uniform(&[3, 4], 6, 0.0, 1.0);
        let xt = |t| inputs(vec![("logits", x.clone()), ("targets", t)]);
        assert_error(ID, None, &params(json!({})), &xt(f(&[3, 3], &[0.0; 9])), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"gamma": -1.0})), &xt(t.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"gamma": f64::NAN.to_string()})), &xt(t.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"reduction": "avg"})), &xt(t.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"alpha": 1.5})), &xt(t.clone()), ErrorKind::Param);
        assert_error(ID, Some("softmax-kornia"), &params(json!({})), &xt(i(&[3], &[0, 4, 1])), ErrorKind::Value);
        assert_error(ID, Some("softmax-kornia"), &params(json!({"weight": [1.0, 2.0]})), &xt(i(&[3], &[0, 1, 1])), ErrorKind::Shape);
        assert_error(ID, Some("softmax-kornia"), &params(json!({})), &xt(f(&[3], &[0.0, 1.0, 2.0])), ErrorKind::DType);
        assert_error(ID, Some("sigmoid-kornia"), &params(json!({"pos_weight": [1.0]})), &xt(t.clone()), ErrorKind::Shape);
        assert_error(ID, Some("monai-sigmoid"), &params(json!({"weight": [1.0, -2.0, 1.0, 1.0]})), &xt(t.clone()), ErrorKind::Param);
        assert_error(ID, Some("monai-softmax"), &params(json!({"use_softmax": false})), &xt(t.clone()), ErrorKind::Param);
        assert_error(ID, Some("smp"), &params(json!({})), &xt(t.clone()), ErrorKind::Param);
        assert_error(ID, Some("smp"), &params(json!({"mode": "binary"})), &xt(f(&[5], &[0.0; 5])), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", f(&[0, 2], &[])), ("targets", f(&[0, 2], &[]))]), ErrorKind::Empty);
        assert_error(ID, Some("nope"), &params(json!({})), &xt(t), ErrorKind::Unsupported);
    }
}
