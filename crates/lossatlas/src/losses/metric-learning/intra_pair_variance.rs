//! Intra-pair variance loss: penalizes positive (negative) similarities that fall below (above) the
//! batch mean by more than a relative epsilon, shrinking the spread of pair similarities.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pml_pairs::{angle_probe, labelled_batch, read_batch, cosine_matrix, pair_values, zero_loss};
use crate::numerics::{self, LossTensor};
use crate::numerics::relu;

const ID: &str = "intra-pair-variance";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Intra-Pair Variance Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Deep Metric Learning with Tuplet Margin Loss",
        authors: "Yu, B., Tao, D.",
        venue: "ICCV",
        year: 2019,
        url: "https://openaccess.thecvf.com/content_ICCV_2019/html/Yu_Deep_Metric_Learning_With_Tuplet_Margin_Loss_ICCV_2019_paper.html",
    },
    summary: "Computes the mean cosine similarity of the batch's positive pairs and of its negative pairs and penalizes, with a squared hinge, positive pairs less similar than (1 - pos_eps) times the positive mean and negative pairs more similar than (1 + neg_eps) times the negative mean. It complements the tuplet margin loss, which it was proposed with, by reducing the variance of pair similarities. The batch means are not detached, so every pair's gradient also moves the means.",
    formula: r"L = \operatorname{mean}_{(i,j) \in P}\big[(1-\epsilon_+)\,\bar s^+ - s_{ij}\big]_+^2 + \operatorname{mean}_{(i,j) \in N}\big[s_{ij} - (1+\epsilon_-)\,\bar s^-\big]_+^2,\quad \bar s^{\pm} = \operatorname{mean}_{(i,j) \in P/N}\, s_{ij},\quad s_{ij} = \frac{x_i^\top x_j}{\lVert x_i\rVert\,\lVert x_j\rVert}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "pos_eps", symbol: r"\epsilon_+", default: Value::Float(0.01), range: Range::NON_NEGATIVE, meaning: "relative tolerance for positive pairs" },
        Param { name: "neg_eps", symbol: r"\epsilon_-", default: Value::Float(0.01), range: Range::NON_NEGATIVE, meaning: "relative tolerance for negative pairs" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.IntraPairVarianceLoss",
    ],
    related: &["tuplet-margin", "contrastive"],
    forms: &[
        Form { name: "pml", description: "PML IntraPairVarianceLoss with its default CosineSimilarity (embeddings L2-normalized), over all ordered positive pairs P and negative pairs N; the batch means enter with gradient; the positive and the negative term are each averaged over their pairs (PML's default MeanReducer per sub-loss) and summed; a term without pairs is 0. Other PML distances are not supported." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: angle_probe }),
    ..Entry::BLANK
};

/// Options of PML's `IntraPairVarianceLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct IntraPairVarianceConfig {
    pub pos_eps: f64,
    pub neg_eps: f64,
}

impl Default for IntraPairVarianceConfig {
    fn default() -> Self {
        IntraPairVarianceConfig { pos_eps: 0.01, neg_eps: 0.01 }
    }
}

/// PML `IntraPairVarianceLoss(pos_eps, neg_eps)(embeddings, labels)`.
pub fn intra_pair_variance(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &IntraPairVarianceConfig) -> Result<LossTensor, LossError> {
    let pairs = labelled_batch(ID, &embeddings, &labels, &[("pos_eps", cfg.pos_eps), ("neg_eps", cfg.neg_eps)])?;
    if pairs.no_pairs() {
        return Ok(zero_loss(&embeddings));
    }
    let s = cosine_matrix(embeddings);
    let mut total = numerics::full_like(&s, [1], 0.0);
    if !pairs.pos.is_empty() {
        let sp = pair_values(&s, &pairs.pos);
        let gap = sp.clone().mean().mul_scalar(1.0 - cfg.pos_eps) - sp;
        total = total + relu(gap).square().mean();
    }
    if !pairs.neg.is_empty() {
        let sn = pair_values(&s, &pairs.neg);
        let gap = sn.clone() - sn.mean().mul_scalar(1.0 + cfg.neg_eps);
        total = total + relu(gap).square().mean();
    }
    Ok(LossTensor::scalar(total))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (x, y) = read_batch(c, ID)?;
    intra_pair_variance(x, y, &IntraPairVarianceConfig { pos_eps: c.f64("pos_eps", 0.01)?, neg_eps: c.f64("neg_eps", 0.01)? })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::numerics::pml_pairs::test_support::*;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Unit vectors at 0, 60, 180 and 270 degrees, labels (0, 0, 1, 1), eps = 0.
        // Positive pairs (both orders): s = 0.5 and s(2, 3) = 0 -> mean 0.25; hinge (0.25 - s)_+^2:
        // 0, 0, 0.0625, 0.0625 -> mean 0.03125.
        // Negative pairs (0,2) -1, (0,3) 0, (1,2) -0.5, (1,3) -sqrt(3)/2, each twice; mean m;
        // hinge (s - m)_+^2 averaged over them.
        let r3 = 3f64.sqrt();
        let x = inputs(vec![("embeddings", f(&[4, 2], &[1.0, 0.0, 0.5, r3 / 2.0, -2.0, 0.0, 0.0, -1.0])), ("labels", i(&[4], &[0, 0, 1, 1]))]);
        let ev = eval64(ID, None, &params(json!({"pos_eps": 0.0, "neg_eps": 0.0})), &x);
        let neg = [-1.0, 0.0, -0.5, -r3 / 2.0];
        let m = neg.iter().sum::<f64>() / 4.0;
        let neg_term = neg.iter().map(|s| (s - m).max(0.0).powi(2)).sum::<f64>() / 4.0;
        assert_close(ev.loss.floats[0], 0.03125 + neg_term, 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, pe, ne) in [(1, 0.01, 0.01), (5, 0.05, 0.1), (9, 0.3, 0.0)] {
            assert_gradcheck(ID, None, &params(json!({"pos_eps": pe, "neg_eps": ne})), &batch(seed, 1.0, 3));
        }
    }

    #[test]
    fn degenerate_and_extreme_batches() {
        // A batch of one: 0; one class or distinct labels: one of the two terms.
        assert_batch_of_one_zero(ID, &params(json!({})));
        loss_of(ID, &params(json!({})), [4, 4, 4, 4]);
        loss_of(ID, &params(json!({})), [0, 1, 2, 3]);
        assert_finite_at_scales(ID, &params(json!({"pos_eps": 0.5})), 3);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_rejects_bad_inputs(ID, &[json!({"pos_eps": "nan"}), json!({"neg_eps": "inf"})]);
    }
}
