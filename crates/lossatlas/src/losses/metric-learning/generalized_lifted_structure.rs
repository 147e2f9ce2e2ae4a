//! Generalized lifted structure loss: per anchor, a soft maximum over positive distances plus a soft
//! maximum over negative margins, passed through a hinge.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pairs::check_embeddings;
use crate::numerics::pmlA_metric::{PairLists, angle_probe, lp_matrix, masked_logsumexp, torch_relu, zero_loss};
use crate::numerics::{self, LossTensor};

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
    check_embeddings(ID, &embeddings.dims(), &labels.dims())?;
    numerics::non_empty(ID, "embeddings", &embeddings.dims())?;
    numerics::finite_param(ID, "neg_margin", cfg.neg_margin)?;
    numerics::finite_param(ID, "pos_margin", cfg.pos_margin)?;
    let pairs = PairLists::from_tensor(&labels);
    if pairs.no_pairs() {
        return Ok(zero_loss(&embeddings));
    }
    let d = lp_matrix(embeddings, 1);
    let pos = masked_logsumexp(d.clone().sub_scalar(cfg.pos_margin), &pairs.pos_flags(), false);
    let neg = masked_logsumexp(d.neg().add_scalar(cfg.neg_margin), &pairs.neg_flags(), false);
    Ok(LossTensor::scalar(torch_relu(pos + neg).mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("pml") => {}
        Some(_) => return Err(c.unknown_form(&["pml"])),
    }
    let cfg = GeneralizedLiftedStructureConfig { neg_margin: c.f64("neg_margin", 1.0)?, pos_margin: c.f64("pos_margin", 0.0)? };
    check_embeddings(ID, c.shape("embeddings")?, c.shape("labels")?)?;
    generalized_lifted_structure(c.float::<2>("embeddings")?, c.int::<1>("labels")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64, scale: f64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[7, 3], seed, scale)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 3]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Unit vectors at 0, 90 and 180 degrees, labels (0, 0, 1), default margins (1, 0).
        // d01 = sqrt 2, d02 = 2, d12 = sqrt 2.
        // Anchor 0: sqrt 2 + (1 - 2); anchor 1: sqrt 2 + (1 - sqrt 2) = 1;
        // anchor 2: no positive, log(e^{1 - 2} + e^{1 - sqrt 2}); hinge of each, mean of three.
        let x = inputs(vec![("embeddings", f(&[3, 2], &[2.0, 0.0, 0.0, 3.0, -1.0, 0.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        let r2 = 2f64.sqrt();
        let a2 = ((-1f64).exp() + (1.0 - r2).exp()).ln().max(0.0);
        let want = ((r2 - 1.0) + 1.0 + a2) / 3.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-14, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, neg, pos) in [(1, 1.0, 0.0), (5, 0.6, 0.2), (9, 2.0, 0.5)] {
            assert_gradcheck(ID, None, &params(json!({"neg_margin": neg, "pos_margin": pos})), &batch(seed, 1.0));
        }
    }

    #[test]
    fn degenerate_batches() {
        let x = inputs(vec![("embeddings", randn(&[1, 3], 2, 1.0)), ("labels", i(&[1], &[3]))]);
        assert_eq!(assert_finite(ID, None, &params(json!({})), &x).loss.floats[0], 0.0);
        // All labels distinct: only the negative terms.
        let x = inputs(vec![("embeddings", randn(&[4, 3], 2, 1.0)), ("labels", i(&[4], &[0, 1, 2, 3]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-8, 1e4] {
            assert_finite(ID, None, &params(json!({"neg_margin": 1e3})), &batch(3, scale));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("embeddings", randn(&[7, 3], 3, 1.0)), ("labels", i(&[6], &[0, 1, 0, 2, 1, 0]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("embeddings", randn(&[3, 3], 3, 1.0)), ("labels", f(&[3], &[0.0, 1.0, 0.0]))]);
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"pos_margin": "nan"})), &batch(1, 1.0), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
