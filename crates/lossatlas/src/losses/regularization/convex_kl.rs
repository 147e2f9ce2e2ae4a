//! Convex (generalized) KL divergence: the Kullback-Leibler divergence extended to
//! unnormalized non-negative measures by adding the difference of total masses, as optax's
//! `convex_kl_divergence` / `generalized_kl_divergence` computes it from log-predictions.

use burn::tensor::{Bool, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "convex-kl";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Convex KL Divergence",
    aliases: &["Generalized KL Divergence", "I-Divergence", "Unnormalized KL Divergence"],
    kind: Kind::Loss,
    domains: &["regularization"],
    year: 1967,
    paper: Paper {
        title: "The relaxation method of finding the common point of convex sets and its application to the solution of problems in convex programming",
        authors: "Bregman, L.M.",
        venue: "USSR Computational Mathematics and Mathematical Physics",
        year: 1967,
        url: "https://www.sciencedirect.com/science/article/pii/0041555367900407",
    },
    summary: "The KL divergence from a predicted to a target non-negative measure that need not sum to one: sum t (log t - log p) + sum (p - t), the Bregman divergence of x log x - x. It is zero exactly when prediction and target are equal, including their total mass, which makes it the natural loss for predicted intensities, counts or densities (non-negative matrix factorization, Poisson-like targets, unbalanced transport). The prediction is given as log p so that it stays positive; targets must be non-negative, and 0 log 0 counts as 0. Like optax it returns one value per example (summing over the last axis) unless a reduction is asked for.",
    formula: r"\ell_i = \sum_{c}\Big[t_{ic}\big(\log t_{ic} - s_{ic}\big) + e^{s_{ic}} - t_{ic}\Big],\quad s = \log p,\ 0\log 0 = 0",
    inputs: &[
        Input { name: "log_probs", shape: "[*, C]", meaning: "log of the predicted (unnormalized) measure, s = log p; last axis summed" },
        Input { name: "targets", shape: "[*, C]", meaning: "target non-negative measure t" },
        Input { name: "mask", shape: "[*, C]", meaning: "optional: entries to include (optax's `where`); others contribute 0" },
    ],
    params: &[Param { name: "reduction", symbol: "", default: Value::Str("none"), range: Range::REDUCTION, meaning: "none keeps one value per example (optax); mean or sum over the examples" }],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["optax.losses.convex_kl_divergence", "optax.losses.generalized_kl_divergence"],
    related: &["kl-divergence", "poisson-nll", "js-divergence"],
    forms: &[Form {
        name: "optax",
        description: "optax convex_kl_divergence(log_predictions, targets, axis=-1, where): kl_divergence (targets * (where(targets == 0, 0, log targets) - log_predictions)) plus sum(exp(log_predictions) - targets), per example.",
    }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Generalized KL divergence over the last axis, one value per example, then `reduction`.
/// `mask` (optax's `where`) keeps only the selected entries.
pub fn convex_kl<const D: usize>(
    log_probs: Tensor<D>,
    targets: Tensor<D>,
    mask: Option<Tensor<D, Bool>>,
    reduction: Reduction,
) -> Result<LossTensor, LossError> {
    let dims = log_probs.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "log_probs", &dims)?;
    if let Some(m) = &mask {
        numerics::same_shape(ID, "mask", &m.dims(), "log_probs", &dims)?;
    }
    numerics::non_empty(ID, "log_probs", &dims)?;
    let cell = numerics::xlogy(targets.clone(), targets.clone()) - targets.clone() * log_probs.clone() + log_probs.exp() - targets;
    let cell = match mask {
        Some(m) => cell.mask_fill(m.bool_not(), 0.0),
        None => cell,
    };
    let per = cell.sum_dim(D - 1);
    Ok(match reduction {
        Reduction::None => LossTensor::with_shape(per, dims[..D - 1].to_vec()),
        r => reduce(per, r),
    })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("optax") => {}
        _ => return Err(c.unknown_form(&["optax"])),
    }
    let reduction = c.reduction(Reduction::None)?;
    let shape = c.shape("log_probs")?;
    numerics::same_shape(ID, "targets", c.shape("targets")?, "log_probs", shape)?;
    by_rank!(c, "log_probs", shape.len(), |R| {
        let mask = if c.has("mask") { Some(c.mask::<R>("mask")?) } else { c.host_opt("mask"); None };
        convex_kl(c.float::<R>("log_probs")?, c.float::<R>("targets")?, mask, reduction)
    })
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
        let x = inputs(vec![("log_probs", randn(&[3, 4], 141, 1.0)), ("targets", uniform(&[3, 4], 142, 0.1, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"reduction": "mean"})), &x);
        let mut m = x.clone();
        m.insert("mask".into(), i(&[3, 4], &[1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0]));
        assert_gradcheck(ID, None, &params(json!({})), &m);
    }

    #[test]
    fn value_is_the_formula() {
        // p = (1, 2) (s = log p), t = (2, 0): 2 (ln 2 - 0) + 0 + (1 - 2) + (2 - 0) = 2 ln 2 + 1.
        let x = inputs(vec![("log_probs", f(&[1, 2], &[0.0, 2f64.ln()])), ("targets", f(&[1, 2], &[2.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert_eq!(ev.loss.shape, vec![1]);
        assert!((ev.loss.floats[0] - (2.0 * 2f64.ln() + 1.0)).abs() < 1e-14);
        // Equal measures give 0 even when unnormalized.
        let x = inputs(vec![("log_probs", f(&[3], &[0.0, 1.0, -1.0])), ("targets", f(&[3], &[1.0, 1f64.exp(), (-1f64).exp()]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!(ev.loss.shape.is_empty() && ev.loss.floats[0].abs() < 1e-14);
        // The mask drops the second entry: only 2 ln 2 + (1 - 2) remains.
        let x = inputs(vec![("log_probs", f(&[1, 2], &[0.0, 2f64.ln()])), ("targets", f(&[1, 2], &[2.0, 0.0])), ("mask", i(&[1, 2], &[1, 0]))]);
        assert!((eval64(ID, None, &params(json!({})), &x).loss.floats[0] - (2.0 * 2f64.ln() - 1.0)).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        // Zero targets (0 log 0 = 0, gradient -s - 1 finite) and very negative log-predictions.
        let x = inputs(vec![("log_probs", f(&[2, 2], &[-1e4, -1e2, 0.0, 30.0])), ("targets", f(&[2, 2], &[0.0, 1e-12, 1.0, 0.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = inputs(vec![("log_probs", randn(&[2, 3], 1, 1.0)), ("targets", uniform(&[2, 4], 2, 0.0, 1.0))]);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Shape);
        let x = inputs(vec![("log_probs", f(&[0, 3], &[])), ("targets", f(&[0, 3], &[]))]);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Empty);
        let x = inputs(vec![("log_probs", randn(&[2, 3], 1, 1.0)), ("targets", uniform(&[2, 3], 2, 0.0, 1.0))]);
        assert_error(ID, None, &params(json!({"reduction": "batchmean"})), &x, ErrorKind::Param);
        let mut m = x.clone();
        m.insert("mask".into(), i(&[2, 2], &[1, 0, 1, 1]));
        assert_error(ID, None, &params(json!({})), &m, ErrorKind::Shape);
    }
}
