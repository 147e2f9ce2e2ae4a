//! FitNets hint loss: an intermediate student feature map, passed through a small learned
//! regressor so that its shape matches, is pulled towards the teacher's feature map (the
//! "hint") with a squared error.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "fitnets";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "FitNets",
    aliases: &["Hint Loss", "FitNet", "Hint-Based Training"],
    kind: Kind::Loss,
    domains: &["distillation"],
    year: 2015,
    paper: Paper {
        title: "FitNets: Hints for Thin Deep Nets",
        authors: "Romero et al.",
        venue: "ICLR 2015",
        year: 2015,
        url: "https://arxiv.org/abs/1412.6550",
    },
    summary: "Guides a thinner, deeper student by making one of its intermediate layers predict a teacher layer: the student features go through a learned regressor (a convolution in mdistiller's ConvReg) to the teacher's shape, and the loss is the mean squared error to the teacher features. The input `features` is the regressor's output, so the regressor's parameters train through this loss. The paper pre-trains up to the guided layer with the hint before full KD training; mdistiller instead adds it to cross-entropy (weight 100). Feature scales of the two networks can differ a lot, so the weight needs tuning.",
    formula: r"\ell = \frac{1}{M}\sum_{m=1}^{M}\big(r(f^s)_m - f^t_m\big)^2",
    inputs: &[
        Input { name: "features", shape: "[N, *]", meaning: "regressed student hint r(f^s), already of the teacher's shape" },
        Input { name: "teacher_features", shape: "[N, *]", meaning: "teacher hint features f^t (differentiable like any input; detach them to train only the student)" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["torch.nn.functional.mse_loss"],
    related: &["mse", "attention-transfer", "review-kd", "knowledge-distillation"],
    forms: &[Form { name: "mdistiller", description: "mdistiller FitNet: F.mse_loss(conv_reg(student_feature), teacher_feature) with the mean over all elements." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Hint loss: squared error between the regressed student hint and the teacher hint, reduced
/// like PyTorch's `mse_loss`.
pub fn fitnets<const D: usize>(features: Tensor<D>, teacher_features: Tensor<D>, reduction: Reduction) -> Result<LossTensor, LossError> {
    let dims = features.dims();
    numerics::same_shape(ID, "teacher_features", &teacher_features.dims(), "features", &dims)?;
    numerics::non_empty(ID, "features", &dims)?;
    let d = features - teacher_features;
    Ok(reduce(d.clone() * d, reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("mdistiller") => {}
        _ => return Err(c.unknown_form(&["mdistiller"])),
    }
    let reduction = c.reduction(Reduction::Mean)?;
    let shape = c.shape("features")?;
    numerics::same_shape(ID, "teacher_features", c.shape("teacher_features")?, "features", shape)?;
    by_rank!(c, "features", shape.len(), |R| fitnets(c.float::<R>("features")?, c.float::<R>("teacher_features")?, reduction))
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
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("features", randn(&[2, 3, 2, 2], 71, 1.0)), ("teacher_features", randn(&[2, 3, 2, 2], 72, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"reduction": "none"})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // (1 - 0)² and (2 - 4)²: mean 5/2, sum 5.
        let x = inputs(vec![("features", f(&[1, 2], &[1.0, 2.0])), ("teacher_features", f(&[1, 2], &[0.0, 4.0]))]);
        assert!((eval64(ID, None, &params(json!({})), &x).loss.floats[0] - 2.5).abs() < 1e-15);
        assert!((eval64(ID, None, &params(json!({"reduction": "sum"})), &x).loss.floats[0] - 5.0).abs() < 1e-15);
        assert_eq!(eval64(ID, None, &params(json!({"reduction": "none"})), &x).loss.floats, vec![1.0, 4.0]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("features", f(&[1, 3], &[1e-12, 1e12, -1e12])), ("teacher_features", f(&[1, 3], &[0.0, -1e12, 1e12]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("features", randn(&[2, 3], 1, 1.0)), ("teacher_features", randn(&[2, 4], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("features", f(&[0, 3], &[])), ("teacher_features", f(&[0, 3], &[]))]), ErrorKind::Empty);
        let ok = inputs(vec![("features", randn(&[2, 3], 1, 1.0)), ("teacher_features", randn(&[2, 3], 2, 1.0))]);
        assert_error(ID, None, &params(json!({"reduction": "batchmean"})), &ok, ErrorKind::Param);
    }
}
