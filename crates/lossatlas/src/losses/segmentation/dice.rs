//! Dice loss: one minus the soft Dice overlap between predicted class probabilities and targets,
//! computed per class (and per sample or over the batch). The libraries differ in where the
//! smoothing goes, what is averaged and how empty classes count, so each is a form.

use burn::tensor::{Int, Tensor};
use serde_json::Value as Json;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::overlap::{self as ov, MonaiPrep, MonaiWeight, SmpScore, SmpSetConfig, SmpTargets};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "dice";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Dice Loss",
    aliases: &["Soft Dice Loss", "Sørensen-Dice Loss"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2016,
    paper: Paper {
        title: "V-Net: Fully Convolutional Neural Networks for Volumetric Medical Image Segmentation",
        authors: "Milletari, F. et al.",
        venue: "3DV",
        year: 2016,
        url: "https://arxiv.org/abs/1606.04797",
    },
    summary: "Maximizes the soft Dice coefficient 2|X∩Y| / (|X| + |Y|) computed from probabilities, which measures overlap independently of how many background pixels there are, so it copes with foreground/background imbalance better than pixel-wise cross-entropy. It is the workhorse of medical segmentation, often summed with cross-entropy. Pitfalls: it is noisy for small or empty structures, its value depends on the smoothing constants and on whether it is averaged per sample, per class or over the batch, and the libraries differ in exactly these choices (see the forms).",
    formula: r"L = 1 - \frac{2\sum_{i} p_{ic}\,g_{ic} + s_{nr}}{\sum_{i} p_{ic} + \sum_{i} g_{ic} + s_{dr}}\quad\text{per class } c\text{ (and sample), then averaged}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *] (optax: [..., C], channels last)", meaning: "class scores; softmax or sigmoid applied inside depending on the form" },
        Input { name: "targets", shape: "[B, *] (i64) or [B, C, *]", meaning: "class indices (kornia, smp multiclass) or one-hot / soft targets (MONAI, smp binary, optax)" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "squared_pred", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "use squared terms in the denominator (MONAI)" },
        Param { name: "jaccard", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "compute the soft Jaccard 1 - I/(P + G - I) instead (MONAI)" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "per-class weights (MONAI; kornia)" },
        Param::REDUCTION_MEAN,
        Param { name: "average", symbol: "", default: Value::Str("micro"), range: Range::Choice { values: &["micro", "macro"] }, meaning: "kornia: one Dice over all classes (micro) or the weighted mean of per-class Dice (macro)" },
        Param { name: "soft_label", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI: soft-label form of tp/fp/fn, tp = (|p| + |g| - |p - g|)/2 with L1 norms (equal to the usual one for hard labels)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "kornia: added to the denominator (default 1e-8); smp: lower clamp of the denominator and of the score under log_loss (default 1e-7)" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "kornia (default -100) and smp (default none): pixels with this target leave the sums" },
        Param { name: "mode", symbol: "", default: Value::Null, range: Range::Choice { values: &["binary", "multilabel", "multiclass"] }, meaning: "smp (required): sigmoid for binary/multilabel float masks, softmax and one-hot for multiclass class indices" },
        Param { name: "classes", symbol: "", default: Value::Null, range: Range::Any, meaning: "smp: indices of the classes whose losses are averaged (not with mode binary)" },
        Param { name: "log_loss", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "smp: -log(max(score, eps)) instead of 1 - score" },
        Param { name: "from_logits", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "smp: apply the sigmoid / softmax inside" },
        Param { name: "smooth", symbol: "s", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "smp (default 0): Tversky-style smoothing, (2I + 2s)/(P + T + 2s); optax (default 1): (I + s)/(I + alpha FP + beta FN + s)" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "optax: weight of false positives (Tversky form; 0.5 gives Dice)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "optax: weight of false negatives" },
        Param { name: "class_weights", symbol: "", default: Value::Null, range: Range::Any, meaning: "optax: per-class factors of the per-class losses" },
        Param { name: "apply_softmax", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "optax: softmax inside (sigmoid for one class); false requires probabilities that sum to 1" },
        Param { name: "apply_sigmoid", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "optax binary: sigmoid inside" },
        Param { name: "ignore_background", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "optax: drop class 0 after weighting" },
        Param { name: "axis", symbol: "", default: Value::Null, range: Range::Any, meaning: "optax: axes summed over (default all but the first and the last)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "kornia.losses.dice_loss",
        "monai.losses.DiceLoss",
        "segmentation_models_pytorch.losses.DiceLoss",
        "optax.losses.dice_loss",
        "optax.losses.binary_dice_loss",
    ],
    related: &["generalized-dice", "tversky", "jaccard", "dice-ce", "dice-focal", "log-cosh-dice", "combo", "iou"],
    forms: &[
        Form { name: "softmax-kornia", description: "kornia.losses.dice_loss(logits, targets, average, eps, weight, ignore_index): softmax over the channels of (B, C, H, W) logits against exact one-hot int64 labels (B, H, W), ignored pixels removed from both; micro: per sample 1 - 2 sum_c w_c I_c / (sum_c w_c (P_c + G_c) + eps); macro: per (sample, class) losses averaged with the weights of the classes present in the sample's non-ignored target; a sample with nothing to score counts 1; then the batch mean (no reduction argument)." },
        Form { name: "monai", description: "monai.losses.DiceLoss: per (sample, class) 1 - (2 tp + smooth_nr)/(2 tp + fp + fn + smooth_dr) over the spatial axes (squared_pred: squared terms; jaccard: 2 (tp + fp + fn) below; soft_label: L1-norm tp); weight multiplies the per-class values; include_background=False drops channel 0 after the activation; batch=True pools the batch; reduction mean over B*C, none keeps [B, C, 1, ...]." },
        Form { name: "smp", description: "segmentation_models_pytorch.losses.DiceLoss(mode, classes, log_loss, from_logits, smooth, ignore_index, eps): sums over batch and spatial axes per class; score (I + s)/max(I + FP/2 + FN/2 + s, eps) (smp 0.6 computes Dice as the Tversky index with alpha = beta = 1/2); loss 1 - score (or -log max(score, eps)); classes without target pixels count 0; mean over (the selected) classes." },
        Form { name: "optax", description: "optax.losses.dice_loss: channels-LAST logits (softmax inside, sigmoid for one channel) and one-hot targets; per sample and class 1 - (I + smooth)/(I + alpha (P - I) + beta (T - I) + smooth) over the spatial axes (axis); class_weights multiply; ignore_background drops class 0; reduction over the class axis only, so the result has one value per sample." },
        Form { name: "optax-binary", description: "optax.losses.binary_dice_loss(logits, targets, smooth, apply_sigmoid): adds a class axis of one, sigmoid inside, one value per sample." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of a foreground pixel (MONAI, sigmoid; targets (1, 0))", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("monai"),
        params: serde_json::json!({"sigmoid": true}),
        inputs: vec![("logits", HostTensor::from_f64(vec![1, 1, 2], vec![x, -1.0])), ("targets", HostTensor::from_f64(vec![1, 1, 2], vec![1.0, 0.0]))],
        wrt: "logits",
        index: 0,
    }
}

// ---------------------------------------------------------------------------------------------
// MONAI DiceLoss
// ---------------------------------------------------------------------------------------------

/// Options of MONAI's `DiceLoss`; `Default` equals MONAI's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct MonaiDiceConfig {
    pub prep: MonaiPrep,
    pub squared_pred: bool,
    pub jaccard: bool,
    pub smooth_nr: f64,
    pub smooth_dr: f64,
    pub batch: bool,
    pub weight: Option<MonaiWeight>,
    pub soft_label: bool,
    pub reduction: Reduction,
}

