//! Brier score: the mean squared difference between predicted class probabilities and the
//! one-hot outcome. A strictly proper scoring rule, used both to evaluate calibration and as a
//! bounded training loss; computed here exactly as scikit-learn's `brier_score_loss`.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "brier-score";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Brier Score Loss",
    aliases: &["Brier Score", "Probability Score", "Quadratic Score"],
    kind: Kind::Loss,
    domains: &["calibration-fairness", "classification", "uncertainty"],
    year: 1950,
    paper: Paper {
        title: "Verification of Forecasts Expressed in Terms of Probability",
        authors: "Glenn W. Brier",
        venue: "Monthly Weather Review",
        year: 1950,
        url: "https://doi.org/10.1175/1520-0493(1950",
    },
    summary: "Averages the squared distance between the predicted probability vector and the one-hot outcome. It is a strictly proper scoring rule, bounded (at most 2 per sample, 1 in the binary form), and rewards both calibration and sharpness, so it is a standard calibration metric and a usable training loss when cross-entropy's unbounded penalties on confident mistakes are unwanted. As a loss it gives weak gradients to badly misclassified examples; scikit-learn halves the multiclass sum when there are at most two classes, so binary values lie in [0, 1].",
    formula: r"\mathrm{BS} = s \cdot \frac{\sum_i w_i \sum_{c} \big(p_{ic} - [y_i = c]\big)^2}{\sum_i w_i},\quad s = \begin{cases} \tfrac12 & C \le 2 \\ 1 & C > 2 \end{cases}",
    inputs: &[
        Input { name: "probs", shape: "[N] or [N, C]", meaning: "P(positive class) (binary form) or class probabilities (multiclass form), in [0, 1]" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "labels: any two values for the binary form, values of `labels` (or of the targets) for the multiclass form" },
        Input { name: "weights", shape: "[N]", meaning: "optional sample weights (scikit-learn's sample_weight)" },
    ],
    params: &[
        Param { name: "pos_label", symbol: "", default: Value::Null, range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "binary form: the positive label; by default 1 when targets are in {0, 1} or {-1, 1}, else the largest label" },
        Param { name: "labels", symbol: "", default: Value::Null, range: Range::Any, meaning: "multiclass form: all class labels; columns of probs follow their sorted order (default: the distinct targets)" },
        Param { name: "scale_by_half", symbol: "s", default: Value::Str("auto"), range: Range::Any, meaning: "\"auto\" (halve when there are at most two columns), true or false" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Probabilities,
    },
    equivalents: &["sklearn.metrics.brier_score_loss"],
    related: &["mse", "cross-entropy", "crps", "temperature-scaling", "platt-scaling"],
    forms: &[
        Form { name: "sklearn-binary", description: "scikit-learn with probs [N] (or [N, 1]) = P(pos_label): weighted mean of (p - [y = pos_label])^2 (the two-column sum halved); targets must take at most two values." },
        Form { name: "sklearn-multiclass", description: "scikit-learn with probs [N, C], C >= 2: weighted mean over samples of sum_c (p_c - onehot_c)^2, halved only when C = 2; columns follow the sorted `labels` (or the sorted distinct targets); a target outside `labels` gets an all-zero one-hot row (the first class when there are two columns and at most two distinct targets, as scikit-learn's label_binarize)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of scikit-learn's `brier_score_loss`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BrierScoreConfig {
    /// Binary form: the positive label (`None`: scikit-learn's rule).
    pub pos_label: Option<i64>,
    /// Multiclass form: all labels (`None`: the distinct targets).
    pub labels: Option<Vec<i64>>,
    /// `None` = "auto": halve when probs has at most two columns.
    pub scale_by_half: Option<bool>,
}

fn check_probs(vals: &[f64]) -> Result<(), LossError> {
    numerics::finite_values(ID, "probs", vals)?;
    if let Some(v) = vals.iter().copied().reduce(f64::max).filter(|v| *v > 1.0) {
        return Err(LossError::value(ID, "probs", "probabilities <= 1 (y_prob contains values greater than 1)", format!("{v}")));
    }
    if let Some(v) = vals.iter().copied().reduce(f64::min).filter(|v| *v < 0.0) {
        return Err(LossError::value(ID, "probs", "probabilities >= 0 (y_prob contains values less than 0)", format!("{v}")));
    }
    Ok(())
}

fn distinct(xs: &[i64]) -> Vec<i64> {
    let mut d = xs.to_vec();
    d.sort_unstable();
    d.dedup();
    d
}

/// Weighted (or plain) mean of per-sample squared errors `[N]`, scaled.
fn average(per: Tensor<1>, weights: Option<Tensor<1>>, scale: f64) -> Result<LossTensor, LossError> {
    let n = per.dims()[0];
    let v = match weights {
        Some(w) => {
            numerics::same_shape(ID, "weights", &w.dims(), "the batch", &[n])?;
            let wv = numerics::host_f64(&w);
            numerics::finite_values(ID, "weights", &wv)?;
            if wv.iter().sum::<f64>() == 0.0 {
                return Err(LossError::value(ID, "weights", "weights with a non-zero sum", "weights summing to zero"));
            }
            (per * w.clone()).sum() / w.sum()
        }
        None => per.mean(),
    };
    Ok(LossTensor::scalar(v.mul_scalar(scale)))
}

/// Binary form: `probs` `[N]` = P(positive), `targets` `[N]` labels taking at most two values.
pub fn brier_score_binary(probs: Tensor<1>, targets: &[i64], weights: Option<Tensor<1>>, cfg: &BrierScoreConfig) -> Result<LossTensor, LossError> {
    let [n] = probs.dims();
    numerics::same_shape(ID, "targets", &[targets.len()], "probs", &[n])?;
    numerics::non_empty(ID, "probs", &[n])?;
    let classes = distinct(targets);
    if classes.len() > 2 {
        return Err(LossError::value(ID, "targets", "binary targets (at most two distinct values) for probs of shape [N]", format!("{} distinct values", classes.len())));
    }
    check_probs(&numerics::host_f64(&probs))?;
    let pos = match cfg.pos_label {
        Some(p) => p,
        None => {
            let standard: [&[i64]; 5] = [&[0, 1], &[-1, 1], &[0], &[-1], &[1]];
            let standard = standard.iter().any(|s| classes.as_slice() == *s);
            if standard { 1 } else { *classes.last().expect("non-empty") }
        }
    };
    let y: Vec<f64> = targets.iter().map(|&t| if t == pos { 1.0 } else { 0.0 }).collect();
    let y = numerics::tensor_like(&probs, y, [n]);
    // scikit-learn sums over the two columns (1 - p, p): 2 (p - y)^2, then halves by default.
    let per = (probs - y).powi_scalar(2).mul_scalar(2.0);
    average(per, weights, if cfg.scale_by_half.unwrap_or(true) { 0.5 } else { 1.0 })
}

/// Multiclass form: `probs` `[N, C]`, `targets` `[N]` labels.
pub fn brier_score_multiclass(probs: Tensor<2>, targets: &[i64], weights: Option<Tensor<1>>, cfg: &BrierScoreConfig) -> Result<LossTensor, LossError> {
    let [n, c] = probs.dims();
    numerics::same_shape(ID, "targets", &[targets.len()], "the batch of probs", &[n])?;
    numerics::non_empty(ID, "probs", &[n, c])?;
    check_probs(&numerics::host_f64(&probs))?;
    let classes = match &cfg.labels {
        Some(l) => distinct(l),
        None => distinct(targets),
    };
    if classes.len() < 2 {
        let what = if cfg.labels.is_some() { "labels with at least two values" } else { "targets with at least two distinct labels (or pass `labels`)" };
        return Err(LossError::value(ID, if cfg.labels.is_some() { "labels" } else { "targets" }, what, format!("{classes:?}")));
    }
    if classes.len() != c {
        return Err(LossError::shape(ID, "probs", format!("{} columns, one per class {:?}", classes.len(), classes), fmt_shape(&[n, c])));
    }
    // scikit-learn's label_binarize: two classes and at most two distinct targets give one
    // indicator column of the second class, expanded to (1 - y, y); otherwise one-hot rows,
    // all zero for a target that is not a class.
    let binary_targets = distinct(targets).len() <= 2;
    let mut onehot = vec![0.0; n * c];
    for (i, t) in targets.iter().enumerate() {
        match classes.iter().position(|k| k == t) {
            Some(k) => onehot[i * c + k] = 1.0,
            None if c == 2 && binary_targets => onehot[i * c] = 1.0,
            None => {}
        }
    }
    let y = numerics::tensor_like(&probs, onehot, [n, c]);
    let per = (probs - y).powi_scalar(2).sum_dim(1).reshape([n]);
    average(per, weights, if cfg.scale_by_half.unwrap_or(c <= 2) { 0.5 } else { 1.0 })
}

fn config(c: &Call) -> Result<BrierScoreConfig, LossError> {
    let scale_by_half = match c.json("scale_by_half") {
        None => None,
        Some(serde_json::Value::Bool(b)) => Some(*b),
        Some(serde_json::Value::String(s)) if s == "auto" => None,
        Some(v) => return Err(LossError::param(ID, "scale_by_half", "\"auto\", true or false", v.to_string())),
    };
    Ok(BrierScoreConfig { pos_label: c.i64_opt("pos_label")?, labels: c.i64_list_opt("labels")?, scale_by_half })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("sklearn-binary") | Some("sklearn-multiclass") => {}
        Some(_) => return Err(c.unknown_form(&ENTRY.forms.iter().map(|f| f.name).collect::<Vec<_>>())),
    }
    let cfg = config(c)?;
    let targets = c.int_values("targets")?.to_vec();
    if c.shape("targets")?.len() != 1 {
        return Err(LossError::shape(ID, "targets", "shape [N]", fmt_shape(c.shape("targets")?)));
    }
    let weights = c.float_opt::<1>("weights")?;
    // Like scikit-learn, the shape of probs decides the form.
    let shape = c.shape("probs")?.to_vec();
    match shape.as_slice() {
        [_] => brier_score_binary(c.float::<1>("probs")?, &targets, weights, &cfg),
        [n, 1] => brier_score_binary(c.float_reshaped::<1>("probs", [*n])?, &targets, weights, &cfg),
        [_, _] => brier_score_multiclass(c.float::<2>("probs")?, &targets, weights, &cfg),
        _ => Err(LossError::shape(ID, "probs", "shape [N] or [N, C]", fmt_shape(&shape))),
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
        let x = inputs(vec![("probs", uniform(&[6], 1, 0.05, 0.95)), ("targets", i(&[6], &[0, 1, 1, 0, 1, 0])), ("weights", uniform(&[6], 2, 0.5, 2.0))]);
        assert_gradcheck(ID, Some("sklearn-binary"), &params(json!({})), &x);
        let x = inputs(vec![("probs", uniform(&[5, 4], 3, 0.05, 0.95)), ("targets", i(&[5], &[3, 1, 0, 2, 1]))]);
        assert_gradcheck(ID, Some("sklearn-multiclass"), &params(json!({"labels": [0, 1, 2, 3]})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // Binary: p = (0.2, 0.9), y = (0, 1): ((0.2)^2 + (0.1)^2) / 2 = 0.025.
        let x = inputs(vec![("probs", f(&[2], &[0.2, 0.9])), ("targets", i(&[2], &[0, 1]))]);
        let ev = eval64(ID, Some("sklearn-binary"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.025).abs() < 1e-15);
        // Not halved: 0.05. Labels {2, 7}: pos_label defaults to the larger one (7).
        let ev = eval64(ID, None, &params(json!({"scale_by_half": false})), &x);
        assert!((ev.loss.floats[0] - 0.05).abs() < 1e-15);
        let x7 = inputs(vec![("probs", f(&[2], &[0.2, 0.9])), ("targets", i(&[2], &[2, 7]))]);
        assert!((eval64(ID, None, &params(json!({})), &x7).loss.floats[0] - 0.025).abs() < 1e-15);
        // Multiclass, 3 classes, not halved: rows (0.5, 0.3, 0.2) y=0 and (0, 0, 1) y=2:
        // (0.25 + 0.09 + 0.04 + 0) / 2 = 0.19. Weights (1, 3): 0.38 / 4 = 0.095.
        let x = inputs(vec![("probs", f(&[2, 3], &[0.5, 0.3, 0.2, 0.0, 0.0, 1.0])), ("targets", i(&[2], &[0, 2]))]);
        assert!((eval64(ID, Some("sklearn-multiclass"), &params(json!({"labels": [0, 1, 2]})), &x).loss.floats[0] - 0.19).abs() < 1e-15);
        let mut xw = x.clone();
        xw.insert("weights".into(), f(&[2], &[1.0, 3.0]));
        assert!((eval64(ID, Some("sklearn-multiclass"), &params(json!({"labels": [0, 1, 2]})), &xw).loss.floats[0] - 0.095).abs() < 1e-15);
    }

    #[test]
    fn finite_at_probability_edges() {
        let x = inputs(vec![("probs", f(&[4], &[0.0, 1.0, 1.0, 0.0])), ("targets", i(&[4], &[0, 1, 0, 1]))]);
        let ev = assert_finite(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.5).abs() < 1e-15);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let bin = |probs: crate::eval::HostTensor, t: crate::eval::HostTensor| inputs(vec![("probs", probs), ("targets", t)]);
        assert_error(ID, None, &p, &bin(f(&[2], &[0.2, 1.2]), i(&[2], &[0, 1])), ErrorKind::Value);
        assert_error(ID, None, &p, &bin(f(&[2], &[-0.2, 0.2]), i(&[2], &[0, 1])), ErrorKind::Value);
        assert_error(ID, None, &p, &bin(f(&[3], &[0.2, 0.3, 0.4]), i(&[3], &[0, 1, 2])), ErrorKind::Value);
        assert_error(ID, None, &p, &bin(f(&[3], &[0.2, 0.3, 0.4]), i(&[2], &[0, 1])), ErrorKind::Shape);
        assert_error(ID, None, &p, &bin(f(&[2], &[0.2, 0.3]), f(&[2], &[0.0, 1.0])), ErrorKind::DType);
        assert_error(ID, None, &p, &bin(f(&[0], &[]), i(&[0], &[])), ErrorKind::Empty);
        // Multiclass: class count mismatch, a single label, zero weights.
        let m = f(&[2, 3], &[0.5, 0.3, 0.2, 0.0, 0.0, 1.0]);
        assert_error(ID, None, &params(json!({"labels": [0, 1]})), &bin(m.clone(), i(&[2], &[0, 1])), ErrorKind::Shape);
        assert_error(ID, None, &p, &bin(m.clone(), i(&[2], &[1, 1])), ErrorKind::Value);
        let mut w = bin(m, i(&[2], &[0, 2]));
        w.insert("weights".into(), f(&[2], &[0.0, 0.0]));
        assert_error(ID, None, &params(json!({"labels": [0, 1, 2]})), &w, ErrorKind::Value);
        assert_error(ID, None, &params(json!({"scale_by_half": "yes"})), &bin(f(&[2], &[0.2, 0.3]), i(&[2], &[0, 1])), ErrorKind::Param);
    }
}
