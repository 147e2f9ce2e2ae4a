//! Soft-margin loss: the logistic loss on ±1 labels, a smooth version of the hinge.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "soft-margin";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Soft Margin Loss",
    aliases: &["SoftMarginLoss", "Two-Class Logistic Loss"],
    kind: Kind::Loss,
    domains: &["classification"],
    year: 1958,
    paper: Paper { title: "The Regression Analysis of Binary Sequences", authors: "Cox, D.R.", venue: "Journal of the Royal Statistical Society B", year: 1958, url: "https://doi.org/10.1111/j.2517-6161.1958.tb00292.x" },
    summary: "The logistic loss written for labels in {-1, +1}: log(1 + exp(-y x)), a smooth, convex upper bound of the 0/1 loss that keeps pushing the margin y x up with a vanishing gradient. It equals binary cross-entropy with logits after mapping -1 to 0. PyTorch averages over all elements, not per sample.",
    formula: r"\ell = \log\left(1 + e^{-y x}\right),\quad y \in \{-1, 1\}",
    inputs: &[
        Input { name: "logits", shape: "[*]", meaning: "scores" },
        Input { name: "targets", shape: "[*]", meaning: "labels in {-1, 1}" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties { convex: Tri::Yes, bounded: Tri::No, smooth: Tri::Yes, robust_to_outliers: Tri::No, suits_imbalance: Tri::No, suits_label_noise: Tri::No, operand: Operand::Logits },
    equivalents: &["torch.nn.SoftMarginLoss", "torch.nn.functional.soft_margin_loss"],
    related: &["binary-cross-entropy", "hinge", "multilabel-soft-margin"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// PyTorch `soft_margin_loss`: `softplus(-y x)`, stable for any |x|.
pub fn soft_margin<const D: usize>(logits: Tensor<D>, targets: Tensor<D>, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &logits.dims())?;
    Ok(reduce(numerics::softplus((logits * targets).neg()), reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let reduction = c.reduction(Reduction::Mean)?;
    let rank = c.shape("logits")?.len();
    by_rank!(c, "logits", rank, |R| soft_margin(c.float::<R>("logits")?, c.float::<R>("targets")?, reduction))
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
    fn value_gradients_extremes() {
        let x = inputs(vec![("logits", f(&[3], &[0.0, 2.0, -1e4])), ("targets", f(&[3], &[1.0, -1.0, 1.0]))]);
        let ev = assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
        assert!((ev.loss.floats[0] - 2f64.ln()).abs() < 1e-12);
        assert!((ev.loss.floats[1] - (1.0 + 2f64.exp()).ln()).abs() < 1e-12);
        assert!((ev.loss.floats[2] - 1e4).abs() < 1e-9);
        assert_gradcheck(ID, None, &params(json!({})), &inputs(vec![("logits", randn(&[4, 3], 1, 2.0)), ("targets", f(&[4, 3], &[1.0, -1.0, 1.0, 1.0, -1.0, -1.0, 1.0, 1.0, -1.0, 1.0, -1.0, 1.0]))]));
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", randn(&[3], 1, 1.0)), ("targets", randn(&[4], 1, 1.0))]), ErrorKind::Shape);
    }
}
