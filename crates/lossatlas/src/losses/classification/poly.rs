//! PolyLoss (Poly-1): cross-entropy plus `epsilon (1 - p_t)`, i.e. the Taylor expansion of
//! cross-entropy in `(1 - p_t)` with its leading coefficient moved from 1 to `1 + epsilon`. One
//! extra hyperparameter that lets a task trade confidence for robustness; the sigmoid variant
//! builds on the focal loss.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::focal::{alpha_weight, bce_with_logits, check_alpha, check_gamma, modulator, one_hot, one_minus_pt};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "poly";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Poly Loss",
    aliases: &["PolyLoss", "Poly-1 Loss"],
    kind: Kind::Loss,
    domains: &["classification", "detection"],
    year: 2022,
    paper: Paper {
        title: "PolyLoss: A Polynomial Expansion Perspective of Classification Loss Functions",
        authors: "Leng, Z. et al.",
        venue: "ICLR",
        year: 2022,
        url: "https://arxiv.org/abs/2204.12511",
    },
    summary: "Views cross-entropy as the series sum_j (1 - p_t)^j / j and perturbs its first coefficient: Poly-1 = CE + epsilon (1 - p_t). A positive epsilon pushes predictions to be more confident (the paper uses 2 for ImageNet classification), a negative one (down to -1) softens them, which helped focal-loss detectors. It costs nothing extra and is a drop-in replacement for cross-entropy or focal loss; epsilon < -1 makes the loss decrease with p_t near 1 and should be avoided.",
    formula: r"\ell = -\sum_c q_c \log p_c + \epsilon\,\Big(1 - \sum_c q_c\,p_c\Big),\quad p = \operatorname{softmax}(x);\qquad \ell_{\text{bce}} = \text{BCE}\,(1-p_t)^{\gamma} + \epsilon\,(1 - p_t)^{\gamma + 1}",
    inputs: &[
        Input { name: "logits", shape: "[N, C] (optax: [..., C])", meaning: "unnormalized scores: softmax over the last axis (timm-ce, optax) or one sigmoid per element (timm-bce)" },
        Input { name: "targets", shape: "[N] (i64) or [N, C]", meaning: "class indices or target distributions (timm-ce), distributions (optax), 0/1 or soft multi-label targets (timm-bce)" },
    ],
    params: &[
        Param { name: "epsilon", symbol: r"\epsilon", default: Value::Float(2.0), range: Range::REAL, meaning: "coefficient of the extra (1 - p_t) term; 0 gives cross-entropy (or focal loss)" },
        Param { name: "smoothing", symbol: "", default: Value::Float(0.0), range: Range::Real { min: 0.0, max: 1.0, open_min: false, open_max: true }, meaning: "timm: label smoothing of index targets (timm-ce: towards 1/C) or of dense targets towards 0.5 (timm-bce)" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "timm-bce: focal exponent; the poly term becomes epsilon (1 - p_t)^(gamma + 1)" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Null, range: Range::UNIT, meaning: "timm-bce: weight of positives (1 - alpha for negatives) on both terms; null disables it" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::Choice { values: &["mean", "sum", "none", "batchmean"] }, meaning: "timm: mean, sum or none (timm-bce also batchmean = sum / N); optax: none" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["timm.loss.PolyCrossEntropy", "timm.loss.PolyBinaryCrossEntropy", "optax.losses.poly_loss_cross_entropy"],
    related: &["cross-entropy", "focal", "taylor-cross-entropy", "label-smoothing", "binary-cross-entropy"],
    forms: &[
        Form { name: "timm-ce", description: "timm PolyCrossEntropy(epsilon, smoothing, reduction): logits [N, C] with log_softmax over the last axis; index targets (one-hot, smoothed towards 1/C) or dense targets; loss = -sum t log p + epsilon (1 - sum t p). timm casts to float32; this form computes in the input's precision." },
        Form { name: "timm-bce", description: "timm PolyBinaryCrossEntropy(epsilon, gamma, alpha, smoothing, reduction): per element BCE-with-logits (times (1 - p_t)^gamma) + epsilon (1 - p_t)^(gamma + 1), both times the alpha balance; targets smoothed towards 0.5; reductions mean, batchmean (sum / N), sum, none." },
        Form { name: "optax", description: "optax poly_loss_cross_entropy(logits, labels, epsilon): per example (class axis last) softmax cross-entropy with the labels + epsilon * sum(labels * (1 - p)); no reduction; the gradient with respect to the labels is returned too." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

fn check_epsilon(epsilon: f64) -> Result<f64, LossError> {
    numerics::finite_param(ID, "epsilon", epsilon)
}

fn check_smoothing(s: f64) -> Result<(), LossError> {
    if !(0.0..1.0).contains(&s) {
        return Err(LossError::param(ID, "smoothing", "a number in [0, 1)", format!("{s}")));
    }
    Ok(())
}

/// timm `PolyCrossEntropy` with index targets `[N]`: one-hot targets smoothed towards `1/C`.
pub fn poly_cross_entropy(logits: Tensor<2>, targets: Tensor<1, Int>, epsilon: f64, smoothing: f64, reduction: Reduction) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of logits", &[n])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    check_smoothing(smoothing)?;
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), c, None)?;
    let mut q = one_hot(targets, c, &logits);
    if smoothing > 0.0 {
        q = q.mul_scalar(1.0 - smoothing).add_scalar(smoothing / c as f64);
    }
    poly_cross_entropy_dense(logits, q, epsilon, reduction)
}

/// timm `PolyCrossEntropy` with dense targets `[N, C]` (no smoothing, as timm).
pub fn poly_cross_entropy_dense(logits: Tensor<2>, targets: Tensor<2>, epsilon: f64, reduction: Reduction) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &dims)?;
    numerics::non_empty(ID, "logits", &dims)?;
    check_epsilon(epsilon)?;
    let logp = numerics::log_softmax(logits, 1);
    let ce = (targets.clone() * logp.clone()).sum_dim(1).neg();
    let pt = (targets * logp.exp()).sum_dim(1);
    let per = (ce + pt.neg().add_scalar(1.0).mul_scalar(epsilon)).reshape([dims[0]]);
    Ok(reduce(per, reduction))
}

