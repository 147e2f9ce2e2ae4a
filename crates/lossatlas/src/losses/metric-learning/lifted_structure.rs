//! Lifted structured loss: every positive pair of the batch is contrasted with all the negatives
//! of both its members at once, through a smooth maximum.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pml_pairs::{angle_probe, labelled_batch, read_batch, index_tensor, lp_matrix, masked_logsumexp, pair_values, zero_loss};
use crate::numerics::{self, LossTensor};
use crate::numerics::relu;

const ID: &str = "lifted-structure";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Lifted Structured Loss",
    aliases: &["Lifted Structure Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2016,
    paper: Paper {
        title: "Deep Metric Learning via Lifted Structured Feature Embedding",
        authors: "Oh Song et al.",
        venue: "CVPR",
        year: 2016,
        url: "https://arxiv.org/abs/1511.06452",
    },
    summary: "Lifts the pairwise distances of a batch to the full matrix: for each positive pair (i, j) it takes a log-sum-exp of neg_margin minus the distances from i and from j to all their negatives, adds the positive distance, and applies a squared hinge. This uses all negatives in the batch instead of one per triplet. PML halves each term because each positive pair appears twice (as (i, j) and (j, i)) and averages over the ordered pairs.",
    formula: r"\ell_{ij} = \tfrac{1}{2}\Big[\log\Big(\sum_{k:\,y_k \ne y_i} e^{m_{neg} - d_{ik}} + \sum_{l:\,y_l \ne y_j} e^{m_{neg} - d_{jl}}\Big) + d_{ij} - m_{pos}\Big]_+^2,\quad L = \operatorname{mean}_{(i,j):\,y_i = y_j,\ i \ne j}\ \ell_{ij},\quad d_{ij} = \Big\lVert \tfrac{x_i}{\lVert x_i\rVert} - \tfrac{x_j}{\lVert x_j\rVert}\Big\rVert_2",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "neg_margin", symbol: "m_{neg}", default: Value::Float(1.0), range: Range::REAL, meaning: "margin for negative distances" },
        Param { name: "pos_margin", symbol: "m_{pos}", default: Value::Float(0.0), range: Range::REAL, meaning: "margin for positive distances" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.LiftedStructureLoss",
    ],
    related: &["generalized-lifted-structure", "triplet", "n-pair"],
    forms: &[
        Form { name: "pml", description: "PML LiftedStructureLoss with its default LpDistance(p=2, power=1) on L2-normalized embeddings, over all ordered positive pairs; per-pair losses averaged by PML's MeanReducer; 0 when the batch has no positive or no negative pair. Other PML distances are not supported." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: angle_probe }),
    ..Entry::BLANK
};

/// Options of PML's `LiftedStructureLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct LiftedStructureConfig {
    pub neg_margin: f64,
    pub pos_margin: f64,
}

impl Default for LiftedStructureConfig {
    fn default() -> Self {
        LiftedStructureConfig { neg_margin: 1.0, pos_margin: 0.0 }
    }
}

/// PML `LiftedStructureLoss(neg_margin, pos_margin)(embeddings, labels)`.
pub fn lifted_structure(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &LiftedStructureConfig) -> Result<LossTensor, LossError> {
    let pairs = labelled_batch(ID, &embeddings, &labels, &[("neg_margin", cfg.neg_margin), ("pos_margin", cfg.pos_margin)])?;
    if pairs.pos.is_empty() || pairs.neg.is_empty() {
        return Ok(zero_loss(&embeddings));
    }
    let k = pairs.pos.len();
    let d = lp_matrix(embeddings, 1);
    // log sum over the negatives of each embedding, then the pair (i, j) joins the two sums.
    let per_row = masked_logsumexp(d.clone().neg().add_scalar(cfg.neg_margin), &pairs.neg_flags(), false);
    let li = per_row.clone().select(0, index_tensor(&d, pairs.pos.iter().map(|p| p.0)));
    let lj = per_row.select(0, index_tensor(&d, pairs.pos.iter().map(|p| p.1)));
    let neg_term = numerics::logsumexp(Tensor::cat(vec![li, lj], 1), 1).reshape([k]);
    let z = neg_term + pair_values(&d, &pairs.pos).sub_scalar(cfg.pos_margin);
    let per = relu(z).square().mul_scalar(0.5);
    Ok(LossTensor::scalar(per.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (x, y) = read_batch(c, ID)?;
    lifted_structure(x, y, &LiftedStructureConfig { neg_margin: c.f64("neg_margin", 1.0)?, pos_margin: c.f64("pos_margin", 0.0)? })
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
        // three_points, default margins (1, 0): d01 = sqrt 2, d02 = 2, d12 = sqrt 2. Pairs (0, 1) and (1, 0)
        // alike: 0.5 * [log(e^{1 - 2} + e^{1 - sqrt 2}) + sqrt 2]_+^2; the mean of the two equal terms.
        let ev = eval64(ID, None, &params(json!({})), &three_points());
        let r2 = 2f64.sqrt();
        let want = 0.5 * (((-1f64).exp() + (1.0 - r2).exp()).ln() + r2).max(0.0).powi(2);
        assert_close(ev.loss.floats[0], want, 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, neg, pos) in [(1, 1.0, 0.0), (5, 0.5, 0.1), (9, 2.0, 0.5)] {
            assert_gradcheck(ID, None, &params(json!({"neg_margin": neg, "pos_margin": pos})), &batch(seed, 1.0, 3));
        }
    }

    #[test]
    fn degenerate_and_extreme_batches() {
        assert_degenerate_zero(ID, &params(json!({})));
        assert_finite_at_scales(ID, &params(json!({"neg_margin": 1e3})), 3);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_rejects_bad_inputs(ID, &[json!({"neg_margin": "nan"}), json!({"pos_margin": "inf"})]);
    }
}
