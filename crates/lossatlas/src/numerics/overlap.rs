//! Soft set statistics shared by the overlap losses (Dice, Jaccard, Tversky, generalized Dice
//! and the composites built on them), in the conventions of the libraries the atlas checks
//! against: MONAI's preparation (activation, one-hot targets, background removal) and its
//! true-positive / false-positive / false-negative sums, smp's per-class scores over the batch,
//! and kornia's per-sample scores with ignored pixels.
//!
//! Every function works on `[B, C, S]` tensors: batch, channels (classes) and the flattened
//! spatial axes. [`flatten_spatial`] turns a `[B, C, *]` tensor into that layout.

use burn::tensor::{Int, Tensor};

use crate::error::{LossError, fmt_shape};
use crate::numerics::{self, LossTensor, Reduction};

/// `[B, C, *]` as `[B, C, S]` (`S` = 1 for a rank-2 input).
pub fn flatten_spatial<const D: usize>(x: Tensor<D>) -> Tensor<3> {
    let dims = x.dims();
    let s: usize = dims[2..].iter().product();
    x.reshape([dims[0], dims[1], s])
}

/// Checks that `logits` is `[B, C, *]` (rank >= 2, no empty axis).
pub fn check_channels_first(loss: &str, arg: &str, dims: &[usize]) -> Result<(), LossError> {
    if dims.len() < 2 {
        return Err(LossError::shape(loss, arg, "shape [B, C, *] (rank >= 2)", fmt_shape(dims)));
    }
    numerics::non_empty(loss, arg, dims)
}

/// One-hot `[B, C, S]` floats from host class indices laid out as `[B, S]`, in the dtype of
/// `like`. Indices must already be validated in `[0, C)`.
pub fn one_hot_bcs(like: &Tensor<3>, labels: &[i64], b: usize, c: usize, s: usize) -> Tensor<3> {
    let idx: Tensor<1, Int> = numerics::ints_like(like, labels.to_vec(), [b * s]);
    numerics::onehot::one_hot(idx, c, like).reshape([b, s, c]).swap_dims(1, 2)
}

// ---------------------------------------------------------------------------------------------
// MONAI
// ---------------------------------------------------------------------------------------------

/// MONAI's input preparation, shared by DiceLoss, GeneralizedDiceLoss, TverskyLoss and their
/// composites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MonaiPrep {
    pub include_background: bool,
    pub to_onehot_y: bool,
    pub sigmoid: bool,
    pub softmax: bool,
}

impl MonaiPrep {
    pub fn validate(&self, loss: &str) -> Result<(), LossError> {
        if self.sigmoid && self.softmax {
            return Err(LossError::param(loss, "softmax", "not both sigmoid=True and softmax=True (MONAI: incompatible values)", "both true"));
        }
        Ok(())
    }
}

/// MONAI's `one_hot(labels, num_classes)` of `[B, 1, S]` labels: values are truncated to
/// integers (MONAI casts them with `.long()`) and must lie in `[0, C)`.
pub fn monai_one_hot(loss: &str, t: Tensor<3>, c: usize) -> Result<Tensor<3>, LossError> {
    let [b, ct, s] = t.dims();
    if ct != 1 {
        return Err(LossError::shape(loss, "targets", "one channel of class indices [B, 1, *] (to_onehot_y)", format!("{ct} channels")));
    }
    let vals = numerics::host_f64(&t);
    let mut labels = Vec::with_capacity(vals.len());
    for v in vals {
        let k = v.trunc();
        if !(k >= 0.0 && k < c as f64) {
            return Err(LossError::value(loss, "targets", format!("class indices in [0, {c})"), format!("{v}")));
        }
        labels.push(k as i64);
    }
    Ok(one_hot_bcs(&t, &labels, b, c, s))
}