/// timm `PolyBinaryCrossEntropy`'s reduction, which adds `batchmean` (sum / N).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolyReduction {
    Mean,
    BatchMean,
    Sum,
    None,
}

/// Options of timm's `PolyBinaryCrossEntropy`; `Default` equals timm's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct PolyBceConfig {
    pub epsilon: f64,
    pub gamma: f64,
    pub alpha: Option<f64>,
    pub smoothing: f64,
    pub reduction: PolyReduction,
}

impl Default for PolyBceConfig {
    fn default() -> Self {
        PolyBceConfig { epsilon: 2.0, gamma: 0.0, alpha: None, smoothing: 0.0, reduction: PolyReduction::Mean }
    }
}

/// timm `PolyBinaryCrossEntropy` on logits and dense targets of the same shape `[N, ...]`.
pub fn poly_binary_cross_entropy<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, cfg: &PolyBceConfig) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &dims)?;
    numerics::non_empty(ID, "logits", &dims)?;
    check_epsilon(cfg.epsilon)?;
    check_gamma(ID, "gamma", cfg.gamma)?;
    check_smoothing(cfg.smoothing)?;
    if let Some(a) = cfg.alpha {
        check_alpha(ID, "alpha", a)?;
    }
    let mut y = targets;
    if cfg.smoothing > 0.0 {
        y = y.mul_scalar(1.0 - cfg.smoothing).add_scalar(0.5 * cfg.smoothing);
    }
    let omp = one_minus_pt(logits.clone(), y.clone());
    let mut loss = bce_with_logits(logits, y.clone());
    let mut poly = omp.clone();
    if cfg.gamma != 0.0 {
        let focal = modulator(omp, cfg.gamma);
        loss = loss * focal.clone();
        poly = poly * focal;
    }
    loss = loss + poly.mul_scalar(cfg.epsilon);
    if let Some(a) = cfg.alpha {
        loss = loss * alpha_weight(y, a);
    }
    Ok(match cfg.reduction {
        PolyReduction::Mean => LossTensor::scalar(loss.mean()),
        PolyReduction::BatchMean => LossTensor::scalar(loss.sum().mul_scalar(1.0 / (dims[0] as f64))),
        PolyReduction::Sum => LossTensor::scalar(loss.sum()),
        PolyReduction::None => LossTensor::elements(loss),
    })
}

