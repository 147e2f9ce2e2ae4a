//! Perceptron loss: zero when the prediction is on the correct side, otherwise the amount by
//! which it is on the wrong side. Minimizing it by stochastic (sub)gradient steps is the
//! perceptron algorithm; unlike the hinge loss it has no margin.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "perceptron";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Perceptron Loss",
    aliases: &["Perceptron Criterion", "Multiclass Perceptron Loss"],
    kind: Kind::Loss,
    domains: &["classification"],
    year: 1958,
    paper: Paper {
        title: "The Perceptron: A Probabilistic Model for Information Storage and Organization in the Brain",
        authors: "Rosenblatt, F.",
        venue: "Psychological Review",
        year: 1958,
        url: "https://doi.org/10.1037/h0042519",
    },
    summary: "Binary: max(0, -y x) for labels y in {-1, 1}, zero whenever the score has the right sign; multiclass: max_j x_j - x_y, zero when the true class scores highest (Collins' structured perceptron uses the same criterion). Its subgradient updates are the perceptron algorithm. With no margin, any separating solution (including the trivial zero scores) has zero loss, so it is rarely used to train deep networks; the hinge loss adds the margin.",
    formula: r"\ell_{\text{bin}} = \max(0, -y\,x),\ y \in \{-1, 1\};\qquad \ell_{\text{multi}} = \max_{j} x_j - x_y",
    inputs: &[
        Input { name: "logits", shape: "[*] (binary) or [N, C] (multiclass)", meaning: "scores" },
        Input { name: "targets", shape: "logits' shape, in {-1, 1} (binary) or [N] (i64, multiclass)", meaning: "signed labels or class indices" },
    ],
    params: &[Param { name: "reduction", symbol: "", default: Value::Str("none"), range: Range::Choice { values: &["none"] }, meaning: "optax returns per-element (binary) or per-example (multiclass) values" }],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["optax.losses.perceptron_loss", "optax.losses.multiclass_perceptron_loss", "sklearn.linear_model.SGDClassifier(loss=\"perceptron\")"],
    related: &["hinge", "zero-one", "sparsemax", "cross-entropy"],
    forms: &[
        Form { name: "binary", description: "optax perceptron_loss(logits, targets): max(0, -targets * logits) elementwise, shapes must match; at a tie (0) the gradient is split half-half as jax's maximum does." },
        Form { name: "multiclass", description: "optax multiclass_perceptron_loss(scores, labels): max over the last axis minus the labelled score (through a one-hot dot product, so a label outside [0, C) scores 0); the gradient of the max is shared evenly among tied maxima, as jax does." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// optax `perceptron_loss`: `max(0, -targets * logits)` elementwise.
pub fn perceptron_loss<const D: usize>(logits: Tensor<D>, targets: Tensor<D>) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &logits.dims())?;
    numerics::non_empty(ID, "logits", &logits.dims())?;
    let v = (logits * targets).neg();
    // jnp.maximum(0, v) splits the gradient at v = 0: value 0, slope 1/2 there.
    let tie = v.clone().equal_elem(0.0);
    Ok(LossTensor::elements(v.clone().clamp_min(0.0).mask_where(tie, v.mul_scalar(0.5))))
}

