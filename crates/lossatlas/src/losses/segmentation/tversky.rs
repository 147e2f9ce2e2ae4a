//! Tversky loss: one minus the Tversky index, a Dice generalization that weights false positives
//! and false negatives separately.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::overlap::{self as ov, MonaiPrep};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "tversky";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Tversky Loss",
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2017,
    paper: Paper {
        title: "Tversky Loss Function for Image Segmentation Using 3D Fully Convolutional Deep Networks",
        authors: "Salehi, S.S.M. et al.",
        venue: "MLMI (MICCAI workshop)",
        year: 2017,
        url: "https://arxiv.org/abs/1706.05721",
    },
    summary: "Replaces Dice's symmetric denominator by TP + alpha FP + beta FN, so choosing beta > alpha penalizes missed foreground more than false alarms and improves recall on small lesions; alpha = beta = 0.5 gives Dice. It is a direct knob for the precision/recall trade-off in imbalanced segmentation. Like Dice it is computed from soft counts and its value depends on how it is averaged over samples and classes.",
    formula: r"L = 1 - \frac{TP + s_{nr}}{TP + \alpha\,FP + \beta\,FN + s_{dr}},\quad TP = \sum_i p_i g_i,\ FP = \sum_i p_i(1 - g_i),\ FN = \sum_i (1 - p_i) g_i",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores (activation inside)" },
        Input { name: "targets", shape: "[B, *] (i64) or [B, C, *]", meaning: "labels (kornia) or one-hot targets (MONAI)" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "weight of false positives (kornia requires it)" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "weight of false negatives (kornia requires it)" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param::REDUCTION_MEAN,
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "kornia: added to the denominator" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "kornia: ignored target value" },
        Param { name: "soft_label", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI: soft-label (L1-norm) form of tp, fp and fn" },
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
        "kornia.losses.tversky_loss",
        "monai.losses.TverskyLoss",
    ],
    related: &["dice", "focal-tversky", "unified-focal"],
    forms: &[
        Form { name: "softmax-kornia", description: "kornia.losses.tversky_loss: softmax logits (B, C, H, W), int64 labels, per (sample, class) index averaged over the classes present in the non-ignored target, then over the batch; a fully ignored sample counts as loss 1." },
        Form { name: "monai", description: "monai.losses.TverskyLoss: per (sample, class) with smooth_nr / smooth_dr, then reduction." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of a foreground pixel (MONAI, sigmoid, alpha 0.3, beta 0.7; targets (1, 0))", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("monai"),
        params: serde_json::json!({"sigmoid": true, "alpha": 0.3, "beta": 0.7}),
        inputs: vec![("logits", HostTensor::from_f64(vec![1, 1, 2], vec![x, -1.0])), ("targets", HostTensor::from_f64(vec![1, 1, 2], vec![1.0, 0.0]))],
        wrt: "logits",
        index: 0,
    }
}

/// Options of MONAI's `TverskyLoss`; `Default` equals MONAI's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct MonaiTverskyConfig {
    pub prep: MonaiPrep,
    pub alpha: f64,
    pub beta: f64,
    pub smooth_nr: f64,
    pub smooth_dr: f64,
    pub batch: bool,
    pub soft_label: bool,
    pub reduction: Reduction,
}

impl Default for MonaiTverskyConfig {
    fn default() -> Self {
        MonaiTverskyConfig {
            prep: MonaiPrep { include_background: true, ..MonaiPrep::default() },
            alpha: 0.5,
            beta: 0.5,
            smooth_nr: 1e-5,
            smooth_dr: 1e-5,
            batch: false,
            soft_label: false,
            reduction: Reduction::Mean,
        }
    }
}

