//! Generalized Dice loss: a multi-class Dice in which each class is weighted by the inverse square
//! of its volume, so small classes count as much as large ones.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::losses::segmentation::dice::{OptaxDiceConfig, optax_dice};
use crate::numerics::overlap::{self as ov, MonaiPrep};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "generalized-dice";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Generalized Dice Loss (GDL)",
    aliases: &["GDL", "Generalised Dice Loss"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2017,
    paper: Paper {
        title: "Generalised Dice Overlap as a Deep Learning Loss Function for Highly Unbalanced Segmentations",
        authors: "Sudre, C.H. et al.",
        venue: "DLMIA",
        year: 2017,
        url: "https://arxiv.org/abs/1707.03237",
    },
    summary: "Sums intersections and sizes over classes with weights w_c = 1/(sum of target_c)^2 before forming a single Dice ratio, which counteracts the dominance of large classes in highly unbalanced segmentation. Weighting choices (square, simple, uniform) and the handling of classes absent from the target (infinite weights) differ across libraries. It can be unstable when a class is missing from a batch.",
    formula: r"L = 1 - \frac{2\sum_c w_c \sum_i p_{ic} g_{ic} + s_{nr}}{\sum_c w_c \sum_i (p_{ic} + g_{ic}) + s_{dr}},\quad w_c = \Big(\sum_i g_{ic}\Big)^{-2}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *] (optax: [..., C])", meaning: "class scores" },
        Input { name: "targets", shape: "[B, C, *] (optax: [..., C])", meaning: "one-hot or soft targets" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "w_type", symbol: "", default: Value::Str("square"), range: Range::Choice { values: &["square", "simple", "uniform"] }, meaning: "class weights 1/V^2, 1/V or 1 (MONAI)" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param::REDUCTION_MEAN,
        Param { name: "smooth", symbol: "s", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "optax: smoothing constant" },
        Param { name: "ignore_background", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "optax: drop class 0" },
        Param { name: "soft_label", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI: soft-label (L1-norm) form of the true positives" },
        Param { name: "apply_softmax", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "optax: softmax inside; false requires probabilities that sum to 1" },
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
        "monai.losses.GeneralizedDiceLoss",
        "optax.losses.multiclass_generalized_dice_loss",
    ],
    related: &["dice", "generalized-dice-focal", "generalized-wasserstein-dice", "class-balanced"],
    forms: &[
        Form { name: "monai", description: "monai.losses.GeneralizedDiceLoss: infinite weights of absent classes replaced by the sample's largest finite weight (0 if all infinite); one ratio per sample (or per batch with batch=True), then reduction." },
        Form { name: "optax", description: "optax.losses.multiclass_generalized_dice_loss: weights 1/(freq^2 + 1e-7) from the targets, normalized to sum to C, passed as class weights to dice_loss(..., reduction='none'), then the mean." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the foreground class at a foreground pixel (MONAI, softmax; one-hot targets)", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("monai"),
        params: serde_json::json!({"softmax": true}),
        inputs: vec![
            ("logits", HostTensor::from_f64(vec![1, 2, 3], vec![0.0, 0.0, 1.0, x, 0.5, -1.0])),
            ("targets", HostTensor::from_f64(vec![1, 2, 3], vec![0.0, 1.0, 1.0, 1.0, 0.0, 0.0])),
        ],
        wrt: "logits",
        index: 3,
    }
}

/// MONAI's `w_type`: how the class weights follow from the target volumes `V_c`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WType {
    /// `1 / V_c^2`.
    Square,
    /// `1 / V_c`.
    Simple,
    /// 1.
    Uniform,
}

impl WType {
    pub fn parse(loss: &str, s: &str) -> Result<Self, LossError> {
        match s {
            "square" => Ok(WType::Square),
            "simple" => Ok(WType::Simple),
            "uniform" => Ok(WType::Uniform),
            other => Err(LossError::param(loss, "w_type", "square, simple or uniform", format!("{other:?}"))),
        }
    }
}

/// Options of MONAI's `GeneralizedDiceLoss`; `Default` equals MONAI's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct MonaiGdlConfig {
    pub prep: MonaiPrep,
    pub w_type: WType,
    pub smooth_nr: f64,
    pub smooth_dr: f64,
    pub batch: bool,
    pub soft_label: bool,
    pub reduction: Reduction,
}