/// optax `multiclass_perceptron_loss`: `max_j x_j - x_y` per row of `[N, C]`.
pub fn multiclass_perceptron_loss(logits: Tensor<2>, targets: Tensor<1, Int>) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of logits", &[n])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    // The max as a weighted sum with (detached) weights 1/k on the k tied maxima: the value is
    // the max and the gradient is shared evenly, as jax's reduce-max derivative.
    let at_max = logits.clone().detach().equal(logits.clone().detach().max_dim(1).repeat_dim(1, c));
    let at_max = numerics::mask_to_float(at_max, &logits);
    let weights = at_max.clone() / at_max.sum_dim(1);
    let max = (logits.clone() * weights).sum_dim(1).reshape([n]);
    // jax.nn.one_hot: a label outside [0, C) is an all-zero row, so its score counts as 0.
    let y = numerics::focal::one_hot(targets, c, &logits);
    let picked = (logits * y).sum_dim(1).reshape([n]);
    Ok(LossTensor::elements(max - picked))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.reduction(Reduction::None)? != Reduction::None {
        return Err(LossError::param(ID, "reduction", "none (optax returns unreduced values)", "another reduction"));
    }
    match c.form().unwrap_or("binary") {
        "binary" => {
            let rank = c.shape("logits")?.len();
            if c.shape("targets")?.len() != rank {
                return Err(LossError::shape(ID, "targets", format!("the logits' shape {}", fmt_shape(c.shape("logits")?)), fmt_shape(c.shape("targets")?)));
            }
            by_rank!(c, "logits", rank, |R| perceptron_loss(c.float::<R>("logits")?, c.float::<R>("targets")?))
        }
        "multiclass" => multiclass_perceptron_loss(c.float::<2>("logits")?, c.int::<1>("targets")?),
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
        let b = inputs(vec![("logits", f(&[5], &[0.7, -1.2, 0.3, 2.0, -0.4])), ("targets", f(&[5], &[1.0, 1.0, -1.0, -1.0, 1.0]))]);
        assert_gradcheck(ID, Some("binary"), &params(json!({})), &b);
        let m = inputs(vec![("logits", randn(&[4, 3], 181, 1.0)), ("targets", i(&[4], &[0, 1, 2, 1]))]);
        assert_gradcheck(ID, Some("multiclass"), &params(json!({})), &m);
    }

    #[test]
    fn value_is_the_formula() {
        let b = inputs(vec![("logits", f(&[3], &[0.5, -2.0, 0.0])), ("targets", f(&[3], &[1.0, 1.0, -1.0]))]);
        let ev = eval64(ID, Some("binary"), &params(json!({})), &b);
        assert_eq!(ev.loss.floats, vec![0.0, 2.0, 0.0]);
        // At the tie the slope is 1/2 (jax): d/dx max(0, x) at x = 0 with y = -1.
        assert_eq!(ev.grads["logits"].floats[2], 0.5);
        let m = inputs(vec![("logits", f(&[2, 3], &[1.0, 3.0, 3.0, 0.5, -1.0, 2.0])), ("targets", i(&[2], &[0, 2]))]);
        let ev = eval64(ID, Some("multiclass"), &params(json!({})), &m);
        assert_eq!(ev.loss.floats, vec![2.0, 0.0]);
        // Tied maxima share the gradient.
        assert_eq!(&ev.grads["logits"].floats[..3], &[-1.0, 0.5, 0.5]);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let b = inputs(vec![("logits", f(&[2], &[s, -s])), ("targets", f(&[2], &[-1.0, -1.0]))]);
            assert_eq!(assert_finite(ID, Some("binary"), &params(json!({})), &b).loss.floats[0], s);
            let m = inputs(vec![("logits", f(&[1, 2], &[s, -s])), ("targets", i(&[1], &[1]))]);
            assert_finite(ID, Some("multiclass"), &params(json!({})), &m);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, Some("binary"), &p, &inputs(vec![("logits", f(&[3], &[0.0; 3])), ("targets", f(&[2], &[1.0, -1.0]))]), ErrorKind::Shape);
        assert_error(ID, Some("multiclass"), &p, &inputs(vec![("logits", f(&[2, 3], &[0.0; 6])), ("targets", i(&[3], &[0, 1, 2]))]), ErrorKind::Shape);
        assert_error(ID, Some("multiclass"), &p, &inputs(vec![("logits", f(&[2, 3], &[0.0; 6])), ("targets", f(&[2], &[0.0, 1.0]))]), ErrorKind::DType);
        assert_error(ID, Some("binary"), &params(json!({"reduction": "mean"})), &inputs(vec![("logits", f(&[2], &[0.0; 2])), ("targets", f(&[2], &[1.0, -1.0]))]), ErrorKind::Param);
        assert_error(ID, Some("binary"), &p, &inputs(vec![("logits", f(&[0], &[])), ("targets", f(&[0], &[]))]), ErrorKind::Empty);
    }
}
