//! Shared pieces of the MONAI-style and Lovász segmentation losses: MONAI's activation and
//! one-hot handling of `[B, C, *spatial]` inputs, label tensors read as constants, MONAI's
//! `DiceLoss`, clDice's soft Dice term and the Lovász extension weights of the Jaccard loss.

use burn::tensor::Tensor;

use super::{LossTensor, Reduction, reduce, tensor_like};
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;

/// MONAI's activations, in MONAI's order: sigmoid, then a softmax over the channel axis (which
/// MONAI skips, with a warning, for a single channel).
pub fn monai_activation<const D: usize>(x: Tensor<D>, sigmoid: bool, softmax: bool) -> Tensor<D> {
    let mut x = x;
    if sigmoid {
        x = super::sigmoid(x);
    }
    if softmax && x.dims()[1] > 1 {
        x = super::softmax(x, 1);
    }
    x
}

/// MONAI `one_hot(labels, C)` of labels `[B, 1, *]` (values truncated like `.long()`):
/// `[B, C, *]` host values. A label outside `[0, C)` is an error (torch's scatter rejects it).
pub fn monai_one_hot(loss: &str, arg: &str, labels: &[f64], shape: &[usize], classes: usize) -> Result<(Vec<f64>, Vec<usize>), LossError> {
    if shape.len() < 2 || shape[1] != 1 {
        return Err(LossError::shape(loss, arg, "one channel of class indices [B, 1, *] (to_onehot_y)", fmt_shape(shape)));
    }
    let b = shape[0];
    let s: usize = shape[2..].iter().product();
    let mut out = vec![0.0; b * classes * s];
    for i in 0..b {
        for j in 0..s {
            let v = labels[i * s + j].trunc();
            if !(v >= 0.0 && v < classes as f64) {
                return Err(LossError::value(loss, arg, format!("class indices in [0, {classes})"), format!("{}", labels[i * s + j])));
            }
            out[(i * classes + v as usize) * s + j] = 1.0;
        }
    }
    let mut oshape = shape.to_vec();
    oshape[1] = classes;
    Ok((out, oshape))
}

/// An input read as a constant (a label or target map: no gradient is reported for it), with
/// the dtype and device of `like`. Its shape must be `dims`.
pub fn constant_input<const D: usize, const E: usize>(c: &Call, name: &str, like: &Tensor<E>, dims: [usize; D]) -> Result<Tensor<D>, LossError> {
    let t = c.host(name)?;
    if t.numel() != dims.iter().product::<usize>() {
        return Err(LossError::shape(c.loss, name, format!("shape {}", fmt_shape(&dims)), fmt_shape(&t.shape)));
    }
    Ok(tensor_like(like, t.as_f64(), dims))
}

/// Options of MONAI's `DiceLoss` (`Default` = MONAI's defaults; `other_act` is not supported).
#[derive(Debug, Clone, PartialEq)]
pub struct MonaiDiceConfig {
    pub include_background: bool,
    pub to_onehot_y: bool,
    pub sigmoid: bool,
    pub softmax: bool,
    pub squared_pred: bool,
    pub jaccard: bool,
    pub smooth_nr: f64,
    pub smooth_dr: f64,
    pub batch: bool,
    pub soft_label: bool,
    /// Per-class weights (after background removal), MONAI's `weight`.
    pub weight: Option<Vec<f64>>,
    pub reduction: Reduction,
}

impl Default for MonaiDiceConfig {
    fn default() -> Self {
        MonaiDiceConfig {
            include_background: true,
            to_onehot_y: false,
            sigmoid: false,
            softmax: false,
            squared_pred: false,
            jaccard: false,
            smooth_nr: 1e-5,
            smooth_dr: 1e-5,
            batch: false,
            soft_label: false,
            weight: None,
            reduction: Reduction::Mean,
        }
    }
}

