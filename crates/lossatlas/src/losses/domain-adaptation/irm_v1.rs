//! IRMv1: the invariant-risk-minimization penalty. For each training environment, the squared
//! gradient of the environment's risk with respect to a dummy scalar classifier w = 1 placed on
//! the logits; it is zero when the same classifier is simultaneously optimal in every environment.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, groups, reduce};

const ID: &str = "irm-v1";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "IRMv1 Penalty",
    aliases: &["IRM", "IRMv1", "Invariant Risk Minimization Penalty"],
    kind: Kind::Penalty,
    domains: &["domain-adaptation", "regularization", "classification"],
    year: 2019,
    paper: Paper {
        title: "Invariant Risk Minimization",
        authors: "Martin Arjovsky, Léon Bottou, Ishaan Gulrajani, David Lopez-Paz",
        venue: "arXiv",
        year: 2019,
        url: "https://arxiv.org/abs/1907.02893",
    },
    summary: "The practical IRMv1 objective is sum_e R^e(Phi) + lambda sum_e ||grad_{w | w=1} R^e(w Phi)||^2: the squared derivative of each environment's risk with respect to a scalar multiplier of the logits, evaluated at 1. It vanishes when scaling the logits cannot lower any environment's risk, i.e. when the classifier on top of the representation is optimal everywhere at once. For cross-entropy the derivative has a closed form in the logits, which this entry computes per environment (no extra backward pass or dummy parameter). The official code weights the penalty by 1 for the first steps and then by a large lambda (about 1e4 to 1e5 in its colored-MNIST runs), dividing the total loss by lambda when it exceeds 1; the risk term and the weight are the caller's.",
    formula: r"P_e = \Big(\frac{1}{n_e}\sum_{i \in e} \sum_c \big(\operatorname{softmax}(z_i)_c - y_{ic}\big) z_{ic}\Big)^2\ \text{(multiclass)},\quad P_e = \Big(\frac{1}{n_e}\sum_{i \in e} \big(\sigma(z_i) - y_i\big) z_i\Big)^2\ \text{(binary)}",
    inputs: &[
        Input { name: "logits", shape: "[N] (binary) or [N, C] (multiclass)", meaning: "logits of the classifier on the representation" },
        Input { name: "targets", shape: "[N]", meaning: "0/1 labels (binary form, floats allowed) or class indices (multiclass form)" },
        Input { name: "environments", shape: "[N] (i64)", meaning: "training environment of each example, ids 0..E-1, each present" },
    ],
    params: &[Param {
        name: "reduction",
        symbol: "",
        default: Value::Str("mean"),
        range: Range::REDUCTION,
        meaning: "mean over environments (the official code), sum, or none (one penalty per environment)",
    }],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    related: &["v-rex", "group-dro", "cross-entropy", "binary-cross-entropy", "deep-coral"],
    forms: &[
        Form { name: "binary", description: "The official colored-MNIST code: risk = mean binary_cross_entropy_with_logits(w * logits, targets); the penalty is the square of its derivative at w = 1, mean((sigmoid(z) - y) z), per environment." },
        Form { name: "multiclass", description: "Softmax cross-entropy risk (class-index targets): the derivative at w = 1 is mean_i sum_c (softmax(z_i)_c - onehot_c) z_ic." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the IRMv1 penalty.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct IrmV1Config {
    pub reduction: Reduction,
}

fn per_environment(d: Tensor<1>, envs: &[i64], cfg: &IrmV1Config) -> Result<LossTensor, LossError> {
    let n = d.dims()[0];
    numerics::same_shape(ID, "environments", &[envs.len()], "the batch", &[n])?;
    let e = groups::group_count(ID, "environments", envs, 1)?;
    let counts = groups::counts(envs, e);
    if let Some(missing) = counts.iter().position(|&c| c == 0.0) {
        return Err(LossError::value(ID, "environments", format!("examples in every environment 0..{}", e - 1), format!("no example in environment {missing}")));
    }
    let grad = groups::group_sums(d.clone(), groups::membership(&d, envs, e)) / numerics::tensor_like(&d, counts, [e]);
    Ok(reduce(grad.powi_scalar(2), cfg.reduction))
}

/// Binary form: `logits`, `targets` `[N]`, environment ids `[N]`.
pub fn irm_v1_binary(logits: Tensor<1>, targets: Tensor<1>, envs: &[i64], cfg: &IrmV1Config) -> Result<LossTensor, LossError> {
    let [n] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &[n])?;
    numerics::non_empty(ID, "logits", &[n])?;
    let d = (numerics::sigmoid(logits.clone()) - targets) * logits;
    per_environment(d, envs, cfg)
}

/// Multiclass form: `logits` `[N, C]`, class-index `targets` `[N]`, environment ids `[N]`.
pub fn irm_v1(logits: Tensor<2>, targets: Tensor<1, Int>, envs: &[i64], cfg: &IrmV1Config) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of logits", &[n])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), c, None)?;
    let p = numerics::softmax(logits.clone(), 1);
    let y = numerics::onehot::one_hot(targets, c, &logits);
    let d = ((p - y) * logits).sum_dim(1).reshape([n]);
    per_environment(d, envs, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = IrmV1Config { reduction: c.reduction(Reduction::Mean)? };
    let rank = c.shape("logits")?.len();
    let form = match c.form() {
        Some(f @ ("binary" | "multiclass")) => f,
        None if rank == 1 => "binary",
        None => "multiclass",
        Some(_) => return Err(c.unknown_form(&["binary", "multiclass"])),
    };
    let es = c.shape("environments")?;
    if es.len() != 1 {
        return Err(LossError::shape(ID, "environments", "shape [N]", fmt_shape(es)));
    }
    let envs = c.int_values("environments")?.to_vec();
    let out = if form == "binary" {
        irm_v1_binary(c.float::<1>("logits")?, c.float::<1>("targets")?, &envs, &cfg)?
    } else {
        irm_v1(c.float::<2>("logits")?, c.int::<1>("targets")?, &envs, &cfg)?
    };
    Ok(out)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn sig(x: f64) -> f64 {
        1.0 / (1.0 + (-x).exp())
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("logits", randn(&[8], 1, 2.0)), ("targets", f(&[8], &[0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0])), ("environments", i(&[8], &[0, 0, 0, 1, 1, 1, 1, 0]))]);
        assert_gradcheck(ID, Some("binary"), &params(json!({})), &x);
        let x = inputs(vec![("logits", randn(&[6, 3], 2, 2.0)), ("targets", i(&[6], &[0, 1, 2, 2, 1, 0])), ("environments", i(&[6], &[0, 1, 2, 0, 1, 2]))]);
        assert_gradcheck(ID, Some("multiclass"), &params(json!({"reduction": "sum"})), &x);
    }

    #[test]
    fn closed_form_is_the_dummy_scale_derivative() {
        // The penalty equals (d/dw risk(w z))^2 at w = 1, checked by a central difference in w.
        let z = [0.3, -1.2, 2.0, 0.7];
        let y = [1.0, 0.0, 1.0, 0.0];
        let risk = |w: f64| z.iter().zip(y).map(|(&zi, yi)| -(yi * sig(w * zi).ln() + (1.0 - yi) * (1.0 - sig(w * zi)).ln())).sum::<f64>() / 4.0;
        let h = 1e-6;
        let g = (risk(1.0 + h) - risk(1.0 - h)) / (2.0 * h);
        let x = inputs(vec![("logits", f(&[4], &z)), ("targets", f(&[4], &y)), ("environments", i(&[4], &[0, 0, 0, 0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - g * g).abs() < 1e-9);
        // Multiclass: logits (0, ln 3) with target 1: p = (1/4, 3/4), derivative 1/4*0 + (3/4-1) ln 3.
        let x = inputs(vec![("logits", f(&[2, 2], &[0.0, 3f64.ln(), 0.0, 3f64.ln()])), ("targets", i(&[2], &[1, 0])), ("environments", i(&[2], &[0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        let d0 = -0.25 * 3f64.ln();
        let d1 = 0.75 * 3f64.ln();
        assert!((ev.loss.floats[0] - d0 * d0).abs() < 1e-14 && (ev.loss.floats[1] - d1 * d1).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[4], &[scale, -scale, scale, -scale])), ("targets", f(&[4], &[1.0, 0.0, 0.0, 1.0])), ("environments", i(&[4], &[0, 0, 1, 1]))]);
            assert_finite(ID, None, &params(json!({})), &x);
            let x = inputs(vec![("logits", f(&[2, 3], &[scale, -scale, 0.0, -scale, scale, scale])), ("targets", i(&[2], &[0, 2])), ("environments", i(&[2], &[0, 1]))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let z = randn(&[4], 1, 1.0);
        let y = f(&[4], &[0.0, 1.0, 1.0, 0.0]);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", y.clone()), ("environments", i(&[3], &[0, 1, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", y.clone()), ("environments", i(&[4], &[0, 2, 2, 0]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", y.clone()), ("environments", i(&[4], &[0, -1, 1, 0]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", f(&[3], &[0.0, 1.0, 1.0])), ("environments", i(&[4], &[0, 1, 1, 0]))]), ErrorKind::Shape);
        let zm = randn(&[3, 4], 5, 1.0);
        assert_error(ID, None, &p, &inputs(vec![("logits", zm.clone()), ("targets", i(&[3], &[0, 4, 1])), ("environments", i(&[3], &[0, 0, 0]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits", zm), ("targets", f(&[3], &[0.0, 1.0, 1.0])), ("environments", i(&[3], &[0, 0, 0]))]), ErrorKind::DType);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0], &[])), ("targets", f(&[0], &[])), ("environments", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