impl Default for MonaiDiceConfig {
    fn default() -> Self {
        MonaiDiceConfig {
            prep: MonaiPrep { include_background: true, ..MonaiPrep::default() },
            squared_pred: false,
            jaccard: false,
            smooth_nr: 1e-5,
            smooth_dr: 1e-5,
            batch: false,
            weight: None,
            soft_label: false,
            reduction: Reduction::Mean,
        }
    }
}

impl MonaiDiceConfig {
    /// Reads MONAI's DiceLoss options from the evaluator (shared by the entries built on it).
    pub(crate) fn read(c: &Call) -> Result<Self, LossError> {
        Ok(MonaiDiceConfig {
            prep: MonaiPrep {
                include_background: c.bool("include_background", true)?,
                to_onehot_y: c.bool("to_onehot_y", false)?,
                sigmoid: c.bool("sigmoid", false)?,
                softmax: c.bool("softmax", false)?,
            },
            squared_pred: c.bool("squared_pred", false)?,
            jaccard: c.bool("jaccard", false)?,
            smooth_nr: c.f64("smooth_nr", 1e-5)?,
            smooth_dr: c.f64("smooth_dr", 1e-5)?,
            batch: c.bool("batch", false)?,
            weight: MonaiWeight::read(c)?,
            soft_label: c.bool("soft_label", false)?,
            reduction: c.reduction(Reduction::Mean)?,
        })
    }
}

