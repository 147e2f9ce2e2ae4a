//! Right for the right reasons: an explanation penalty on input gradients. Where an annotation
//! marks input features as irrelevant, the gradient of the model's log-probabilities with respect
//! to those features is pushed to zero, so the model cannot rely on them.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "right-for-right-reasons";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Right for the Right Reasons Penalty",
    aliases: &["RRR", "Right for the Right Reasons", "Input Gradient Explanation Penalty"],
    kind: Kind::Penalty,
    domains: &["regularization", "classification", "adversarial-ood"],
    year: 2017,
    paper: Paper {
        title: "Right for the Right Reasons: Training Differentiable Models by Constraining their Explanations",
        authors: "Andrew Slavin Ross, Michael C. Hughes, Finale Doshi-Velez",
        venue: "IJCAI",
        year: 2017,
        url: "https://arxiv.org/abs/1703.03717",
    },
    summary: "Adds to the cross-entropy lambda times the squared input gradients of the summed log-probabilities on the features an annotation mask A marks as irrelevant, so the model is right for reasons an expert accepts and stops exploiting confounders (e.g. a corner watermark). This entry computes the penalty from the input gradients; obtaining them is the caller's job: differentiate sum_k log p_k with respect to the inputs with create_graph / double backward so that the penalty itself can be differentiated with respect to the parameters. The reference code's default lambda is tiny (1e-4); in the paper's experiments lambda is set so that both terms have comparable magnitude, and an L2 penalty on the parameters is added separately.",
    formula: r"\Omega = \lambda \sum_{n} \sum_{d} \Big( A_{nd}\, \frac{\partial}{\partial x_{nd}} \sum_{k} \log \hat y_{nk} \Big)^2",
    inputs: &[
        Input { name: "input_grads", shape: "[N, *]", meaning: "gradients of sum_k log p_k with respect to the inputs, computed by the caller with a differentiable (double) backward" },
        Input { name: "mask", shape: "[N, *]", meaning: "annotation A: 1 (or a weight) on irrelevant features, 0 elsewhere; bool, integers or floats (no gradient)" },
    ],
    params: &[Param { name: "l2_grads", symbol: r"\lambda", default: Value::Float(1e-4), range: Range::NON_NEGATIVE, meaning: "weight of the penalty (dtak/rrr MultilayerPerceptron default 0.0001)" }],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Parameters,
    },
    related: &["cross-entropy", "l2-regularization", "r1-penalty", "trades"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the right-for-the-right-reasons penalty.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RightForRightReasonsConfig {
    pub l2_grads: f64,
}

impl Default for RightForRightReasonsConfig {
    fn default() -> Self {
        RightForRightReasonsConfig { l2_grads: 1e-4 }
    }
}

/// `l2_grads * sum((mask * input_grads)^2)`; `mask` is a constant of the same shape.
pub fn right_for_right_reasons<const D: usize>(input_grads: Tensor<D>, mask: Tensor<D>, cfg: &RightForRightReasonsConfig) -> Result<LossTensor, LossError> {
    let dims = input_grads.dims();
    numerics::same_shape(ID, "mask", &mask.dims(), "input_grads", &dims)?;
    numerics::non_empty(ID, "input_grads", &dims)?;
    numerics::non_negative_param(ID, "l2_grads", cfg.l2_grads)?;
    numerics::finite_values(ID, "mask", &numerics::host_f64(&mask))?;
    let v = (input_grads * mask.detach()).powi_scalar(2).sum().mul_scalar(cfg.l2_grads);
    Ok(LossTensor::scalar(v))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = RightForRightReasonsConfig { l2_grads: c.f64("l2_grads", 1e-4)? };
    let shape = c.shape("input_grads")?.to_vec();
    let ms = c.shape("mask")?;
    if ms != shape.as_slice() {
        return Err(LossError::shape(ID, "mask", format!("shape {} (the shape of input_grads)", fmt_shape(&shape)), fmt_shape(ms)));
    }
    let n: usize = shape.iter().product();
    if shape.is_empty() {
        return Err(LossError::shape(ID, "input_grads", "a tensor of rank >= 1", "a scalar"));
    }
    numerics::non_empty(ID, "input_grads", &shape)?;
    // The penalty is elementwise: flatten both (the mask is read without a gradient).
    let m = c.host("mask")?;
    let g = c.float_reshaped::<1>("input_grads", [n])?;
    let mask = numerics::tensor_like(&g, m.as_f64(), [n]);
    right_for_right_reasons(g, mask, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("input_grads", randn(&[3, 2, 4], 1, 1.0)), ("mask", i(&[3, 2, 4], &[1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0]))]);
        assert_gradcheck(ID, None, &params(json!({"l2_grads": 10.0})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // Masked gradients 3 and -4 (weights 1 and 0.5): 2 * (9 + 4) = 26; unmasked 100 ignored.
        let x = inputs(vec![("input_grads", f(&[1, 3], &[3.0, -4.0, 100.0])), ("mask", f(&[1, 3], &[1.0, 0.5, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"l2_grads": 2.0})), &x);
        assert!((ev.loss.floats[0] - 26.0).abs() < 1e-12);
        assert_eq!(ev.grads["input_grads"].floats, vec![12.0, -4.0, 0.0]);
        // Default lambda 1e-4; boolean masks.
        let mut xb = x.clone();
        let mut m = i(&[1, 3], &[1, 1, 0]);
        m.dtype = crate::eval::HostDType::Bool;
        xb.insert("mask".into(), m);
        assert!((eval64(ID, None, &params(json!({})), &xb).loss.floats[0] - 25e-4).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_gradients() {
        let x = inputs(vec![("input_grads", f(&[1, 4], &[1e12, 1e-12, -1e12, 0.0])), ("mask", f(&[1, 4], &[1.0, 1.0, 0.0, 1.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("input_grads", f(&[1, 3], &[1.0, 2.0, 3.0])), ("mask", f(&[1, 2], &[1.0, 0.0]))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"l2_grads": -1.0})), &inputs(vec![("input_grads", f(&[1, 2], &[1.0, 2.0])), ("mask", f(&[1, 2], &[1.0, 0.0]))]), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(vec![("input_grads", f(&[1, 2], &[1.0, 2.0])), ("mask", f(&[1, 2], &[1.0, f64::NAN]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("input_grads", f(&[0, 2], &[])), ("mask", f(&[0, 2], &[]))]), ErrorKind::Empty);
    }
}
