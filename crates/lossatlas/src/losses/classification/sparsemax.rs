//! Sparsemax loss: the Fenchel-Young loss of sparsemax, the Euclidean projection of the scores
//! onto the probability simplex. Like cross-entropy it is convex and classification-calibrated,
//! but its predicted distributions are sparse (exact zeros) and the loss is exactly zero once
//! the true class wins by a margin of 1.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::simplex::{EntmaxReduction, entmax_reduce, fenchel_young, sparsemax};
use crate::numerics::{self, LossTensor};

const ID: &str = "sparsemax";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Sparsemax Loss",
    aliases: &["Sparsemax", "Multiclass Sparsemax Loss"],
    kind: Kind::Loss,
    domains: &["classification", "language-modeling"],
    year: 2016,
    paper: Paper {
        title: "From Softmax to Sparsemax: A Sparse Model of Attention and Multi-Label Classification",
        authors: "Martins, A.F.T. & Astudillo, R.F.",
        venue: "ICML",
        year: 2016,
        url: "https://arxiv.org/abs/1602.02068",
    },
    summary: "The loss whose prediction map is sparsemax, p = argmin over the simplex of ||p - z||^2: loss = (1 - ||p||^2)/2 + <p - e_y, z>, with gradient p - e_y. It is convex, zero once the target score exceeds every other by at least 1 (a margin like the hinge loss), and gives sparse probability vectors, useful for attention and label sets. Its gradient vanishes on confidently correct examples, and the log-likelihood of a class outside the support is undefined, so it is not a drop-in replacement where log-probabilities are needed. The binary optax variant is the sparse analogue of the logistic loss.",
    formula: r"\ell(z, y) = \tfrac12\big(1 - \lVert p \rVert^2\big) + \langle p - e_y, z\rangle,\quad p = \operatorname{sparsemax}(z) = \big[z - \tau(z)\big]_+,\ \sum_c p_c = 1",
    inputs: &[
        Input { name: "logits", shape: "[N, C] (optax-binary: any shape)", meaning: "scores" },
        Input { name: "targets", shape: "[N] (i64; optax-binary: logits' shape, 0/1)", meaning: "class indices, or binary labels" },
    ],
    params: &[
        Param { name: "reduction", symbol: "", default: Value::Str("elementwise_mean"), range: Range::Choice { values: &["elementwise_mean", "mean", "sum", "none"] }, meaning: "form entmax: elementwise_mean (sum / kept rows; mean is an alias), sum or none; optax forms: none" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "form entmax: rows with this target give 0 and leave the mean's denominator; only applied when >= 0 (the target must still be a class index)" },
        Param { name: "k", symbol: "", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "form entmax: partial-sort size of the entmax package; it only affects speed, the result is exact" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["entmax.SparsemaxLoss", "entmax.sparsemax_loss", "optax.losses.multiclass_sparsemax_loss", "optax.losses.sparsemax_loss"],
    related: &["entmax15", "cross-entropy", "hinge", "perceptron"],
    forms: &[
        Form { name: "entmax", description: "entmax SparsemaxLoss(k, ignore_index, reduction): per row (1 - ||p||^2)/2 + <p - e_y, z> with the exact sort-based sparsemax; gradient p - e_y (the package's custom backward); ignore_index applied only when >= 0; elementwise_mean divides by the number of kept rows." },
        Form { name: "optax-multiclass", description: "optax multiclass_sparsemax_loss(scores, labels): the same Fenchel-Young loss per example (projection_simplex), no reduction." },
        Form { name: "optax-binary", description: "optax sparsemax_loss(logits, labels): elementwise sparse_plus(labels ? -x : x), with sparse_plus(u) = 0 for u <= -1, (u + 1)^2 / 4 on (-1, 1), u for u >= 1; no reduction." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

fn check_rows(logits: &[usize], targets: &[usize]) -> Result<(), LossError> {
    numerics::same_shape(ID, "targets", targets, "the batch of logits", &logits[..1])?;
    numerics::non_empty(ID, "logits", logits)
}

/// Per-row sparsemax loss on `[N, C]` scores and class indices `[N]` (all must be in range).
pub fn sparsemax_loss_rows(logits: Tensor<2>, targets: Tensor<1, Int>) -> Result<Tensor<1>, LossError> {
    let [n, c] = logits.dims();
    check_rows(&[n, c], &targets.dims())?;
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), c, None)?;
    let p = sparsemax(logits.clone().detach());
    let omega = p.clone().square().sum_dim(1).reshape([n]).neg().add_scalar(1.0).mul_scalar(0.5);
    Ok(fenchel_young(logits, p, omega, targets))
}

/// entmax `SparsemaxLoss(ignore_index, reduction)`.
pub fn sparsemax_loss(logits: Tensor<2>, targets: Tensor<1, Int>, ignore_index: i64, reduction: EntmaxReduction) -> Result<LossTensor, LossError> {
    let labels = numerics::host_i64(&targets);
    let per = sparsemax_loss_rows(logits, targets)?;
    Ok(entmax_reduce(per, &labels, ignore_index, reduction))
}

/// optax `sparsemax_loss(logits, labels)`: elementwise `sparse_plus(labels ? -x : x)`.
pub fn binary_sparsemax_loss<const D: usize>(logits: Tensor<D>, labels: Tensor<D, Int>) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "targets", &labels.dims(), "logits", &logits.dims())?;
    numerics::non_empty(ID, "logits", &logits.dims())?;
    let u = logits.clone().mask_where(labels.not_equal_elem(0), logits.neg());
    // Quadratic piece on the clamped input, so it is 0 (with zero slope) below -1.
    let quad = u.clone().clamp(-1.0, 1.0).add_scalar(1.0).square().mul_scalar(0.25);
    Ok(LossTensor::elements(quad.mask_where(u.clone().greater_equal_elem(1.0), u)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("entmax") {
        "entmax" => {
            let reduction = EntmaxReduction::parse(ID, c.str("reduction", "elementwise_mean")?)?;
            let ignore = c.i64("ignore_index", -100)?;
            if let Some(k) = c.i64_opt("k")?
                && k < 1
            {
                return Err(LossError::param(ID, "k", "a positive integer", format!("{k}")));
            }
            sparsemax_loss(c.float::<2>("logits")?, c.int::<1>("targets")?, ignore, reduction)
        }
        "optax-multiclass" => {
            if c.reduction(numerics::Reduction::None)? != numerics::Reduction::None {
                return Err(LossError::param(ID, "reduction", "none (optax returns per-example values)", "another reduction"));
            }
            Ok(LossTensor::elements(sparsemax_loss_rows(c.float::<2>("logits")?, c.int::<1>("targets")?)?))
        }
        "optax-binary" => {
            if c.reduction(numerics::Reduction::None)? != numerics::Reduction::None {
                return Err(LossError::param(ID, "reduction", "none (optax returns per-element values)", "another reduction"));
            }
            let rank = c.shape("logits")?.len();
            let tshape = c.shape("targets")?.to_vec();
            if tshape.len() != rank {
                return Err(LossError::shape(ID, "targets", format!("rank {rank} (the logits' shape)"), fmt_shape(&tshape)));
            }
            by_rank!(c, "logits", rank, |R| binary_sparsemax_loss(c.float::<R>("logits")?, c.int::<R>("targets")?))
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
        let x = inputs(vec![("logits", randn(&[5, 4], 111, 1.0)), ("targets", i(&[5], &[0, 3, 2, 1, 1]))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum", "ignore_index": 2})), &x);
        assert_gradcheck(ID, Some("optax-multiclass"), &params(json!({})), &x);
        let b = inputs(vec![("logits", f(&[6], &[-2.0, -0.3, 0.2, 0.9, 1.7, -1.5])), ("targets", i(&[6], &[0, 1, 0, 1, 0, 1]))]);
        assert_gradcheck(ID, Some("optax-binary"), &params(json!({})), &b);
    }

    #[test]
    fn value_is_the_formula() {
        // z = (0, 0.5): both in the support, tau = (0.5 - 1)/2 = -0.25, p = (0.25, 0.75).
        // Target 1: (1 - 0.625)/2 + (0.25 * 0 + 0.75 * 0.5) - 0.5 = 0.0625.
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 0.5])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.0625).abs() < 1e-15);
        assert!((ev.grads["logits"].floats[0] - 0.25).abs() < 1e-15 && (ev.grads["logits"].floats[1] + 0.25).abs() < 1e-15);
        // A margin of at least 1: zero loss and zero gradient.
        let x = inputs(vec![("logits", f(&[1, 3], &[0.0, 1.5, -2.0])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert_eq!(ev.loss.floats[0], 0.0);
        // Binary: u = 0 -> 1/4; u = 2 -> 2; u = -3 -> 0.
        let b = inputs(vec![("logits", f(&[3], &[0.0, -2.0, -3.0])), ("targets", i(&[3], &[0, 1, 0]))]);
        let ev = eval64(ID, Some("optax-binary"), &params(json!({})), &b);
        assert_eq!(ev.loss.floats, vec![0.25, 2.0, 0.0]);
    }

    #[test]
    fn sparsemax_is_a_projection() {
        use burn::tensor::{DType, Device, Tensor, TensorData};
        let dev = Device::flex();
        let z = Tensor::<2>::from_data(TensorData::new(vec![1.0, 0.8, 0.1, -1.0, 3.0, 3.0, 3.0, 3.0], [2, 4]), (&dev, DType::F64));
        let p = crate::numerics::host_f64(&crate::numerics::simplex::sparsemax(z));
        // Row 0: support {1.0, 0.8}: tau = 0.4, p = (0.6, 0.4, 0, 0). Row 1: uniform.
        let want = [0.6, 0.4, 0.0, 0.0, 0.25, 0.25, 0.25, 0.25];
        assert!(p.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-15), "{p:?}");
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[s, -s, 0.0, -s, s, s])), ("targets", i(&[2], &[1, 0]))]);
            let ev = assert_finite(ID, None, &params(json!({})), &x);
            assert!(ev.loss.floats[0] > s * 0.9);
            assert_finite(ID, Some("optax-binary"), &params(json!({})), &inputs(vec![("logits", f(&[2], &[s, -s])), ("targets", i(&[2], &[0, 0]))]));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[3, 4], 112, 1.0);
        let xt = |t| inputs(vec![("logits", x.clone()), ("targets", t)]);
        assert_error(ID, None, &params(json!({})), &xt(i(&[3], &[0, 4, 1])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({"ignore_index": 9})), &xt(i(&[3], &[0, 9, 1])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &xt(i(&[2], &[0, 1])), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"reduction": "avg"})), &xt(i(&[3], &[0, 1, 1])), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &xt(f(&[3], &[0.0, 1.0, 1.0])), ErrorKind::DType);
        assert_error(ID, Some("optax-binary"), &params(json!({})), &xt(i(&[3], &[0, 1, 1])), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