/// MONAI `DiceLoss` before its reduction, on `[B, C, S]` logits and targets: the `[K, C]`
/// matrix `1 - (2 tp + s_nr) / (2 tp + fp + fn + s_dr)` (Jaccard: `2 (tp + fp + fn)` in the
/// denominator), times the class weights; `K = B`, or 1 with `batch`.
pub(crate) fn monai_dice_matrix(loss: &str, logits: Tensor<3>, targets: Tensor<3>, cfg: &MonaiDiceConfig) -> Result<Tensor<2>, LossError> {
    numerics::non_empty(loss, "logits", &logits.dims())?;
    numerics::finite_param(loss, "smooth_nr", cfg.smooth_nr)?;
    numerics::finite_param(loss, "smooth_dr", cfg.smooth_dr)?;
    let (p, g) = ov::monai_prepare(loss, logits, targets, &cfg.prep)?;
    let classes = g.dims()[1];
    let weight = ov::monai_class_weight(loss, cfg.weight.as_ref(), classes)?;
    let ord = if cfg.squared_pred { 2 } else { 1 };
    let (tp, fp, fnn) = ov::monai_tp_fp_fn(p, g, cfg.batch, ord, cfg.soft_label, true);
    let (fp, fnn) = if cfg.jaccard { (fp, fnn) } else { (fp.mul_scalar(0.5), fnn.mul_scalar(0.5)) };
    let num = tp.clone().mul_scalar(2.0).add_scalar(cfg.smooth_nr);
    let den = (tp + fp + fnn).mul_scalar(2.0).add_scalar(cfg.smooth_dr);
    let f = (num / den).neg().add_scalar(1.0);
    Ok(match weight {
        Some(w) => {
            let row = ov::class_row(&f, w);
            f * row
        }
        None => f,
    })
}

/// MONAI `DiceLoss` on `[B, C, *]` logits and targets (`[B, 1, *]` class indices with
/// `to_onehot_y`). `none` keeps MONAI's `[B, C, 1, ...]`.
pub fn monai_dice<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, cfg: &MonaiDiceConfig) -> Result<LossTensor, LossError> {
    ov::check_channels_first(ID, "logits", &logits.dims())?;
    let f = monai_dice_matrix(ID, ov::flatten_spatial(logits), ov::flatten_spatial(targets), cfg)?;
    Ok(ov::monai_reduce(f, cfg.reduction, cfg.batch, D))
}

// ---------------------------------------------------------------------------------------------
// kornia dice_loss
// ---------------------------------------------------------------------------------------------

/// kornia's `average`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KorniaAverage {
    Micro,
    Macro,
}

/// Options of `kornia.losses.dice_loss`; `Default` equals kornia's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct KorniaDiceConfig {
    pub average: KorniaAverage,
    pub eps: f64,
    pub weight: Option<Vec<f64>>,
    pub ignore_index: Option<i64>,
}

impl Default for KorniaDiceConfig {
    fn default() -> Self {
        KorniaDiceConfig { average: KorniaAverage::Micro, eps: 1e-8, weight: None, ignore_index: Some(-100) }
    }
}

/// kornia `dice_loss(pred (B, C, H, W) logits, target (B, H, W) labels)`: the softmax over
/// classes against exact one-hot targets, ignored pixels removed from both; micro: one weighted Dice per sample; macro: per-class losses averaged with the
/// weights of the classes present in the sample; then the batch mean. A sample with nothing to
/// score counts as loss 1.
pub fn kornia_dice(logits: Tensor<4>, targets: Tensor<3, Int>, cfg: &KorniaDiceConfig) -> Result<LossTensor, LossError> {
    let pd = logits.dims();
    let td = targets.dims();
    let labels = numerics::host_i64(&targets);
    kornia_dice_flat(logits.reshape([pd[0], pd[1], pd[2] * pd[3]]), &pd, &labels, &td, cfg)
}