/// MONAI's preparation of `[B, C, S]` logits and targets: sigmoid or softmax (ignored for one
/// channel), one-hot targets, then dropping channel 0 when `include_background` is false (all
/// three skipped for a single channel, as MONAI warns and ignores them). The two results have
/// the same shape.
pub fn monai_prepare(loss: &str, logits: Tensor<3>, targets: Tensor<3>, prep: &MonaiPrep) -> Result<(Tensor<3>, Tensor<3>), LossError> {
    prep.validate(loss)?;
    let c = logits.dims()[1];
    let mut p = logits;
    if prep.sigmoid {
        p = numerics::sigmoid(p);
    }
    if prep.softmax && c > 1 {
        p = numerics::softmax(p, 1);
    }
    let mut g = targets;
    if prep.to_onehot_y && c > 1 {
        g = monai_one_hot(loss, g, c)?;
    }
    let gd = g.dims();
    if !prep.include_background && c > 1 {
        if gd[1] < 2 || gd[0] != p.dims()[0] || gd[2] != p.dims()[2] {
            return Err(monai_shape_error(loss, &gd, &p.dims()));
        }
        p = p.narrow(1, 1, c - 1);
        g = g.narrow(1, 1, gd[1] - 1);
    }
    let (gd, pd) = (g.dims(), p.dims());
    if gd != pd {
        return Err(monai_shape_error(loss, &gd, &pd));
    }
    Ok((p, g))
}

fn monai_shape_error(loss: &str, target: &[usize], input: &[usize]) -> LossError {
    LossError::shape(loss, "targets", format!("the shape of the (prepared) input {}", fmt_shape(input)), fmt_shape(target))
}

/// Sums `[B, C, S]` over the spatial axis, and also over the batch when `batch`: `[K, C]` with
/// `K = B`, or `K = 1` with `batch`.
pub fn sum_spatial(x: Tensor<3>, batch: bool) -> Tensor<2> {
    let [b, c, _] = x.dims();
    let s = x.sum_dim(2).reshape([b, c]);
    if batch { s.sum_dim(0) } else { s }
}

/// MONAI's `compute_tp_fp_fn`: per `[K, C]` true positives, false positives and false
/// negatives. With `ord = 1` and hard labels, `tp = sum(p g)` and either `fp = sum(p) - tp`,
/// `fn = sum(g) - tp` (`decoupled`, Dice) or `fp = sum(p (1 - g))`, `fn = sum((1 - p) g)`
/// (Tversky). Otherwise (squared predictions, or `soft_label`) it uses vector norms:
/// `tp = (|p|^o + |g|^o - |p - g|^o) / 2`, `fp = |p|^o - tp`, `fn = |g|^o - tp`.
pub fn monai_tp_fp_fn(p: Tensor<3>, g: Tensor<3>, batch: bool, ord: u32, soft_label: bool, decoupled: bool) -> (Tensor<2>, Tensor<2>, Tensor<2>) {
    if ord == 1 && !soft_label {
        let tp = sum_spatial(p.clone() * g.clone(), batch);
        if decoupled {
            let fp = sum_spatial(p, batch) - tp.clone();
            let fnn = sum_spatial(g, batch) - tp.clone();
            (tp, fp, fnn)
        } else {
            let fp = sum_spatial(p.clone() * g.clone().neg().add_scalar(1.0), batch);
            let fnn = sum_spatial(p.neg().add_scalar(1.0) * g, batch);
            (tp, fp, fnn)
        }
    } else {
        let pow = |x: Tensor<3>| if ord == 1 { x.abs() } else { x.clone() * x };
        let pred_o = sum_spatial(pow(p.clone()), batch);
        let ground_o = sum_spatial(pow(g.clone()), batch);
        let diff = sum_spatial(pow(p - g), batch);
        let tp = (pred_o.clone() + ground_o.clone() - diff).mul_scalar(0.5);
        let fp = pred_o - tp.clone();
        let fnn = ground_o - tp.clone();
        (tp, fp, fnn)
    }
}

/// MONAI's `weight` argument: one number for every class, or one value per class.
#[derive(Debug, Clone, PartialEq)]
pub enum MonaiWeight {
    Scalar(f64),
    PerClass(Vec<f64>),
}

impl MonaiWeight {
    /// Reads `weight` from the evaluator: a number or a list of numbers.
    pub fn read(c: &crate::eval::Call) -> Result<Option<MonaiWeight>, LossError> {
        match c.json("weight") {
            None => Ok(None),
            Some(v) if v.is_number() => Ok(Some(MonaiWeight::Scalar(c.f64("weight", 0.0)?))),
            Some(_) => Ok(c.f64_list_opt("weight")?.map(MonaiWeight::PerClass)),
        }
    }