/// optax `poly_loss_cross_entropy(logits, labels, epsilon)`: class axis last, per example.
pub fn optax_poly_loss<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, epsilon: f64) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &dims)?;
    numerics::non_empty(ID, "logits", &dims)?;
    check_epsilon(epsilon)?;
    let logp = numerics::log_softmax(logits, D - 1);
    let one_minus_pt = (targets.clone() * logp.clone().exp().neg().add_scalar(1.0)).sum_dim(D - 1);
    let ce = (targets * logp).sum_dim(D - 1).neg();
    Ok(LossTensor::with_shape(ce + one_minus_pt.mul_scalar(epsilon), dims[..D - 1].to_vec()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let epsilon = c.f64("epsilon", 2.0)?;
    match c.form().unwrap_or("timm-ce") {
        "timm-ce" => {
            let reduction = c.reduction(Reduction::Mean)?;
            let smoothing = c.f64("smoothing", 0.0)?;
            if c.host("targets")?.dtype.is_float() {
                check_smoothing(smoothing)?;
                poly_cross_entropy_dense(c.float::<2>("logits")?, c.float::<2>("targets")?, epsilon, reduction)
            } else {
                poly_cross_entropy(c.float::<2>("logits")?, c.int::<1>("targets")?, epsilon, smoothing, reduction)
            }
        }
        "timm-bce" => {
            let reduction = match c.str("reduction", "mean")? {
                "mean" => PolyReduction::Mean,
                "batchmean" => PolyReduction::BatchMean,
                "sum" => PolyReduction::Sum,
                "none" => PolyReduction::None,
                other => return Err(LossError::param(ID, "reduction", "mean, batchmean, sum or none", format!("{other:?}"))),
            };
            let cfg = PolyBceConfig { epsilon, gamma: c.f64("gamma", 0.0)?, alpha: c.f64_opt("alpha")?, smoothing: c.f64("smoothing", 0.0)?, reduction };
            let rank = c.shape("logits")?.len();
            by_rank!(c, "logits", rank, |R| poly_binary_cross_entropy(c.float::<R>("logits")?, c.float::<R>("targets")?, &cfg))
        }
        "optax" => {
            if c.reduction(Reduction::None)? != Reduction::None {
                return Err(LossError::param(ID, "reduction", "none (optax returns per-example values)", "another reduction"));
            }
            let rank = c.shape("logits")?.len();
            if c.host("targets")?.dtype.is_float() {
                by_rank!(c, "logits", rank, |R| optax_poly_loss(c.float::<R>("logits")?, c.float::<R>("targets")?, epsilon))
            } else {
                Err(LossError::dtype(ID, "targets", "float label distributions (optax checks for floating labels)", fmt_shape(c.shape("targets")?)))
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
        let x = randn(&[4, 3], 41, 2.0);
        let soft = uniform(&[4, 3], 42, 0.0, 1.0);
        assert_gradcheck(ID, Some("timm-ce"), &params(json!({"epsilon": 1.5, "smoothing": 0.1})), &inputs(vec![("logits", x.clone()), ("targets", i(&[4], &[0, 2, 1, 2]))]));
        assert_gradcheck(ID, Some("timm-ce"), &params(json!({"epsilon": -1.0, "reduction": "sum"})), &inputs(vec![("logits", x.clone()), ("targets", soft.clone())]));
        let p = params(json!({"epsilon": 1.0, "gamma": 2.0, "alpha": 0.25, "smoothing": 0.1, "reduction": "batchmean"}));
        assert_gradcheck(ID, Some("timm-bce"), &p, &inputs(vec![("logits", x.clone()), ("targets", soft.clone())]));
        assert_gradcheck(ID, Some("optax"), &params(json!({"epsilon": 2.0})), &inputs(vec![("logits", x), ("targets", soft)]));
    }

    #[test]
    fn value_is_the_formula() {
        // logits (0, ln 3): p = (1/4, 3/4); target 1: ln(4/3) + eps * 1/4.
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 3f64.ln()])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, None, &params(json!({"epsilon": 2.0})), &x);
        assert!((ev.loss.floats[0] - ((4.0f64 / 3.0).ln() + 0.5)).abs() < 1e-14);
        // epsilon 0 is cross-entropy; optax on a one-hot target agrees with timm-ce.
        let x2 = inputs(vec![("logits", f(&[1, 2], &[0.0, 3f64.ln()])), ("targets", f(&[1, 2], &[0.0, 1.0]))]);
        let ev = eval64(ID, Some("optax"), &params(json!({"epsilon": 0.0})), &x2);
        assert!((ev.loss.floats[0] - (4.0f64 / 3.0).ln()).abs() < 1e-14);
        // BCE form at x = 0, y = 1: ln 2 + eps * 1/2.
        let x3 = inputs(vec![("logits", f(&[1, 1], &[0.0])), ("targets", f(&[1, 1], &[1.0]))]);
        let ev = eval64(ID, Some("timm-bce"), &params(json!({"epsilon": 1.0})), &x3);
        assert!((ev.loss.floats[0] - (2f64.ln() + 0.5)).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = f(&[2, 2], &[s, -s, -s, s]);
            assert_finite(ID, None, &params(json!({})), &inputs(vec![("logits", x.clone()), ("targets", i(&[2], &[1, 1]))]));
            let t = f(&[2, 2], &[1.0, 0.0, 1.0, 0.0]);
            assert_finite(ID, Some("timm-bce"), &params(json!({"gamma": 2.0})), &inputs(vec![("logits", x.clone()), ("targets", t.clone())]));
            assert_finite(ID, Some("optax"), &params(json!({})), &inputs(vec![("logits", x), ("targets", t)]));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[3, 4], 43, 1.0);
        let xt = |t| inputs(vec![("logits", x.clone()), ("targets", t)]);
        assert_error(ID, None, &params(json!({})), &xt(i(&[3], &[0, 4, 1])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &xt(i(&[2], &[0, 1])), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"epsilon": "nan"})), &xt(i(&[3], &[0, 1, 1])), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"smoothing": 1.0})), &xt(i(&[3], &[0, 1, 1])), ErrorKind::Param);
        assert_error(ID, Some("timm-bce"), &params(json!({"gamma": -1.0})), &xt(uniform(&[3, 4], 44, 0.0, 1.0)), ErrorKind::Param);
        assert_error(ID, Some("timm-bce"), &params(json!({"reduction": "avg"})), &xt(uniform(&[3, 4], 44, 0.0, 1.0)), ErrorKind::Param);
        assert_error(ID, Some("timm-bce"), &params(json!({})), &xt(uniform(&[3, 3], 44, 0.0, 1.0)), ErrorKind::Shape);
        assert_error(ID, Some("optax"), &params(json!({})), &xt(i(&[3, 4], &[0; 12])), ErrorKind::DType);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