/// MONAI `TverskyLoss` on `[B, C, *]` logits and targets: per (sample, class)
/// `1 - (tp + s_nr) / (tp + alpha fp + beta fn + s_dr)` with `fp = sum(p (1 - g))`,
/// `fn = sum((1 - p) g)` over the spatial axes (and the batch with `batch`), then the reduction
/// (`none` keeps `[B, C]`, or `[C]` with `batch`).
pub fn monai_tversky<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, cfg: &MonaiTverskyConfig) -> Result<LossTensor, LossError> {
    ov::check_channels_first(ID, "logits", &logits.dims())?;
    for (n, v) in [("alpha", cfg.alpha), ("beta", cfg.beta), ("smooth_nr", cfg.smooth_nr), ("smooth_dr", cfg.smooth_dr)] {
        numerics::finite_param(ID, n, v)?;
    }
    let (p, g) = ov::monai_prepare(ID, ov::flatten_spatial(logits), ov::flatten_spatial(targets), &cfg.prep)?;
    let (tp, fp, fnn) = ov::monai_tp_fp_fn(p, g, cfg.batch, 1, cfg.soft_label, false);
    let num = tp.clone().add_scalar(cfg.smooth_nr);
    let den = (tp + fp.mul_scalar(cfg.alpha) + fnn.mul_scalar(cfg.beta)).add_scalar(cfg.smooth_dr);
    let score = (num / den).neg().add_scalar(1.0);
    Ok(match cfg.reduction {
        Reduction::None if cfg.batch => {
            let c = score.dims()[1];
            LossTensor::with_shape(score, vec![c])
        }
        r => numerics::reduce(score, r),
    })
}

/// Options of `kornia.losses.tversky_loss`; `alpha` and `beta` have no default in kornia.
#[derive(Debug, Clone, PartialEq)]
pub struct KorniaTverskyConfig {
    pub alpha: f64,
    pub beta: f64,
    pub eps: f64,
    pub ignore_index: Option<i64>,
}

/// kornia `tversky_loss(pred (B, C, H, W) logits, target (B, H, W) labels, alpha, beta, eps,
/// ignore_index)`: per (sample, class) `tp / (tp + alpha fp + beta fn + eps)` on the softmax
/// and exact one-hot targets (ignored pixels removed), averaged over the classes present in the
/// sample (a sample with none scores 0), then `1 - ` the batch mean.
pub fn kornia_tversky(logits: Tensor<4>, targets: Tensor<3, Int>, cfg: &KorniaTverskyConfig) -> Result<LossTensor, LossError> {
    let pd = logits.dims();
    let td = targets.dims();
    let labels = numerics::host_i64(&targets);
    kornia_tversky_flat(logits.reshape([pd[0], pd[1], pd[2] * pd[3]]), &pd, &labels, &td, cfg)
}

