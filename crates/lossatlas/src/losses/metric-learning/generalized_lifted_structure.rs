//! Generalized lifted structure loss: per anchor, a soft maximum over positive distances plus a soft
//! maximum over negative margins, passed through a hinge.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pml_pairs::{angle_probe, labelled_batch, read_batch, lp_matrix, masked_logsumexp, zero_loss};
use crate::numerics::LossTensor;
use crate::numerics::relu;

const ID: &str = "generalized-lifted-structure";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Generalized Lifted Structure Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2017,
    paper: Paper {
        title: "In Defense of the Triplet Loss for Person Re-Identification",
        authors: "Hermans, A., Beyer, L., Leibe, B.",
        venue: "",
        year: 2017,
        url: "https://arxiv.org/abs/1703.07737",
    },
    summary: "For each anchor, takes a log-sum-exp over its positive distances (minus pos_margin) and over neg_margin minus its negative distances, adds them and applies a hinge, so the hardest positives and negatives dominate smoothly. It is the anchor-wise generalization of the lifted structure loss described by Hermans et al. and is simpler to batch than the original pair-wise form.",
    formula: r"\ell_a = \Big[\log\sum_{p:\,y_p = y_a,\,p \ne a} e^{d_{ap} - m_{pos}} + \log\sum_{n:\,y_n \ne y_a} e^{m_{neg} - d_{an}}\Big]_+,\quad L = \frac{1}{N}\sum_a \ell_a,\quad d_{ij} = \Big\lVert \tfrac{x_i}{\lVert x_i\rVert} - \tfrac{x_j}{\lVert x_j\rVert}\Big\rVert_2",
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
        "pytorch_metric_learning.losses.GeneralizedLiftedStructureLoss",
    ],
    related: &["lifted-structure", "triplet", "multi-similarity"],
    forms: &[
        Form { name: "pml", description: "PML GeneralizedLiftedStructureLoss with its default LpDistance(p=2, power=1) on L2-normalized embeddings; a log-sum-exp term of an anchor without positives (negatives) is 0; per-anchor losses averaged over all N anchors (MeanReducer); 0 when the batch has no pair. Other PML distances are not supported." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: angle_probe }),
    ..Entry::BLANK
};

/// Options of PML's `GeneralizedLiftedStructureLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneralizedLiftedStructureConfig {
    pub neg_margin: f64,
    pub pos_margin: f64,
}

impl Default for GeneralizedLiftedStructureConfig {
    fn default() -> Self {
        GeneralizedLiftedStructureConfig { neg_margin: 1.0, pos_margin: 0.0 }
    }
}

/// PML `GeneralizedLiftedStructureLoss(neg_margin, pos_margin)(embeddings, labels)`.
pub fn generalized_lifted_structure(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &GeneralizedLiftedStructureConfig) -> Result<LossTensor, LossError> {
    let pairs = labelled_batch(ID, &embeddings, &labels, &[("neg_margin", cfg.neg_margin), ("pos_margin", cfg.pos_margin)])?;
    if pairs.no_pairs() {
        return Ok(zero_loss(&embeddings));
    }
    let d = lp_matrix(embeddings, 1);
    let pos = masked_logsumexp(d.clone().sub_scalar(cfg.pos_margin), &pairs.pos_flags(), false);
    let neg = masked_logsumexp(d.neg().add_scalar(cfg.neg_margin), &pairs.neg_flags(), false);
    Ok(LossTensor::scalar(relu(pos + neg).mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (x, y) = read_batch(c, ID)?;
    let cfg = GeneralizedLiftedStructureConfig { neg_margin: c.f64("neg_margin", 1.0)?, pos_margin: c.f64("pos_margin", 0.0)? };
    generalized_lifted_structure(x, y, &cfg)
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
        // three_points, default margins (1, 0): d01 = sqrt 2, d02 = 2, d12 = sqrt 2.
        // Anchor 0: sqrt 2 + (1 - 2); anchor 1: sqrt 2 + (1 - sqrt 2) = 1;
        // anchor 2: no positive, log(e^{1 - 2} + e^{1 - sqrt 2}); hinge of each, mean of three.
        let ev = eval64(ID, None, &params(json!({})), &three_points());
        let r2 = 2f64.sqrt();
        let a2 = ((-1f64).exp() + (1.0 - r2).exp()).ln().max(0.0);
        assert_close(ev.loss.floats[0], ((r2 - 1.0) + 1.0 + a2) / 3.0, 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, neg, pos) in [(1, 1.0, 0.0), (5, 0.6, 0.2), (9, 2.0, 0.5)] {
            assert_gradcheck(ID, None, &params(json!({"neg_margin": neg, "pos_margin": pos})), &batch(seed, 1.0, 3));
        }
    }

    #[test]
    fn degenerate_and_extreme_batches() {
        // A batch of one: 0; all labels distinct: only the negative terms.
        assert_batch_of_one_zero(ID, &params(json!({})));
        loss_of(ID, &params(json!({})), [0, 1, 2, 3]);
        assert_finite_at_scales(ID, &params(json!({"neg_margin": 1e3})), 3);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_rejects_bad_inputs(ID, &[json!({"neg_margin": "inf"}), json!({"pos_margin": "nan"})]);
    }
}
