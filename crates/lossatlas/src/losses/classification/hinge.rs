//! Hinge loss: the max-margin loss of support-vector machines, binary and multi-class.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "hinge";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Hinge Loss",
    aliases: &["SVM Loss", "Multi-Margin Loss", "MultiMarginLoss", "Crammer-Singer Loss", "Max-Margin Loss"],
    kind: Kind::Loss,
    domains: &["classification"],
    year: 1995,
    paper: Paper { title: "Support-Vector Networks", authors: "Cortes, C. & Vapnik, V.", venue: "Machine Learning", year: 1995, url: "https://link.springer.com/article/10.1007/BF00994018" },
    summary: "Penalizes a prediction only when the correct class does not beat the others by a margin: max(0, 1 - y x) for binary labels in {-1, 1}, and for many classes either a sum over the wrong classes (Weston–Watkins, PyTorch's MultiMarginLoss) or only the strongest wrong class (Crammer–Singer). Correct predictions beyond the margin give zero loss and zero gradient, which makes training focus on hard examples but gives no probabilities. It is not differentiable at the margin.",
    formula: r"\ell_i = \frac{1}{C}\sum_{j \neq y_i} w_{y_i}\max\left(0,\, m - x_{i y_i} + x_{ij}\right)^{p}",
    inputs: &[
        Input { name: "logits", shape: "[N, C] or [N]", meaning: "class scores (multi-class) or decision values (binary)" },
        Input { name: "targets", shape: "[N] (i64) or [N] in {-1, 1}", meaning: "class indices, or binary labels" },
        Input { name: "weights", shape: "[N]", meaning: "sklearn forms: sample weights" },
    ],
    params: &[
        Param { name: "p", symbol: "p", default: Value::Int(1), range: Range::Integer { min: 1, max: 2 }, meaning: "multi-margin: exponent of the hinge (1 or 2)" },
        Param { name: "margin", symbol: "m", default: Value::Float(1.0), range: Range::REAL, meaning: "multi-margin: required margin" },
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "multi-margin: per-class weights" },
        Param::REDUCTION_MEAN,
        Param { name: "squared", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "torchmetrics: squared hinge" },
        Param { name: "num_classes", symbol: "", default: Value::Null, range: Range::Integer { min: 2, max: i64::MAX }, meaning: "torchmetrics multiclass: number of classes" },
        Param { name: "multiclass_mode", symbol: "", default: Value::Str("crammer-singer"), range: Range::Choice { values: &["crammer-singer", "one-vs-all"] }, meaning: "torchmetrics multiclass: margin definition" },
        Param { name: "labels", symbol: "", default: Value::Null, range: Range::Any, meaning: "sklearn: the class labels" },
    ],
    properties: Properties { convex: Tri::Yes, bounded: Tri::No, smooth: Tri::No, robust_to_outliers: Tri::Yes, suits_imbalance: Tri::No, suits_label_noise: Tri::No, operand: Operand::Logits },
    equivalents: &[
        "torch.nn.MultiMarginLoss",
        "torch.nn.functional.multi_margin_loss",
        "optax.losses.hinge_loss",
        "optax.losses.multiclass_hinge_loss",
        "sklearn.metrics.hinge_loss",
        "torchmetrics.functional.classification.binary_hinge_loss",
        "torchmetrics.functional.classification.multiclass_hinge_loss",
    ],
    related: &["soft-margin", "multilabel-margin", "perceptron", "zero-one", "cross-entropy"],
    forms: &[
        Form { name: "multi-margin", description: "PyTorch multi_margin_loss (Weston–Watkins): sum over wrong classes of w[y] max(0, margin - x_y + x_j)^p divided by C; p in {1, 2}." },
        Form { name: "optax-binary", description: "optax hinge_loss: max(0, 1 - y x) elementwise with y in {-1, 1}; no reduction." },
        Form { name: "optax-multiclass", description: "optax multiclass_hinge_loss (Crammer–Singer): max_j(x_j + [j != y]) - x_y per example; no reduction." },
        Form { name: "sklearn-binary", description: "scikit-learn hinge_loss with two labels mapped to -1/+1 (the larger is +1): weighted mean of max(0, 1 - y d)." },
        Form { name: "sklearn-multiclass", description: "scikit-learn hinge_loss with decision values [N, C]: Crammer–Singer margin d_y - max_{j != y} d_j, weighted mean of max(0, 1 - margin)." },
        Form { name: "torchmetrics-binary", description: "torchmetrics binary_hinge_loss: predictions outside [0, 1] pass through a sigmoid first; targets 0/1 become -1/+1; mean of max(0, 1 - y p) (squared optional)." },
        Form { name: "torchmetrics-multiclass", description: "torchmetrics multiclass_hinge_loss: predictions outside [0, 1] pass through a softmax first; crammer-singer gives a scalar mean, one-vs-all a mean per class [C]; squared optional." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of PyTorch's `multi_margin_loss`.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiMarginConfig {
    pub p: i64,
    pub margin: f64,
    pub weight: Option<Vec<f64>>,
    pub reduction: Reduction,
}

impl Default for MultiMarginConfig {
    fn default() -> Self {
        MultiMarginConfig { p: 1, margin: 1.0, weight: None, reduction: Reduction::Mean }
    }
}

fn check_labels(logits: &Tensor<2>, targets: &Tensor<1, Int>) -> Result<(), LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of logits", &[n])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(targets), c, None)
}

