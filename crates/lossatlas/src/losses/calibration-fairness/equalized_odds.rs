//! Equalized odds: predictions should be independent of the sensitive attribute given the true
//! label. Hardt et al. enforce it by post-processing a trained classifier; the trainable form
//! here is the equalized-odds gap of group-conditional mean scores, added to the task loss.

use burn::tensor::Tensor;

use super::demographic_parity::scores;
use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, groups};

const ID: &str = "equalized-odds";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Equalized Odds",
    aliases: &["Equalized Odds Post-Processing", "Equalized Odds Gap", "Delta EO", "Equalized Odds Penalty"],
    kind: Kind::Loss,
    domains: &["calibration-fairness", "classification"],
    year: 2016,
    paper: Paper {
        title: "Equality of Opportunity in Supervised Learning",
        authors: "Moritz Hardt, Eric Price, Nathan Srebro",
        venue: "NeurIPS",
        year: 2016,
        url: "https://arxiv.org/abs/1610.02413",
    },
    summary: "Equalized odds asks for equal true- and false-positive rates across the groups of a sensitive attribute. Hardt et al. achieve it after training by randomized thresholds per group (a linear program, as AIF360's EqOddsPostprocessing); the trainable relaxation computed here replaces rates with mean scores and sums, over each label value, the spread of the group-conditional means: with two groups and binary labels it is the Delta-EO penalty sum_y |E[f | s = 0, y] - E[f | s = 1, y]| used by Fair Mixup and others. Add it to the task loss with a weight; unlike demographic parity it allows different positive rates when base rates differ. It is a batch statistic: each (group, label) cell needs examples in the batch, and cells without examples are skipped.",
    formula: r"\Delta_{EO} = \sum_{y} \Big(\max_{g} \bar f_{g,y} - \min_{g} \bar f_{g,y}\Big),\quad \bar f_{g,y} = \frac{\sum_{i: s_i = g,\, y_i = y} f_i}{|\{i: s_i = g,\, y_i = y\}|}",
    inputs: &[
        Input { name: "probs", shape: "[N]", meaning: "predicted positive-class probabilities f_i (or any score)" },
        Input { name: "logits", shape: "[N]", meaning: "alternative to probs: logits, turned into f_i = sigmoid(logits)" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "true labels; the gap is taken within each label value" },
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
    equivalents: &["aif360.algorithms.postprocessing.EqOddsPostprocessing", "fairlearn.metrics.equalized_odds_difference"],
    related: &["demographic-parity", "prejudice-remover", "fairmixup", "adversarial-debiasing", "fairness-lagrangian"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Equalized-odds gap of scores `f` `[N]`: for each label value, the spread (max - min) of the
/// mean score over the groups that have examples with that label, summed over labels.
pub fn equalized_odds(f: Tensor<1>, targets: &[i64], group_ids: &[i64]) -> Result<LossTensor, LossError> {
    let [n] = f.dims();
    numerics::same_shape(ID, "targets", &[targets.len()], "the predictions", &[n])?;
    numerics::same_shape(ID, "groups", &[group_ids.len()], "the predictions", &[n])?;
    numerics::non_empty(ID, "probs", &[n])?;
    numerics::finite_values(ID, "probs", &numerics::host_f64(&f))?;
    let g = groups::group_count(ID, "groups", group_ids, 1)?;
    let mut labels = targets.to_vec();
    labels.sort_unstable();
    labels.dedup();
    let mut total = f.clone().sum().mul_scalar(0.0);
    for y in labels {
        // Examples of other labels are put in no group (id -1).
        let ids: Vec<i64> = group_ids.iter().zip(targets).map(|(&s, &t)| if t == y { s } else { -1 }).collect();
        let (means, _) = groups::present_group_means(&f, f.clone(), &ids, g);
        if let Some(m) = means {
            total = total + groups::spread(m);
        }
    }
    Ok(LossTensor::scalar(total))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let f = scores(c, ID)?;
    for name in ["targets", "groups"] {
        let s = c.shape(name)?;
        if s.len() != 1 {
            return Err(LossError::shape(ID, name, "shape [N]", fmt_shape(s)));
        }
    }
    equalized_odds(f, c.int_values("targets")?, c.int_values("groups")?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("probs", uniform(&[10], 1, 0.0, 1.0)), ("targets", i(&[10], &[0, 1, 0, 1, 0, 1, 0, 1, 1, 0])), ("groups", i(&[10], &[0, 0, 1, 1, 0, 0, 1, 1, 2, 2]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("logits", randn(&[8], 2, 2.0)), ("targets", i(&[8], &[0, 1, 0, 1, 0, 1, 0, 1])), ("groups", i(&[8], &[0, 0, 1, 1, 0, 0, 1, 1]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // y = 0: group 0 mean 0.2, group 1 mean (0.4 + 0.6) / 2 = 0.5 -> 0.3.
        // y = 1: group 0 mean 0.9, group 1 mean 0.7 -> 0.2. Total 0.5.
        let x = inputs(vec![
            ("probs", f(&[5], &[0.2, 0.4, 0.6, 0.9, 0.7])),
            ("targets", i(&[5], &[0, 0, 0, 1, 1])),
            ("groups", i(&[5], &[0, 1, 1, 0, 1])),
        ]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.5).abs() < 1e-15);
        assert_eq!(ev.grads["probs"].floats, vec![-1.0, 0.5, 0.5, 1.0, -1.0]);
        // A label seen in only one group contributes nothing.
        let x = inputs(vec![("probs", f(&[3], &[0.2, 0.4, 0.9])), ("targets", i(&[3], &[0, 0, 1])), ("groups", i(&[3], &[0, 1, 0]))]);
        assert!((eval64(ID, None, &params(json!({})), &x).loss.floats[0] - 0.2).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("logits", f(&[4], &[1e4, -1e4, 1e2, -1e2])), ("targets", i(&[4], &[1, 1, 0, 0])), ("groups", i(&[4], &[0, 1, 0, 1]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let pr = f(&[3], &[0.1, 0.2, 0.3]);
        assert_error(ID, None, &p, &inputs(vec![("probs", pr.clone()), ("targets", i(&[2], &[0, 1])), ("groups", i(&[3], &[0, 1, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("probs", pr.clone()), ("targets", i(&[3], &[0, 1, 1])), ("groups", i(&[3], &[0, -1, 1]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("probs", pr.clone()), ("targets", f(&[3], &[0.0, 1.0, 1.0])), ("groups", i(&[3], &[0, 1, 1]))]), ErrorKind::DType);
        assert_error(ID, None, &p, &inputs(vec![("probs", f(&[0], &[])), ("targets", i(&[0], &[])), ("groups", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