fn kornia_dice_flat(logits: Tensor<3>, pd: &[usize], labels: &[i64], td: &[usize], cfg: &KorniaDiceConfig) -> Result<LossTensor, LossError> {
    numerics::finite_param(ID, "eps", cfg.eps)?;
    let (p, t) = ov::kornia_prepare(ID, logits, pd, labels, td, cfg.ignore_index)?;
    let [b, c, s] = p.dims();
    let w = match &cfg.weight {
        Some(w) => {
            if w.len() != c {
                return Err(LossError::shape(ID, "weight", format!("shape ({c},) (one weight per class)"), format!("{} values", w.len())));
            }
            numerics::finite_values(ID, "weight", w)?;
            w.clone()
        }
        None => vec![1.0; c],
    };
    // A zero denominator (every pixel ignored, or all weights 0) gives score 0 with a zero
    // gradient, as kornia's masked division.
    let safe_ratio = |inter: Tensor<2>, card: Tensor<2>| {
        let empty = card.clone().equal_elem(0.0);
        (inter.mul_scalar(2.0) / card.add_scalar(cfg.eps).mask_fill(empty.clone(), 1.0)).mask_fill(empty, 0.0)
    };
    let per_sample = match cfg.average {
        KorniaAverage::Micro => {
            let wt = numerics::tensor_like(&p, w, [1, c, 1]);
            let pw = p * wt.clone();
            let inter = (pw.clone() * t.clone()).sum_dim(2).sum_dim(1).reshape([b, 1]);
            let card = (pw + t * wt).sum_dim(2).sum_dim(1).reshape([b, 1]);
            safe_ratio(inter, card).neg().add_scalar(1.0).reshape([b])
        }
        KorniaAverage::Macro => {
            let inter = (p.clone() * t.clone()).sum_dim(2).reshape([b, c]);
            let card = (p + t).sum_dim(2).reshape([b, c]);
            let loss_bc = safe_ratio(inter.clone(), card).neg().add_scalar(1.0);
            // A class is present in a sample when one of its non-ignored pixels has it.
            let mut wp = vec![0.0; b * c];
            for (k, &l) in labels.iter().enumerate() {
                if Some(l) != cfg.ignore_index {
                    let bi = k / s;
                    wp[bi * c + l as usize] = w[l as usize];
                }
            }
            let norm: Vec<f64> = wp.chunks(c).map(|r| r.iter().sum()).collect();
            let empty_host: Vec<f64> = norm.iter().map(|&n| if n == 0.0 { 1.0 } else { 0.0 }).collect();
            let norm_safe: Vec<f64> = norm.iter().map(|&n| if n == 0.0 { 1.0 } else { 1.0 / n }).collect();
            let wp = numerics::tensor_like(&inter, wp, [b, c]);
            let inv = numerics::tensor_like(&inter, norm_safe, [b]);
            let empty = numerics::tensor_like(&inter, empty_host, [b]);
            let keep = empty.clone().neg().add_scalar(1.0);
            (loss_bc * wp).sum_dim(1).reshape([b]) * inv * keep + empty
        }
    };
    Ok(LossTensor::scalar(per_sample.mean()))
}

// ---------------------------------------------------------------------------------------------
// segmentation_models_pytorch DiceLoss
// ---------------------------------------------------------------------------------------------

/// smp `DiceLoss(mode, classes, log_loss, from_logits, smooth, ignore_index, eps)` on
/// `[B, C, S]` logits: the mean over classes of `1 - (2 I + s) / max(P + T + s, eps)` (or
/// `-log` of the clamped score), classes without target pixels counting 0.
pub fn smp_dice(logits: Tensor<3>, targets: SmpTargets, cfg: &SmpSetConfig) -> Result<LossTensor, LossError> {
    let per = ov::smp_class_losses(ID, logits, targets, cfg, SmpScore::Dice)?;
    Ok(LossTensor::scalar(per.mean()))
}

/// Reads smp's targets: class indices for multiclass, float masks otherwise, with the batch
/// of `logits`.
pub(crate) fn smp_targets(c: &Call, mode: ov::SmpMode, b: usize) -> Result<SmpTargets, LossError> {
    let t = c.host("targets")?;
    if t.shape.first() != Some(&b) {
        return Err(LossError::shape(c.loss, "targets", format!("a batch of {b} (the logits')"), fmt_shape(&t.shape)));
    }
    match mode {
        ov::SmpMode::Multiclass => Ok(SmpTargets::Index(c.int_values("targets")?.to_vec())),
        _ => {
            let n = t.numel();
            Ok(SmpTargets::Float(c.float_reshaped("targets", [b, n / b.max(1)])?))
        }
    }
}

/// Reads smp's shared options.
pub(crate) fn smp_config(c: &Call) -> Result<SmpSetConfig, LossError> {
    Ok(SmpSetConfig {
        mode: ov::smp_mode(c.loss, c.str_opt("mode")?)?,
        classes: c.i64_list_opt("classes")?,
        log_loss: c.bool("log_loss", false)?,
        from_logits: c.bool("from_logits", true)?,
        smooth: c.f64("smooth", 0.0)?,
        ignore_index: c.i64_opt("ignore_index")?,
        eps: c.f64("eps", 1e-7)?,
    })
}

/// `[B, C, *]` logits of the evaluator as `[B, C, S]` (rank >= 2).
pub(crate) fn logits_bcs(c: &Call, name: &str) -> Result<Tensor<3>, LossError> {
    let s = c.shape(name)?.to_vec();
    ov::check_channels_first(c.loss, name, &s)?;
    numerics::inputs::check_float(c, name)?;
    c.float_reshaped(name, [s[0], s[1], s[2..].iter().product()])
}

/// Logits and targets of equal rank as `[B, C, S]` tensors (MONAI rejects different ranks).
pub(crate) fn logits_targets_bcs(c: &Call) -> Result<(Tensor<3>, Tensor<3>), LossError> {
    let x = logits_bcs(c, "logits")?;
    let ls = c.shape("logits")?.to_vec();
    let ts = c.shape("targets")?.to_vec();
    if ts.len() != ls.len() || ts[0] != ls[0] || ts[2..] != ls[2..] {
        return Err(LossError::shape(c.loss, "targets", format!("rank {} with the logits' batch and spatial size", ls.len()), fmt_shape(&ts)));
    }
    let t = c.float_reshaped("targets", [ts[0], ts[1], ts[2..].iter().product()])?;
    Ok((x, t))
}