/// 1 for the target class, 0 elsewhere, `[N, C]` in the logits' dtype.
fn one_hot(logits: &Tensor<2>, targets: Tensor<1, Int>) -> Tensor<2> {
    numerics::onehot::one_hot(targets, logits.dims()[1], logits)
}

/// PyTorch `multi_margin_loss`.
pub fn multi_margin(logits: Tensor<2>, targets: Tensor<1, Int>, cfg: &MultiMarginConfig) -> Result<LossTensor, LossError> {
    check_labels(&logits, &targets)?;
    if cfg.p != 1 && cfg.p != 2 {
        return Err(LossError::param(ID, "p", "1 or 2", format!("{}", cfg.p)));
    }
    numerics::finite_param(ID, "margin", cfg.margin)?;
    let [n, c] = logits.dims();
    let hot = one_hot(&logits, targets.clone());
    let x_y = (logits.clone() * hot.clone()).sum_dim(1);
    let mut h = (logits.clone() - x_y).add_scalar(cfg.margin).clamp_min(0.0);
    if cfg.p == 2 {
        h = h.square();
    }
    let mut per = (h * hot.neg().add_scalar(1.0)).sum_dim(1).reshape([n]);
    if let Some(w) = &cfg.weight {
        numerics::class_weights(ID, "weight", w, c)?;
        per = per * numerics::tensor_like(&logits, w.clone(), [c]).select(0, targets);
    }
    Ok(reduce(per.mul_scalar(1.0 / (c as f64)), cfg.reduction))
}

/// Crammer–Singer margin `x_y - max_{j != y} x_j`, `[N]`.
fn crammer_singer_margin(logits: Tensor<2>, targets: Tensor<1, Int>) -> Tensor<1> {
    let n = logits.dims()[0];
    let hot = one_hot(&logits, targets);
    let x_y = (logits.clone() * hot.clone()).sum_dim(1).reshape([n]);
    let others = logits.mask_fill(hot.equal_elem(1.0), f64::NEG_INFINITY).max_dim(1).reshape([n]);
    x_y - others
}

/// optax `multiclass_hinge_loss`: `max_j(x_j + [j != y]) - x_y` per example.
pub fn multiclass_hinge_optax(logits: Tensor<2>, targets: Tensor<1, Int>) -> Result<LossTensor, LossError> {
    check_labels(&logits, &targets)?;
    let n = logits.dims()[0];
    let hot = one_hot(&logits, targets);
    let x_y = (logits.clone() * hot.clone()).sum_dim(1).reshape([n]);
    let top = (logits + hot.neg().add_scalar(1.0)).max_dim(1).reshape([n]);
    Ok(LossTensor::elements(top - x_y))
}

