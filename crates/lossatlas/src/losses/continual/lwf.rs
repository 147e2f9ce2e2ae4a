//! Learning without Forgetting: trains a new task's head with cross-entropy while a distillation
//! loss keeps the old task heads' outputs on the new data close to what the original network
//! produced.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor};
use crate::numerics::{self, LossTensor, Reduction, distill, reduce};

const ID: &str = "lwf";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Learning without Forgetting (LwF) Loss",
    aliases: &["Learning without Forgetting"],
    kind: Kind::Composite,
    domains: &["continual", "distillation"],
    year: 2016,
    paper: Paper {
        title: "Learning without Forgetting",
        authors: "Zhizhong Li, Derek Hoiem",
        venue: "ECCV",
        year: 2016,
        url: "https://arxiv.org/abs/1606.09282",
    },
    summary: "Needs no old data: before training on a new task it records the old network's outputs for the new task's images, then optimizes cross-entropy on the new labels plus lambda_o times a temperature-softened distillation loss (T = 2, lambda_o = 1 in the paper) between the current old-task head's outputs and the recorded ones. The distillation term is the cross-entropy between the two softened distributions (no T^2 factor, unlike Hinton's KD); it differs from a KL divergence, which Avalanche's LwFPlugin uses, only by the recorded outputs' entropy, so the student's gradient is the same. It preserves old behaviour only as far as the new data exercise it, so it degrades when the new domain differs a lot from the old ones, and in class-incremental settings it suffers from bias toward new classes. With several old tasks, add one distillation term per old head.",
    formula: r"\ell_n = -\log\operatorname{softmax}(z_n)_{y_n} - \lambda_o\sum_{c} \operatorname{softmax}(t_n / T)_c\,\log\operatorname{softmax}(o_n / T)_c",
    inputs: &[
        Input { name: "logits", shape: "[N, C_new]", meaning: "new-task head outputs z" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "new-task class indices y" },
        Input { name: "old_task_logits", shape: "[N, C_old]", meaning: "current network's old-task head outputs o on the new data" },
        Input { name: "teacher_logits", shape: "[N, C_old]", meaning: "old-task outputs t recorded from the original network before training on the new task (differentiable like any input; they are constants in training)" },
    ],
    params: &[
        Param { name: "lambda_o", symbol: r"\lambda_o", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the old-task distillation term (1 in the paper)" },
        Param { name: "temperature", symbol: "T", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "distillation temperature (2 in the paper)" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the per-sample losses are combined: mean, sum, or none" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["avalanche.training.plugins.LwFPlugin"],
    related: &["knowledge-distillation", "ewc", "bias-correction", "podnet"],
    uses: &["cross-entropy", "knowledge-distillation"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "old-task logit of class 1 (recorded logits (2, 0, 0))", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("logits", HostTensor::from_f64(vec![1, 2], vec![1.0, 0.0])),
            ("targets", HostTensor::from_i64(vec![1], vec![0])),
            ("old_task_logits", HostTensor::from_f64(vec![1, 3], vec![x, 0.0, 0.0])),
            ("teacher_logits", HostTensor::from_f64(vec![1, 3], vec![2.0, 0.0, 0.0])),
        ],
        wrt: "old_task_logits",
        index: 0,
    }
}

/// LwF options; `Default` is the paper's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LwfConfig {
    pub lambda_o: f64,
    pub temperature: f64,
    pub reduction: Reduction,
}

impl Default for LwfConfig {
    fn default() -> Self {
        LwfConfig { lambda_o: 1.0, temperature: 2.0, reduction: Reduction::Mean }
    }
}

fn check(logits: &[usize], targets: &[usize], old: &[usize], teacher: &[usize]) -> Result<(), LossError> {
    if logits.len() != 2 {
        return Err(LossError::shape(ID, "logits", "shape [N, C_new]", fmt_shape(logits)));
    }
    numerics::same_shape(ID, "targets", targets, "the batch of logits", &logits[..1])?;
    if old.len() != 2 || old[0] != logits[0] {
        return Err(LossError::shape(ID, "old_task_logits", format!("shape [{}, C_old] (the batch of logits)", logits[0]), fmt_shape(old)));
    }
    numerics::same_shape(ID, "teacher_logits", teacher, "old_task_logits", old)?;
    numerics::non_empty(ID, "logits", logits)?;
    numerics::non_empty(ID, "old_task_logits", old)
}

