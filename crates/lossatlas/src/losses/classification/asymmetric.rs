//! Asymmetric loss (ASL): a focal-style multi-label loss that focuses positives and negatives
//! with different exponents and shifts negative probabilities down by a margin, discarding
//! easy negatives (and likely mislabelled ones) entirely. Made for multi-label images where
//! each picture has a few positives among hundreds of negative labels.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::focal::{check_gamma, one_hot};
use crate::numerics::{self, LossTensor};

const ID: &str = "asymmetric";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Asymmetric Loss",
    aliases: &["ASL", "Asymmetric Loss for Multi-Label Classification"],
    kind: Kind::Loss,
    domains: &["classification"],
    year: 2021,
    paper: Paper {
        title: "Asymmetric Loss For Multi-Label Classification",
        authors: "Ben-Baruch, E. et al.",
        venue: "ICCV",
        year: 2021,
        url: "https://arxiv.org/abs/2009.14119",
    },
    summary: "A per-label binary cross-entropy with focal weights (1 - p_t)^gamma whose exponent differs for positives (gamma_pos, small) and negatives (gamma_neg, large), plus probability shifting: the negative probability p is replaced by max(p - clip, 0), so negatives the model already scores below clip contribute nothing. This counters the positive/negative imbalance of multi-label classification and down-weights possibly missing labels. A single-label variant applies the asymmetric focusing to a softmax with label smoothing. Large gamma_neg with a large clip can suppress too many negatives.",
    formula: r"\ell = -\sum_{c}\Big[y_c\,(1-p_c)^{\gamma_+}\log p_c + (1-y_c)\,p_{m,c}^{\gamma_-}\log(1-p_{m,c})\Big],\quad p = \sigma(x),\ p_m = \max(p - m, 0)",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "unnormalized scores: one sigmoid per label (multi-label) or a softmax over classes (single-label)" },
        Input { name: "targets", shape: "[N, C] (float) or [N] (i64)", meaning: "multi-hot or soft labels (multi-label); class indices (single-label)" },
    ],
    params: &[
        Param { name: "gamma_neg", symbol: r"\gamma_-", default: Value::Float(4.0), range: Range::NON_NEGATIVE, meaning: "focusing exponent of negatives" },
        Param { name: "gamma_pos", symbol: r"\gamma_+", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "focusing exponent of positives" },
        Param { name: "clip", symbol: "m", default: Value::Float(0.05), range: Range::UNIT, meaning: "multi-label: probability margin shifted off the negatives (asymmetric clipping); 0 disables it (timm also accepts None)" },
        Param { name: "eps", symbol: "", default: Value::Float(1e-8), range: Range::Real { min: 0.0, max: 1.0, open_min: false, open_max: true }, meaning: "multi-label: probabilities are clamped to at least eps before the log (default 1e-8); single-label: label smoothing (default 0.1)" },
        Param { name: "disable_torch_grad_focal_loss", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "multi-label: no gradient through the focusing weights (detached)" },
        Param { name: "smoothing", symbol: "", default: Value::Float(0.0), range: Range::Real { min: 0.0, max: 1.0, open_min: false, open_max: true }, meaning: "multi-label: targets smoothed towards 0.5" },
        Param { name: "reduction", symbol: "", default: Value::Str("batchmean"), range: Range::Choice { values: &["batchmean", "mean", "sum", "none"] }, meaning: "multi-label: batchmean (sum / N, timm's default), mean, sum or none; single-label: mean (default) or none (per sample)" },
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "multi-label: per-class weights" },
        Param { name: "pos_weight", symbol: "", default: Value::Null, range: Range::Any, meaning: "multi-label: weight of the positive term, one number or one per class" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::Yes,
        operand: Operand::Logits,
    },
    equivalents: &["timm.loss.AsymmetricLossMultiLabel", "timm.loss.AsymmetricLossSingleLabel"],
    related: &["focal", "binary-cross-entropy", "two-way", "zlpr", "multilabel-soft-margin"],
    forms: &[
        Form { name: "multi-label", description: "timm AsymmetricLossMultiLabel: p = sigmoid(x), p_neg = min(1 - p + clip, 1); -[y log max(p, eps) (times pos_weight) + (1 - y) log max(p_neg, eps)] * (1 - p_t)^(gamma_pos y + gamma_neg (1 - y)) with p_t = p y + p_neg (1 - y); weight per class; reduction batchmean = sum / N. timm computes in float32 (its cases carry a looser tolerance); this form computes in the input's precision." },
        Form { name: "single-label", description: "timm AsymmetricLossSingleLabel(gamma_pos, gamma_neg, eps): log_softmax; weights (1 - p)^gamma_pos on the target class and p^gamma_neg on the others multiply the log-probabilities; targets one-hot smoothed by eps (towards 1/C); per-sample sum, mean over the batch (reduction none keeps [N])." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// timm's multi-label reduction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AslReduction {
    BatchMean,
    Mean,
    Sum,
    None,
}

/// Options of timm's `AsymmetricLossMultiLabel`; `Default` equals timm's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct AslConfig {
    pub gamma_neg: f64,
    pub gamma_pos: f64,
    /// `None` or 0 disables the probability shift.
    pub clip: Option<f64>,
    pub eps: f64,
    pub disable_torch_grad_focal_loss: bool,
    pub smoothing: f64,
    pub reduction: AslReduction,
    pub weight: Option<Vec<f64>>,
    /// One value for every class, or one per class.
    pub pos_weight: Option<Vec<f64>>,
}

