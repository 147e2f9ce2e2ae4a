//! Label smoothing: cross-entropy against a target distribution that keeps `1 - eps` on the
//! labelled class and spreads `eps` uniformly over all classes. It stops the logits from growing
//! without bound to reach a one-hot target, which regularizes and usually improves calibration.
//! PyTorch builds it into `cross_entropy`; timm and segmentation_models_pytorch have their own.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::losses::classification::cross_entropy::{CrossEntropyConfig, check_index_targets, cross_entropy, cross_entropy_soft, nll_rows, rows_class_axis1};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "label-smoothing";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Label Smoothing",
    aliases: &["Label-Smoothed Cross-Entropy", "Label Smoothing Regularization", "LSR"],
    kind: Kind::Loss,
    domains: &["classification", "calibration-fairness", "regularization", "language-modeling"],
    year: 2016,
    paper: Paper {
        title: "Rethinking the Inception Architecture for Computer Vision",
        authors: "Szegedy, C. et al.",
        venue: "CVPR",
        year: 2016,
        url: "https://arxiv.org/abs/1512.00567",
    },
    summary: "Cross-entropy against a softened target: the true class keeps 1 - eps of the mass and eps is spread uniformly over the C classes (so the true class gets 1 - eps + eps/C). It keeps logits from diverging towards a one-hot target, acts as a regularizer and typically improves calibration and accuracy in image classification and machine translation (eps about 0.1). It hurts knowledge distillation from the smoothed teacher and erases some information in the logits; with class weights PyTorch weights both terms.",
    formula: r"\ell_i = (1-\varepsilon)\,\big(-\log p_{i,y_i}\big) + \frac{\varepsilon}{C}\sum_{c=1}^{C}\big(-\log p_{ic}\big),\quad p_i = \operatorname{softmax}(x_i)",
    inputs: &[
        Input { name: "logits", shape: "[N, C, *]", meaning: "unnormalized class scores, class axis 1 (timm: [N, C])" },
        Input { name: "targets", shape: "[N, *] (i64) or [N, C, *]", meaning: "class indices, or class probabilities (form cross-entropy only)" },
    ],
    params: &[
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "form cross-entropy (PyTorch's name and default): the smoothing eps" },
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "form cross-entropy: per-class weights, applied to both terms (mean divides by the summed weights of the targets)" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "forms cross-entropy and smp: targets equal to it contribute 0 (PyTorch drops them from the mean, smp keeps them in its denominator)" },
        Param::REDUCTION_MEAN,
        Param { name: "smoothing", symbol: r"\varepsilon", default: Value::Float(0.1), range: Range::Real { min: 0.0, max: 1.0, open_min: false, open_max: true }, meaning: "form timm: the smoothing eps (timm's default 0.1)" },
        Param { name: "smooth_factor", symbol: r"\varepsilon", default: Value::Null, range: Range::UNIT, meaning: "form smp (required: smp's default None fails): the smoothing eps" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::Logits,
    },
    equivalents: &[
        "torch.nn.CrossEntropyLoss(label_smoothing=...)",
        "timm.loss.LabelSmoothingCrossEntropy",
        "segmentation_models_pytorch.losses.SoftCrossEntropyLoss",
        "optax.smooth_labels",
        "keras.losses.CategoricalCrossentropy(label_smoothing=...)",
    ],
    related: &["cross-entropy", "smooth-labels", "confidence-penalty", "adaptive-label-smoothing", "knowledge-distillation", "poly"],
    forms: &[
        Form { name: "cross-entropy", description: "PyTorch cross_entropy with label_smoothing: index targets ([N, *], with weight and ignore_index; mean divides by the summed weights of the non-ignored targets) or probability targets ([N, C, *], smoothed as (1 - eps) q + eps / C); both terms are class-weighted." },
        Form { name: "timm", description: "timm LabelSmoothingCrossEntropy(smoothing): logits [N, C], index targets [N]; mean over the batch of (1 - s)(-log p_y) + s * mean_c(-log p_c); no weights, no ignore_index." },
        Form { name: "smp", description: "segmentation_models_pytorch SoftCrossEntropyLoss(smooth_factor, ignore_index=-100): fairseq's label_smoothed_nll_loss on [N, C, *] logits: (1 - eps)(-log p_y) + eps / C * sum_c(-log p_c), ignored positions give 0 and stay in the mean's denominator; reduction none keeps a singleton class axis ([N, 1, *]), as smp does." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

fn rename(mut e: LossError) -> LossError {
    e.loss = ID.to_string();
    e
}

/// PyTorch `cross_entropy(..., label_smoothing)` with class-index targets (see
/// [`cross_entropy`]); errors name this entry.
pub fn label_smoothing_cross_entropy<const D: usize, const DT: usize>(logits: Tensor<D>, targets: Tensor<DT, Int>, cfg: &CrossEntropyConfig) -> Result<LossTensor, LossError> {
    cross_entropy(logits, targets, cfg).map_err(rename)
}

/// PyTorch `cross_entropy(..., label_smoothing)` with probability targets.
pub fn label_smoothing_cross_entropy_soft<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, cfg: &CrossEntropyConfig) -> Result<LossTensor, LossError> {
    cross_entropy_soft(logits, targets, cfg).map_err(rename)
}

/// timm `LabelSmoothingCrossEntropy(smoothing)`: logits `[N, C]`, index targets `[N]`, mean.
pub fn timm_label_smoothing(logits: Tensor<2>, targets: Tensor<1, Int>, smoothing: f64) -> Result<LossTensor, LossError> {
    check_index_targets(ID, &logits.dims(), &targets.dims())?;
    numerics::param_in(ID, "smoothing", smoothing, 0.0, 1.0)?;
    if smoothing >= 1.0 {
        return Err(LossError::param(ID, "smoothing", "a number in [0, 1)", format!("{smoothing}")));
    }
    let logp = numerics::log_softmax(logits, 1);
    // timm ignores nothing: every label must be a class (checked first, so that the ignore
    // index handed to the shared helper never matches).
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), logp.dims()[1], None)?;
    let (per, _) = nll_rows(ID, logp, targets, None, -100, smoothing)?;
    Ok(LossTensor::scalar(per.mean()))
}

