//! Contrastive (pairwise margin) loss: pulls same-label pairs together and pushes different-label
//! pairs apart until they are at least a margin away.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pairs::{avg_non_zero, check_embeddings};
use crate::numerics::contrastive::{PmlDistance, label_pair_masks};
use crate::numerics::{self, LossTensor, inputs::float_input};
use crate::numerics::relu;

const ID: &str = "contrastive";

pub const ENTRY: Entry = Entry {
    id: "contrastive",
    name: "Contrastive Loss",
    aliases: &["Siamese Contrastive Loss", "Pairwise Contrastive Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "metric-learning"],
    year: 2005,
    paper: Paper {
        title: "Learning a Similarity Metric Discriminatively, with Application to Face Verification",
        authors: "Chopra, Hadsell, LeCun",
        venue: "CVPR",
        year: 2005,
        url: "https://www.researchgate.net/publication/4156225",
    },
    summary: "For every pair of embeddings, penalizes the distance of positive pairs above pos_margin and the distance of negative pairs below neg_margin (both hinge terms). It is the original siamese metric loss and still a solid baseline, but it uses a fixed absolute margin, so it depends on the embedding scale and on how pairs are mined. PML reduces the positive and negative terms separately over their non-zero entries and adds them.",
    formula: r"L = \operatorname{mean}_{>0}\big([d_{ij} - m_{pos}]_+\big)_{y_i = y_j} + \operatorname{mean}_{>0}\big([m_{neg} - d_{ij}]_+\big)_{y_i \ne y_j}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "pos_margin", symbol: "m_{pos}", default: Value::Float(0.0), range: Range::REAL, meaning: "distance below which positive pairs are not penalized" },
        Param { name: "neg_margin", symbol: "m_{neg}", default: Value::Float(1.0), range: Range::REAL, meaning: "distance above which negative pairs are not penalized" },
        Param { name: "distance", symbol: "", default: Value::Str("LpDistance(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
        "pytorch_metric_learning.losses.ContrastiveLoss",
    ],
    related: &["triplet", "hinge-embedding", "cosine-embedding", "snr-contrastive", "margin-ranking"],
    forms: &[
        Form { name: "pml", description: "PML ContrastiveLoss over all pairs (i != j) of the batch; pos and neg terms each reduced by AvgNonZeroReducer, then summed; any PML distance (normalize_embeddings=False allowed)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two class-0 embeddings (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two class-0 embeddings at angle x (a positive pair) and a class-1 embedding at pi / 2.
fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("embeddings", HostTensor::from_f64(vec![3, 2], vec![1.0, 0.0, x.cos(), x.sin(), 0.0, 1.0])),
            ("labels", HostTensor::from_i64(vec![3], vec![0, 0, 1])),
        ],
        wrt: "embeddings",
        index: 3,
    }
}

/// Options of PML's `ContrastiveLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct ContrastiveConfig {
    pub pos_margin: f64,
    pub neg_margin: f64,
    pub distance: PmlDistance,
}

impl Default for ContrastiveConfig {
    fn default() -> Self {
        ContrastiveConfig { pos_margin: 0.0, neg_margin: 1.0, distance: PmlDistance::LP }
    }
}

/// PML `ContrastiveLoss(pos_margin, neg_margin, distance)(embeddings, labels)`: over all pairs
/// `i != j`, positives (same label) cost `relu(d - pos_margin)` and negatives
/// `relu(neg_margin - d)` (for a similarity: `relu(pos_margin - s)` and `relu(s - neg_margin)`);
/// each set is averaged over its non-zero losses (PML's AvgNonZeroReducer, 0 when none) and
/// the two averages are summed.
pub fn contrastive(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &ContrastiveConfig) -> Result<LossTensor, LossError> {
    check_embeddings(ID, &embeddings.dims(), &labels.dims())?;
    numerics::non_empty(ID, "embeddings", &embeddings.dims())?;
    numerics::finite_param(ID, "pos_margin", cfg.pos_margin)?;
    numerics::finite_param(ID, "neg_margin", cfg.neg_margin)?;
    let m = cfg.distance.matrix(embeddings.clone(), embeddings);
    let (pos, neg) = label_pair_masks(&labels, &m);
    let (pos_loss, neg_loss) = if cfg.distance.similarity {
        (relu(m.clone().neg().add_scalar(cfg.pos_margin)), relu(m.add_scalar(-cfg.neg_margin)))
    } else {
        (relu(m.clone().add_scalar(-cfg.pos_margin)), relu(m.neg().add_scalar(cfg.neg_margin)))
    };
    Ok(LossTensor::scalar(avg_non_zero(pos_loss, pos) + avg_non_zero(neg_loss, neg)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "pml") {
        return Err(c.unknown_form(&["pml"]));
    }
    let distance = match c.str_opt("distance")? {
        None => PmlDistance::LP,
        Some(s) => PmlDistance::parse(ID, s)?,
    };
    let cfg = ContrastiveConfig { pos_margin: c.f64("pos_margin", 0.0)?, neg_margin: c.f64("neg_margin", 1.0)?, distance };
    let emb = float_input::<2>(c, "embeddings", "[N, D]")?;
    check_embeddings(ID, &emb.dims(), c.shape("labels")?)?;
    contrastive(emb, c.int::<1>("labels")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[7, 3], seed, 1.0)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 3]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Unit vectors at 0, 90, 180 degrees, labels (0, 0, 1), defaults: positive pair distance
        // sqrt 2 (both orders) -> mean sqrt 2; negatives: d(0, 2) = 2 -> 0, d(1, 2) = sqrt 2 ->
        // 0 (margin 1): no non-zero negative, 0. With neg_margin 1.5: (1.5 - sqrt 2) twice.
        let x = inputs(vec![("embeddings", f(&[3, 2], &[2.0, 0.0, 0.0, 3.0, -1.0, 0.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 2f64.sqrt()).abs() < 1e-14);
        let ev = eval64(ID, None, &params(json!({"neg_margin": 1.5})), &x);
        assert!((ev.loss.floats[0] - 2f64.sqrt() - (1.5 - 2f64.sqrt())).abs() < 1e-14);
        // Cosine similarity, margins (pos 1, neg 0): positives relu(1 - 0) = 1; negatives
        // relu(s - 0): s(0, 2) = -1, s(1, 2) = 0 -> none.
        let ev = eval64(ID, None, &params(json!({"distance": "CosineSimilarity()", "pos_margin": 1.0, "neg_margin": 0.0})), &x);
        assert!((ev.loss.floats[0] - 1.0).abs() < 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({"neg_margin": 1.5})), &batch(1));
        assert_gradcheck(ID, None, &params(json!({"pos_margin": 0.2, "neg_margin": 3.0, "distance": "LpDistance(normalize_embeddings=False)"})), &batch(2));
        assert_gradcheck(ID, None, &params(json!({"pos_margin": 0.9, "neg_margin": 0.1, "distance": "DotProductSimilarity()"})), &batch(3));
        assert_gradcheck(ID, None, &params(json!({"distance": "LpDistance(p=1, power=2)", "neg_margin": 2.0})), &batch(4));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for s in [1e-8, 1e6] {
            let x = inputs(vec![("embeddings", randn(&[5, 3], 3, s)), ("labels", i(&[5], &[0, 1, 0, 1, 2]))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
        // Two identical embeddings: zero distance, zero gradient (torch.cdist).
        let x = inputs(vec![("embeddings", f(&[3, 2], &[1.0, 0.0, 1.0, 0.0, 0.0, 1.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        assert_finite(ID, None, &params(json!({"distance": "LpDistance(normalize_embeddings=False)"})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1.0)), ("labels", i(&[3], &[0, 1, 0]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("embeddings", randn(&[3, 3], 3, 1.0)), ("labels", f(&[3], &[0.0, 1.0, 0.0]))]);
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"neg_margin": "nan"})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"distance": "LpDistance(p=0)"})), &batch(1), ErrorKind::Param);
        let e = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(ID, None, &p, &e, ErrorKind::Empty);
    }
}
