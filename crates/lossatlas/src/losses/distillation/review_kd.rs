//! ReviewKD's hierarchical context loss (HCL) for one stage: a squared error between student
//! and teacher feature maps at full resolution plus at coarser pooled resolutions, so that
//! both local detail and global context are transferred.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, pooling};

const ID: &str = "review-kd";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "ReviewKD",
    aliases: &["Review KD", "Knowledge Review", "Hierarchical Context Loss", "HCL"],
    kind: Kind::Loss,
    domains: &["distillation"],
    year: 2021,
    paper: Paper {
        title: "Distilling Knowledge via Knowledge Review",
        authors: "Chen et al.",
        venue: "CVPR 2021",
        year: 2021,
        url: "https://arxiv.org/abs/2104.09044",
    },
    summary: "The loss term of ReviewKD for one stage, its hierarchical context loss: the mean squared error between the (fused, reviewed) student feature map and the teacher's, plus the mean squared errors of both maps average-pooled to 4×4, 2×2 and 1×1 (only the sizes smaller than the map's height), weighted 1/2, 1/4, 1/8 and normalised by the total weight. The full method first fuses each student stage with the deeper ones through attention-based fusion modules and sums this loss over stages; those modules are learned parts of the model, so the input `features` is their output. Pooled terms make the loss care about the global layout of the features, not only per-position values.",
    formula: r"\ell = \frac{\operatorname{mse}(f^s, f^t) + \sum_{k=1}^{K} 2^{-k}\operatorname{mse}\big(P_{l_k}(f^s), P_{l_k}(f^t)\big)}{1 + \sum_{k=1}^{K} 2^{-k}},\quad (l_1, \dots, l_K) = \text{those of } (4, 2, 1) \text{ below } H",
    inputs: &[
        Input { name: "features", shape: "[N, C, H, W]", meaning: "student feature map of one stage (after ReviewKD's fusion modules)" },
        Input { name: "teacher_features", shape: "[N, C, H, W]", meaning: "teacher feature map of that stage (differentiable like any input; detach it to train only the student)" },
    ],
    params: &[],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["mdistiller.distillers.ReviewKD.hcl_loss"],
    related: &["fitnets", "attention-transfer", "knowledge-distillation"],
    forms: &[Form {
        name: "mdistiller-hcl",
        description: "mdistiller hcl_loss for one stage: F.mse_loss at full size, then F.adaptive_avg_pool2d to (l, l) for l in [4, 2, 1] with l < H, weights halving from 1/2, divided by the sum of weights.",
    }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Hierarchical context loss of one stage; a scalar.
pub fn review_kd(features: Tensor<4>, teacher_features: Tensor<4>) -> Result<LossTensor, LossError> {
    let dims = features.dims();
    numerics::same_shape(ID, "teacher_features", &teacher_features.dims(), "features", &dims)?;
    numerics::non_empty(ID, "features", &dims)?;
    let mse = |a: Tensor<4>, b: Tensor<4>| {
        let d = a - b;
        (d.clone() * d).mean()
    };
    let mut loss = mse(features.clone(), teacher_features.clone());
    let (mut weight, mut total) = (1.0, 1.0);
    for l in [4usize, 2, 1] {
        if l >= dims[2] {
            continue;
        }
        weight /= 2.0;
        total += weight;
        let pooled = mse(pooling::adaptive_avg_pool2d(features.clone(), l, l), pooling::adaptive_avg_pool2d(teacher_features.clone(), l, l));
        loss = loss + pooled.mul_scalar(weight);
    }
    Ok(LossTensor::scalar(loss.mul_scalar(1.0 / total)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("mdistiller-hcl") => {}
        _ => return Err(c.unknown_form(&["mdistiller-hcl"])),
    }
    let shape = c.shape("features")?;
    if shape.len() != 4 {
        return Err(LossError::shape(ID, "features", "shape [N, C, H, W]", fmt_shape(shape)));
    }
    numerics::same_shape(ID, "teacher_features", c.shape("teacher_features")?, "features", shape)?;
    review_kd(c.float::<4>("features")?, c.float::<4>("teacher_features")?)
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
        // H = 5 pools to 4×4 (overlapping bins), 2×2 and 1×1; W = 3 differs from H.
        let x = inputs(vec![("features", randn(&[2, 2, 5, 3], 81, 1.0)), ("teacher_features", randn(&[2, 2, 5, 3], 82, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        // H = 1: the plain mean squared error.
        let x = inputs(vec![("features", randn(&[2, 2, 1, 3], 83, 1.0)), ("teacher_features", randn(&[2, 2, 1, 3], 84, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // One 2×2 map: student (1, 0, 0, 0), teacher zeros. Full mse = 1/4. Only l = 1 < 2
        // applies: pooled means 1/4 vs 0, mse 1/16, weight 1/2. Loss = (1/4 + 1/32) / (3/2).
        let x = inputs(vec![("features", f(&[1, 1, 2, 2], &[1.0, 0.0, 0.0, 0.0])), ("teacher_features", f(&[1, 1, 2, 2], &[0.0; 4]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        let want = (0.25 + 1.0 / 32.0) / 1.5;
        assert!((ev.loss.floats[0] - want).abs() < 1e-15, "{} vs {want}", ev.loss.floats[0]);
        // H = 8: all three pools, weights 1/2, 1/4, 1/8, total 15/8. A constant offset of 1
        // gives mse 1 at every level, so the loss is 1.
        let x = inputs(vec![("features", f(&[1, 1, 8, 8], &[1.0; 64])), ("teacher_features", f(&[1, 1, 8, 8], &[0.0; 64]))]);
        assert!((eval64(ID, None, &params(json!({})), &x).loss.floats[0] - 1.0).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let mut s = randn(&[1, 2, 4, 4], 85, 1.0);
        s.floats.iter_mut().enumerate().for_each(|(k, v)| *v *= if k % 2 == 0 { 1e12 } else { 1e-12 });
        assert_finite(ID, None, &params(json!({})), &inputs(vec![("features", s), ("teacher_features", randn(&[1, 2, 4, 4], 86, 1.0))]));
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("features", randn(&[1, 2, 4, 4], 1, 1.0)), ("teacher_features", randn(&[1, 3, 4, 4], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("features", randn(&[2, 4], 1, 1.0)), ("teacher_features", randn(&[2, 4], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("features", f(&[0, 1, 2, 2], &[])), ("teacher_features", f(&[0, 1, 2, 2], &[]))]), ErrorKind::Empty);
        let ok = inputs(vec![("features", randn(&[1, 1, 2, 2], 1, 1.0)), ("teacher_features", randn(&[1, 1, 2, 2], 2, 1.0))]);
        assert_error(ID, None, &params(json!({"reduction": "sum"})), &ok, ErrorKind::Param);
    }
}
