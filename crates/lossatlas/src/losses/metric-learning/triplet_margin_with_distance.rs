//! Triplet margin loss with a pluggable distance (PyTorch's `TripletMarginWithDistanceLoss`).

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::distance::{cosine_similarity, pairwise_distance};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "triplet-margin-with-distance";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Triplet Margin Loss with Distance",
    aliases: &["TripletMarginWithDistanceLoss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2015,
    paper: Paper {
        title: "FaceNet: A Unified Embedding for Face Recognition and Clustering",
        authors: "Schroff, F., Kalenichenko, D. & Philbin, J.",
        venue: "CVPR",
        year: 2015,
        url: "https://arxiv.org/abs/1503.03832",
    },
    summary: "The triplet hinge max(0, d(a, p) - d(a, n) + margin) with a distance chosen by the user instead of a fixed p-norm, e.g. the cosine distance for embeddings compared by angle. Use it when the embedding geometry is not Euclidean; the margin must suit the distance's range (cosine distance lies in [0, 2]).",
    formula: r"\ell = \max\left(0,\, d(a, p) - \min\big(d(a, n), d(p, n)\big)_{\text{swap}} + m\right)",
    inputs: &[
        Input { name: "anchor", shape: "[N, D]", meaning: "anchor embeddings" },
        Input { name: "positive", shape: "[N, D]", meaning: "positive embeddings" },
        Input { name: "negative", shape: "[N, D]", meaning: "negative embeddings" },
    ],
    params: &[
        Param { name: "distance_function", symbol: "d", default: Value::Str("pairwise_distance"), range: Range::Choice { values: &["pairwise_distance", "cosine"] }, meaning: "pairwise_distance (L2 with eps 1e-6 added to the difference) or cosine (1 - cosine similarity, eps 1e-8 on each norm)" },
        Param { name: "margin", symbol: "m", default: Value::Float(1.0), range: Range::REAL, meaning: "required distance gap" },
        Param { name: "swap", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "use min(d(a, n), d(p, n)) as the negative distance" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties { convex: Tri::No, bounded: Tri::No, smooth: Tri::No, robust_to_outliers: Tri::Unknown, suits_imbalance: Tri::No, suits_label_noise: Tri::No, operand: Operand::Embeddings },
    equivalents: &["torch.nn.TripletMarginWithDistanceLoss", "torch.nn.functional.triplet_margin_with_distance_loss"],
    related: &["triplet", "cosine-distance", "cosine-embedding"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// A distance between rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TripletDistance {
    /// `||a - b + 1e-6||_2`, PyTorch's default.
    #[default]
    Pairwise,
    /// `1 - cos(a, b)` with each norm clamped at 1e-8.
    Cosine,
}

fn distance(kind: TripletDistance, a: Tensor<2>, b: Tensor<2>) -> Tensor<1> {
    match kind {
        TripletDistance::Pairwise => pairwise_distance(a, b, 2.0, 1e-6),
        TripletDistance::Cosine => cosine_similarity(a, b, 1e-8).neg().add_scalar(1.0),
    }
}

/// PyTorch `triplet_margin_with_distance_loss` for the two built-in distances.
pub fn triplet_margin_with_distance(anchor: Tensor<2>, positive: Tensor<2>, negative: Tensor<2>, kind: TripletDistance, margin: f64, swap: bool, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "positive", &positive.dims(), "anchor", &anchor.dims())?;
    numerics::same_shape(ID, "negative", &negative.dims(), "anchor", &anchor.dims())?;
    numerics::non_empty(ID, "anchor", &anchor.dims())?;
    if !(margin > 0.0) || !margin.is_finite() {
        // PyTorch requires a positive margin here.
        return Err(LossError::param(ID, "margin", "a finite number > 0", format!("{margin}")));
    }
    let d_ap = distance(kind, anchor.clone(), positive.clone());
    let mut d_an = distance(kind, anchor, negative.clone());
    if swap {
        d_an = d_an.min_pair(distance(kind, positive, negative));
    }
    Ok(reduce((d_ap - d_an).add_scalar(margin).clamp_min(0.0), reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let kind = match c.str("distance_function", "pairwise_distance")? {
        "pairwise_distance" => TripletDistance::Pairwise,
        "cosine" => TripletDistance::Cosine,
        other => return Err(LossError::param(ID, "distance_function", "pairwise_distance or cosine", format!("{other:?}"))),
    };
    triplet_margin_with_distance(c.float::<2>("anchor")?, c.float::<2>("positive")?, c.float::<2>("negative")?, kind, c.f64("margin", 1.0)?, c.bool("swap", false)?, c.reduction(Reduction::Mean)?)
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
    fn value_gradients_errors() {
        // Cosine: a = p (distance 0), n orthogonal (distance 1), margin 1.5 -> 0.5.
        let x = inputs(vec![("anchor", f(&[1, 2], &[1.0, 0.0])), ("positive", f(&[1, 2], &[2.0, 0.0])), ("negative", f(&[1, 2], &[0.0, 3.0]))]);
        let ev = eval64(ID, None, &params(json!({"distance_function": "cosine", "margin": 1.5})), &x);
        assert!((ev.loss.floats[0] - 0.5).abs() < 1e-12);
        let x = inputs(vec![("anchor", randn(&[4, 3], 1, 1.0)), ("positive", randn(&[4, 3], 2, 1.0)), ("negative", randn(&[4, 3], 3, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({"distance_function": "cosine", "margin": 2.5, "swap": true})), &x);
        assert_error(ID, None, &params(json!({"margin": 0.0})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"distance_function": "manhattan"})), &x, ErrorKind::Param);
    }
}
