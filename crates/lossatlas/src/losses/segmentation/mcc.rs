//! MCC loss: one minus the Matthews correlation coefficient computed from soft confusion-matrix
//! counts, which also rewards correct background.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "mcc";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Matthews Correlation Coefficient Loss",
    aliases: &["MCC Loss"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical", "classification"],
    year: 2021,
    paper: Paper {
        title: "Matthews Correlation Coefficient Loss for Deep Convolutional Networks: Application to Skin Lesion Segmentation",
        authors: "Abhishek, K., Hamarneh, G.",
        venue: "ISBI",
        year: 2021,
        url: "https://doi.org/10.1109/ISBI48211.2021.9433782",
    },
    summary: "Builds soft true/false positive/negative counts from probabilities and minimizes 1 - MCC, a balanced measure that, unlike Dice, includes true negatives and penalizes false positives and false negatives symmetrically. It suits imbalanced binary segmentation. The square root in the denominator needs a smoothing constant when a count is zero.",
    formula: r"L = 1 - \frac{TP\cdot TN - FP\cdot FN + s_{nr}}{\sqrt{(TP+FP)(TP+FN)(TN+FP)(TN+FN) + s_{dr}}},\quad TP = \sum p\,t,\ TN = \sum (1-p)(1-t),\ FP = \sum p\,(1-t),\ FN = \sum (1-p)\,t",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "form monai: scores (with sigmoid or softmax) or probabilities (without); `probs` is accepted as the same input" },
        Input { name: "probs", shape: "[B, 1, *] or [B, *]", meaning: "form smp: probabilities (no activation inside)" },
        Input { name: "targets", shape: "[B, C, *] (monai), [B, 1, *] with to_onehot_y, or the probs' element count (smp)", meaning: "binary (or soft) targets; class indices with to_onehot_y" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "MONAI numerator constant" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "MONAI denominator constant" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum the counts over the batch too: one value per class instead of one per (sample, class) (MONAI)" },
        Param::REDUCTION_MEAN,
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "smp: added to each of TP, TN, FP, FN (numerator and denominator)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[
        "monai.losses.MCCLoss",
        "segmentation_models_pytorch.losses.MCCLoss",
    ],
    related: &["dice", "jaccard", "sensitivity-specificity"],
    forms: &[
        Form { name: "monai", description: "monai.losses.MCCLoss: optional sigmoid or softmax over channels, to_onehot_y, include_background; soft counts summed over the spatial axes per (sample, class), or also over the batch with batch=true; s_nr added to the numerator and s_dr under the square root; entries with FP = FN = 0 score 0 (perfect); reduction mean, sum or none ([B, C], or [C] with batch)." },
        Form { name: "smp", description: "segmentation_models_pytorch.losses.MCCLoss(eps): probabilities in, one global MCC over the whole batch; eps is added to each soft count TP, TN, FP, FN, and there is no constant under the square root." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of MONAI's `MCCLoss`; `Default` equals MONAI's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct MccConfig {
    pub include_background: bool,
    pub sigmoid: bool,
    pub softmax: bool,
    pub smooth_nr: f64,
    pub smooth_dr: f64,
    pub batch: bool,
    pub reduction: Reduction,
}

impl Default for MccConfig {
    fn default() -> Self {
        MccConfig { include_background: true, sigmoid: false, softmax: false, smooth_nr: 0.0, smooth_dr: 1e-5, batch: false, reduction: Reduction::Mean }
    }
}

/// MONAI `MCCLoss` on `input [B, C, *]` and `target` of the same shape (already one-hot when
/// MONAI's `to_onehot_y` applies; see [`crate::numerics::monai_overlap::monai_one_hot`]).
pub fn mcc_monai<const D: usize>(input: Tensor<D>, target: Tensor<D>, cfg: &MccConfig) -> Result<LossTensor, LossError> {
    if D < 2 {
        return Err(LossError::shape(ID, "logits", "a tensor [B, C, *] of rank >= 2", fmt_shape(&input.dims())));
    }
    if cfg.sigmoid && cfg.softmax {
        return Err(LossError::param(ID, "softmax", "at most one of sigmoid and softmax", "both true"));
    }
    numerics::finite_param(ID, "smooth_nr", cfg.smooth_nr)?;
    numerics::finite_param(ID, "smooth_dr", cfg.smooth_dr)?;
    let dims = input.dims();
    numerics::non_empty(ID, "logits", &dims)?;
    let channels = dims[1];
    let mut p = input;
    if cfg.sigmoid {
        p = numerics::sigmoid(p);
    }
    if cfg.softmax && channels > 1 {
        p = numerics::softmax(p, 1);
    }
    let mut t = target;
    if !cfg.include_background && channels > 1 {
        p = p.narrow(1, 1, channels - 1);
        let td = t.dims();
        if td[1] != channels {
            return Err(LossError::shape(ID, "targets", format!("shape {} (the shape of logits)", fmt_shape(&dims)), fmt_shape(&td)));
        }
        t = t.narrow(1, 1, channels - 1);
    }
    numerics::same_shape(ID, "targets", &t.dims(), "logits (after include_background)", &p.dims())?;
    let pd = p.dims();
    let (b, c) = (pd[0], pd[1]);
    let s: usize = pd[2..].iter().product();
    let p = p.reshape([b, c, s]);
    let t = t.reshape([b, c, s]);
    let sum = |x: Tensor<3>| -> Tensor<2> {
        let x = x.sum_dim(2).reshape([b, c]);
        if cfg.batch { x.sum_dim(0) } else { x }
    };
    let q = p.clone().neg().add_scalar(1.0);
    let u = t.clone().neg().add_scalar(1.0);
    let tp = sum(p.clone() * t.clone());
    let tn = sum(q.clone() * u.clone());
    let fp = sum(p * u);
    let fn_ = sum(q * t);
    let num = (tp.clone() * tn.clone() - fp.clone() * fn_.clone()).add_scalar(cfg.smooth_nr);
    let den = ((tp.clone() + fp.clone()) * (tp + fn_.clone()) * (tn.clone() + fp.clone()) * (tn + fn_.clone())).add_scalar(cfg.smooth_dr).sqrt();
    let score = (num / den).neg().add_scalar(1.0);
    // MONAI scores a perfect prediction (FP = FN = 0) as 0, whatever the degenerate ratio.
    let perfect = fp.equal_elem(0.0).bool_and(fn_.equal_elem(0.0));
    let score = score.clone().mask_where(perfect, score.mul_scalar(0.0));
    Ok(reduce(score, cfg.reduction))
}

/// segmentation_models_pytorch `MCCLoss(eps)(probs, targets)`: one MCC over every element of
/// the batch, with eps added to each soft count.
pub fn mcc_smp<const D: usize>(probs: Tensor<D>, targets: Tensor<D>, eps: f64) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "targets", &targets.dims(), "probs", &probs.dims())?;
    numerics::non_empty(ID, "probs", &probs.dims())?;
    numerics::finite_param(ID, "eps", eps)?;
    let q = probs.clone().neg().add_scalar(1.0);
    let u = targets.clone().neg().add_scalar(1.0);
    let tp = (probs.clone() * targets.clone()).sum().add_scalar(eps);
    let tn = (q.clone() * u.clone()).sum().add_scalar(eps);
    let fp = (probs * u).sum().add_scalar(eps);
    let fn_ = (q * targets).sum().add_scalar(eps);
    let num = tp.clone() * tn.clone() - fp.clone() * fn_.clone();
    let den = ((tp.clone() + fp.clone()) * (tp + fn_.clone()) * (tn.clone() + fp) * (tn + fn_)).sqrt();
    Ok(LossTensor::scalar((num / den).neg().add_scalar(1.0)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or(if c.has("logits") { "monai" } else { "smp" });
    match form {
        "monai" => {
            let cfg = MccConfig {
                include_background: c.bool("include_background", true)?,
                sigmoid: c.bool("sigmoid", false)?,
                softmax: c.bool("softmax", false)?,
                smooth_nr: c.f64("smooth_nr", 0.0)?,
                smooth_dr: c.f64("smooth_dr", 1e-5)?,
                batch: c.bool("batch", false)?,
                reduction: c.reduction(Reduction::Mean)?,
            };
            let to_onehot = c.bool("to_onehot_y", false)?;
            let name = if c.has("logits") { "logits" } else { "probs" };
            let shape = c.shape(name)?.to_vec();
            if shape.len() < 2 {
                return Err(LossError::shape(ID, name, "a tensor [B, C, *] of rank >= 2", fmt_shape(&shape)));
            }
            let tshape = c.shape("targets")?.to_vec();
            by_rank!(c, name, shape.len(), |D| {
                let input = c.float::<D>(name)?;
                let target: Tensor<D> = if to_onehot && shape[1] > 1 {
                    if tshape.len() != D {
                        return Err(LossError::shape(ID, "targets", format!("rank {D} [B, 1, *]"), fmt_shape(&tshape)));
                    }
                    let (vals, oshape) = crate::numerics::monai_overlap::monai_one_hot(ID, "targets", &c.host("targets")?.as_f64(), &tshape, shape[1])?;
                    let dims: [usize; D] = oshape.try_into().expect("rank checked");
                    numerics::tensor_like(&input, vals, dims)
                } else {
                    if tshape != shape && (cfg.include_background || shape[1] == 1) {
                        return Err(LossError::shape(ID, "targets", format!("shape {} (the shape of {name})", fmt_shape(&shape)), fmt_shape(&tshape)));
                    }
                    c.float::<D>("targets")?
                };
                mcc_monai(input, target, &cfg)
            })
        }
        "smp" => {
            let eps = c.f64("eps", 1e-5)?;
            let ps = c.shape("probs")?.to_vec();
            let ts = c.shape("targets")?.to_vec();
            if ps.is_empty() || ts.is_empty() || ps[0] != ts[0] || ps.iter().product::<usize>() != ts.iter().product::<usize>() {
                return Err(LossError::shape(ID, "targets", format!("the batch size and element count of probs {}", fmt_shape(&ps)), fmt_shape(&ts)));
            }
            let n = ps.iter().product::<usize>();
            numerics::non_empty(ID, "probs", &ps)?;
            mcc_smp(c.float_reshaped("probs", [n])?, c.float_reshaped("targets", [n])?, eps)
        }
        _ => Err(c.unknown_form(&["monai", "smp"])),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn seg(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let t: Vec<f64> = (0..2 * 3 * 4).map(|k| ((k * 7 + seed as usize) % 3 == 0) as u8 as f64).collect();
        inputs(vec![("logits", randn(&[2, 3, 4], seed, 1.5)), ("targets", f(&[2, 3, 4], &t))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // p = (0.9, 0.2, 0.6, 0.1), t = (1, 0, 1, 0): TP = 1.5, TN = 1.7, FP = 0.3, FN = 0.5.
        let x = inputs(vec![("logits", f(&[1, 1, 4], &[0.9, 0.2, 0.6, 0.1])), ("targets", f(&[1, 1, 4], &[1.0, 0.0, 1.0, 0.0]))]);
        let (tp, tn, fp, fn_) = (1.5f64, 1.7f64, 0.3f64, 0.5f64);
        let want = 1.0 - (tp * tn - fp * fn_) / ((tp + fp) * (tp + fn_) * (tn + fp) * (tn + fn_) + 1e-5).sqrt();
        let ev = eval64(ID, Some("monai"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
        // smp adds eps = 1e-5 to every count and nothing under the root.
        let e = 1e-5;
        let (tp, tn, fp, fn_) = (tp + e, tn + e, fp + e, fn_ + e);
        let want = 1.0 - (tp * tn - fp * fn_) / ((tp + fp) * (tp + fn_) * (tn + fp) * (tn + fn_)).sqrt();
        let x = inputs(vec![("probs", f(&[1, 1, 4], &[0.9, 0.2, 0.6, 0.1])), ("targets", f(&[1, 4], &[1.0, 0.0, 1.0, 0.0]))]);
        let ev = eval64(ID, Some("smp"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn perfect_prediction_scores_zero() {
        let x = inputs(vec![("logits", f(&[1, 1, 3], &[1.0, 0.0, 0.0])), ("targets", f(&[1, 1, 3], &[1.0, 0.0, 0.0]))]);
        let ev = assert_finite(ID, Some("monai"), &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.shape, vec![1, 1]);
        assert_eq!(ev.loss.floats[0], 0.0);
    }

    #[test]
    fn onehot_and_background_options() {
        // to_onehot_y with labels equals passing the one-hot channels.
        let labels = [0.0, 2.0, 1.0, 1.0, 0.0, 2.0, 2.0, 1.0];
        let mut onehot = vec![0.0; 2 * 3 * 4];
        for (k, l) in labels.iter().enumerate() {
            let (b, s) = (k / 4, k % 4);
            onehot[(b * 3 + *l as usize) * 4 + s] = 1.0;
        }
        let logits = randn(&[2, 3, 4], 8, 1.0);
        let a = eval64(ID, Some("monai"), &params(json!({"softmax": true, "to_onehot_y": true, "include_background": false})), &inputs(vec![("logits", logits.clone()), ("targets", f(&[2, 1, 4], &labels))]));
        let b = eval64(ID, Some("monai"), &params(json!({"softmax": true, "include_background": false})), &inputs(vec![("logits", logits), ("targets", f(&[2, 3, 4], &onehot))]));
        assert!((a.loss.floats[0] - b.loss.floats[0]).abs() < 1e-12);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for p in [json!({"sigmoid": true}), json!({"softmax": true, "batch": true, "reduction": "sum"}), json!({"sigmoid": true, "include_background": false, "smooth_nr": 0.1, "reduction": "none"})] {
            assert_gradcheck_only(ID, Some("monai"), &params(p), &seg(3), Some(&["logits"]));
        }
        let x = inputs(vec![("probs", uniform(&[2, 1, 5], 4, 0.0, 1.0)), ("targets", f(&[2, 1, 5], &[1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0]))]);
        assert_gradcheck_only(ID, Some("smp"), &params(json!({})), &x, Some(&["probs"]));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let mut x = seg(5);
            x.insert("logits".into(), randn(&[2, 3, 4], 6, scale));
            assert_finite(ID, Some("monai"), &params(json!({"sigmoid": true})), &x);
            assert_finite(ID, Some("monai"), &params(json!({"softmax": true})), &x);
        }
        // Probabilities exactly 0 and 1.
        let x = inputs(vec![("probs", f(&[1, 4], &[0.0, 1.0, 1.0, 0.0])), ("targets", f(&[1, 4], &[0.0, 1.0, 0.0, 1.0]))]);
        assert_finite(ID, Some("smp"), &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = seg(1);
        x.insert("targets".into(), f(&[2, 2, 4], &[0.0; 16]));
        assert_error(ID, Some("monai"), &p, &x, ErrorKind::Shape);
        assert_error(ID, Some("monai"), &params(json!({"sigmoid": true, "softmax": true})), &seg(1), ErrorKind::Param);
        assert_error(ID, Some("monai"), &params(json!({"smooth_dr": "nan"})), &seg(1), ErrorKind::Param);
        let x = inputs(vec![("logits", randn(&[2, 3, 4], 1, 1.0)), ("targets", f(&[2, 1, 4], &[0.0, 3.0, 1.0, 1.0, 0.0, 2.0, 2.0, 1.0]))]);
        assert_error(ID, Some("monai"), &params(json!({"to_onehot_y": true})), &x, ErrorKind::Value);
        let x = inputs(vec![("logits", f(&[0, 3, 4], &[])), ("targets", f(&[0, 3, 4], &[]))]);
        assert_error(ID, Some("monai"), &p, &x, ErrorKind::Empty);
        let x = inputs(vec![("probs", uniform(&[2, 5], 4, 0.0, 1.0)), ("targets", f(&[2, 4], &[0.0; 8]))]);
        assert_error(ID, Some("smp"), &p, &x, ErrorKind::Shape);
        assert_error(ID, Some("other"), &p, &seg(1), ErrorKind::Unsupported);
    }
}
