//! Ranking softmax loss: cross-entropy between the softmax of item scores and the (unnormalized)
//! relevance labels of a list.

use burn::tensor::{Bool, Tensor, TensorData};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "ranking-softmax";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Ranking Softmax Loss",
    aliases: &["Softmax Cross-Entropy for Ranking", "ListNet top-1 with relevance labels"],
    kind: Kind::Loss,
    domains: &["recommendation"],
    year: 2019,
    paper: Paper {
        title: "An Analysis of the Softmax Cross Entropy Loss for Learning-to-Rank with Binary Relevance",
        authors: "Bruch, S., Wang, X., Bendersky, M., Najork, M.",
        venue: "ICTIR",
        year: 2019,
        url: "",
    },
    summary: "Treats each list's scores as logits and the relevance labels as unnormalized target weights: minus the label-weighted sum of log-softmax scores. It is a listwise learning-to-rank loss that bounds NDCG and MRR for binary relevance, and is simple and strong in practice. optax does not normalize the labels, masks invalid items with a -inf logit and label 0, and leaves lists without valid items out of the mean.",
    formula: r"\ell(s, y) = -\sum_{i} w_i\,y_i \log\frac{e^{s_i}}{\sum_{j} e^{s_j}}",
    inputs: &[
        Input { name: "logits", shape: "[..., L]", meaning: "scores of the L items of each list" },
        Input { name: "targets", shape: "[..., L]", meaning: "relevance labels" },
        Input { name: "weights", shape: "[..., L]", meaning: "optional per-item weights" },
        Input { name: "mask", shape: "[..., L]", meaning: "optional valid items (optax's where; the name `where` is accepted too)" },
    ],
    params: &[
        Param { name: "reduce_fn", symbol: "", default: Value::Str("mean"), range: Range::Choice { values: &["mean", "sum", "none"] }, meaning: "reduction over lists (optax reduce_fn)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "optax.losses.ranking_softmax_loss",
    ],
    related: &["listnet", "listmle", "cross-entropy", "bpr"],
    forms: &[
        Form { name: "default", description: "optax.losses.ranking_softmax_loss(logits, labels, where, weights, reduce_fn=mean)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "score of the relevant item (two other items at 0)", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("logits", HostTensor::from_f64(vec![1, 3], vec![x, 0.0, 0.0])), ("targets", HostTensor::from_f64(vec![1, 3], vec![1.0, 0.0, 0.0]))],
        wrt: "logits",
        index: 0,
    }
}

/// `optax.losses.ranking_softmax_loss` on lists flattened to rows `[R, L]`. `weights` multiply
/// the labels; `mask` marks valid items (host, row-major); `reduction` is optax's `reduce_fn`
/// (mean over lists with at least one valid item, 0 when there is none; sum; none = one value
/// per list, 0 for lists without valid items).
pub fn ranking_softmax(logits: Tensor<2>, targets: Tensor<2>, weights: Option<Tensor<2>>, mask: Option<&[bool]>, reduction: Reduction) -> Result<LossTensor, LossError> {
    let [r, l] = logits.dims();
    numerics::non_empty(ID, "logits", &[r, l])?;
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &[r, l])?;
    if let Some(w) = &weights {
        numerics::same_shape(ID, "weights", &w.dims(), "logits", &[r, l])?;
    }
    if let Some(m) = mask {
        if m.len() != r * l {
            return Err(LossError::shape(ID, "mask", format!("{} values (the logits' shape)", r * l), format!("{}", m.len())));
        }
    }
    let valid: Vec<bool> = mask.map(|m| m.to_vec()).unwrap_or_else(|| vec![true; r * l]);
    let row_valid: Vec<bool> = valid.chunks(l).map(|c| c.iter().any(|v| *v)).collect();
    let device = logits.device();
    let bools = |v: Vec<bool>| Tensor::<2, Bool>::from_data(TensorData::new(v, [r, l]), &device);
    // Invalid items get logit -inf (optax); rows with no valid item get 0 instead so that no
    // NaN appears (they are left out of every reduction anyway).
    let to_ninf: Vec<bool> = valid.iter().enumerate().map(|(k, v)| !v && row_valid[k / l]).collect();
    let to_zero: Vec<bool> = valid.iter().enumerate().map(|(k, v)| !v && !row_valid[k / l]).collect();
    let invalid = bools(valid.iter().map(|v| !v).collect());
    let x = logits.mask_fill(bools(to_ninf), f64::NEG_INFINITY).mask_fill(bools(to_zero), 0.0);
    let labels = match weights {
        Some(w) => targets * w,
        None => targets,
    };
    let logsm = numerics::log_softmax(x, 1).mask_fill(invalid.clone(), 0.0);
    let per = (labels.mask_fill(invalid, 0.0) * logsm).sum_dim(1).reshape([r]).neg();
    let kept = row_valid.iter().filter(|v| **v).count();
    let keep = numerics::tensor_like(&per, row_valid.iter().map(|v| if *v { 1.0 } else { 0.0 }).collect(), [r]);
    Ok(match reduction {
        Reduction::Mean if kept == 0 => LossTensor::scalar((per * keep).sum()),
        Reduction::Mean => LossTensor::scalar((per * keep).sum().mul_scalar(1.0 / kept as f64)),
        Reduction::Sum => LossTensor::scalar((per * keep).sum()),
        Reduction::None => LossTensor::elements(per * keep),
    })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if !matches!(c.form(), None | Some("default")) {
        return Err(c.unknown_form(&["default"]));
    }
    let reduction = match c.str("reduce_fn", "mean")? {
        "mean" => Reduction::Mean,
        "sum" => Reduction::Sum,
        "none" => Reduction::None,
        other => return Err(LossError::param(ID, "reduce_fn", "mean, sum or none", format!("{other:?}"))),
    };
    let shape = numerics::inputs::check_float(c, "logits")?;
    if shape.is_empty() {
        return Err(LossError::shape(ID, "logits", "shape [..., L]", fmt_shape(&shape)));
    }
    let l = shape[shape.len() - 1];
    let r: usize = shape[..shape.len() - 1].iter().product();
    for name in ["targets", "weights"] {
        if c.has(name) {
            numerics::same_shape(ID, name, c.shape(name)?, "logits", &shape)?;
        }
    }
    let logits = c.float_reshaped::<2>("logits", [r, l])?;
    let targets = c.float_reshaped::<2>("targets", [r, l])?;
    let weights = if c.has("weights") { Some(c.float_reshaped::<2>("weights", [r, l])?) } else { let _ = c.host_opt("weights"); None };
    let mask_name = if c.has("where") { "where" } else { "mask" };
    let mask = match c.host_opt(mask_name) {
        Some(m) => {
            numerics::same_shape(ID, mask_name, &m.shape, "logits", &shape)?;
            Some(m.as_f64().iter().map(|v| *v != 0.0).collect::<Vec<bool>>())
        }
        None => None,
    };
    let _ = c.host_opt(if mask_name == "where" { "mask" } else { "where" });
    let out = ranking_softmax(logits, targets, weights, mask.as_deref(), reduction)?;
    Ok(if reduction == Reduction::None { LossTensor { value: out.value, shape: shape[..shape.len() - 1].to_vec() } } else { out })
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
    fn optax_docstring_values() {
        // optax's docstring: scores [2, 1, 3], labels [1, 0, 0] -> 1.408, grads [-0.755, 0.09, 0.665].
        let xs = inputs(vec![("logits", f(&[3], &[2.0, 1.0, 3.0])), ("targets", f(&[3], &[1.0, 0.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &xs);
        assert!((ev.loss.floats[0] - 1.408).abs() < 5e-4);
        let g = &ev.grads["logits"].floats;
        assert!((g[0] + 0.755).abs() < 5e-4 && (g[1] - 0.09).abs() < 5e-3 && (g[2] - 0.665).abs() < 5e-4, "{g:?}");
        // With where [[T, T, F], [T, T, T]]: 0.497.
        let xs = inputs(vec![
            ("logits", f(&[2, 3], &[2.0, 1.0, 0.0, 1.0, 0.5, 1.5])),
            ("targets", f(&[2, 3], &[1.0, 0.0, 0.0, 0.0, 0.0, 1.0])),
            ("mask", i(&[2, 3], &[1, 1, 0, 1, 1, 1])),
        ]);
        assert!((eval64(ID, None, &params(json!({})), &xs).loss.floats[0] - 0.497).abs() < 5e-4);
    }

    #[test]
    fn value_is_the_formula() {
        // Two items with equal scores, labels (2, 1), weights (1, 3): -(2 + 3) log(1/2) = 5 ln 2.
        let xs = inputs(vec![("logits", f(&[1, 2], &[0.3, 0.3])), ("targets", f(&[1, 2], &[2.0, 1.0])), ("weights", f(&[1, 2], &[1.0, 3.0]))]);
        let ev = eval64(ID, None, &params(json!({"reduce_fn": "none"})), &xs);
        assert_eq!(ev.loss.shape, vec![1]);
        assert!((ev.loss.floats[0] - 5.0 * 2f64.ln()).abs() < 1e-14);
        // A list without valid items is left out of the mean and is 0 unreduced.
        let xs = inputs(vec![("logits", f(&[2, 2], &[0.3, 0.3, 1.0, 2.0])), ("targets", f(&[2, 2], &[1.0, 0.0, 1.0, 1.0])), ("mask", i(&[2, 2], &[1, 1, 0, 0]))]);
        let ev = eval64(ID, None, &params(json!({})), &xs);
        assert!((ev.loss.floats[0] - 2f64.ln()).abs() < 1e-14);
        assert_eq!(&ev.grads["logits"].floats[2..], &[0.0, 0.0]);
        assert_eq!(eval64(ID, None, &params(json!({"reduce_fn": "none"})), &xs).loss.floats[1], 0.0);
        // Every item masked: mean 0 (optax's safe reduce).
        let none = inputs(vec![("logits", f(&[1, 2], &[0.3, 0.3])), ("targets", f(&[1, 2], &[1.0, 0.0])), ("mask", i(&[1, 2], &[0, 0]))]);
        assert_eq!(assert_finite(ID, None, &params(json!({})), &none).loss.floats, vec![0.0]);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let xs = inputs(vec![("logits", randn(&[3, 5], 61, 2.0)), ("targets", uniform(&[3, 5], 62, 0.0, 3.0)), ("weights", uniform(&[3, 5], 63, 0.5, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &xs);
        let mut masked = xs.clone();
        masked.insert("mask".into(), i(&[3, 5], &[1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]));
        assert_gradcheck(ID, None, &params(json!({"reduce_fn": "sum"})), &masked);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let xs = inputs(vec![("logits", f(&[2, 3], &[1e4, -1e4, 0.0, 1e2, 1e-12, -1e2])), ("targets", f(&[2, 3], &[0.0, 1.0, 2.0, 1.0, 1.0, 0.0]))]);
        assert_finite(ID, None, &params(json!({})), &xs);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let (lg, tg) = (randn(&[2, 3], 1, 1.0), uniform(&[2, 3], 2, 0.0, 1.0));
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("logits", lg.clone()), ("targets", f(&[2, 2], &[0.0; 4]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", lg.clone()), ("targets", tg.clone()), ("mask", i(&[3, 2], &[1; 6]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", i(&[2, 3], &[0; 6])), ("targets", tg.clone())]), ErrorKind::DType);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[2, 0], &[])), ("targets", f(&[2, 0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"reduce_fn": "max"})), &inputs(vec![("logits", lg), ("targets", tg)]), ErrorKind::Param);
    }
}
