//! Margin ranking loss: asks one score to exceed another by a margin, in the direction the
//! target says. The pairwise building block of learning to rank.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "margin-ranking";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Margin Ranking Loss",
    aliases: &["MarginRankingLoss", "Pairwise Ranking Hinge Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning", "recommendation"],
    year: 2000,
    paper: Paper { title: "Large Margin Rank Boundaries for Ordinal Regression", authors: "Herbrich, R., Graepel, T. & Obermayer, K.", venue: "Advances in Large Margin Classifiers (MIT Press)", year: 2000, url: "" },
    summary: "For a pair of scores and a target of +1 or -1, penalizes the pair unless the first score beats the second (or the reverse) by at least the margin: max(0, -y (x1 - x2) + m). It trains rankers, siamese scorers and reward models from pairwise preferences. The hinge gives zero gradient to pairs already ranked with margin, so most of the learning comes from violated pairs.",
    formula: r"\ell = \max\left(0,\, -y\,(x_1 - x_2) + m\right),\quad y \in \{-1, 1\}",
    inputs: &[
        Input { name: "input1", shape: "[*]", meaning: "first scores" },
        Input { name: "input2", shape: "[*]", meaning: "second scores" },
        Input { name: "target", shape: "[*]", meaning: "+1 when input1 should rank higher, -1 otherwise" },
    ],
    params: &[
        Param { name: "margin", symbol: "m", default: Value::Float(0.0), range: Range::REAL, meaning: "required score gap" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties { convex: Tri::Yes, bounded: Tri::No, smooth: Tri::No, robust_to_outliers: Tri::Yes, suits_imbalance: Tri::No, suits_label_noise: Tri::No, operand: Operand::Values },
    equivalents: &["torch.nn.MarginRankingLoss", "torch.nn.functional.margin_ranking_loss"],
    related: &["hinge", "bradley-terry", "bpr", "triplet"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// PyTorch `margin_ranking_loss`.
pub fn margin_ranking<const D: usize>(input1: Tensor<D>, input2: Tensor<D>, target: Tensor<D>, margin: f64, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "input2", &input2.dims(), "input1", &input1.dims())?;
    numerics::same_shape(ID, "target", &target.dims(), "input1", &input1.dims())?;
    numerics::finite_param(ID, "margin", margin)?;
    Ok(reduce((target.neg() * (input1 - input2)).add_scalar(margin).clamp_min(0.0), reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let margin = c.f64("margin", 0.0)?;
    let reduction = c.reduction(Reduction::Mean)?;
    let rank = c.shape("input1")?.len();
    by_rank!(c, "input1", rank, |R| margin_ranking(c.float::<R>("input1")?, c.float::<R>("input2")?, c.float::<R>("target")?, margin, reduction))
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
        let x = inputs(vec![("input1", f(&[2], &[1.0, 0.0])), ("input2", f(&[2], &[0.2, 0.5])), ("target", f(&[2], &[1.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({"margin": 1.0, "reduction": "none"})), &x);
        assert!((ev.loss.floats[0] - 0.2).abs() < 1e-12 && (ev.loss.floats[1] - 1.5).abs() < 1e-12);
        let x = inputs(vec![("input1", randn(&[6], 1, 2.0)), ("input2", randn(&[6], 2, 2.0)), ("target", f(&[6], &[1., -1., 1., 1., -1., -1.]))]);
        assert_gradcheck_only(ID, None, &params(json!({"margin": 0.3})), &x, Some(&["input1", "input2"]));
        assert_error(ID, None, &params(json!({"margin": "nan"})), &x, ErrorKind::Param);
        let bad = inputs(vec![("input1", randn(&[6], 1, 2.0)), ("input2", randn(&[5], 2, 2.0)), ("target", randn(&[6], 2, 2.0))]);
        assert_error(ID, None, &params(json!({})), &bad, ErrorKind::Shape);
    }
}