/// LwF per sample: cross-entropy of `logits` `[N, C_new]` on `targets` `[N]` plus `lambda_o`
/// times the cross-entropy between `softmax(teacher_logits / T)` and
/// `softmax(old_task_logits / T)` (`[N, C_old]` each); then reduced (`None`: shape `[N]`).
pub fn lwf(logits: Tensor<2>, targets: Tensor<1, Int>, old_task_logits: Tensor<2>, teacher_logits: Tensor<2>, cfg: &LwfConfig) -> Result<LossTensor, LossError> {
    check(&logits.dims(), &targets.dims(), &old_task_logits.dims(), &teacher_logits.dims())?;
    let lam = numerics::non_negative_param(ID, "lambda_o", cfg.lambda_o)?;
    let t = numerics::positive_param(ID, "temperature", cfg.temperature)?;
    let [n, c] = logits.dims();
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), c, None)?;
    let ce = numerics::log_softmax(logits, 1).gather(1, targets.reshape([n, 1])).reshape([n]).neg();
    let log_q = distill::log_softmax_t(old_task_logits, 1, t);
    let p = distill::log_softmax_t(teacher_logits, 1, t).exp();
    let soft = (p * log_q).sum_dim(1).reshape([n]).neg();
    Ok(reduce(ce + soft.mul_scalar(lam), cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let cfg = LwfConfig { lambda_o: c.f64("lambda_o", 1.0)?, temperature: c.f64("temperature", 2.0)?, reduction: c.reduction(Reduction::Mean)? };
    numerics::non_negative_param(ID, "lambda_o", cfg.lambda_o)?;
    numerics::positive_param(ID, "temperature", cfg.temperature)?;
    check(c.shape("logits")?, c.shape("targets")?, c.shape("old_task_logits")?, c.shape("teacher_logits")?)?;
    lwf(c.float::<2>("logits")?, c.int::<1>("targets")?, c.float::<2>("old_task_logits")?, c.float::<2>("teacher_logits")?, &cfg)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    fn x(logits: HostTensor, targets: HostTensor, old: HostTensor, teacher: HostTensor) -> BTreeMap<String, HostTensor> {
        inputs(vec![("logits", logits), ("targets", targets), ("old_task_logits", old), ("teacher_logits", teacher)])
    }

    #[test]
    fn gradients_match_finite_differences() {
        let xs = x(randn(&[4, 3], 81, 2.0), i(&[4], &[0, 2, 1, 2]), randn(&[4, 5], 82, 2.0), randn(&[4, 5], 83, 2.0));
        assert_gradcheck(ID, None, &params(json!({})), &xs);
        assert_gradcheck(ID, None, &params(json!({"lambda_o": 0.3, "temperature": 0.7, "reduction": "none"})), &xs);
    }

    #[test]
    fn value_is_the_formula() {
        // New head (0, ln 3), target 1: -ln(3/4). Old head (0, 2 ln 3) at T = 2 -> q = (1/4, 3/4);
        // recorded (0, 0) -> p = (1/2, 1/2): -(ln(1/4) + ln(3/4)) / 2. lambda_o = 2.
        let xs = x(f(&[1, 2], &[0.0, 3f64.ln()]), i(&[1], &[1]), f(&[1, 2], &[0.0, 2.0 * 3f64.ln()]), f(&[1, 2], &[0.0, 0.0]));
        let want = -(0.75f64).ln() - 2.0 * 0.5 * ((0.25f64).ln() + (0.75f64).ln());
        let ev = eval64(ID, None, &params(json!({"lambda_o": 2.0})), &xs);
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
        // The distillation gradient w.r.t. old-task logits is lambda_o (q - p) / T = (-0.25, 0.25).
        let g = &ev.grads["old_task_logits"].floats;
        assert!((g[0] + 0.25).abs() < 1e-12 && (g[1] - 0.25).abs() < 1e-12, "{g:?}");
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let xs = x(f(&[2, 2], &[1e4, -1e4, -1e2, 1e2]), i(&[2], &[1, 0]), f(&[2, 3], &[1e4, -1e4, 0.0, 1e2, 0.0, -1e2]), f(&[2, 3], &[-1e4, 1e4, 0.0, -1e2, 1e2, 0.0]));
        assert_finite(ID, None, &params(json!({})), &xs);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let good = || x(randn(&[2, 3], 1, 1.0), i(&[2], &[0, 2]), randn(&[2, 4], 2, 1.0), randn(&[2, 4], 3, 1.0));
        assert_error(ID, None, &params(json!({"temperature": 0.0})), &good(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"temperature": -2.0})), &good(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"lambda_o": -1.0})), &good(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"alpha": 1.0})), &good(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &x(randn(&[2, 3], 1, 1.0), i(&[2], &[0, 3]), randn(&[2, 4], 2, 1.0), randn(&[2, 4], 3, 1.0)), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &x(randn(&[2, 3], 1, 1.0), f(&[2], &[0.0, 2.0]), randn(&[2, 4], 2, 1.0), randn(&[2, 4], 3, 1.0)), ErrorKind::DType);
        assert_error(ID, None, &params(json!({})), &x(randn(&[2, 3], 1, 1.0), i(&[3], &[0, 1, 2]), randn(&[2, 4], 2, 1.0), randn(&[2, 4], 3, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &x(randn(&[2, 3], 1, 1.0), i(&[2], &[0, 1]), randn(&[2, 4], 2, 1.0), randn(&[2, 5], 3, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &x(randn(&[2, 3], 1, 1.0), i(&[2], &[0, 1]), randn(&[3, 4], 2, 1.0), randn(&[3, 4], 3, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &x(f(&[0, 3], &[]), i(&[0], &[]), f(&[0, 4], &[]), f(&[0, 4], &[])), ErrorKind::Empty);
    }
}
