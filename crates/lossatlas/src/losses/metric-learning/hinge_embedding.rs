//! Hinge embedding loss: pulls the distances of similar pairs down and pushes dissimilar pairs
//! beyond a margin, given the distance as input.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "hinge-embedding";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Hinge Embedding Loss",
    aliases: &["HingeEmbeddingLoss"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2006,
    paper: Paper { title: "Dimensionality Reduction by Learning an Invariant Mapping", authors: "Hadsell, R., Chopra, S. & LeCun, Y.", venue: "CVPR", year: 2006, url: "https://doi.org/10.1109/CVPR.2006.100" },
    summary: "Takes a distance (usually between two embeddings) and a label of +1 for similar or -1 for dissimilar pairs: similar pairs pay their distance, dissimilar ones pay max(0, margin - distance). It is the contrastive loss with an unsquared distance, for learning embeddings or semi-supervised similarity. The caller computes the distance, so the embedding geometry is up to the model.",
    formula: r"\ell = \begin{cases} x & y = 1 \\ \max(0,\, m - x) & y = -1 \end{cases}",
    inputs: &[
        Input { name: "input", shape: "[*]", meaning: "distances (or any scores where lower means more similar)" },
        Input { name: "target", shape: "[*]", meaning: "+1 for similar, -1 for dissimilar" },
    ],
    params: &[
        Param { name: "margin", symbol: "m", default: Value::Float(1.0), range: Range::REAL, meaning: "distance beyond which dissimilar pairs cost nothing" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties { convex: Tri::Yes, bounded: Tri::No, smooth: Tri::No, robust_to_outliers: Tri::No, suits_imbalance: Tri::No, suits_label_noise: Tri::No, operand: Operand::Values },
    equivalents: &["torch.nn.HingeEmbeddingLoss", "torch.nn.functional.hinge_embedding_loss"],
    related: &["contrastive", "cosine-embedding", "margin-ranking"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// PyTorch `hinge_embedding_loss`: `x` where `y != -1`, plus `max(0, m - x)` where `y != 1`.
pub fn hinge_embedding<const D: usize>(input: Tensor<D>, target: Tensor<D>, margin: f64, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "target", &target.dims(), "input", &input.dims())?;
    numerics::finite_param(ID, "margin", margin)?;
    let not_neg = numerics::mask_to_float(target.clone().not_equal_elem(-1.0), &input);
    let not_pos = numerics::mask_to_float(target.not_equal_elem(1.0), &input);
    let per = input.clone() * not_neg + input.neg().add_scalar(margin).clamp_min(0.0) * not_pos;
    Ok(reduce(per, reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let margin = c.f64("margin", 1.0)?;
    let reduction = c.reduction(Reduction::Mean)?;
    let rank = c.shape("input")?.len();
    by_rank!(c, "input", rank, |R| hinge_embedding(c.float::<R>("input")?, c.float::<R>("target")?, margin, reduction))
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
        let x = inputs(vec![("input", f(&[3], &[0.3, 0.3, 1.5])), ("target", f(&[3], &[1.0, -1.0, -1.0]))]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.floats.len(), 3);
        assert!((ev.loss.floats[0] - 0.3).abs() < 1e-12 && (ev.loss.floats[1] - 0.7).abs() < 1e-12 && ev.loss.floats[2] == 0.0);
        let x = inputs(vec![("input", uniform(&[8], 4, 0.0, 3.0)), ("target", f(&[8], &[1., -1., 1., -1., -1., 1., -1., 1.]))]);
        assert_gradcheck_only(ID, None, &params(json!({"margin": 2.0})), &x, Some(&["input"]));
        assert_error(ID, None, &params(json!({"margin": "inf"})), &x, ErrorKind::Param);
    }
}
