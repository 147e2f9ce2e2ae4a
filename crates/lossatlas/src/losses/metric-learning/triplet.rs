//! Triplet loss: an anchor must be closer to a positive than to a negative by a margin. The
//! classic loss for face recognition and retrieval embeddings.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::distance::{euclidean_matrix, l2_normalize, pairwise_distance};
use crate::numerics::pairs::{avg_non_zero, check_embeddings, pair_masks, triplet_mask};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "triplet";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Triplet Loss",
    aliases: &["Triplet Margin Loss", "TripletMarginLoss", "FaceNet Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2015,
    paper: Paper {
        title: "FaceNet: A Unified Embedding for Face Recognition and Clustering",
        authors: "Schroff et al.",
        venue: "CVPR",
        year: 2015,
        url: "https://arxiv.org/abs/1503.03832",
    },
    summary: "For each (anchor, positive, negative) triplet, requires the anchor–positive distance to be smaller than the anchor–negative distance by a margin, penalizing the violation with a hinge. It learns embeddings for verification, retrieval and clustering without a fixed class set. Most triplets are trivially satisfied, so which triplets are used (mining) matters as much as the loss; the margin must be matched to the distance scale (PML normalizes embeddings, so its default margin is 0.05).",
    formula: r"\ell = \max\left(0,\, d(a, p) - d(a, n) + m\right)",
    inputs: &[
        Input { name: "anchor", shape: "[N, D]", meaning: "anchor embeddings (forms torch-margin, optax)" },
        Input { name: "positive", shape: "[N, D]", meaning: "positive embeddings" },
        Input { name: "negative", shape: "[N, D]", meaning: "negative embeddings" },
        Input { name: "embeddings", shape: "[N, D]", meaning: "form pml: a labelled batch; every valid triplet is used" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "form pml: class labels" },
    ],
    params: &[
        Param { name: "margin", symbol: "m", default: Value::Float(1.0), range: Range::REAL, meaning: "required distance gap (PML default 0.05)" },
        Param { name: "p", symbol: "p", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "torch: norm degree of the distance" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-6), range: Range::NON_NEGATIVE, meaning: "torch: added to the difference (optax: to the sum of powers)" },
        Param { name: "swap", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "use min(d(a, n), d(p, n)) as the negative distance" },
        Param::REDUCTION_MEAN,
        Param { name: "norm_degree", symbol: "p", default: Value::Int(2), range: Range::Integer { min: 1, max: 64 }, meaning: "optax: the power p of (sum (a - x)^p + eps)^(1/p)" },
        Param { name: "smooth_loss", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "pml: softplus instead of the hinge" },
    ],
    properties: Properties { convex: Tri::No, bounded: Tri::No, smooth: Tri::No, robust_to_outliers: Tri::Unknown, suits_imbalance: Tri::No, suits_label_noise: Tri::No, operand: Operand::Embeddings },
    equivalents: &["torch.nn.TripletMarginLoss", "torch.nn.functional.triplet_margin_loss", "pytorch_metric_learning.losses.TripletMarginLoss", "optax.losses.triplet_margin_loss", "tf_addons TripletSemiHardLoss"],
    related: &["triplet-margin-with-distance", "contrastive", "margin-ranking", "n-pair", "lifted-structure", "multi-similarity"],
    forms: &[
        Form { name: "torch-margin", description: "PyTorch triplet_margin_loss: d = ||a - b + eps||_p, hinge with margin, optional swap, reductions." },
        Form { name: "pml", description: "pytorch-metric-learning TripletMarginLoss: L2-normalized embeddings, Euclidean distances, every (a, p, n) triplet of the labelled batch, hinge (or softplus with smooth_loss), optional swap, mean over the triplets with positive loss (0 when there are none)." },
        Form { name: "optax", description: "optax triplet_margin_loss: d = (sum (a - x)^p + eps)^(1/p) without absolute value, per example." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of PyTorch's `triplet_margin_loss`.
#[derive(Debug, Clone, PartialEq)]
pub struct TripletConfig {
    pub margin: f64,
    pub p: f64,
    pub eps: f64,
    pub swap: bool,
    pub reduction: Reduction,
}

impl Default for TripletConfig {
    fn default() -> Self {
        TripletConfig { margin: 1.0, p: 2.0, eps: 1e-6, swap: false, reduction: Reduction::Mean }
    }
}

fn check_triplet(a: &Tensor<2>, p: &Tensor<2>, n: &Tensor<2>) -> Result<(), LossError> {
    numerics::same_shape(ID, "positive", &p.dims(), "anchor", &a.dims())?;
    numerics::same_shape(ID, "negative", &n.dims(), "anchor", &a.dims())?;
    numerics::non_empty(ID, "anchor", &a.dims())
}

/// PyTorch `triplet_margin_loss`.
pub fn triplet_margin(anchor: Tensor<2>, positive: Tensor<2>, negative: Tensor<2>, cfg: &TripletConfig) -> Result<LossTensor, LossError> {
    check_triplet(&anchor, &positive, &negative)?;
    numerics::finite_param(ID, "margin", cfg.margin)?;
    numerics::positive_param(ID, "p", cfg.p)?;
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let d_ap = pairwise_distance(anchor.clone(), positive.clone(), cfg.p, cfg.eps);
    let mut d_an = pairwise_distance(anchor, negative.clone(), cfg.p, cfg.eps);
    if cfg.swap {
        d_an = d_an.min_pair(pairwise_distance(positive, negative, cfg.p, cfg.eps));
    }
    Ok(reduce((d_ap - d_an).add_scalar(cfg.margin).clamp_min(0.0), cfg.reduction))
}

/// optax `triplet_margin_loss`: `d = (sum (a - x)^p + eps)^(1/p)`, per example.
pub fn triplet_margin_optax(anchor: Tensor<2>, positive: Tensor<2>, negative: Tensor<2>, norm_degree: i64, margin: f64, eps: f64) -> Result<LossTensor, LossError> {
    check_triplet(&anchor, &positive, &negative)?;
    numerics::finite_param(ID, "margin", margin)?;
    if norm_degree < 1 {
        return Err(LossError::param(ID, "norm_degree", "an integer >= 1", format!("{norm_degree}")));
    }
    let n = anchor.dims()[0];
    let p = norm_degree as f64;
    let dist = |x: Tensor<2>| (anchor.clone() - x).powi_scalar(norm_degree as i32).sum_dim(1).add_scalar(eps).powf_scalar(1.0 / p).reshape([n]);
    let per = (dist(positive) - dist(negative)).add_scalar(margin).clamp_min(0.0);
    Ok(LossTensor::elements(per))
}

/// pytorch-metric-learning `TripletMarginLoss` over all triplets of a labelled batch.
pub fn triplet_margin_pml(embeddings: Tensor<2>, labels: Tensor<1, Int>, margin: f64, swap: bool, smooth_loss: bool) -> Result<LossTensor, LossError> {
    check_embeddings(ID, &embeddings.dims(), &labels.dims())?;
    numerics::finite_param(ID, "margin", margin)?;
    let n = embeddings.dims()[0];
    let x = l2_normalize(embeddings, 1e-12);
    let d = euclidean_matrix(x.clone(), x);
    let (pos, neg) = pair_masks(&labels, &d);
    let d_ap = d.clone().reshape([n, n, 1]);
    let mut d_an = d.clone().reshape([n, 1, n]);
    if swap {
        // d(p, n) for the triplet (a, p, n) is d[p, n].
        d_an = d_an.min_pair(d.reshape([1, n, n]));
    }
    let z = (d_ap - d_an).add_scalar(margin);
    let losses = if smooth_loss { numerics::softplus(z) } else { z.clamp_min(0.0) };
    Ok(LossTensor::scalar(avg_non_zero(losses, triplet_mask(&pos, &neg))))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or(if c.has("embeddings") { "pml" } else { "torch-margin" });
    match form {
        "torch-margin" => {
            let cfg = TripletConfig {
                margin: c.f64("margin", 1.0)?,
                p: c.f64("p", 2.0)?,
                eps: c.f64("eps", 1e-6)?,
                swap: c.bool("swap", false)?,
                reduction: c.reduction(Reduction::Mean)?,
            };
            triplet_margin(c.float::<2>("anchor")?, c.float::<2>("positive")?, c.float::<2>("negative")?, &cfg)
        }
        "optax" => {
            let _ = c.reduction(Reduction::None)?;
            triplet_margin_optax(c.float::<2>("anchor")?, c.float::<2>("positive")?, c.float::<2>("negative")?, c.i64("norm_degree", 2)?, c.f64("margin", 1.0)?, c.f64("eps", 1e-6)?)
        }
        "pml" => {
            check_embeddings(ID, c.shape("embeddings")?, c.shape("labels")?)?;
            triplet_margin_pml(c.float::<2>("embeddings")?, c.int::<1>("labels")?, c.f64("margin", 0.05)?, c.bool("swap", false)?, c.bool("smooth_loss", false)?)
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
    fn value_is_the_formula() {
        // a = 0, p = (3, 4) (distance 5), n = (0, 1) (distance 1), margin 1, eps 0: 5 - 1 + 1 = 5.
        let x = inputs(vec![("anchor", f(&[1, 2], &[0.0, 0.0])), ("positive", f(&[1, 2], &[3.0, 4.0])), ("negative", f(&[1, 2], &[0.0, 1.0]))]);
        let ev = eval64(ID, Some("torch-margin"), &params(json!({"eps": 0.0})), &x);
        assert!((ev.loss.floats[0] - 5.0).abs() < 1e-12);
    }

    #[test]
    fn gradients_and_bad_inputs() {
        let x = inputs(vec![("anchor", randn(&[4, 3], 1, 1.0)), ("positive", randn(&[4, 3], 2, 1.0)), ("negative", randn(&[4, 3], 3, 1.0))]);
        assert_gradcheck(ID, Some("torch-margin"), &params(json!({"margin": 3.0, "swap": true})), &x);
        let e = inputs(vec![("embeddings", randn(&[6, 3], 4, 1.0)), ("labels", i(&[6], &[0, 0, 1, 1, 2, 2]))]);
        assert_gradcheck(ID, Some("pml"), &params(json!({"margin": 0.5, "smooth_loss": true})), &e);
        let bad = inputs(vec![("embeddings", randn(&[5, 3], 4, 1.0)), ("labels", i(&[4], &[0, 0, 1, 1]))]);
        assert_error(ID, Some("pml"), &params(json!({})), &bad, ErrorKind::Shape);
        assert_error(ID, Some("torch-margin"), &params(json!({"margin": "nan"})), &x, ErrorKind::Param);
        assert_error(ID, Some("torch-margin"), &params(json!({"p": 0.0})), &x, ErrorKind::Param);
    }

    #[test]
    fn no_valid_triplet_gives_zero() {
        // One class only: no negatives, PML returns 0.
        let e = inputs(vec![("embeddings", randn(&[3, 2], 5, 1.0)), ("labels", i(&[3], &[1, 1, 1]))]);
        let ev = assert_finite(ID, Some("pml"), &params(json!({})), &e);
        assert_eq!(ev.loss.floats[0], 0.0);
    }
}