    /// The values without the first class (MONAI's DiceCELoss passes `weight[1:]` to its Dice
    /// part when the background is excluded).
    pub fn without_background(&self) -> MonaiWeight {
        match self {
            MonaiWeight::Scalar(w) => MonaiWeight::Scalar(*w),
            MonaiWeight::PerClass(w) => MonaiWeight::PerClass(w.iter().skip(1).copied().collect()),
        }
    }

    /// As a list (one number stays one number).
    pub fn to_vec(&self) -> Vec<f64> {
        match self {
            MonaiWeight::Scalar(w) => vec![*w],
            MonaiWeight::PerClass(w) => w.clone(),
        }
    }
}

/// MONAI's per-class `weight` of DiceLoss (and the losses built on it): ignored for a single
/// channel, one number broadcast to every class, otherwise exactly one value per class
/// (without the background when it is excluded), all `>= 0`. Returns `None` when no weight
/// applies.
pub fn monai_class_weight(loss: &str, weight: Option<&MonaiWeight>, classes: usize) -> Result<Option<Vec<f64>>, LossError> {
    let Some(w) = weight else { return Ok(None) };
    if classes == 1 {
        return Ok(None);
    }
    let w = match w {
        MonaiWeight::Scalar(v) => vec![*v; classes],
        MonaiWeight::PerClass(v) => v.clone(),
    };
    if w.len() != classes {
        return Err(LossError::shape(
            loss,
            "weight",
            format!("{classes} values (one per class; without the background when include_background is false)"),
            format!("{} values", w.len()),
        ));
    }
    if let Some(bad) = w.iter().find(|v| !(**v >= 0.0) || !v.is_finite()) {
        return Err(LossError::param(loss, "weight", "finite weights >= 0", format!("{bad}")));
    }
    Ok(Some(w))
}

/// MONAI's reduction of a `[K, C]` matrix of per-(sample, class) values. `none` keeps
/// `[K, C, 1, ...]` with as many trailing ones as the input had spatial axes (MONAI's
/// broadcastable shape); with `batch` the matrix is one row and MONAI keeps `[C, 1, ...]`.
pub fn monai_reduce(f: Tensor<2>, reduction: Reduction, batch: bool, input_rank: usize) -> LossTensor {
    match reduction {
        Reduction::Mean => LossTensor::scalar(f.mean()),
        Reduction::Sum => LossTensor::scalar(f.sum()),
        Reduction::None => {
            let [k, c] = f.dims();
            let mut shape = if batch { vec![c] } else { vec![k, c] };
            shape.extend(std::iter::repeat_n(1, input_rank.saturating_sub(2)));
            LossTensor::with_shape(f, shape)
        }
    }
}

/// Per-class weights as a `[1, C]` row in the dtype of `like`.
pub fn class_row(like: &Tensor<2>, w: Vec<f64>) -> Tensor<2> {
    let c = w.len();
    numerics::tensor_like(like, w, [1, c])
}

// ---------------------------------------------------------------------------------------------
// segmentation_models_pytorch
// ---------------------------------------------------------------------------------------------

pub use crate::losses::classification::focal::SmpMode;

/// Parses smp's required `mode`.
pub fn smp_mode(loss: &str, mode: Option<&str>) -> Result<SmpMode, LossError> {
    match mode {
        Some("binary") => Ok(SmpMode::Binary),
        Some("multilabel") => Ok(SmpMode::Multilabel),
        Some("multiclass") => Ok(SmpMode::Multiclass),
        Some(other) => Err(LossError::param(loss, "mode", "binary, multilabel or multiclass", format!("{other:?}"))),
        None => Err(LossError::param(loss, "mode", "binary, multilabel or multiclass (smp requires it)", "nothing")),
    }
}

/// The targets of an smp set loss: float masks (binary / multilabel) or class indices
/// (multiclass), both given flat with the batch first.
pub enum SmpTargets {
    Float(Tensor<2>),
    Index(Vec<i64>),
}

/// Options shared by smp's DiceLoss, JaccardLoss and TverskyLoss.
#[derive(Debug, Clone, PartialEq)]
pub struct SmpSetConfig {
    pub mode: SmpMode,
    pub classes: Option<Vec<i64>>,
    pub log_loss: bool,
    pub from_logits: bool,
    pub smooth: f64,
    pub ignore_index: Option<i64>,
    pub eps: f64,
}

