//! Cosine embedding loss: aligns the directions of similar pairs and separates dissimilar pairs
//! beyond a cosine margin.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "cosine-embedding";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Cosine Embedding Loss",
    aliases: &["CosineEmbeddingLoss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2006,
    paper: Paper { title: "Dimensionality Reduction by Learning an Invariant Mapping", authors: "Hadsell, R., Chopra, S. & LeCun, Y.", venue: "CVPR", year: 2006, url: "https://doi.org/10.1109/CVPR.2006.100" },
    summary: "For two batches of vectors and a +1/-1 label per pair, minimizes 1 - cos for similar pairs and max(0, cos - margin) for dissimilar ones. It learns embeddings whose direction encodes similarity and ignores their norm, which suits text and retrieval embeddings compared by cosine. A margin around 0–0.5 keeps dissimilar pairs from being pushed to exact opposites.",
    formula: r"\ell = \begin{cases} 1 - \cos(x_1, x_2) & y = 1 \\ \max(0,\, \cos(x_1, x_2) - m) & y = -1 \end{cases},\quad \cos = \frac{\langle x_1, x_2\rangle}{\sqrt{(\lVert x_1\rVert^2+\epsilon)(\lVert x_2\rVert^2+\epsilon)}}",
    inputs: &[
        Input { name: "z1", shape: "[N, D] or [D]", meaning: "first vectors" },
        Input { name: "z2", shape: "[N, D] or [D]", meaning: "second vectors" },
        Input { name: "target", shape: "[N] or []", meaning: "+1 for similar, -1 for dissimilar" },
    ],
    params: &[
        Param { name: "margin", symbol: "m", default: Value::Float(0.0), range: Range::Real { min: -1.0, max: 1.0, open_min: false, open_max: false }, meaning: "cosine above which dissimilar pairs are penalized" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties { convex: Tri::No, bounded: Tri::Yes, smooth: Tri::No, robust_to_outliers: Tri::Yes, suits_imbalance: Tri::No, suits_label_noise: Tri::No, operand: Operand::Embeddings },
    equivalents: &["torch.nn.CosineEmbeddingLoss", "torch.nn.functional.cosine_embedding_loss"],
    related: &["hinge-embedding", "contrastive", "cosine-distance"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// PyTorch `cosine_embedding_loss` with eps = 1e-12 inside each squared norm.
pub fn cosine_embedding(z1: Tensor<2>, z2: Tensor<2>, target: Tensor<1>, margin: f64, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "z2", &z2.dims(), "z1", &z1.dims())?;
    let n = z1.dims()[0];
    numerics::same_shape(ID, "target", &target.dims(), "the batch of z1", &[n])?;
    numerics::finite_param(ID, "margin", margin)?;
    let eps = 1e-12;
    let dot = (z1.clone() * z2.clone()).sum_dim(1);
    let m1 = z1.square().sum_dim(1).add_scalar(eps);
    let m2 = z2.square().sum_dim(1).add_scalar(eps);
    let cos = (dot / (m1 * m2).sqrt()).reshape([n]);
    let pos = numerics::mask_to_float(target.clone().equal_elem(1.0), &cos);
    let neg = numerics::mask_to_float(target.equal_elem(-1.0), &cos);
    let per = cos.clone().neg().add_scalar(1.0) * pos + cos.sub_scalar(margin).clamp_min(0.0) * neg;
    Ok(reduce(per, reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let margin = c.f64("margin", 0.0)?;
    let reduction = c.reduction(Reduction::Mean)?;
    let shape = c.shape("z1")?.to_vec();
    match shape.len() {
        1 => {
            let d = shape[0];
            let out = cosine_embedding(c.float_reshaped::<2>("z1", [1, d])?, c.float_reshaped::<2>("z2", [1, d])?, c.float_reshaped::<1>("target", [1])?, margin, Reduction::None)?;
            Ok(LossTensor::scalar(out.value))
        }
        2 => cosine_embedding(c.float::<2>("z1")?, c.float::<2>("z2")?, c.float::<1>("target")?, margin, reduction),
        _ => Err(LossError::shape(ID, "z1", "shape [N, D] or [D]", fmt_shape(&shape))),
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
    fn value_gradients_errors() {
        // Orthogonal pair: cos = 0; similar -> 1, dissimilar with margin -0.5 -> 0.5.
        let x = inputs(vec![("z1", f(&[2, 2], &[1.0, 0.0, 1.0, 0.0])), ("z2", f(&[2, 2], &[0.0, 2.0, 0.0, 2.0])), ("target", f(&[2], &[1.0, -1.0]))]);
        let ev = eval64(ID, None, &params(json!({"margin": -0.5, "reduction": "none"})), &x);
        assert!((ev.loss.floats[0] - 1.0).abs() < 1e-12 && (ev.loss.floats[1] - 0.5).abs() < 1e-12);
        let x = inputs(vec![("z1", randn(&[5, 3], 1, 1.0)), ("z2", randn(&[5, 3], 2, 1.0)), ("target", f(&[5], &[1., -1., 1., -1., -1.]))]);
        assert_gradcheck_only(ID, None, &params(json!({"margin": -0.9})), &x, Some(&["z1", "z2"]));
        let x = inputs(vec![("z1", f(&[1, 2], &[1e12, -1e12])), ("z2", f(&[1, 2], &[1e-12, 1e-12])), ("target", f(&[1], &[1.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        let bad = inputs(vec![("z1", randn(&[5, 3], 1, 1.0)), ("z2", randn(&[5, 2], 2, 1.0)), ("target", f(&[5], &[1.; 5]))]);
        assert_error(ID, None, &params(json!({})), &bad, ErrorKind::Shape);
    }
}
