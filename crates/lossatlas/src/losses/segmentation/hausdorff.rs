//! Hausdorff distance loss: differentiable surrogates of the Hausdorff distance between predicted
//! and true segmentations, from distance transforms or from repeated morphological erosion.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor, by_rank};
use crate::numerics::morphology::{cross_sum, edt};
use crate::numerics::monai_overlap::{monai_activation, monai_one_hot};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "hausdorff";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Hausdorff Distance Loss",
    aliases: &["HD Loss", "Hausdorff DT Loss", "Hausdorff ER Loss"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2019,
    paper: Paper {
        title: "Reducing the Hausdorff Distance in Medical Image Segmentation with Convolutional Neural Networks",
        authors: "Karimi, D. & Salcudean, S.E.",
        venue: "IEEE TMI",
        year: 2019,
        url: "https://arxiv.org/abs/1904.10030",
    },
    summary: "Weights the squared error between prediction and target by distance-transform values of both masks (DT form), or accumulates the squared error after repeated soft erosions (ER form), so that errors far from the correct boundary, which dominate the Hausdorff distance, are penalized most. Used to reduce large boundary outliers in medical segmentation, usually together with Dice. Distance transforms are computed on thresholded masks without gradient; the erosion form is fully differentiable but costs k convolutions.",
    formula: r"L_{DT} = \frac{1}{|\Omega|}\sum_{i}(p_i - g_i)^2\,\big(d_P(i)^{\alpha} + d_G(i)^{\alpha}\big),\quad L_{ER} = \frac{1}{|\Omega|}\sum_{k=1}^{K} k^{\alpha} \sum_i e^{(k)}_i,\quad e^{(k)} = \operatorname{norm}\big([\tfrac{1}{5}\,B * e^{(k-1)} - \tfrac{1}{2}]_+\big),\ e^{(0)} = (p - g)^2",
    inputs: &[
        Input { name: "logits", shape: "[B, C, H, W] or [B, C, H, W, D]", meaning: "MONAI forms: scores, or probabilities without sigmoid / softmax" },
        Input { name: "probs", shape: "[B, C, H, W]", meaning: "kornia form: one probability map per class" },
        Input { name: "targets", shape: "[B, C, *] (MONAI; [B, 1, *] labels with to_onehot_y) or [B, 1, H, W] i64 (kornia)", meaning: "one-hot targets (MONAI, no gradient) or class labels (kornia)" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "exponent of the distances (MONAI) or of the erosion weight (k + 1)^alpha (kornia)" },
        Param { name: "k", symbol: "K", default: Value::Int(10), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "kornia: number of erosions" },
        Param { name: "include_background", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI: keep channel 0 (default False here)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI: one-hot encode labels [B, 1, *] into C channels" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI: apply a sigmoid to the input" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI: apply a softmax over the channels (ignored for one channel)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI: average over the batch and space together, one value per channel" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[
        "kornia.losses.HausdorffERLoss",
        "monai.losses.HausdorffDTLoss",
        "monai.losses.LogHausdorffDTLoss",
    ],
    related: &["boundary", "dice", "chamfer"],
    forms: &[
        Form { name: "kornia-erosion", description: "kornia.losses.HausdorffERLoss(alpha, k, reduction): bound = (p - onehot)^2 eroded k times with a cross kernel (conv, subtract 0.5, relu, min-max normalization), weighted by (i + 1)^alpha and summed." },
        Form { name: "monai-dt", description: "monai.losses.HausdorffDTLoss: field(x) = edt(x) + edt(1 - x) (0 for an empty map) of (p > 0.5) and of the target per (sample, class); mean((p - g)^2 (dt_p^alpha + dt_g^alpha))." },
        Form { name: "monai-log-dt", description: "monai.losses.LogHausdorffDTLoss: log(1 + monai-dt loss)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of a wrongly predicted pixel next to the object (form monai-dt, sigmoid)", from: -4.0, to: 4.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    let mut logits = vec![-3.0; 9];
    logits[4] = 3.0;
    logits[5] = x;
    let mut target = vec![0.0; 9];
    target[4] = 1.0;
    PlotInput {
        form: Some("monai-dt"),
        params: serde_json::json!({"sigmoid": true}),
        inputs: vec![("logits", HostTensor::from_f64(vec![1, 1, 3, 3], logits)), ("targets", HostTensor::from_f64(vec![1, 1, 3, 3], target))],
        wrt: "logits",
        index: 5,
    }
}

/// kornia `HausdorffERLoss(alpha, k, reduction)(probs, targets)`: for each class `c`, the
/// squared error between `probs[:, c]` and the indicator of `targets == c` is eroded `k` times
/// (cross-kernel convolution with weights 1/5, minus 1/2, negative values set to 0, then
/// min-max normalized per image unless constant) and the erosions are summed with weights
/// `(i + 1)^alpha`. `none` keeps the per-pixel values `[C, B, 1, H, W]`.
pub fn hausdorff_er_kornia(probs: Tensor<4>, targets: &[i64], tshape: [usize; 4], alpha: f64, k: usize, reduction: Reduction) -> Result<LossTensor, LossError> {
    let [b, c, h, w] = probs.dims();
    if tshape[0] != b || tshape[1] != 1 || tshape[2] != h || tshape[3] != w {
        return Err(LossError::shape(ID, "targets", format!("[{b}, 1, {h}, {w}] (labels, not one-hot)"), fmt_shape(&tshape)));
    }
    numerics::non_empty(ID, "probs", &probs.dims())?;
    numerics::labels_in_range(ID, "targets", targets, c, None)?;
    numerics::finite_param(ID, "alpha", alpha)?;
    let n = h * w;
    let mut onehot = vec![0.0; b * c * n];
    for bi in 0..b {
        for i in 0..n {
            onehot[(bi * c + targets[bi * n + i] as usize) * n + i] = 1.0;
        }
    }
    let g = numerics::tensor_like(&probs, onehot, [b, c, h, w]);
    let mut bound = (probs - g).powi_scalar(2);
    let mut eroded: Option<Tensor<4>> = None;
    for i in 0..k {
        let e = cross_sum(bound).mul_scalar(0.2).add_scalar(-0.5);
        let neg = e.clone().lower_elem(0.0);
        let e = e.mask_fill(neg, 0.0);
        let flat = e.clone().reshape([b, c, n]);
        let mx = flat.clone().max_dim(2).reshape([b, c, 1, 1]);
        let mn = flat.neg().max_dim(2).neg().reshape([b, c, 1, 1]);
        let range = mx - mn.clone();
        let constant = range.clone().equal_elem(0.0);
        let safe = range.mask_fill(constant.clone(), 1.0);
        let normalized = (e.clone() - mn) / safe;
        let e = normalized.mask_where(constant.expand([b, c, h, w]), e);
        let term = e.clone().mul_scalar(((i + 1) as f64).powf(alpha));
        eroded = Some(match eroded {
            None => term,
            Some(acc) => acc + term,
        });
        bound = e;
    }
    let out = match eroded {
        Some(t) => t,
        None => numerics::full_like(&bound, [b, c, h, w], 0.0),
    };
    Ok(match reduction {
        Reduction::None => LossTensor::with_shape(out.swap_dims(0, 1), vec![c, b, 1, h, w]),
        r => reduce(out, r),
    })
}

/// Options of MONAI's `HausdorffDTLoss` / `LogHausdorffDTLoss` (`other_act` is not supported).
#[derive(Debug, Clone, PartialEq)]
pub struct HausdorffDtConfig {
    pub alpha: f64,
    pub include_background: bool,
    pub to_onehot_y: bool,
    pub sigmoid: bool,
    pub softmax: bool,
    pub batch: bool,
    pub reduction: Reduction,
    /// `LogHausdorffDTLoss`: `log(loss + 1)`.
    pub log: bool,
}

impl Default for HausdorffDtConfig {
    fn default() -> Self {
        HausdorffDtConfig { alpha: 2.0, include_background: false, to_onehot_y: false, sigmoid: false, softmax: false, batch: false, reduction: Reduction::Mean, log: false }
    }
}

/// `x^a` as PyTorch computes `pow` of a float32 tensor by a Python scalar.
fn pow_f32(x: f32, a: f64) -> f32 {
    match a {
        0.5 => x.sqrt(),
        1.0 => x,
        2.0 => x * x,
        3.0 => x * x * x,
        -0.5 => 1.0 / x.sqrt(),
        -1.0 => 1.0 / x,
        -2.0 => 1.0 / (x * x),
        _ => x.powf(a as f32),
    }
}

/// MONAI `distance_field` of each image of `values` (`[B, S]`, S the spatial elements of
/// `spatial`): edt(x > 0.5) + edt(x <= 0.5), 0 for an image that is all foreground or all
/// background; rounded to float32 as MONAI's `.float()` does.
fn distance_field(values: &[f64], b: usize, spatial: &[usize]) -> Vec<f32> {
    let s: usize = spatial.iter().product();
    let mut out = vec![0f32; b * s];
    for bi in 0..b {
        let fg: Vec<bool> = values[bi * s..(bi + 1) * s].iter().map(|&v| v > 0.5).collect();
        if fg.iter().all(|&m| m) || !fg.iter().any(|&m| m) {
            continue;
        }
        let bg: Vec<bool> = fg.iter().map(|m| !m).collect();
        let (d1, d2) = (edt(&fg, spatial), edt(&bg, spatial));
        for j in 0..s {
            out[bi * s + j] = (d1[j] + d2[j]) as f32;
        }
    }
    out
}

/// MONAI `HausdorffDTLoss` (or `LogHausdorffDTLoss` with `cfg.log`) on `input [B, C, H, W(, D)]`
/// and a target given as host values of `tshape` (no gradient flows to it).
pub fn hausdorff_dt_monai<const D: usize>(input: Tensor<D>, target: &[f64], tshape: &[usize], cfg: &HausdorffDtConfig) -> Result<LossTensor, LossError> {
    let dims = input.dims();
    if D != 4 && D != 5 {
        return Err(LossError::shape(ID, "logits", "[B, C, H, W] or [B, C, H, W, D] (MONAI supports 2D and 3D only)", fmt_shape(&dims)));
    }
    if cfg.sigmoid && cfg.softmax {
        return Err(LossError::param(ID, "softmax", "at most one of sigmoid and softmax", "both true"));
    }
    numerics::finite_param(ID, "alpha", cfg.alpha)?;
    numerics::non_empty(ID, "logits", &dims)?;
    let channels = dims[1];
    let p = monai_activation(input, cfg.sigmoid, cfg.softmax);
    let (tvals, tshape) = if cfg.to_onehot_y && channels > 1 { monai_one_hot(ID, "targets", target, tshape, channels)? } else { (target.to_vec(), tshape.to_vec()) };
    let bad = || LossError::shape(ID, "targets", format!("shape {} (the shape of the prediction)", fmt_shape(&dims)), fmt_shape(&tshape));
    if tshape.len() != D {
        return Err(bad());
    }
    let mut td: [usize; D] = tshape.clone().try_into().expect("rank checked");
    let mut tvals = tvals;
    let mut p = p;
    if !cfg.include_background && channels > 1 {
        p = p.narrow(1, 1, channels - 1);
        // Drop channel 0 of the target on the host.
        if td[1] >= 1 {
            let s: usize = td[2..].iter().product();
            let tc = td[1];
            tvals = (0..td[0]).flat_map(|bi| tvals[(bi * tc + 1) * s..(bi + 1) * tc * s].to_vec()).collect();
            td[1] = tc - 1;
        }
    }
    let pd = p.dims();
    if td != pd {
        return Err(bad());
    }
    let (b, c) = (pd[0], pd[1]);
    let spatial = &pd[2..];
    let s: usize = spatial.iter().product();
    let ph = numerics::host_f64(&p);
    // Per channel, as MONAI loops over channels: distance fields of [B, S] maps.
    let mut dist = vec![0.0f64; b * c * s];
    for ch in 0..c {
        let take = |v: &[f64]| -> Vec<f64> { (0..b).flat_map(|bi| v[(bi * c + ch) * s..(bi * c + ch + 1) * s].to_vec()).collect() };
        let pdt = distance_field(&take(&ph), b, spatial);
        let tdt = distance_field(&take(&tvals), b, spatial);
        for bi in 0..b {
            for j in 0..s {
                let k = bi * s + j;
                dist[(bi * c + ch) * s + j] = (pow_f32(pdt[k], cfg.alpha) + pow_f32(tdt[k], cfg.alpha)) as f64;
            }
        }
    }
    let t = numerics::tensor_like(&p, tvals, [b, c, s]);
    let dist = numerics::tensor_like(&p, dist, [b, c, s]);
    let per = (p.reshape([b, c, s]) - t).powi_scalar(2) * dist;
    let f = if cfg.batch {
        per.swap_dims(0, 1).reshape([c, b * s]).mean_dim(1).reshape([1, c])
    } else {
        per.mean_dim(2).reshape([b, c])
    };
    let rows = f.dims()[0];
    let out = match cfg.reduction {
        Reduction::None => {
            let mut shape = vec![rows, c];
            shape.extend(std::iter::repeat_n(1, D - 2));
            let v = if cfg.log { f.add_scalar(1.0).log() } else { f };
            LossTensor::with_shape(v, shape)
        }
        r => {
            let v = reduce(f, r).value;
            LossTensor { value: if cfg.log { v.add_scalar(1.0).log() } else { v }, shape: vec![] }
        }
    };
    Ok(out)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or(if c.has("probs") { "kornia-erosion" } else { "monai-dt" });
    match form {
        "kornia-erosion" => {
            let shape = c.shape("probs")?.to_vec();
            if shape.len() != 4 {
                return Err(LossError::shape(ID, "probs", "[B, C, H, W] (kornia HausdorffERLoss is 2D)", fmt_shape(&shape)));
            }
            numerics::inputs::check_float(c, "probs")?;
            let tshape = c.shape("targets")?.to_vec();
            if tshape.len() != 4 {
                return Err(LossError::shape(ID, "targets", "[B, 1, H, W]", fmt_shape(&tshape)));
            }
            let alpha = c.f64("alpha", 2.0)?;
            let k = c.i64("k", 10)?;
            if k < 0 {
                return Err(LossError::param(ID, "k", "a number of erosions >= 0", format!("{k}")));
            }
            let reduction = c.reduction(Reduction::Mean)?;
            let targets = c.int_values("targets")?;
            hausdorff_er_kornia(c.float::<4>("probs")?, targets, [tshape[0], tshape[1], tshape[2], tshape[3]], alpha, k as usize, reduction)
        }
        "monai-dt" | "monai-log-dt" => {
            let cfg = HausdorffDtConfig {
                alpha: c.f64("alpha", 2.0)?,
                include_background: c.bool("include_background", false)?,
                to_onehot_y: c.bool("to_onehot_y", false)?,
                sigmoid: c.bool("sigmoid", false)?,
                softmax: c.bool("softmax", false)?,
                batch: c.bool("batch", false)?,
                reduction: c.reduction(Reduction::Mean)?,
                log: form == "monai-log-dt",
            };
            let shape = c.shape("logits")?.to_vec();
            numerics::inputs::check_float(c, "logits")?;
            let t = c.host("targets")?;
            let (tvals, tshape) = (t.as_f64(), t.shape.clone());
            by_rank!(c, "logits", shape.len(), |D| hausdorff_dt_monai(c.float::<D>("logits")?, &tvals, &tshape, &cfg))
        }
        _ => Err(c.unknown_form(&["kornia-erosion", "monai-dt", "monai-log-dt"])),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn kornia(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let t: Vec<i64> = (0..2 * 5 * 5).map(|k| (((k * 7 + seed as usize) / 4) % 3) as i64).collect();
        inputs(vec![("probs", uniform(&[2, 3, 5, 5], seed, 0.0, 1.0)), ("targets", i(&[2, 1, 5, 5], &t))])
    }

    fn monai(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let labels: Vec<usize> = (0..2 * 5 * 5).map(|k| ((k * 7 + seed as usize) / 5) % 3).collect();
        let mut t = vec![0.0; 2 * 3 * 25];
        for (k, l) in labels.iter().enumerate() {
            t[((k / 25) * 3 + l) * 25 + k % 25] = 1.0;
        }
        inputs(vec![("logits", randn(&[2, 3, 5, 5], seed, 1.5)), ("targets", f(&[2, 3, 5, 5], &t))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // monai-dt, one 1 x 3 image, probabilities (0.9, 0.2, 0.7) (no activation), target
        // (1, 0, 0), include_background (one channel). Prediction mask (1, 0, 1): edt fg
        // (1, 0, 1) + edt bg (0, 1, 0) = (1, 1, 1); target mask (1, 0, 0): (1, 1, 2).
        // alpha = 2: distances (2, 2, 5); errors (0.01, 0.04, 0.49); mean = (0.02 + 0.08 +
        // 2.45) / 3 = 0.85.
        let x = inputs(vec![("logits", f(&[1, 1, 1, 3], &[0.9, 0.2, 0.7])), ("targets", f(&[1, 1, 1, 3], &[1.0, 0.0, 0.0]))]);
        let ev = eval64(ID, Some("monai-dt"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.85).abs() < 1e-12, "{:?}", ev.loss.floats);
        let ev = eval64(ID, Some("monai-log-dt"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 1.85f64.ln()).abs() < 1e-12, "{:?}", ev.loss.floats);
        // kornia-erosion, k = 1, one 1 x 1 image per class, two classes, probs (0.2, 0.9),
        // label 1: bounds (0.04, 0.01); cross conv of a single pixel gives 0.2 * bound < 0.5,
        // so the erosion is 0 (constant, not normalized) and the loss 0.
        let x = inputs(vec![("probs", f(&[1, 2, 1, 1], &[0.2, 0.9])), ("targets", i(&[1, 1, 1, 1], &[1]))]);
        let ev = eval64(ID, Some("kornia-erosion"), &params(json!({"k": 1})), &x);
        assert_eq!(ev.loss.floats[0], 0.0);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, Some("kornia-erosion"), &params(json!({"k": 3, "alpha": 1.0})), &kornia(3));
        assert_gradcheck(ID, Some("kornia-erosion"), &params(json!({"k": 2, "reduction": "none"})), &kornia(4));
        assert_gradcheck(ID, Some("monai-dt"), &params(json!({"softmax": true})), &monai(5));
        assert_gradcheck(ID, Some("monai-log-dt"), &params(json!({"sigmoid": true, "include_background": true, "batch": true, "alpha": 1.5})), &monai(6));
        assert_gradcheck(ID, Some("monai-dt"), &params(json!({"sigmoid": true, "reduction": "none"})), &monai(7));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let mut x = monai(8);
            x.insert("logits".into(), randn(&[2, 3, 5, 5], 9, scale));
            assert_finite(ID, Some("monai-dt"), &params(json!({"softmax": true})), &x);
            assert_finite(ID, Some("monai-log-dt"), &params(json!({"sigmoid": true})), &x);
        }
        // Probabilities exactly 0 and 1 (a perfect prediction gives 0 in both forms).
        let t: Vec<i64> = (0..8).map(|k| (k % 2) as i64).collect();
        let p: Vec<f64> = (0..16).map(|k| if k < 8 { (k % 2 == 0) as u8 as f64 } else { (k % 2) as f64 }).collect();
        let x = inputs(vec![("probs", f(&[1, 2, 2, 4], &p)), ("targets", i(&[1, 1, 2, 4], &t))]);
        let ev = assert_finite(ID, Some("kornia-erosion"), &params(json!({})), &x);
        assert_eq!(ev.loss.floats[0], 0.0);
    }

    #[test]
    fn options_agree_with_their_definitions() {
        // to_onehot_y with labels equals passing the one-hot channels.
        let x = monai(2);
        let oh = x["targets"].floats.clone();
        let labels: Vec<f64> = (0..50).map(|k| (0..3).find(|&c| oh[((k / 25) * 3 + c) * 25 + k % 25] == 1.0).unwrap() as f64).collect();
        let a = eval64(ID, Some("monai-dt"), &params(json!({"softmax": true, "to_onehot_y": true})), &inputs(vec![("logits", x["logits"].clone()), ("targets", f(&[2, 1, 5, 5], &labels))]));
        let b = eval64(ID, Some("monai-dt"), &params(json!({"softmax": true})), &x);
        assert!((a.loss.floats[0] - b.loss.floats[0]).abs() < 1e-12);
        let none = eval64(ID, Some("monai-dt"), &params(json!({"softmax": true, "reduction": "none"})), &x);
        assert_eq!(none.loss.shape, vec![2, 2, 1, 1]);
        assert!((none.loss.floats.iter().sum::<f64>() / 4.0 - b.loss.floats[0]).abs() < 1e-12);
        let none = eval64(ID, Some("kornia-erosion"), &params(json!({"reduction": "none"})), &kornia(1));
        assert_eq!(none.loss.shape, vec![3, 2, 1, 5, 5]);
    }

    #[test]
    fn rejects_bad_inputs() {
        let mut x = kornia(1);
        x.insert("targets".into(), i(&[2, 1, 5, 5], &[3; 50]));
        assert_error(ID, Some("kornia-erosion"), &params(json!({})), &x, ErrorKind::Value);
        x.insert("targets".into(), f(&[2, 1, 5, 5], &[0.0; 50]));
        assert_error(ID, Some("kornia-erosion"), &params(json!({})), &x, ErrorKind::DType);
        x.insert("targets".into(), i(&[2, 3, 5, 5], &[0; 150]));
        assert_error(ID, Some("kornia-erosion"), &params(json!({})), &x, ErrorKind::Shape);
        assert_error(ID, Some("kornia-erosion"), &params(json!({"k": -1})), &kornia(1), ErrorKind::Param);
        let m = monai(1);
        assert_error(ID, Some("monai-dt"), &params(json!({"sigmoid": true, "softmax": true})), &m, ErrorKind::Param);
        let three_d = inputs(vec![("logits", randn(&[2, 3, 5], 1, 1.0)), ("targets", f(&[2, 3, 5], &[0.0; 30]))]);
        assert_error(ID, Some("monai-dt"), &params(json!({})), &three_d, ErrorKind::Shape);
        let mismatch = inputs(vec![("logits", randn(&[2, 3, 5, 5], 1, 1.0)), ("targets", f(&[2, 3, 5, 4], &[0.0; 120]))]);
        assert_error(ID, Some("monai-dt"), &params(json!({})), &mismatch, ErrorKind::Shape);
        let bad_label = inputs(vec![("logits", randn(&[1, 3, 2, 2], 1, 1.0)), ("targets", f(&[1, 1, 2, 2], &[0.0, 1.0, 2.0, 5.0]))]);
        assert_error(ID, Some("monai-dt"), &params(json!({"to_onehot_y": true})), &bad_label, ErrorKind::Value);
        let empty = inputs(vec![("logits", f(&[0, 3, 2, 2], &[])), ("targets", f(&[0, 3, 2, 2], &[]))]);
        assert_error(ID, Some("monai-dt"), &params(json!({})), &empty, ErrorKind::Empty);
    }
}
