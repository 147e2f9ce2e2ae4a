//! Knowledge distillation (Hinton et al.): the student matches the teacher's softened class
//! distribution. Both logit sets are divided by a temperature before the softmax, and the KL
//! divergence is multiplied by T² so its gradients keep their scale when T changes.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::losses::classification::cross_entropy::rows_class_axis1;
use crate::numerics::{self, LossTensor, Reduction, distill, reduce};

const ID: &str = "knowledge-distillation";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Knowledge Distillation Loss",
    aliases: &["Soft Cross-Entropy", "KD Loss", "Hinton Distillation", "Logit Distillation"],
    kind: Kind::Loss,
    domains: &["classification", "distillation"],
    year: 2015,
    paper: Paper {
        title: "Distilling the Knowledge in a Neural Network",
        authors: "Hinton, G., Vinyals, O. & Dean, J.",
        venue: "",
        year: 2015,
        url: "https://arxiv.org/abs/1503.02531",
    },
    summary: "Trains a student to reproduce a teacher's class distribution: the KL divergence from softmax(teacher_logits / T) to softmax(logits / T), summed over classes, averaged over the batch and multiplied by T² so that gradient magnitudes stay comparable across temperatures. It is usually added to the ordinary cross-entropy on the hard labels (mdistiller: 0.9 KD + 0.1 cross-entropy with T = 4). The teacher is an ordinary input here and receives a gradient; compute it without gradient tracking (or detach it) when only the student should learn. Too high a temperature washes out the teacher's ranking of the wrong classes, too low a one reduces to matching the arg-max.",
    formula: r"\ell = \frac{T^2}{N}\sum_{i=1}^{N}\sum_{c} p_{ic}\left(\log p_{ic} - \log q_{ic}\right),\quad p_i = \operatorname{softmax}(t_i / T),\ q_i = \operatorname{softmax}(z_i / T)",
    inputs: &[
        Input { name: "logits", shape: "[N, C, *]", meaning: "student logits z; class axis 1" },
        Input { name: "teacher_logits", shape: "[N, C, *]", meaning: "teacher logits t (differentiable like any input; detach them to train only the student)" },
    ],
    params: &[
        Param { name: "temperature", symbol: "T", default: Value::Float(4.0), range: Range::POSITIVE, meaning: "softmax temperature applied to both logit sets; the loss is scaled by T²" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "mean of the per-sample (per-position) KL sums (PyTorch's batchmean), their sum, or none" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Logits,
    },
    equivalents: &["torch.nn.KLDivLoss", "mdistiller.distillers.KD.kd_loss"],
    related: &["kl-divergence", "cross-entropy", "dkd", "dist-kd", "born-again", "self-distillation", "temperature-scaling"],
    forms: &[Form {
        name: "mdistiller",
        description: "mdistiller kd_loss: F.kl_div(log_softmax(z/T), softmax(t/T), reduction='none').sum(1).mean() * T², class axis 1; extra axes after the class axis are averaged like the batch.",
    }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of [`knowledge_distillation`]; `Default` is mdistiller's (T = 4, batch mean).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KnowledgeDistillationConfig {
    pub temperature: f64,
    pub reduction: Reduction,
}

impl Default for KnowledgeDistillationConfig {
    fn default() -> Self {
        KnowledgeDistillationConfig { temperature: 4.0, reduction: Reduction::Mean }
    }
}

/// Checks that student and teacher logits agree and are `[N, C, *]` with a non-empty batch.
pub(crate) fn check_logit_pair(loss: &str, logits: &[usize], teacher: &[usize]) -> Result<(), LossError> {
    if logits.len() < 2 {
        return Err(LossError::shape(loss, "logits", "shape [N, C, *] (rank >= 2)", fmt_shape(logits)));
    }
    numerics::same_shape(loss, "teacher_logits", teacher, "logits", logits)?;
    numerics::non_empty(loss, "logits", logits)
}

/// Hinton knowledge distillation as mdistiller's `kd_loss`: per sample (and position)
/// `T² KL(softmax(t/T) || softmax(z/T))` over the class axis 1, then reduced.
pub fn knowledge_distillation<const D: usize>(
    logits: Tensor<D>,
    teacher_logits: Tensor<D>,
    cfg: &KnowledgeDistillationConfig,
) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    check_logit_pair(ID, &dims, &teacher_logits.dims())?;
    let t = numerics::positive_param(ID, "temperature", cfg.temperature)?;
    let mut out_shape = vec![dims[0]];
    out_shape.extend_from_slice(&dims[2..]);
    let log_q = distill::log_softmax_t(rows_class_axis1(logits), 1, t);
    let log_p = distill::log_softmax_t(rows_class_axis1(teacher_logits), 1, t);
    let m = log_q.dims()[0];
    let per = distill::kl_from_log_probs(log_p, log_q, 1).reshape([m]).mul_scalar(t * t);
    Ok(match cfg.reduction {
        Reduction::None => LossTensor::with_shape(per, out_shape),
        r => reduce(per, r),
    })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("mdistiller") => {}
        _ => return Err(c.unknown_form(&["mdistiller"])),
    }
    let cfg = KnowledgeDistillationConfig { temperature: c.f64("temperature", 4.0)?, reduction: c.reduction(Reduction::Mean)? };
    let rank = c.shape("logits")?.len();
    check_logit_pair(ID, c.shape("logits")?, c.shape("teacher_logits")?)?;
    by_rank!(c, "logits", rank, |R| knowledge_distillation(c.float::<R>("logits")?, c.float::<R>("teacher_logits")?, &cfg))
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
        let x = inputs(vec![("logits", randn(&[4, 5], 11, 2.0)), ("teacher_logits", randn(&[4, 5], 12, 3.0))]);
        assert_gradcheck(ID, None, &params(json!({"temperature": 2.0})), &x);
        assert_gradcheck(ID, None, &params(json!({"temperature": 0.5, "reduction": "sum"})), &x);
        // Spatial logits [N, C, H]: the class axis is 1.
        let x = inputs(vec![("logits", randn(&[2, 3, 4], 13, 1.0)), ("teacher_logits", randn(&[2, 3, 4], 14, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "none"})), &x);
        // Student equal to teacher: the minimum (gradient 0).
        let same = randn(&[3, 4], 15, 1.0);
        let x = inputs(vec![("logits", same.clone()), ("teacher_logits", same)]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!(ev.loss.floats[0].abs() < 1e-14);
        assert!(ev.grads["logits"].floats.iter().all(|g| g.abs() < 1e-14));
    }

    #[test]
    fn value_is_the_formula() {
        // One row, T = 2: student logits (0, 2 ln 3) -> q = (1/4, 3/4); teacher (0, 0) -> p = (1/2, 1/2).
        // KL(p || q) = 0.5 ln(0.5/0.25) + 0.5 ln(0.5/0.75) = 0.5 ln(4/3); times T² = 4.
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 2.0 * 3f64.ln()])), ("teacher_logits", f(&[1, 2], &[0.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"temperature": 2.0})), &x);
        let want = 4.0 * 0.5 * (4.0f64 / 3.0).ln();
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{} vs {want}", ev.loss.floats[0]);
        // reduction none keeps one value per sample.
        let x = inputs(vec![("logits", randn(&[3, 4], 1, 1.0)), ("teacher_logits", randn(&[3, 4], 2, 1.0))]);
        let none = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        let mean = eval64(ID, None, &params(json!({})), &x);
        assert_eq!(none.loss.shape, vec![3]);
        assert!((none.loss.floats.iter().sum::<f64>() / 3.0 - mean.loss.floats[0]).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![
                ("logits", f(&[2, 3], &[scale, -scale, 0.0, -scale, scale, scale])),
                ("teacher_logits", f(&[2, 3], &[-scale, scale, 0.0, scale, -scale, 0.0])),
            ]);
            let ev = assert_finite(ID, None, &params(json!({"temperature": 1.0})), &x);
            assert!(ev.loss.floats[0] > 0.0);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let a = randn(&[3, 4], 5, 1.0);
        let cases = [
            (inputs(vec![("logits", a.clone()), ("teacher_logits", randn(&[3, 5], 6, 1.0))]), json!({}), ErrorKind::Shape),
            (inputs(vec![("logits", randn(&[4], 6, 1.0)), ("teacher_logits", randn(&[4], 6, 1.0))]), json!({}), ErrorKind::Shape),
            (inputs(vec![("logits", a.clone()), ("teacher_logits", a.clone())]), json!({"temperature": 0.0}), ErrorKind::Param),
            (inputs(vec![("logits", a.clone()), ("teacher_logits", a.clone())]), json!({"temperature": -1.0}), ErrorKind::Param),
            (inputs(vec![("logits", a.clone()), ("teacher_logits", a.clone())]), json!({"reduction": "batchmean"}), ErrorKind::Param),
            (inputs(vec![("logits", f(&[0, 4], &[])), ("teacher_logits", f(&[0, 4], &[]))]), json!({}), ErrorKind::Empty),
            (inputs(vec![("logits", a.clone()), ("teacher_logits", a.clone())]), json!({"alpha": 1.0}), ErrorKind::Param),
        ];
        for (x, p, kind) in cases {
            assert_error(ID, None, &params(p), &x, kind);
        }
    }
}