/// MONAI `DiceLoss(...)(input, target)` with the target given as host values of `tshape`
/// (class indices `[B, 1, *]` when `to_onehot_y`). `loss` names the calling entry in errors.
pub fn monai_dice<const D: usize>(loss: &str, input: Tensor<D>, target: &[f64], tshape: &[usize], cfg: &MonaiDiceConfig) -> Result<LossTensor, LossError> {
    if D < 3 {
        return Err(LossError::shape(loss, "logits", "a tensor [B, C, *spatial]", fmt_shape(&input.dims())));
    }
    if cfg.sigmoid && cfg.softmax {
        return Err(LossError::param(loss, "softmax", "at most one of sigmoid and softmax", "both true"));
    }
    super::finite_param(loss, "smooth_nr", cfg.smooth_nr)?;
    super::finite_param(loss, "smooth_dr", cfg.smooth_dr)?;
    let dims = input.dims();
    let channels = dims[1];
    let p = monai_activation(input, cfg.sigmoid, cfg.softmax);
    let (tvals, tshape) = if cfg.to_onehot_y && channels > 1 {
        monai_one_hot(loss, "targets", target, tshape, channels)?
    } else {
        (target.to_vec(), tshape.to_vec())
    };
    if tshape.len() != D || tshape[..] != dims[..] && (cfg.include_background || channels == 1 || tshape[1] != channels) {
        return Err(LossError::shape(loss, "targets", format!("shape {} (the shape of the prediction)", fmt_shape(&dims)), fmt_shape(&tshape)));
    }
    let tdims: [usize; D] = tshape.clone().try_into().expect("rank checked");
    let mut t = tensor_like(&p, tvals, tdims);
    let mut p = p;
    if !cfg.include_background && channels > 1 {
        p = p.narrow(1, 1, channels - 1);
        t = t.narrow(1, 1, channels - 1);
    }
    if t.dims() != p.dims() {
        return Err(LossError::shape(loss, "targets", format!("shape {} (the shape of the prediction)", fmt_shape(&dims)), fmt_shape(&tshape)));
    }
    let pd = p.dims();
    let (b, c) = (pd[0], pd[1]);
    let s: usize = pd[2..].iter().product();
    let p = p.reshape([b, c, s]);
    let t = t.reshape([b, c, s]);
    let sum = |x: Tensor<3>| -> Tensor<2> {
        let x = x.sum_dim(2).reshape([b, c]);
        if cfg.batch { x.sum_dim(0) } else { x }
    };
    // losses/utils.py compute_tp_fp_fn: the plain sums for ord 1 with hard labels, otherwise
    // tp from vector norms, tp = (|p|^o + |t|^o - |p - t|^o) / 2.
    let (tp, pred_o, ground_o) = if !cfg.squared_pred && !cfg.soft_label {
        (sum(p.clone() * t.clone()), sum(p), sum(t))
    } else if cfg.squared_pred {
        let pred_o = sum(p.clone().powi_scalar(2));
        let ground_o = sum(t.clone().powi_scalar(2));
        let diff = sum((p - t).powi_scalar(2));
        ((pred_o.clone() + ground_o.clone() - diff).mul_scalar(0.5), pred_o, ground_o)
    } else {
        let pred_o = sum(p.clone().abs());
        let ground_o = sum(t.clone().abs());
        let diff = sum((p - t).abs());
        ((pred_o.clone() + ground_o.clone() - diff).mul_scalar(0.5), pred_o, ground_o)
    };
    let fp = pred_o - tp.clone();
    let fn_ = ground_o - tp.clone();
    let (fp, fn_) = if cfg.jaccard { (fp, fn_) } else { (fp.mul_scalar(0.5), fn_.mul_scalar(0.5)) };
    let num = tp.clone().mul_scalar(2.0).add_scalar(cfg.smooth_nr);
    let den = (tp + fp + fn_).mul_scalar(2.0).add_scalar(cfg.smooth_dr);
    let mut f = (num / den).neg().add_scalar(1.0);
    if let Some(w) = &cfg.weight {
        if c != 1 {
            let w = if w.len() == 1 { vec![w[0]; c] } else { w.clone() };
            if w.len() != c {
                return Err(LossError::param(loss, "weight", format!("{c} class weights (one per class after include_background)"), format!("{} values", w.len())));
            }
            if w.iter().any(|x| *x < 0.0 || !x.is_finite()) {
                return Err(LossError::param(loss, "weight", "finite non-negative weights", format!("{w:?}")));
            }
            let wt = tensor_like(&f, w, [1, c]);
            f = f * wt;
        }
    }
    Ok(match cfg.reduction {
        Reduction::None => {
            let rows = f.dims()[0];
            let mut shape = vec![rows, c];
            shape.extend(std::iter::repeat_n(1, D - 2));
            LossTensor::with_shape(f, shape)
        }
        r => reduce(f, r),
    })
}