/// Binary hinge `max(0, 1 - y x)` elementwise, `y` in {-1, 1}.
pub fn binary_hinge<const D: usize>(logits: Tensor<D>, targets: Tensor<D>) -> Result<Tensor<D>, LossError> {
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &logits.dims())?;
    let vals = numerics::host_f64(&targets);
    if let Some(v) = vals.iter().find(|v| **v != 1.0 && **v != -1.0) {
        return Err(LossError::value(ID, "targets", "labels in {-1, 1}", format!("{v}")));
    }
    Ok((logits * targets).neg().add_scalar(1.0).clamp_min(0.0))
}

fn weighted_mean(per: Tensor<1>, w: Option<Tensor<1>>) -> Result<LossTensor, LossError> {
    Ok(match w {
        None => LossTensor::scalar(per.mean()),
        Some(w) => {
            numerics::same_shape(ID, "weights", &w.dims(), "the batch", &per.dims())?;
            LossTensor::scalar((per * w.clone()).sum() / w.sum())
        }
    })
}

/// torchmetrics' input formatting: scores outside [0, 1] become probabilities.
fn tm_probabilities<const D: usize>(x: Tensor<D>, softmax_dim: Option<usize>) -> Tensor<D> {
    let vals = numerics::host_f64(&x);
    if vals.iter().all(|v| (0.0..=1.0).contains(v)) {
        return x;
    }
    match softmax_dim {
        Some(d) => numerics::softmax(x, d),
        None => numerics::sigmoid(x),
    }
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let two_d = c.shape("logits")?.len() == 2;
    let form = c.form().unwrap_or(if two_d { "multi-margin" } else { "optax-binary" });
    match form {
        "multi-margin" => {
            let cfg = MultiMarginConfig { p: c.i64("p", 1)?, margin: c.f64("margin", 1.0)?, weight: c.f64_list_opt("weight")?, reduction: c.reduction(Reduction::Mean)? };
            multi_margin(c.float::<2>("logits")?, c.int::<1>("targets")?, &cfg)
        }
        "optax-multiclass" => {
            let _ = c.reduction(Reduction::None)?;
            multiclass_hinge_optax(c.float::<2>("logits")?, c.int::<1>("targets")?)
        }
        "optax-binary" => {
            let _ = c.reduction(Reduction::None)?;
            let rank = c.shape("logits")?.len();
            crate::eval::by_rank!(c, "logits", rank, |R| Ok(LossTensor::elements(binary_hinge(c.float::<R>("logits")?, c.float::<R>("targets")?)?)))
        }
        "sklearn-binary" => {
            let d = c.float::<1>("logits")?;
            let raw = c.int_values("targets")?;
            let mut labels = match c.i64_list_opt("labels")? {
                Some(l) => l,
                None => raw.to_vec(),
            };
            labels.sort();
            labels.dedup();
            if labels.len() > 2 {
                return Err(LossError::value(ID, "targets", "two labels for decision values of shape [N]", format!("{} labels", labels.len())));
            }
            let pos = *labels.last().ok_or_else(|| LossError::empty(ID, "targets", "at least one label"))?;
            let y: Vec<f64> = raw.iter().map(|&t| if labels.len() == 2 && t == pos { 1.0 } else { -1.0 }).collect();
            let n = y.len();
            numerics::same_shape(ID, "targets", &[n], "logits", &d.dims())?;
            let y = numerics::tensor_like(&d, y, [n]);
            let per = binary_hinge(d, y)?;
            weighted_mean(per, c.float_opt::<1>("weights")?)
        }
        "sklearn-multiclass" => {
            let d = c.float::<2>("logits")?;
            let raw = c.int_values("targets")?;
            let cols = d.dims()[1];
            let labels = c.i64_list_opt("labels")?.unwrap_or_else(|| (0..cols as i64).collect());
            if labels.len() != cols {
                return Err(LossError::shape(ID, "logits", format!("{} columns (one per label)", labels.len()), format!("{cols}")));
            }
            let mapped: Vec<i64> = raw
                .iter()
                .map(|y| labels.iter().position(|l| l == y).map(|p| p as i64).ok_or_else(|| LossError::value(ID, "targets", format!("labels among {labels:?}"), format!("{y}"))))
                .collect::<Result<_, _>>()?;
            let n = mapped.len();
            let t = numerics::ints_like(&d, mapped, [n]);
            check_labels(&d, &t)?;
            let per = crammer_singer_margin(d, t).neg().add_scalar(1.0).clamp_min(0.0);
            weighted_mean(per, c.float_opt::<1>("weights")?)
        }
        "torchmetrics-binary" => {
            let squared = c.bool("squared", false)?;
            let p = tm_probabilities(c.float::<1>("logits")?, None);
            let t = c.int::<1>("targets")?;
            numerics::same_shape(ID, "targets", &t.dims(), "logits", &p.dims())?;
            let tv = numerics::host_i64(&t);
            if let Some(v) = tv.iter().find(|v| **v != 0 && **v != 1) {
                return Err(LossError::value(ID, "targets", "labels in {0, 1}", format!("{v}")));
            }
            let y = numerics::int_to_float(t, &p).mul_scalar(2.0).sub_scalar(1.0);
            let mut m = (p * y).neg().add_scalar(1.0).clamp_min(0.0);
            if squared {
                m = m.square();
            }
            Ok(LossTensor::scalar(m.mean()))
        }
        "torchmetrics-multiclass" => {
            let squared = c.bool("squared", false)?;
            let mode = c.str("multiclass_mode", "crammer-singer")?;
            let x = c.float::<2>("logits")?;
            let [n, cols] = x.dims();
            if let Some(k) = c.i64_opt("num_classes")?
                && k != cols as i64
            {
                return Err(LossError::shape(ID, "logits", format!("{k} columns (num_classes)"), format!("{cols}")));
            }
            let t = c.int::<1>("targets")?;
            check_labels(&x, &t)?;
            let p = tm_probabilities(x, Some(1));
            let mut m = match mode {
                "crammer-singer" => crammer_singer_margin(p, t).neg().add_scalar(1.0).clamp_min(0.0).reshape([n, 1]),
                "one-vs-all" => {
                    let y = one_hot(&p, t).mul_scalar(2.0).sub_scalar(1.0);
                    (p * y).neg().add_scalar(1.0).clamp_min(0.0)
                }
                other => return Err(LossError::param(ID, "multiclass_mode", "crammer-singer or one-vs-all", format!("{other:?}"))),
            };
            if squared {
                m = m.square();
            }
            let per_class = m.mean_dim(0);
            Ok(if mode == "crammer-singer" { LossTensor::scalar(per_class) } else { LossTensor::with_shape(per_class, vec![cols]) })
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
    fn value_is_the_formula() {
        // x = (1, 0.5, 0), y = 0, margin 1, p = 1: (max(0, 0.5) + max(0, 0)) / 3 = 1/6.
        let x = inputs(vec![("logits", f(&[1, 3], &[1.0, 0.5, 0.0])), ("targets", i(&[1], &[0]))]);
        let ev = eval64(ID, Some("multi-margin"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.5 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn gradients_away_from_the_kinks() {
        let x = inputs(vec![("logits", randn(&[5, 4], 3, 2.0)), ("targets", i(&[5], &[0, 1, 2, 3, 1]))]);
        assert_gradcheck(ID, Some("multi-margin"), &params(json!({"p": 2, "margin": 0.7, "weight": [1.0, 2.0, 0.5, 1.5]})), &x);
        assert_gradcheck(ID, Some("optax-multiclass"), &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = inputs(vec![("logits", randn(&[2, 3], 3, 1.0)), ("targets", i(&[2], &[0, 3]))]);
        assert_error(ID, Some("multi-margin"), &params(json!({})), &x, ErrorKind::Value);
        let x = inputs(vec![("logits", randn(&[2, 3], 3, 1.0)), ("targets", i(&[2], &[0, 1]))]);
        assert_error(ID, Some("multi-margin"), &params(json!({"p": 3})), &x, ErrorKind::Param);
        assert_error(ID, Some("multi-margin"), &params(json!({"margin": "nan"})), &x, ErrorKind::Param);
        let x = inputs(vec![("logits", randn(&[3], 3, 1.0)), ("targets", f(&[3], &[1.0, 0.0, -1.0]))]);
        assert_error(ID, Some("optax-binary"), &params(json!({})), &x, ErrorKind::Value);
    }
}