impl Default for MonaiGdlConfig {
    fn default() -> Self {
        MonaiGdlConfig {
            prep: MonaiPrep { include_background: true, ..MonaiPrep::default() },
            w_type: WType::Square,
            smooth_nr: 1e-5,
            smooth_dr: 1e-5,
            batch: false,
            soft_label: false,
            reduction: Reduction::Mean,
        }
    }
}

impl MonaiGdlConfig {
    /// Reads MONAI's GeneralizedDiceLoss options (shared with generalized-dice-focal).
    pub(crate) fn read(c: &Call) -> Result<Self, LossError> {
        Ok(MonaiGdlConfig {
            prep: MonaiPrep {
                include_background: c.bool("include_background", true)?,
                to_onehot_y: c.bool("to_onehot_y", false)?,
                sigmoid: c.bool("sigmoid", false)?,
                softmax: c.bool("softmax", false)?,
            },
            w_type: WType::parse(ID, c.str("w_type", "square")?)?,
            smooth_nr: c.f64("smooth_nr", 1e-5)?,
            smooth_dr: c.f64("smooth_dr", 1e-5)?,
            batch: c.bool("batch", false)?,
            soft_label: c.bool("soft_label", false)?,
            reduction: c.reduction(Reduction::Mean)?,
        })
    }
}

/// MONAI's class weights from the `[K, C]` target volumes, computed as MONAI does in float32
/// (`ground_o.float()`): `1/V^2`, `1/V` or 1, infinite weights (empty classes) replaced by the
/// largest finite weight of their row (of the whole vector with `batch`), or 0.
fn gdl_weights(volumes: &[f64], k: usize, c: usize, w_type: WType) -> Vec<f64> {
    let mut w: Vec<f32> = volumes
        .iter()
        .map(|&v| {
            let v = v as f32;
            match w_type {
                WType::Square => 1.0 / (v * v),
                WType::Simple => 1.0 / v,
                WType::Uniform => 1.0,
            }
        })
        .collect();
    for row in w.chunks_mut(c).take(k) {
        let infs: Vec<bool> = row.iter().map(|x| x.is_infinite()).collect();
        let mut max = f32::NEG_INFINITY;
        for (x, inf) in row.iter_mut().zip(&infs) {
            if *inf {
                *x = 0.0;
            }
            max = max.max(*x);
        }
        for (x, inf) in row.iter_mut().zip(&infs) {
            if *inf {
                *x += max;
            }
        }
    }
    w.into_iter().map(f64::from).collect()
}

/// MONAI `GeneralizedDiceLoss` before its reduction, on `[B, C, S]` logits and targets: per
/// sample (or for the pooled batch) `1 - (2 sum_c w_c tp_c + s_nr) / (sum_c w_c (2 tp_c + fp_c +
/// fn_c) + s_dr)`, as a `[K, 1]` matrix.
pub(crate) fn monai_gdl_matrix(loss: &str, logits: Tensor<3>, targets: Tensor<3>, cfg: &MonaiGdlConfig) -> Result<Tensor<2>, LossError> {
    numerics::non_empty(loss, "logits", &logits.dims())?;
    numerics::finite_param(loss, "smooth_nr", cfg.smooth_nr)?;
    numerics::finite_param(loss, "smooth_dr", cfg.smooth_dr)?;
    let (p, g) = ov::monai_prepare(loss, logits, targets, &cfg.prep)?;
    let (tp, fp, fnn) = ov::monai_tp_fp_fn(p, g.clone(), cfg.batch, 1, cfg.soft_label, true);
    let den = (tp.clone() + fp.mul_scalar(0.5) + fnn.mul_scalar(0.5)).mul_scalar(2.0);
    let ground = ov::sum_spatial(g, cfg.batch);
    let [k, c] = ground.dims();
    // The weights follow from the targets only and carry no gradient to the prediction.
    let w = numerics::tensor_like(&tp, gdl_weights(&numerics::host_f64(&ground), k, c, cfg.w_type), [k, c]);
    let num = (tp * w.clone()).sum_dim(1).mul_scalar(2.0).add_scalar(cfg.smooth_nr);
    let den = (den * w).sum_dim(1).add_scalar(cfg.smooth_dr);
    Ok((num / den).neg().add_scalar(1.0))
}

