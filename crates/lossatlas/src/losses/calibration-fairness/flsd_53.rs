//! FLSD-53: focal loss with a sample-dependent focusing parameter, gamma = 5 for examples whose
//! true-class probability is below 0.2 and 3 otherwise, chosen to keep the calibration benefit of
//! focal loss without starving hard examples of gradient.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "flsd-53";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Sample-Dependent Focal Loss (FLSD-53)",
    aliases: &["FLSD-53", "FLSD", "Focal Loss Sample-Dependent", "Adaptive-Gamma Focal Loss"],
    kind: Kind::Loss,
    domains: &["calibration-fairness", "classification"],
    year: 2020,
    paper: Paper {
        title: "Calibrating Deep Neural Networks using Focal Loss",
        authors: "Jishnu Mukhoti, Viveka Kulharia, Amartya Sanyal, Stuart Golodetz, Philip H. S. Torr, Puneet K. Dokania",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/2002.09437",
    },
    summary: "Focal loss -(1 - p)^gamma log p on the true-class probability p, with gamma chosen per example from p itself: 5 when p < 0.2 and 3 otherwise. Training with focal loss instead of cross-entropy keeps the network from driving its confidence ever higher and gives markedly better-calibrated models, both before and after post-hoc temperature scaling; the larger gamma on hard examples compensates for the focal term shrinking their gradient. gamma is a piecewise constant of p and carries no gradient; as in the reference code the default reduction is a sum over the batch.",
    formula: r"\ell_i = -\big(1 - p_{i,y_i}\big)^{\gamma_i} \log p_{i,y_i},\quad \gamma_i = \begin{cases} 5 & p_{i,y_i} < 0.2 \\ 3 & p_{i,y_i} \ge 0.2 \end{cases},\quad p_i = \operatorname{softmax}(z_i)",
    inputs: &[
        Input { name: "logits", shape: "[N, C, *]", meaning: "class scores, class axis 1" },
        Input { name: "targets", shape: "[N, *] (i64)", meaning: "class indices" },
    ],
    params: &[Param {
        name: "reduction",
        symbol: "",
        default: Value::Str("sum"),
        range: Range::REDUCTION,
        meaning: "sum (the reference FocalLossAdaptive with size_average=False), mean, or none",
    }],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["focal", "adafocal", "cross-entropy", "mmce", "temperature-scaling"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of FLSD-53.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flsd53Config {
    pub reduction: Reduction,
}

impl Default for Flsd53Config {
    fn default() -> Self {
        Flsd53Config { reduction: Reduction::Sum }
    }
}

/// Rows `[M, C]` of `logits` `[N, C, *]` (class axis moved last) and the matching targets `[M]`,
/// read from the evaluator; also the per-element output shape `[N, *]`.
pub(crate) fn class_rows(c: &Call, loss: &str) -> Result<(Tensor<2>, Tensor<1, Int>, Vec<usize>), LossError> {
    let shape = c.shape("logits")?.to_vec();
    if shape.len() < 2 {
        return Err(LossError::shape(loss, "logits", "shape [N, C, *] (rank >= 2)", fmt_shape(&shape)));
    }
    let (n, k) = (shape[0], shape[1]);
    let s: usize = shape[2..].iter().product();
    let mut want = vec![n];
    want.extend_from_slice(&shape[2..]);
    let tshape = c.shape("targets")?;
    if tshape != want.as_slice() {
        return Err(LossError::shape(loss, "targets", format!("shape {} (logits without the class axis)", fmt_shape(&want)), fmt_shape(tshape)));
    }
    numerics::non_empty(loss, "logits", &shape)?;
    let x = c.float_reshaped::<3>("logits", [n, k, s])?.swap_dims(1, 2).reshape([n * s, k]);
    let y = c.int_reshaped::<1>("targets", [n * s])?;
    Ok((x, y, want))
}

/// Log-probability of the target class per row: `logits` `[M, C]`, `targets` `[M]`.
pub(crate) fn target_log_prob(loss: &str, logits: Tensor<2>, targets: Tensor<1, Int>) -> Result<Tensor<1>, LossError> {
    let [m, k] = logits.dims();
    numerics::same_shape(loss, "targets", &targets.dims(), "the rows of logits", &[m])?;
    numerics::non_empty(loss, "logits", &[m, k])?;
    numerics::labels_in_range(loss, "targets", &numerics::host_i64(&targets), k, None)?;
    Ok(numerics::log_softmax(logits, 1).gather(1, targets.reshape([m, 1])).reshape([m]))
}

/// FLSD-53 on rows: `logits` `[M, C]`, `targets` `[M]`. With `Reduction::None` the values are `[M]`.
pub fn flsd_53(logits: Tensor<2>, targets: Tensor<1, Int>, cfg: &Flsd53Config) -> Result<LossTensor, LossError> {
    let logpt = target_log_prob(ID, logits, targets)?;
    let m = logpt.dims()[0];
    let pt = logpt.clone().exp();
    // gamma is picked from the detached probability, as the reference does with `.item()`.
    let gamma: Vec<f64> = numerics::host_f64(&pt).into_iter().map(|p| if p < 0.2 { 5.0 } else { 3.0 }).collect();
    let gamma = numerics::tensor_like(&logpt, gamma, [m]);
    let per = pt.neg().add_scalar(1.0).powf(gamma) * logpt.neg();
    Ok(reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = Flsd53Config { reduction: c.reduction(Reduction::Sum)? };
    let (x, y, shape) = class_rows(c, ID)?;
    let out = flsd_53(x, y, &cfg)?;
    Ok(if cfg.reduction == Reduction::None { LossTensor { value: out.value, shape } } else { out })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        // Scaled so that some true-class probabilities fall below 0.2 and some above.
        let x = inputs(vec![("logits", randn(&[6, 4], 1, 2.0)), ("targets", i(&[6], &[0, 1, 2, 3, 0, 1]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("logits", randn(&[2, 3, 2, 2], 2, 2.0)), ("targets", i(&[2, 2, 2], &[0, 1, 2, 0, 1, 2, 0, 1]))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "mean"})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // p = 1/10 (< 0.2, gamma 5) and p = 1/2 (gamma 3); two classes.
        let x = inputs(vec![("logits", f(&[2, 2], &[0.0, 9f64.ln(), 0.0, 0.0])), ("targets", i(&[2], &[0, 1]))]);
        let want = [0.9f64.powi(5) * 10f64.ln(), 0.5f64.powi(3) * 2f64.ln()];
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.shape, vec![2]);
        for (g, w) in ev.loss.floats.iter().zip(want) {
            assert!((g - w).abs() < 1e-14);
        }
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - want.iter().sum::<f64>()).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[scale, -scale, 0.0, -scale, scale, scale])), ("targets", i(&[2], &[0, 2]))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let z = randn(&[3, 4], 5, 1.0);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[2], &[0, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[3], &[0, 4, 1]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", f(&[3], &[0.0, 1.0, 2.0]))]), ErrorKind::DType);
        assert_error(ID, None, &params(json!({"gamma": 2.0})), &inputs(vec![("logits", z.clone()), ("targets", i(&[3], &[0, 1, 2]))]), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
