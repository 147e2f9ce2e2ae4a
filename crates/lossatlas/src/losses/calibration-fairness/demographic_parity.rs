//! Demographic (statistical) parity gap: how much the mean prediction differs between groups of
//! a sensitive attribute, as a differentiable penalty added to the task loss.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, groups};

const ID: &str = "demographic-parity";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Demographic Parity Gap Penalty",
    aliases: &["Demographic Parity", "Statistical Parity", "DP Gap", "Delta DP"],
    kind: Kind::Loss,
    domains: &["calibration-fairness", "classification"],
    year: 2012,
    paper: Paper {
        title: "Fairness Through Awareness",
        authors: "Cynthia Dwork, Moritz Hardt, Toniann Pitassi, Omer Reingold, Richard Zemel",
        venue: "ITCS",
        year: 2012,
        url: "https://arxiv.org/abs/1104.3913",
    },
    summary: "Penalizes the difference between the average predicted positive probability of the groups of a sensitive attribute, the relaxation of demographic (statistical) parity P(Y^ = 1 | s = a) = P(Y^ = 1 | s = b) obtained by replacing hard decisions with scores; with two groups it is |E[f | s = 0] - E[f | s = 1]|, the Delta-DP that Fair Mixup and many in-processing methods regularize. Add it to the task loss with a weight that trades accuracy for parity. Parity ignores the labels, so it can force unequal error rates when base rates differ between groups (equalized-odds constrains the gap per label instead); the estimate is a batch statistic and needs every group in the batch.",
    formula: r"\Delta_{DP} = \max_{g} \bar f_g - \min_{g} \bar f_g,\quad \bar f_g = \frac{1}{n_g}\sum_{i: s_i = g} f_i",
    inputs: &[
        Input { name: "probs", shape: "[N]", meaning: "predicted positive-class probabilities f_i (or any score)" },
        Input { name: "logits", shape: "[N]", meaning: "alternative to probs: logits, turned into f_i = sigmoid(logits)" },
        Input { name: "groups", shape: "[N] (i64)", meaning: "sensitive-attribute group of each example, >= 0" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &["fairlearn.metrics.demographic_parity_difference"],
    related: &["equalized-odds", "prejudice-remover", "fairmixup", "adversarial-debiasing", "fairness-lagrangian"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Demographic parity gap of scores `f` `[N]` over sensitive groups `[N]` (ids >= 0): the largest
/// minus the smallest group mean over the groups present (0 with fewer than two groups).
pub fn demographic_parity(f: Tensor<1>, group_ids: &[i64]) -> Result<LossTensor, LossError> {
    let [n] = f.dims();
    numerics::same_shape(ID, "groups", &[group_ids.len()], "the predictions", &[n])?;
    numerics::non_empty(ID, "probs", &[n])?;
    numerics::finite_values(ID, "probs", &numerics::host_f64(&f))?;
    let g = groups::group_count(ID, "groups", group_ids, 1)?;
    let (means, _) = groups::present_group_means(&f, f.clone(), group_ids, g);
    Ok(LossTensor::scalar(groups::spread(means.expect("non-empty batch"))))
}

/// Reads `probs`, or `logits` through a sigmoid, as a `[N]` tensor.
pub(crate) fn scores(c: &Call, loss: &str) -> Result<Tensor<1>, LossError> {
    let name = match (c.has("probs"), c.has("logits")) {
        (true, false) => "probs",
        (false, true) => "logits",
        _ => return Err(LossError::missing(loss, "probs", "exactly one of `probs` or `logits`")),
    };
    let shape = c.shape(name)?;
    if shape.len() != 1 {
        return Err(LossError::shape(loss, name, "shape [N]", fmt_shape(shape)));
    }
    let x = c.float::<1>(name)?;
    Ok(if name == "logits" { numerics::sigmoid(x) } else { x })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let f = scores(c, ID)?;
    let ids = c.int_values("groups")?;
    demographic_parity(f, ids)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("probs", uniform(&[8], 1, 0.0, 1.0)), ("groups", i(&[8], &[0, 1, 0, 1, 2, 2, 0, 1]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("logits", randn(&[6], 2, 2.0)), ("groups", i(&[6], &[0, 1, 1, 0, 1, 0]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // Group 0: (0.2, 0.4) mean 0.3; group 1: 0.9; group 3: (0.5, 0.7) mean 0.6 -> 0.9 - 0.3.
        let x = inputs(vec![("probs", f(&[5], &[0.2, 0.4, 0.9, 0.5, 0.7])), ("groups", i(&[5], &[0, 0, 1, 3, 3]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.6).abs() < 1e-15);
        // Gradient: +1/1 on the max group's member, -1/2 on each member of the min group.
        assert_eq!(ev.grads["probs"].floats, vec![-0.5, -0.5, 1.0, 0.0, 0.0]);
        // One group only: no gap.
        let x = inputs(vec![("probs", f(&[2], &[0.2, 0.4])), ("groups", i(&[2], &[1, 1]))]);
        assert_eq!(eval64(ID, None, &params(json!({})), &x).loss.floats[0], 0.0);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("logits", f(&[4], &[1e4, -1e4, 1e2, -1e2])), ("groups", i(&[4], &[0, 1, 0, 1]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("probs", f(&[4], &[0.0, 1.0, 1.0, 0.0])), ("groups", i(&[4], &[0, 1, 0, 1]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("probs", f(&[3], &[0.1, 0.2, 0.3])), ("groups", i(&[2], &[0, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("probs", f(&[2], &[0.1, 0.2])), ("groups", i(&[2], &[0, -1]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("probs", f(&[2], &[0.1, 0.2])), ("groups", f(&[2], &[0.0, 1.0]))]), ErrorKind::DType);
        assert_error(ID, None, &p, &inputs(vec![("probs", f(&[2], &[0.1, f64::NAN])), ("groups", i(&[2], &[0, 1]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("probs", f(&[0], &[])), ("groups", i(&[0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("groups", i(&[2], &[0, 1]))]), ErrorKind::Missing);
    }
}