impl Default for AslConfig {
    fn default() -> Self {
        AslConfig {
            gamma_neg: 4.0,
            gamma_pos: 1.0,
            clip: Some(0.05),
            eps: 1e-8,
            disable_torch_grad_focal_loss: false,
            smoothing: 0.0,
            reduction: AslReduction::BatchMean,
            weight: None,
            pos_weight: None,
        }
    }
}

/// `base^expo` elementwise for `base >= 0`, as `torch.pow` computes it, but without NaN
/// gradients at `base = 0`: `x^0 = 1` with a zero gradient, and `0^g = 0` for `g > 0` with a
/// zero gradient (with respect to `g`, the derivative `0^g ln 0` is 0 in the limit; with respect
/// to the base it only matters where the probability saturates, whose own derivative is 0).
fn pow_elementwise(base: Tensor<2>, expo: Tensor<2>) -> Tensor<2> {
    let zero_exp = expo.clone().equal_elem(0.0);
    let zero_base = base.clone().equal_elem(0.0).bool_and(zero_exp.clone().bool_not());
    base.mask_fill(zero_exp.bool_or(zero_base.clone()), 1.0).powf(expo).mask_fill(zero_base, 0.0)
}

/// timm `AsymmetricLossMultiLabel` on logits `[N, C]` and dense targets `[N, C]`.
pub fn asymmetric_multi_label(logits: Tensor<2>, targets: Tensor<2>, cfg: &AslConfig) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &[n, c])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    check_gamma(ID, "gamma_neg", cfg.gamma_neg)?;
    check_gamma(ID, "gamma_pos", cfg.gamma_pos)?;
    numerics::param_in(ID, "eps", cfg.eps, 0.0, 1.0)?;
    if !(0.0..1.0).contains(&cfg.smoothing) {
        return Err(LossError::param(ID, "smoothing", "a number in [0, 1)", format!("{}", cfg.smoothing)));
    }
    if let Some(m) = cfg.clip {
        numerics::param_in(ID, "clip", m, 0.0, 1.0)?;
    }
    if let Some(w) = &cfg.weight {
        numerics::class_weights(ID, "weight", w, c)?;
    }
    let pos_weight = match &cfg.pos_weight {
        Some(w) if w.len() == 1 => Some(vec![w[0]; c]),
        Some(w) if w.len() == c => Some(w.clone()),
        Some(w) => return Err(LossError::shape(ID, "pos_weight", format!("1 or {c} values"), format!("{} values", w.len()))),
        None => None,
    };
    let mut y = targets;
    if cfg.smoothing > 0.0 {
        y = y.mul_scalar(1.0 - cfg.smoothing).add_scalar(0.5 * cfg.smoothing);
    }
    let xs_pos = numerics::sigmoid(logits.clone());
    // timm takes 1 - sigmoid(x); sigmoid(-x) is the same number without cancellation.
    let mut xs_neg = numerics::sigmoid(logits.neg());
    if let Some(m) = cfg.clip.filter(|m| *m > 0.0) {
        xs_neg = xs_neg.add_scalar(m).clamp_max(1.0);
    }
    let one_minus_y = y.clone().neg().add_scalar(1.0);
    let mut los_pos = y.clone() * xs_pos.clone().clamp_min(cfg.eps).log();
    if let Some(pw) = pos_weight {
        los_pos = los_pos * numerics::tensor_like(&xs_pos, pw, [1, c]);
    }
    let los_neg = one_minus_y.clone() * xs_neg.clone().clamp_min(cfg.eps).log();
    let mut loss = los_pos + los_neg;
    if cfg.gamma_neg > 0.0 || cfg.gamma_pos > 0.0 {
        let pt = xs_pos * y.clone() + xs_neg * one_minus_y.clone();
        let gamma = y.mul_scalar(cfg.gamma_pos) + one_minus_y.mul_scalar(cfg.gamma_neg);
        let mut w = pow_elementwise(pt.neg().add_scalar(1.0), gamma);
        if cfg.disable_torch_grad_focal_loss {
            w = w.detach();
        }
        loss = loss * w;
    }
    let mut loss = loss.neg();
    if let Some(w) = &cfg.weight {
        let w = numerics::tensor_like(&loss, w.clone(), [1, c]);
        loss = loss * w;
    }
    Ok(match cfg.reduction {
        AslReduction::BatchMean => LossTensor::scalar(loss.sum().mul_scalar(1.0 / (n as f64))),
        AslReduction::Sum => LossTensor::scalar(loss.sum()),
        AslReduction::Mean => LossTensor::scalar(loss.mean()),
        AslReduction::None => LossTensor::elements(loss),
    })
}