/// MONAI `GeneralizedDiceLoss` on `[B, C, *]` logits and targets; `none` keeps `[B, 1, 1, ...]`.
pub fn monai_generalized_dice<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, cfg: &MonaiGdlConfig) -> Result<LossTensor, LossError> {
    ov::check_channels_first(ID, "logits", &logits.dims())?;
    let f = monai_gdl_matrix(ID, ov::flatten_spatial(logits), ov::flatten_spatial(targets), cfg)?;
    Ok(ov::monai_reduce(f, cfg.reduction, false, D))
}

/// optax `multiclass_generalized_dice_loss(predictions [..., C], targets [..., C], smooth,
/// apply_softmax, ignore_background)`: class weights `1/(F_c^2 + 1e-7)` from the class
/// frequencies `F_c` of the targets (summed over every other axis), normalized to sum to C,
/// passed to optax's `dice_loss(..., reduction='none')`, then the mean of everything.
pub fn optax_generalized_dice<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, smooth: f64, apply_softmax: bool, ignore_background: bool) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "predictions", &dims)?;
    numerics::non_empty(ID, "logits", &dims)?;
    let c = dims[D - 1];
    let m: usize = dims[..D - 1].iter().product();
    let freq = numerics::host_f64(&targets.clone().reshape([m, c]).sum_dim(0));
    let raw: Vec<f64> = freq.iter().map(|f| 1.0 / (f * f + 1e-7)).collect();
    let total: f64 = raw.iter().sum();
    let weights: Vec<f64> = raw.iter().map(|w| w / total * c as f64).collect();
    let cfg = OptaxDiceConfig { class_weights: Some(weights), smooth, apply_softmax, reduction: Reduction::None, ignore_background, ..OptaxDiceConfig::default() };
    let per = optax_dice(logits, targets, &cfg)?;
    Ok(LossTensor::scalar(per.value.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let rank = c.shape("logits")?.len();
    if c.shape("targets")?.len() != rank {
        return Err(LossError::shape(ID, "targets", format!("rank {rank} (the logits')"), fmt_shape(c.shape("targets")?)));
    }
    numerics::inputs::check_float(c, "logits")?;
    match c.form().unwrap_or("monai") {
        "monai" => {
            let cfg = MonaiGdlConfig::read(c)?;
            if cfg.batch && cfg.reduction == Reduction::None {
                let x = c.float_reshaped("logits", flat3(c.shape("logits")?))?;
                let t = c.float_reshaped("targets", flat3(c.shape("targets")?))?;
                let f = monai_gdl_matrix(ID, x, t, &cfg)?;
                return Ok(LossTensor::with_shape(f, vec![1; rank.saturating_sub(1)]));
            }
            by_rank!(c, "logits", rank, |R| monai_generalized_dice(c.float::<R>("logits")?, c.float::<R>("targets")?, &cfg))
        }
        "optax" => {
            let smooth = c.f64("smooth", 1.0)?;
            numerics::finite_param(ID, "smooth", smooth)?;
            let apply_softmax = c.bool("apply_softmax", true)?;
            let ignore_background = c.bool("ignore_background", false)?;
            by_rank!(c, "logits", rank, |R| optax_generalized_dice(c.float::<R>("logits")?, c.float::<R>("targets")?, smooth, apply_softmax, ignore_background))
        }
        _ => Err(c.unknown_form(&ENTRY.forms.iter().map(|f| f.name).collect::<Vec<_>>())),
    }
}

fn flat3(s: &[usize]) -> [usize; 3] {
    [s.first().copied().unwrap_or(0), s.get(1).copied().unwrap_or(0), s.iter().skip(2).product()]
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn onehot(b: usize, c: usize, s: usize, seed: u64) -> crate::eval::HostTensor {
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
        let xt = inputs(vec![("logits", randn(&[2, 3, 6], 1, 2.0)), ("targets", onehot(2, 3, 6, 2))]);
        for p in [
            json!({"softmax": true}),
            json!({"sigmoid": true, "w_type": "simple", "batch": true, "reduction": "sum"}),
            json!({"softmax": true, "w_type": "uniform", "include_background": false, "reduction": "none"}),
        ] {
            assert_gradcheck_only(ID, Some("monai"), &params(p), &xt, only);
        }
        let xl = inputs(vec![("logits", randn(&[2, 6, 3], 3, 2.0)), ("targets", onehot(2, 6, 3, 4))]);
        assert_gradcheck_only(ID, Some("optax"), &params(json!({"ignore_background": true})), &xl, only);
    }

    #[test]
    fn value_is_the_formula() {
        // MONAI, no activation, one sample, two classes, one pixel each: p = (0.25, 0.75) on
        // class 0 and (0.75, 0.25) on class 1, g = (1, 0) / (0, 1); V = 1 for both classes, so
        // w = 1 and the loss is 1 - (2 (0.25 + 0.25) + 1e-5)/(2 + 2 + 1e-5).
        let x = inputs(vec![("logits", f(&[1, 2, 2], &[0.25, 0.75, 0.75, 0.25])), ("targets", f(&[1, 2, 2], &[1.0, 0.0, 0.0, 1.0]))]);
        let ev = eval64(ID, Some("monai"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (1.0 - (1.0 + 1e-5) / (4.0 + 1e-5))).abs() < 1e-14);
        // An empty class takes the largest finite weight of its sample: class 1 absent, its
        // weight becomes that of class 0 (1/2^2), and the ratio is that of uniform weights.
        let x = inputs(vec![("logits", f(&[1, 2, 2], &[0.25, 0.75, 0.75, 0.25])), ("targets", f(&[1, 2, 2], &[1.0, 1.0, 0.0, 0.0]))]);
        let sq = eval64(ID, Some("monai"), &params(json!({"smooth_nr": 0.0, "smooth_dr": 0.0})), &x);
        let un = eval64(ID, Some("monai"), &params(json!({"smooth_nr": 0.0, "smooth_dr": 0.0, "w_type": "uniform"})), &x);
        assert!((sq.loss.floats[0] - un.loss.floats[0]).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e4] {
            let x = f(&[1, 2, 2], &[scale, -scale, -scale, scale]);
            assert_finite(ID, Some("monai"), &params(json!({"softmax": true})), &inputs(vec![("logits", x.clone()), ("targets", f(&[1, 2, 2], &[1.0, 0.0, 0.0, 1.0]))]));
            // Every class empty: all weights 0, loss 1 - s_nr / s_dr = 0.
            let ev = assert_finite(ID, Some("monai"), &params(json!({"sigmoid": true})), &inputs(vec![("logits", x.clone()), ("targets", f(&[1, 2, 2], &[0.0; 4]))]));
            assert!(ev.loss.floats[0].abs() < 1e-12);
            assert_finite(ID, Some("optax"), &params(json!({})), &inputs(vec![("logits", x), ("targets", f(&[1, 2, 2], &[1.0, 0.0, 0.0, 1.0]))]));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[2, 3, 4], 7, 1.0);
        assert_error(ID, Some("monai"), &params(json!({})), &inputs(vec![("logits", x.clone()), ("targets", f(&[2, 2, 4], &[0.0; 16]))]), ErrorKind::Shape);
        assert_error(ID, Some("monai"), &params(json!({"w_type": "cubic"})), &inputs(vec![("logits", x.clone()), ("targets", f(&[2, 3, 4], &[0.0; 24]))]), ErrorKind::Param);
        assert_error(ID, Some("monai"), &params(json!({"to_onehot_y": true})), &inputs(vec![("logits", x.clone()), ("targets", f(&[2, 1, 4], &[0.0, 1.0, 2.0, 5.0, 0.0, 0.0, 0.0, 0.0]))]), ErrorKind::Value);
        assert_error(ID, Some("optax"), &params(json!({})), &inputs(vec![("logits", x.clone()), ("targets", f(&[2, 3, 3], &[0.0; 18]))]), ErrorKind::Shape);
        assert_error(ID, Some("monai"), &params(json!({})), &inputs(vec![("logits", f(&[0, 3, 4], &[])), ("targets", f(&[0, 3, 4], &[]))]), ErrorKind::Empty);
    }
}