// ---------------------------------------------------------------------------------------------
// optax dice_loss / binary_dice_loss
// ---------------------------------------------------------------------------------------------

/// Options of `optax.losses.dice_loss`; `Default` equals optax's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct OptaxDiceConfig {
    pub class_weights: Option<Vec<f64>>,
    pub smooth: f64,
    pub alpha: f64,
    pub beta: f64,
    pub apply_softmax: bool,
    pub reduction: Reduction,
    pub ignore_background: bool,
    /// Axes summed over (sorted, distinct, not the last); `None`: all but the first and last.
    pub axis: Option<Vec<usize>>,
}

impl Default for OptaxDiceConfig {
    fn default() -> Self {
        OptaxDiceConfig { class_weights: None, smooth: 1.0, alpha: 0.5, beta: 0.5, apply_softmax: true, reduction: Reduction::Mean, ignore_background: false, axis: None }
    }
}

/// optax `dice_loss(predictions [..., C], targets [..., C])` (classes on the LAST axis, equal
/// shapes): per kept position and class `1 - (I + s) / (I + alpha (P - I) + beta (T - I) + s)`
/// with sums over `axis`, softmax inside (sigmoid for one class), class weights, optional
/// background removal, then the reduction over classes.
pub fn optax_dice<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, cfg: &OptaxDiceConfig) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "predictions", &dims)?;
    numerics::non_empty(ID, "logits", &dims)?;
    for (n, v) in [("smooth", cfg.smooth), ("alpha", cfg.alpha), ("beta", cfg.beta)] {
        numerics::finite_param(ID, n, v)?;
    }
    let c = dims[D - 1];
    let probs = if cfg.apply_softmax {
        if c == 1 { numerics::sigmoid(logits) } else { numerics::softmax(logits, D - 1) }
    } else {
        // optax checks that the given probabilities sum to 1 along the class axis.
        let sums = numerics::host_f64(&logits.clone().sum_dim(D - 1));
        if let Some(bad) = sums.iter().find(|v| !((**v - 1.0).abs() <= 1e-8 + 1e-5)) {
            return Err(LossError::value(ID, "logits", "probabilities that sum to 1 along the class axis (apply_softmax=False)", format!("a sum of {bad}")));
        }
        logits
    };
    let axes: Vec<usize> = match &cfg.axis {
        Some(a) => a.clone(),
        None => (1..D.saturating_sub(1)).collect(),
    };
    if axes.contains(&(D - 1)) || axes.iter().any(|&a| a >= D) {
        return Err(LossError::param(ID, "axis", format!("axes in [0, {}) (the class axis, last, is kept)", D - 1), format!("{axes:?}")));
    }
    let kept: Vec<usize> = (0..D - 1).filter(|a| !axes.contains(a)).collect();
    let mut order = kept.clone();
    order.extend_from_slice(&axes);
    order.push(D - 1);
    let perm: [usize; D] = order.try_into().map_err(|_| LossError::param(ID, "axis", "distinct axes", format!("{axes:?}")))?;
    let kept_shape: Vec<usize> = kept.iter().map(|&a| dims[a]).collect();
    let m: usize = kept_shape.iter().product();
    let r: usize = axes.iter().map(|&a| dims[a]).product();
    let p = probs.permute(perm).reshape([m, r, c]);
    let t = targets.permute(perm).reshape([m, r, c]);
    let inter = (p.clone() * t.clone()).sum_dim(1).reshape([m, c]);
    let psum = p.sum_dim(1).reshape([m, c]);
    let tsum = t.sum_dim(1).reshape([m, c]);
    let den = inter.clone() + (psum - inter.clone()).mul_scalar(cfg.alpha) + (tsum - inter.clone()).mul_scalar(cfg.beta);
    let mut dl = (inter.add_scalar(cfg.smooth) / den.add_scalar(cfg.smooth)).neg().add_scalar(1.0);
    if let Some(w) = &cfg.class_weights {
        if w.len() != c && w.len() != 1 {
            return Err(LossError::shape(ID, "class_weights", format!("{c} values (one per class)"), format!("{} values", w.len())));
        }
        let w = if w.len() == 1 { vec![w[0]; c] } else { w.clone() };
        let row = ov::class_row(&dl, w);
        dl = dl * row;
    }
    let mut cc = c;
    if cfg.ignore_background && c > 1 {
        dl = dl.narrow(1, 1, c - 1);
        cc = c - 1;
    }
    Ok(match cfg.reduction {
        Reduction::Mean => LossTensor::with_shape(dl.mean_dim(1), kept_shape),
        Reduction::Sum => LossTensor::with_shape(dl.sum_dim(1), kept_shape),
        Reduction::None => {
            let mut shape = kept_shape;
            shape.push(cc);
            LossTensor::with_shape(dl, shape)
        }
    })
}