/// timm `AsymmetricLossSingleLabel(gamma_pos, gamma_neg, eps)` on logits `[N, C]` and class
/// indices `[N]`; `mean` averages the per-sample losses, otherwise they are returned.
pub fn asymmetric_single_label(logits: Tensor<2>, targets: Tensor<1, Int>, gamma_pos: f64, gamma_neg: f64, eps: f64, mean: bool) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of logits", &[n])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    check_gamma(ID, "gamma_pos", gamma_pos)?;
    check_gamma(ID, "gamma_neg", gamma_neg)?;
    numerics::param_in(ID, "eps", eps, 0.0, 1.0)?;
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), c, None)?;
    let is_target = numerics::onehot::one_hot_mask(targets.clone(), c);
    let t = one_hot(targets, c, &logits);
    let logp = numerics::log_softmax(logits, 1);
    let p = logp.clone().exp();
    // 1 - p_pos - p_neg is 1 - p on the target class and p elsewhere; each branch gets its own
    // exponent, with the other branch's entries set to 1 so no 0^(-1) enters the backward pass.
    let w_pos = numerics::focal::modulator(p.clone().neg().add_scalar(1.0).mask_fill(is_target.clone().bool_not(), 1.0), gamma_pos);
    let w_neg = numerics::focal::modulator(p.mask_fill(is_target.clone(), 1.0), gamma_neg);
    let w = w_neg.mask_where(is_target, w_pos);
    let mut q = t;
    if eps > 0.0 {
        q = q.mul_scalar(1.0 - eps).add_scalar(eps / c as f64);
    }
    let per = (q * logp * w).sum_dim(1).reshape([n]).neg();
    Ok(if mean { LossTensor::scalar(per.mean()) } else { LossTensor::elements(per) })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("multi-label") {
        "multi-label" => {
            let reduction = match c.str("reduction", "batchmean")? {
                "batchmean" => AslReduction::BatchMean,
                "mean" => AslReduction::Mean,
                "sum" => AslReduction::Sum,
                "none" => AslReduction::None,
                other => return Err(LossError::param(ID, "reduction", "batchmean, mean, sum or none", format!("{other:?}"))),
            };
            let pos_weight = match c.json("pos_weight") {
                None => None,
                Some(v) if v.is_number() => Some(vec![c.f64("pos_weight", 1.0)?]),
                Some(_) => c.f64_list_opt("pos_weight")?,
            };
            let cfg = AslConfig {
                gamma_neg: c.f64("gamma_neg", 4.0)?,
                gamma_pos: c.f64("gamma_pos", 1.0)?,
                clip: Some(c.f64("clip", 0.05)?),
                eps: c.f64("eps", 1e-8)?,
                disable_torch_grad_focal_loss: c.bool("disable_torch_grad_focal_loss", false)?,
                smoothing: c.f64("smoothing", 0.0)?,
                reduction,
                weight: c.f64_list_opt("weight")?,
                pos_weight,
            };
            asymmetric_multi_label(c.float::<2>("logits")?, c.float::<2>("targets")?, &cfg)
        }
        "single-label" => {
            let mean = match c.str("reduction", "mean")? {
                "mean" => true,
                "none" => false,
                other => return Err(LossError::param(ID, "reduction", "mean or none (timm returns per-sample values otherwise)", format!("{other:?}"))),
            };
            let shape = c.shape("targets")?;
            if shape.len() != 1 {
                return Err(LossError::shape(ID, "targets", "class indices [N]", fmt_shape(shape)));
            }
            asymmetric_single_label(c.float::<2>("logits")?, c.int::<1>("targets")?, c.f64("gamma_pos", 1.0)?, c.f64("gamma_neg", 4.0)?, c.f64("eps", 0.1)?, mean)
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
        let x = randn(&[4, 5], 51, 2.0);
        let y = f(&[4, 5], &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
        let xy = inputs(vec![("logits", x.clone()), ("targets", y)]);
        assert_gradcheck_only(ID, None, &params(json!({})), &xy, Some(&["logits"]));
        let p = params(json!({"gamma_neg": 2.0, "gamma_pos": 0.0, "clip": 0.1, "weight": [1.0, 2.0, 0.5, 1.0, 3.0], "pos_weight": 2.0, "smoothing": 0.1, "reduction": "mean"}));
        assert_gradcheck_only(ID, None, &p, &xy, Some(&["logits"]));
        let single = inputs(vec![("logits", x), ("targets", i(&[4], &[0, 4, 2, 1]))]);
        assert_gradcheck(ID, Some("single-label"), &params(json!({"gamma_pos": 0.0, "gamma_neg": 2.5, "eps": 0.2})), &single);
    }

    #[test]
    fn value_is_the_formula() {
        // One positive at x = 0 (p = 1/2) and one negative at x = 0 with clip 0.1: positive
        // -(1/2)^1 ln(1/2); negative p_m = 0.4: -(0.4)^4 ln(0.6). batchmean over N = 1.
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 0.0])), ("targets", f(&[1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"clip": 0.1})), &x);
        let want = 0.5 * 2f64.ln() - 0.4f64.powi(4) * 0.6f64.ln();
        assert!((ev.loss.floats[0] - want).abs() < 1e-14, "{} {want}", ev.loss.floats[0]);
        // Single label, no smoothing, logits (0, ln 3), target 1: -(1/4) ln(3/4) - 0 (the
        // off-target weight (1/4)^4 multiplies a zero target).
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 3f64.ln()])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, Some("single-label"), &params(json!({"eps": 0.0})), &x);
        assert!((ev.loss.floats[0] - 0.25 * (4.0f64 / 3.0).ln()).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = f(&[2, 2], &[s, -s, -s, s]);
            let y = f(&[2, 2], &[1.0, 1.0, 0.0, 0.0]);
            assert_finite(ID, None, &params(json!({})), &inputs(vec![("logits", x.clone()), ("targets", y)]));
            assert_finite(ID, Some("single-label"), &params(json!({"gamma_pos": 0.0})), &inputs(vec![("logits", x), ("targets", i(&[2], &[0, 0]))]));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[3, 4], 52, 1.0);
        let y = uniform(&[3, 4], 53, 0.0, 1.0);
        let xy = |t| inputs(vec![("logits", x.clone()), ("targets", t)]);
        assert_error(ID, None, &params(json!({"gamma_neg": -1.0})), &xy(y.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"clip": 2.0})), &xy(y.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"reduction": "avg"})), &xy(y.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"weight": [1.0]})), &xy(y.clone()), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &xy(uniform(&[3, 3], 54, 0.0, 1.0)), ErrorKind::Shape);
        assert_error(ID, Some("single-label"), &params(json!({})), &xy(i(&[3], &[0, 4, 1])), ErrorKind::Value);
        assert_error(ID, Some("single-label"), &params(json!({})), &xy(f(&[3], &[0.0, 1.0, 1.0])), ErrorKind::DType);
        assert_error(ID, Some("single-label"), &params(json!({"reduction": "sum"})), &xy(i(&[3], &[0, 1, 1])), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", f(&[0, 4], &[]))]), ErrorKind::Empty);
    }
}