/// Which smp score is computed per class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SmpScore {
    /// `(I + s) / (I + (P - I)/2 + (T - I)/2 + s)`, i.e. `(2 I + 2 s) / (P + T + 2 s)`.
    Dice,
    /// `(I + s) / (P + T - I + s)`.
    Jaccard,
    /// `(I + s) / (I + alpha FP + beta FN + s)`.
    Tversky { alpha: f64, beta: f64 },
}

/// smp's per-class losses before aggregation: `[C']` values (after `classes` selection), each
/// `1 - score` (or `-log(max(score, eps))`), zero for classes without a target pixel.
/// `logits` is `[B, C, S]`; binary mode flattens every channel into one.
pub fn smp_class_losses(loss: &str, logits: Tensor<3>, targets: SmpTargets, cfg: &SmpSetConfig, score: SmpScore) -> Result<Tensor<1>, LossError> {
    let [b, c, s] = logits.dims();
    numerics::non_empty(loss, "logits", &[b, c, s])?;
    numerics::finite_param(loss, "smooth", cfg.smooth)?;
    numerics::finite_param(loss, "eps", cfg.eps)?;
    if cfg.classes.is_some() && cfg.mode == SmpMode::Binary {
        return Err(LossError::param(loss, "classes", "no classes with mode=binary (smp: masking classes is not supported)", "a list"));
    }
    let mut p = logits;
    if cfg.from_logits {
        p = match cfg.mode {
            SmpMode::Multiclass => numerics::softmax(p, 1),
            _ => numerics::sigmoid(p),
        };
    }
    let (p, t) = match (cfg.mode, targets) {
        (SmpMode::Multiclass, SmpTargets::Index(labels)) => {
            if labels.len() != b * s {
                return Err(LossError::shape(loss, "targets", format!("{} class indices ([B, *], the logits without the class axis)", b * s), format!("{} values", labels.len())));
            }
            numerics::labels_in_range(loss, "targets", &labels, c, cfg.ignore_index)?;
            let keep: Vec<f64> = labels.iter().map(|&l| if Some(l) == cfg.ignore_index { 0.0 } else { 1.0 }).collect();
            let safe: Vec<i64> = labels.iter().map(|&l| if Some(l) == cfg.ignore_index { 0 } else { l }).collect();
            let mut t = one_hot_bcs(&p, &safe, b, c, s);
            let mut p = p;
            if cfg.ignore_index.is_some() {
                let m = numerics::tensor_like(&p, keep, [b, 1, s]);
                t = t * m.clone();
                p = p * m;
            }
            (p, t)
        }
        (SmpMode::Multiclass, SmpTargets::Float(_)) => {
            return Err(LossError::dtype(loss, "targets", "integer class indices (mode=multiclass)", "float values"));
        }
        (mode, SmpTargets::Float(t)) => {
            let n: usize = t.dims().iter().product();
            let (cc, ss) = if mode == SmpMode::Binary { (1, c * s) } else { (c, s) };
            if n != b * cc * ss || t.dims()[0] != b {
                return Err(LossError::shape(loss, "targets", format!("{} values per sample (as many as the logits)", c * s), fmt_shape(&t.dims())));
            }
            let mut t = t.reshape([b, cc, ss]);
            let mut p = p.reshape([b, cc, ss]);
            if let Some(ii) = cfg.ignore_index {
                let m = numerics::mask_to_float(t.clone().not_equal_elem(ii as f64), &p);
                p = p * m.clone();
                t = t * m;
            }
            (p, t)
        }
        (_, SmpTargets::Index(_)) => {
            return Err(LossError::dtype(loss, "targets", "float masks (mode binary / multilabel)", "integer values"));
        }
    };
    let cc = p.dims()[1];
    // Sums over the batch and spatial axes (smp's dims = (0, 2)).
    let sum = |x: Tensor<3>| x.sum_dim(2).sum_dim(0).reshape([cc]);
    let inter = sum(p.clone() * t.clone());
    let sm = cfg.smooth;
    let scores = match score {
        SmpScore::Jaccard => {
            let union = sum(p.clone() + t.clone()) - inter.clone();
            inter.add_scalar(sm) / union.add_scalar(sm).clamp_min(cfg.eps)
        }
        SmpScore::Dice | SmpScore::Tversky { .. } => {
            // smp 0.6 scores Dice as the Tversky index with alpha = beta = 1/2, so the smoothing
            // enters as (2 I + 2 s) / (P + T + 2 s).
            let (alpha, beta) = match score {
                SmpScore::Tversky { alpha, beta } => (alpha, beta),
                _ => (0.5, 0.5),
            };
            let fp = sum(p.clone() * t.clone().neg().add_scalar(1.0));
            let fnn = sum(p.clone().neg().add_scalar(1.0) * t.clone());
            let den = inter.clone() + fp.mul_scalar(alpha) + fnn.mul_scalar(beta);
            inter.add_scalar(sm) / den.add_scalar(sm).clamp_min(cfg.eps)
        }
    };
    let per = if cfg.log_loss { scores.clamp_min(cfg.eps).log().neg() } else { scores.neg().add_scalar(1.0) };
    let present = numerics::mask_to_float(sum(t).greater_elem(0.0), &per);
    let per = per * present;
    Ok(match &cfg.classes {
        None => per,
        Some(cls) => {
            let mut idx = Vec::with_capacity(cls.len());
            for &k in cls {
                let kk = if k < 0 { k + cc as i64 } else { k };
                if !(0..cc as i64).contains(&kk) {
                    return Err(LossError::param(loss, "classes", format!("class indices in [-{cc}, {cc})"), format!("{k}")));
                }
                idx.push(kk);
            }
            if idx.is_empty() {
                return Err(LossError::param(loss, "classes", "a non-empty list of classes", "[]"));
            }
            let n = idx.len();
            { let i = numerics::ints_like(&per, idx, [n]); per.select(0, i) }
        }
    })
}