/// segmentation_models_pytorch `SoftCrossEntropyLoss(smooth_factor, ignore_index)` on `[N, C, *]`
/// logits and `[N, *]` index targets. `Reduction::None` gives `[N, 1, *]`.
pub fn smp_soft_cross_entropy<const D: usize, const DT: usize>(
    logits: Tensor<D>,
    targets: Tensor<DT, Int>,
    smooth_factor: f64,
    ignore_index: i64,
    reduction: Reduction,
) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    check_index_targets(ID, &dims, &targets.dims())?;
    numerics::param_in(ID, "smooth_factor", smooth_factor, 0.0, 1.0)?;
    let mut out_shape = targets.dims().to_vec();
    out_shape.insert(1, 1);
    let m: usize = targets.dims().iter().product();
    let logp = numerics::log_softmax(rows_class_axis1(logits), 1);
    let (per, _) = nll_rows(ID, logp, targets.reshape([m]), None, ignore_index, smooth_factor)?;
    Ok(match reduction {
        Reduction::None => LossTensor::with_shape(per, out_shape),
        r => reduce(per, r),
    })
}

fn index_rank_check(c: &Call, rank: usize) -> Result<Vec<usize>, LossError> {
    let tshape = c.shape("targets")?.to_vec();
    if rank < 2 || tshape.len() + 1 != rank {
        return Err(LossError::shape(ID, "targets", format!("rank {} (logits without the class axis)", rank.saturating_sub(1)), fmt_shape(&tshape)));
    }
    Ok(tshape)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let rank = c.shape("logits")?.len();
    match c.form().unwrap_or("cross-entropy") {
        "cross-entropy" => {
            let cfg = CrossEntropyConfig {
                weight: c.f64_list_opt("weight")?,
                ignore_index: c.i64("ignore_index", -100)?,
                label_smoothing: c.f64("label_smoothing", 0.0)?,
                reduction: c.reduction(Reduction::Mean)?,
            };
            if c.host("targets")?.dtype.is_float() {
                by_rank!(c, "logits", rank, |R| label_smoothing_cross_entropy_soft(c.float::<R>("logits")?, c.float::<R>("targets")?, &cfg))
            } else {
                let tshape = index_rank_check(c, rank)?;
                by_rank!(c, "logits", rank, |R| {
                    let t = c.int_reshaped::<{ R - 1 }>("targets", tshape.clone().try_into().unwrap())?;
                    label_smoothing_cross_entropy(c.float::<R>("logits")?, t, &cfg)
                })
            }
        }
        "timm" => timm_label_smoothing(c.float::<2>("logits")?, c.int::<1>("targets")?, c.f64("smoothing", 0.1)?),
        "smp" => {
            let eps = c.f64_opt("smooth_factor")?.ok_or_else(|| LossError::param(ID, "smooth_factor", "a number in [0, 1] (smp's default None fails)", "nothing"))?;
            let ignore = c.i64("ignore_index", -100)?;
            let reduction = c.reduction(Reduction::Mean)?;
            let tshape = index_rank_check(c, rank)?;
            by_rank!(c, "logits", rank, |R| {
                let t = c.int_reshaped::<{ R - 1 }>("targets", tshape.clone().try_into().unwrap())?;
                smp_soft_cross_entropy(c.float::<R>("logits")?, t, eps, ignore, reduction)
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

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = randn(&[4, 3, 2], 31, 2.0);
        let t = i(&[4, 2], &[0, 1, 2, 1, 0, 2, -100, 1]);
        let xt = inputs(vec![("logits", x.clone()), ("targets", t)]);
        assert_gradcheck(ID, None, &params(json!({"label_smoothing": 0.2, "weight": [1.0, 2.0, 0.5]})), &xt);
        assert_gradcheck(ID, Some("smp"), &params(json!({"smooth_factor": 0.3, "reduction": "sum"})), &xt);
        let soft = inputs(vec![("logits", randn(&[3, 4], 32, 1.0)), ("targets", uniform(&[3, 4], 33, 0.0, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({"label_smoothing": 0.1})), &soft);
        let timm = inputs(vec![("logits", randn(&[5, 4], 34, 3.0)), ("targets", i(&[5], &[0, 3, 2, 1, 1]))]);
        assert_gradcheck(ID, Some("timm"), &params(json!({"smoothing": 0.25})), &timm);
    }

    #[test]
    fn value_is_the_formula() {
        // logits (0, ln 3): log p = (ln 1/4, ln 3/4); target 0, eps 0.2, C = 2:
        // 0.8 ln 4 + 0.1 (ln 4 + ln 4/3).
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 3f64.ln()])), ("targets", i(&[1], &[0]))]);
        let want = 0.8 * 4f64.ln() + 0.1 * (4f64.ln() + (4.0f64 / 3.0).ln());
        for (form, p) in [(None, json!({"label_smoothing": 0.2})), (Some("timm"), json!({"smoothing": 0.2})), (Some("smp"), json!({"smooth_factor": 0.2}))] {
            let ev = eval64(ID, form, &params(p), &x);
            assert!((ev.loss.floats[0] - want).abs() < 1e-14, "{form:?} {} {want}", ev.loss.floats[0]);
        }
    }

    #[test]
    fn ignored_positions_stay_in_smps_mean() {
        let x = inputs(vec![("logits", randn(&[2, 3], 35, 1.0)), ("targets", i(&[2], &[1, -100]))]);
        let one = eval64(ID, Some("smp"), &params(json!({"smooth_factor": 0.1, "reduction": "sum"})), &x);
        let mean = eval64(ID, Some("smp"), &params(json!({"smooth_factor": 0.1})), &x);
        assert!((mean.loss.floats[0] - one.loss.floats[0] / 2.0).abs() < 1e-15);
        let none = eval64(ID, Some("smp"), &params(json!({"smooth_factor": 0.1, "reduction": "none"})), &x);
        assert_eq!(none.loss.shape, vec![2, 1]);
        assert_eq!(none.loss.floats[1], 0.0);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[s, -s, 0.0, -s, s, s])), ("targets", i(&[2], &[1, 0]))]);
            for (form, p) in [(None, json!({"label_smoothing": 0.1})), (Some("timm"), json!({})), (Some("smp"), json!({"smooth_factor": 0.1}))] {
                let ev = assert_finite(ID, form, &params(p), &x);
                assert!(ev.loss.floats[0] > s * 0.5);
            }
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[3, 4], 36, 1.0);
        let xt = |t| inputs(vec![("logits", x.clone()), ("targets", t)]);
        let good = i(&[3], &[0, 1, 3]);
        assert_error(ID, None, &params(json!({"label_smoothing": 1.5})), &xt(good.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &xt(i(&[2], &[0, 1])), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &xt(i(&[3], &[0, 4, 1])), ErrorKind::Value);
        assert_error(ID, Some("timm"), &params(json!({"smoothing": 1.0})), &xt(good.clone()), ErrorKind::Param);
        assert_error(ID, Some("timm"), &params(json!({})), &xt(i(&[3], &[0, -1, 1])), ErrorKind::Value);
        assert_error(ID, Some("timm"), &params(json!({})), &xt(f(&[3], &[0.0, 1.0, 2.0])), ErrorKind::DType);
        assert_error(ID, Some("smp"), &params(json!({})), &xt(good.clone()), ErrorKind::Param);
        assert_error(ID, Some("smp"), &params(json!({"smooth_factor": 0.1, "reduction": "avg"})), &xt(good), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