fn kornia_tversky_flat(logits: Tensor<3>, pd: &[usize], labels: &[i64], td: &[usize], cfg: &KorniaTverskyConfig) -> Result<LossTensor, LossError> {
    for (n, v) in [("alpha", cfg.alpha), ("beta", cfg.beta), ("eps", cfg.eps)] {
        numerics::finite_param(ID, n, v)?;
    }
    let (p, t) = ov::kornia_prepare(ID, logits, pd, labels, td, cfg.ignore_index)?;
    let [b, c, s] = p.dims();
    let tp = (p.clone() * t.clone()).sum_dim(2).reshape([b, c]);
    let fp = (p.clone() * t.clone().neg().add_scalar(1.0)).sum_dim(2).reshape([b, c]);
    let fnn = (p.neg().add_scalar(1.0) * t).sum_dim(2).reshape([b, c]);
    // Classes present in each sample's non-ignored labels (from the host labels).
    let mut present = vec![0.0; b * c];
    for (k, &l) in labels.iter().enumerate() {
        if Some(l) != cfg.ignore_index {
            present[(k / s) * c + l as usize] = 1.0;
        }
    }
    let counts: Vec<f64> = present.chunks(c).map(|r| 1.0 / r.iter().sum::<f64>().max(1.0)).collect();
    let absent = numerics::tensor_like(&tp, present.iter().map(|v| 1.0 - v).collect(), [b, c]).equal_elem(1.0);
    let den = (tp.clone() + fp.mul_scalar(cfg.alpha) + fnn.mul_scalar(cfg.beta)).add_scalar(cfg.eps).mask_fill(absent.clone(), 1.0);
    let tp_like = tp.clone();
    let score = (tp / den).mask_fill(absent, 0.0);
    let per_sample = score.sum_dim(1).reshape([b]) * numerics::tensor_like(&tp_like, counts, [b]);
    Ok(LossTensor::scalar(per_sample.mean().neg().add_scalar(1.0)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("monai") {
        "monai" => {
            let cfg = MonaiTverskyConfig {
                prep: MonaiPrep {
                    include_background: c.bool("include_background", true)?,
                    to_onehot_y: c.bool("to_onehot_y", false)?,
                    sigmoid: c.bool("sigmoid", false)?,
                    softmax: c.bool("softmax", false)?,
                },
                alpha: c.f64("alpha", 0.5)?,
                beta: c.f64("beta", 0.5)?,
                smooth_nr: c.f64("smooth_nr", 1e-5)?,
                smooth_dr: c.f64("smooth_dr", 1e-5)?,
                batch: c.bool("batch", false)?,
                soft_label: c.bool("soft_label", false)?,
                reduction: c.reduction(Reduction::Mean)?,
            };
            let rank = c.shape("logits")?.len();
            if c.shape("targets")?.len() != rank {
                return Err(LossError::shape(ID, "targets", format!("rank {rank} (the logits'; [B, 1, *] with to_onehot_y)"), fmt_shape(c.shape("targets")?)));
            }
            numerics::inputs::check_float(c, "logits")?;
            by_rank!(c, "logits", rank, |R| monai_tversky(c.float::<R>("logits")?, c.float::<R>("targets")?, &cfg))
        }
        "softmax-kornia" => {
            let need = |n: &str| c.f64_opt(n)?.ok_or_else(|| LossError::param(ID, n, "a number (kornia requires alpha and beta)", "nothing"));
            let ignore_index = if c.has_param("ignore_index") { c.i64_opt("ignore_index")? } else { Some(-100) };
            let cfg = KorniaTverskyConfig { alpha: need("alpha")?, beta: need("beta")?, eps: c.f64("eps", 1e-8)?, ignore_index };
            let pd = c.shape("logits")?.to_vec();
            let td = c.shape("targets")?.to_vec();
            let labels = c.int_values("targets")?.to_vec();
            if pd.len() != 4 {
                return Err(LossError::shape(ID, "logits", "shape (B, C, H, W) (kornia: we expect BxNxHxW)", fmt_shape(&pd)));
            }
            numerics::inputs::check_float(c, "logits")?;
            let x = c.float_reshaped("logits", [pd[0], pd[1], pd[2] * pd[3]])?;
            kornia_tversky_flat(x, &pd, &labels, &td, &cfg)
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
        let only: Option<&[&str]> = Some(&["logits"]);
        let x = randn(&[2, 3, 5], 1, 2.0);
        let t: Vec<f64> = uniform(&[2, 3, 5], 2, 0.0, 1.0).floats.iter().map(|v| v.round()).collect();
        let xt = inputs(vec![("logits", x), ("targets", f(&[2, 3, 5], &t))]);
        for p in [
            json!({"softmax": true, "alpha": 0.3, "beta": 0.7}),
            json!({"sigmoid": true, "batch": true, "include_background": false, "reduction": "none"}),
            json!({"sigmoid": true, "soft_label": true, "reduction": "sum"}),
        ] {
            assert_gradcheck_only(ID, Some("monai"), &params(p), &xt, only);
        }
        let k = randn(&[2, 3, 2, 3], 4, 2.0);
        let labels = i(&[2, 2, 3], &[0, 1, 2, 2, 1, 0, 1, 1, 2, 2, -100, 1]);
        assert_gradcheck(ID, Some("softmax-kornia"), &params(json!({"alpha": 0.3, "beta": 0.7})), &inputs(vec![("logits", k), ("targets", labels)]));
    }

    #[test]
    fn value_is_the_formula() {
        // MONAI without activation: p = (0.8, 0.4), g = (1, 0): tp = 0.8, fp = 0.4, fn = 0.2;
        // alpha 0.3, beta 0.7: 1 - (0.8 + 1e-5)/(0.8 + 0.12 + 0.14 + 1e-5).
        let x = inputs(vec![("logits", f(&[1, 1, 2], &[0.8, 0.4])), ("targets", f(&[1, 1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, Some("monai"), &params(json!({"alpha": 0.3, "beta": 0.7})), &x);
        assert!((ev.loss.floats[0] - (1.0 - (0.8 + 1e-5) / (1.06 + 1e-5))).abs() < 1e-14);
        // kornia, two classes with equal logits (p = 1/2 everywhere), labels (0, 0): only class 0
        // is present; tp = 1, fp = 0, fn = 1: 1 - 1/(1 + beta).
        let x = inputs(vec![("logits", f(&[1, 2, 1, 2], &[0.0; 4])), ("targets", i(&[1, 1, 2], &[0, 0]))]);
        let ev = eval64(ID, Some("softmax-kornia"), &params(json!({"alpha": 0.5, "beta": 0.5, "eps": 0.0})), &x);
        assert!((ev.loss.floats[0] - (1.0 - 1.0 / 1.5)).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e4] {
            let x = f(&[1, 2, 1, 2], &[scale, -scale, -scale, scale]);
            assert_finite(ID, Some("softmax-kornia"), &params(json!({"alpha": 0.5, "beta": 0.5})), &inputs(vec![("logits", x.clone()), ("targets", i(&[1, 1, 2], &[0, 1]))]));
            let ev = assert_finite(ID, Some("monai"), &params(json!({"sigmoid": true})), &inputs(vec![("logits", x), ("targets", f(&[1, 2, 1, 2], &[1.0, 0.0, 0.0, 1.0]))]));
            assert!(ev.loss.floats[0] < 1e-4);
        }
        // Every pixel ignored: the sample scores 0, loss 1.
        let x = inputs(vec![("logits", randn(&[1, 2, 1, 2], 3, 1.0)), ("targets", i(&[1, 1, 2], &[-100, -100]))]);
        let ev = assert_finite(ID, Some("softmax-kornia"), &params(json!({"alpha": 0.5, "beta": 0.5})), &x);
        assert_eq!(ev.loss.floats[0], 1.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[2, 3, 4], 7, 1.0);
        assert_error(ID, Some("monai"), &params(json!({})), &inputs(vec![("logits", x.clone()), ("targets", f(&[2, 2, 4], &[0.0; 16]))]), ErrorKind::Shape);
        assert_error(ID, Some("monai"), &params(json!({"alpha": "0.3"})), &inputs(vec![("logits", x.clone()), ("targets", f(&[2, 3, 4], &[0.0; 24]))]), ErrorKind::Param);
        assert_error(ID, Some("monai"), &params(json!({"sigmoid": true, "softmax": true})), &inputs(vec![("logits", x.clone()), ("targets", f(&[2, 3, 4], &[0.0; 24]))]), ErrorKind::Param);
        let k = randn(&[1, 3, 2, 2], 9, 1.0);
        let kp = params(json!({"alpha": 0.5, "beta": 0.5}));
        assert_error(ID, Some("softmax-kornia"), &params(json!({"alpha": 0.5})), &inputs(vec![("logits", k.clone()), ("targets", i(&[1, 2, 2], &[0, 1, 2, 0]))]), ErrorKind::Param);
        assert_error(ID, Some("softmax-kornia"), &kp, &inputs(vec![("logits", x), ("targets", i(&[2, 4], &[0; 8]))]), ErrorKind::Shape);
        assert_error(ID, Some("softmax-kornia"), &kp, &inputs(vec![("logits", k.clone()), ("targets", i(&[1, 2, 2], &[0, 1, 3, 0]))]), ErrorKind::Value);
        assert_error(ID, Some("softmax-kornia"), &kp, &inputs(vec![("logits", k), ("targets", f(&[1, 2, 2], &[0.0; 4]))]), ErrorKind::DType);
    }
}