/// Weights of the Lovász extension of the Jaccard loss at each ORIGINAL position: with the
/// errors sorted in descending order (`perm`), `g_i = J(1..i) - J(1..i-1)` where
/// `J(1..i) = 1 - (G - cumsum(fg)_i) / (G + cumsum(1 - fg)_i)`, `G = sum(fg)`, and the weight
/// of element `perm[i]` is `g_i` (Berman et al. 2018, Alg. 1). The loss is then
/// `sum(errors * weights)`, whose gradient is the weight vector, as through `torch.sort`.
pub fn lovasz_weights(errors: &[f64], fg: &[f64]) -> Vec<f64> {
    let n = errors.len();
    let mut perm: Vec<usize> = (0..n).collect();
    perm.sort_by(|&a, &b| errors[b].partial_cmp(&errors[a]).unwrap_or(std::cmp::Ordering::Equal));
    let gts: f64 = fg.iter().sum();
    let mut out = vec![0.0; n];
    let (mut cum_fg, mut cum_bg, mut prev) = (0.0, 0.0, 0.0);
    for (i, &j) in perm.iter().enumerate() {
        cum_fg += fg[j];
        cum_bg += 1.0 - fg[j];
        let jac = 1.0 - (gts - cum_fg) / (gts + cum_bg);
        out[j] = if i == 0 { jac } else { jac - prev };
        prev = jac;
    }
    out
}

/// clDice (MONAI `SoftclDiceLoss`) of `p` and `g` (`[B, C, H, W(, D)]`, same shape), one value
/// per sample: with soft skeletons `S(.)` after `iters` erosions and sums over the channels and
/// space, `T_prec = (sum S(p) g + s_nr) / (sum S(p) + s_dr)`, `T_sens = (sum S(g) p + s_nr) /
/// (sum S(g) + s_dr)` and `1 - 2 T_prec T_sens / (T_prec + T_sens + s)`. Returns `[B]`.
pub fn soft_cl_dice<const D: usize>(p: Tensor<D>, g: Tensor<D>, iters: usize, smooth_nr: f64, smooth_dr: f64, smooth: f64) -> Tensor<1> {
    let b = p.dims()[0];
    let skel_p = super::morphology::soft_skeleton(p.clone(), iters);
    let skel_g = super::morphology::soft_skeleton(g.clone(), iters);
    let per = |x: Tensor<D>| -> Tensor<1> {
        let n = x.dims().iter().product::<usize>() / b.max(1);
        x.reshape([b, n]).sum_dim(1).reshape([b])
    };
    let tprec = per(skel_p.clone() * g.clone()).add_scalar(smooth_nr) / per(skel_p).add_scalar(smooth_dr);
    let tsens = per(skel_g.clone() * p).add_scalar(smooth_nr) / per(skel_g).add_scalar(smooth_dr);
    let ratio = (tprec.clone() * tsens.clone()).mul_scalar(2.0) / (tprec + tsens).add_scalar(smooth);
    ratio.neg().add_scalar(1.0)
}

/// MONAI's target handling before a loss on `channels` prediction channels: one-hot encoding
/// of labels `[B, 1, *]` when `to_onehot_y` (skipped for one channel), then removal of channel
/// 0 when `include_background` is false (also skipped for one channel). Host values and shape.
pub fn monai_target(loss: &str, target: &[f64], tshape: &[usize], channels: usize, to_onehot_y: bool, include_background: bool) -> Result<(Vec<f64>, Vec<usize>), LossError> {
    let (mut vals, mut shape) = if to_onehot_y && channels > 1 { monai_one_hot(loss, "targets", target, tshape, channels)? } else { (target.to_vec(), tshape.to_vec()) };
    if !include_background && channels > 1 && shape.len() >= 2 && shape[1] >= 1 {
        let s: usize = shape[2..].iter().product();
        let tc = shape[1];
        vals = (0..shape[0]).flat_map(|bi| vals[(bi * tc + 1) * s..(bi + 1) * tc * s].to_vec()).collect();
        shape[1] = tc - 1;
    }
    Ok((vals, shape))
}