/// optax `binary_dice_loss(predictions, targets, smooth, apply_sigmoid)`: a trailing class axis
/// of size one is added when the last axis is not already one, then `dice_loss` with a sigmoid
/// and the mean over that axis.
pub fn optax_binary_dice<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, smooth: f64, apply_sigmoid: bool) -> Result<LossTensor, LossError> {
    let cfg = OptaxDiceConfig { smooth, apply_softmax: apply_sigmoid, ..OptaxDiceConfig::default() };
    optax_dice(logits, targets, &cfg)
}

// ---------------------------------------------------------------------------------------------
// evaluator
// ---------------------------------------------------------------------------------------------

fn read_axis(c: &Call, rank: usize) -> Result<Option<Vec<usize>>, LossError> {
    match c.json("axis") {
        None => Ok(None),
        Some(v) => {
            let v: &Json = v;
            numerics::axes::resolve_axes(ID, "axis", Some(v), &[], rank).map(Some)
        }
    }
}

/// Shapes of optax's predictions and targets after its rank alignment (a trailing axis of one
/// added to the operand with one axis fewer).
fn optax_shapes(c: &Call, binary: bool) -> Result<(Vec<usize>, Vec<usize>), LossError> {
    let mut ps = c.shape("logits")?.to_vec();
    let mut ts = c.shape("targets")?.to_vec();
    if binary {
        if ps.len() == ts.len() && ps.last() != Some(&1) {
            ps.push(1);
            ts.push(1);
        }
    }
    if ps.len() + 1 == ts.len() {
        ps.push(1);
    } else if ts.len() + 1 == ps.len() {
        ts.push(1);
    }
    if ps.is_empty() {
        return Err(LossError::shape(ID, "logits", "at least one axis (classes last)", fmt_shape(&ps)));
    }
    numerics::same_shape(ID, "targets", &ts, "predictions", &ps)?;
    Ok((ps, ts))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or("monai");
    match form {
        "monai" => {
            let cfg = MonaiDiceConfig::read(c)?;
            let rank = c.shape("logits")?.len();
            if c.shape("targets")?.len() != rank {
                return Err(LossError::shape(ID, "targets", format!("rank {rank} (the logits'; [B, 1, *] with to_onehot_y)"), fmt_shape(c.shape("targets")?)));
            }
            numerics::inputs::check_float(c, "logits")?;
            by_rank!(c, "logits", rank, |R| monai_dice(c.float::<R>("logits")?, c.float::<R>("targets")?, &cfg))
        }
        "softmax-kornia" => {
            let average = match c.str("average", "micro")? {
                "micro" => KorniaAverage::Micro,
                "macro" => KorniaAverage::Macro,
                other => return Err(LossError::param(ID, "average", "micro or macro", format!("{other:?}"))),
            };
            let ignore_index = if c.has_param("ignore_index") { c.i64_opt("ignore_index")? } else { Some(-100) };
            let cfg = KorniaDiceConfig { average, eps: c.f64("eps", 1e-8)?, weight: c.f64_list_opt("weight")?, ignore_index };
            let pd = c.shape("logits")?.to_vec();
            let td = c.shape("targets")?.to_vec();
            let labels = c.int_values("targets")?.to_vec();
            if pd.len() != 4 {
                return Err(LossError::shape(ID, "logits", "shape (B, C, H, W) (kornia: we expect BxNxHxW)", fmt_shape(&pd)));
            }
            numerics::inputs::check_float(c, "logits")?;
            let x = c.float_reshaped("logits", [pd[0], pd[1], pd[2] * pd[3]])?;
            kornia_dice_flat(x, &pd, &labels, &td, &cfg)
        }
        "smp" => {
            let cfg = smp_config(c)?;
            let x = logits_bcs(c, "logits")?;
            let t = smp_targets(c, cfg.mode, x.dims()[0])?;
            smp_dice(x, t, &cfg)
        }
        "optax" => {
            let (ps, ts) = optax_shapes(c, false)?;
            let rank = ps.len();
            let cfg = OptaxDiceConfig {
                class_weights: c.f64_list_opt("class_weights")?,
                smooth: c.f64("smooth", 1.0)?,
                alpha: c.f64("alpha", 0.5)?,
                beta: c.f64("beta", 0.5)?,
                apply_softmax: c.bool("apply_softmax", true)?,
                reduction: c.reduction(Reduction::Mean)?,
                ignore_background: c.bool("ignore_background", false)?,
                axis: read_axis(c, rank)?,
            };
            numerics::inputs::check_float(c, "logits")?;
            by_rank!(c, "logits", rank, |R| {
                let x = c.float_reshaped::<R>("logits", ps.clone().try_into().unwrap())?;
                let t = c.float_reshaped::<R>("targets", ts.clone().try_into().unwrap())?;
                optax_dice(x, t, &cfg)
            })
        }
        "optax-binary" => {
            let _ = c.reduction(Reduction::Mean)?;
            let (ps, ts) = optax_shapes(c, true)?;
            let rank = ps.len();
            let smooth = c.f64("smooth", 1.0)?;
            let apply_sigmoid = c.bool("apply_sigmoid", true)?;
            numerics::inputs::check_float(c, "logits")?;
            by_rank!(c, "logits", rank, |R| {
                let x = c.float_reshaped::<R>("logits", ps.clone().try_into().unwrap())?;
                let t = c.float_reshaped::<R>("targets", ts.clone().try_into().unwrap())?;
                optax_binary_dice(x, t, smooth, apply_sigmoid)
            })
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

    fn onehot_targets(b: usize, c: usize, s: usize, seed: u64) -> crate::eval::HostTensor {
        let u = uniform(&[b, s], seed, 0.0, c as f64);
        let mut data = vec![0.0; b * c * s];
        for bi in 0..b {
            for si in 0..s {
                let k = (u.floats[bi * s + si] as usize).min(c - 1);
                data[(bi * c + k) * s + si] = 1.0;
            }
        }
        f(&[b, c, s], &data)
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let only: Option<&[&str]> = Some(&["logits"]);
        let x = randn(&[2, 3, 5], 1, 2.0);
        let t = onehot_targets(2, 3, 5, 2);
        let xt = inputs(vec![("logits", x.clone()), ("targets", t.clone())]);
        for p in [
            json!({"softmax": true}),
            json!({"sigmoid": true, "squared_pred": true, "reduction": "sum"}),
            json!({"softmax": true, "jaccard": true, "batch": true, "include_background": false, "weight": [1.0, 2.0]}),
            json!({"sigmoid": true, "soft_label": true, "weight": 0.5}),
        ] {
            assert_gradcheck_only(ID, Some("monai"), &params(p), &xt, only);
        }
        let soft = uniform(&[2, 3, 5], 3, 0.0, 1.0);
        assert_gradcheck_only(ID, Some("monai"), &params(json!({"sigmoid": true, "soft_label": true})), &inputs(vec![("logits", x.clone()), ("targets", soft)]), only);
        let k = randn(&[2, 3, 2, 3], 4, 2.0);
        let labels = i(&[2, 2, 3], &[0, 1, 2, 2, 1, 0, 1, 1, 2, 2, 0, 1]);
        for p in [json!({"average": "micro", "weight": [1.0, 0.5, 2.0]}), json!({"average": "macro", "ignore_index": 2, "weight": [1.0, 0.5, 2.0]})] {
            assert_gradcheck(ID, Some("softmax-kornia"), &params(p), &inputs(vec![("logits", k.clone()), ("targets", labels.clone())]));
        }
        let labels3 = i(&[2, 5], &[0, 1, 2, 2, 1, 0, 1, 1, 1, 0]);
        assert_gradcheck(ID, Some("smp"), &params(json!({"mode": "multiclass", "smooth": 0.5, "log_loss": true})), &inputs(vec![("logits", x.clone()), ("targets", labels3)]));
        let xl = randn(&[2, 4, 3], 5, 2.0);
        let tl = onehot_targets(2, 3, 4, 6);
        // optax is channels-last: move the class axis of the one-hot targets last.
        let mut tl_last = vec![0.0; 24];
        for b in 0..2 {
            for c in 0..3 {
                for s in 0..4 {
                    tl_last[(b * 4 + s) * 3 + c] = tl.floats[(b * 3 + c) * 4 + s];
                }
            }
        }
        let tl_last = f(&[2, 4, 3], &tl_last);
        assert_gradcheck_only(ID, Some("optax"), &params(json!({"alpha": 0.3, "beta": 0.7, "class_weights": [1.0, 2.0, 0.5], "ignore_background": true})), &inputs(vec![("logits", xl), ("targets", tl_last)]), only);
    }

    #[test]
    fn value_is_the_formula() {
        // MONAI without activation, one sample and channel, p = (0.5, 0.5), g = (1, 0):
        // tp = 0.5, P + G = 2, loss = 1 - (1 + 1e-5)/(2 + 1e-5).
        let x = inputs(vec![("logits", f(&[1, 1, 2], &[0.5, 0.5])), ("targets", f(&[1, 1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, Some("monai"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (1.0 - (1.0 + 1e-5) / (2.0 + 1e-5))).abs() < 1e-14);
        // Jaccard: 1 - (1 + 1e-5)/(2 (2 - 0.5) + 1e-5).
        let ev = eval64(ID, Some("monai"), &params(json!({"jaccard": true})), &x);
        assert!((ev.loss.floats[0] - (1.0 - (1.0 + 1e-5) / (3.0 + 1e-5))).abs() < 1e-14);
        // optax binary on one logit 0 (p = 1/2) and target 1: I = 1/2, FP = 0, FN = 1/2,
        // 1 - (0.5 + 1)/(0.5 + 0.25 + 1).
        let x = inputs(vec![("logits", f(&[1, 1], &[0.0])), ("targets", f(&[1, 1], &[1.0]))]);
        let ev = eval64(ID, Some("optax-binary"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (1.0 - 1.5 / 1.75)).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = f(&[1, 2, 2], &[scale, -scale, -scale, scale]);
            let t = f(&[1, 2, 2], &[1.0, 0.0, 0.0, 1.0]);
            let ev = assert_finite(ID, Some("monai"), &params(json!({"softmax": true})), &inputs(vec![("logits", x.clone()), ("targets", t.clone())]));
            assert!(ev.loss.floats[0] < 1e-4);
            assert_finite(ID, Some("monai"), &params(json!({"sigmoid": true, "squared_pred": true})), &inputs(vec![("logits", x.clone()), ("targets", t)]));
            assert_finite(ID, Some("smp"), &params(json!({"mode": "multiclass", "log_loss": true})), &inputs(vec![("logits", x), ("targets", i(&[1, 2], &[0, 1]))]));
        }
        // kornia with every pixel ignored: loss 1 with a zero gradient.
        let x = inputs(vec![("logits", randn(&[1, 2, 1, 2], 9, 1.0)), ("targets", i(&[1, 1, 2], &[-100, -100]))]);
        let ev = assert_finite(ID, Some("softmax-kornia"), &params(json!({"average": "macro"})), &x);
        assert_eq!(ev.loss.floats[0], 1.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[2, 3, 4], 7, 1.0);
        let t = onehot_targets(2, 3, 4, 8);
        let monai = |p: serde_json::Value, t: crate::eval::HostTensor, kind: ErrorKind| assert_error(ID, Some("monai"), &params(p), &inputs(vec![("logits", x.clone()), ("targets", t)]), kind);
        monai(json!({}), f(&[2, 2, 4], &[0.0; 16]), ErrorKind::Shape);
        monai(json!({"sigmoid": true, "softmax": true}), t.clone(), ErrorKind::Param);
        monai(json!({"to_onehot_y": true}), f(&[2, 1, 4], &[0.0, 1.0, 2.0, 3.0, 0.0, 1.0, 2.0, 1.0]), ErrorKind::Value);
        monai(json!({"weight": [1.0, 2.0]}), t.clone(), ErrorKind::Shape);
        monai(json!({"weight": [1.0, -2.0, 1.0]}), t.clone(), ErrorKind::Param);
        monai(json!({"reduction": "avg"}), t.clone(), ErrorKind::Param);
        assert_error(ID, Some("monai"), &params(json!({})), &inputs(vec![("logits", f(&[0, 3, 4], &[])), ("targets", f(&[0, 3, 4], &[]))]), ErrorKind::Empty);
        let k = randn(&[1, 3, 2, 2], 9, 1.0);
        assert_error(ID, Some("softmax-kornia"), &params(json!({})), &inputs(vec![("logits", x.clone()), ("targets", i(&[2, 4], &[0; 8]))]), ErrorKind::Shape);
        assert_error(ID, Some("softmax-kornia"), &params(json!({})), &inputs(vec![("logits", k.clone()), ("targets", i(&[1, 2, 2], &[0, 1, 3, 0]))]), ErrorKind::Value);
        assert_error(ID, Some("softmax-kornia"), &params(json!({"weight": [1.0, 2.0]})), &inputs(vec![("logits", k.clone()), ("targets", i(&[1, 2, 2], &[0, 1, 2, 0]))]), ErrorKind::Shape);
        assert_error(ID, Some("softmax-kornia"), &params(json!({"average": "weighted"})), &inputs(vec![("logits", k), ("targets", i(&[1, 2, 2], &[0, 1, 2, 0]))]), ErrorKind::Param);
        assert_error(ID, Some("smp"), &params(json!({})), &inputs(vec![("logits", x.clone()), ("targets", i(&[2, 4], &[0; 8]))]), ErrorKind::Param);
        assert_error(ID, Some("smp"), &params(json!({"mode": "multiclass"})), &inputs(vec![("logits", x.clone()), ("targets", f(&[2, 4], &[0.0; 8]))]), ErrorKind::DType);
        assert_error(ID, Some("smp"), &params(json!({"mode": "multiclass"})), &inputs(vec![("logits", x.clone()), ("targets", i(&[2, 4], &[0, 1, 2, 3, 0, 0, 0, 0]))]), ErrorKind::Value);
        assert_error(ID, Some("optax"), &params(json!({})), &inputs(vec![("logits", x.clone()), ("targets", f(&[2, 3, 3], &[0.0; 18]))]), ErrorKind::Shape);
        assert_error(ID, Some("optax"), &params(json!({"apply_softmax": false})), &inputs(vec![("logits", x), ("targets", t)]), ErrorKind::Value);
    }
}