// ---------------------------------------------------------------------------------------------
// kornia
// ---------------------------------------------------------------------------------------------

/// kornia's shared checks and preparation of `(B, C, H, W)` logits (given as `[B, C, S]`) and
/// `(B, H, W)` int64 labels: the softmax over classes and exact one-hot targets, both zeroed at
/// pixels labelled `ignore_index`. Returns `[B, C, S]` tensors.
pub fn kornia_prepare(
    loss: &str,
    logits: Tensor<3>,
    pred_shape: &[usize],
    labels: &[i64],
    target_shape: &[usize],
    ignore_index: Option<i64>,
) -> Result<(Tensor<3>, Tensor<3>), LossError> {
    if pred_shape.len() != 4 {
        return Err(LossError::shape(loss, "logits", "shape (B, C, H, W) (kornia: we expect BxNxHxW)", fmt_shape(pred_shape)));
    }
    if target_shape.len() != 3 || target_shape[0] != pred_shape[0] || target_shape[1..] != pred_shape[2..] {
        return Err(LossError::shape(loss, "targets", format!("shape ({}, {}, {}) (kornia: the logits without the class axis)", pred_shape[0], pred_shape[2], pred_shape[3]), fmt_shape(target_shape)));
    }
    numerics::non_empty(loss, "logits", pred_shape)?;
    let [b, c, s] = logits.dims();
    numerics::labels_in_range(loss, "targets", labels, c, ignore_index)?;
    let p = numerics::softmax(logits, 1);
    let ignored = ignore_index.is_some_and(|ii| labels.contains(&ii));
    let safe: Vec<i64> = labels.iter().map(|&l| if Some(l) == ignore_index { 0 } else { l }).collect();
    let t = one_hot_bcs(&p, &safe, b, c, s);
    if ignored {
        let keep: Vec<f64> = labels.iter().map(|&l| if Some(l) == ignore_index { 0.0 } else { 1.0 }).collect();
        let m = numerics::tensor_like(&p, keep, [b, 1, s]);
        return Ok((p * m.clone(), t * m));
    }
    Ok((p, t))
}

/// Random one-hot targets `[B, C, S]` (tests of the MONAI entries).
#[cfg(test)]
pub fn random_onehot(b: usize, c: usize, s: usize, seed: u64) -> crate::eval::HostTensor {
    let u = crate::testing::uniform(&[b, s], seed, 0.0, c as f64);
    let mut data = vec![0.0; b * c * s];
    for bi in 0..b {
        for si in 0..s {
            let k = (u.floats[bi * s + si] as usize).min(c - 1);
            data[(bi * c + k) * s + si] = 1.0;
        }
    }
    crate::testing::f(&[b, c, s], &data)
}
