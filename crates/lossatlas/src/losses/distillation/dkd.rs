//! Decoupled knowledge distillation (DKD): the classical KD loss split into a target-class
//! term (how confident the student is in the true class, as a binary distribution) and a
//! non-target term (how it ranks the wrong classes), which are then weighted independently.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::losses::classification::knowledge_distillation::check_logit_pair;
use crate::numerics::{self, LossTensor, Reduction, distill, reduce};

const ID: &str = "dkd";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "DKD",
    aliases: &["Decoupled KD", "Decoupled Knowledge Distillation"],
    kind: Kind::Loss,
    domains: &["distillation", "classification"],
    year: 2022,
    paper: Paper {
        title: "Decoupled Knowledge Distillation",
        authors: "Zhao et al.",
        venue: "CVPR 2022",
        year: 2022,
        url: "https://arxiv.org/abs/2203.08679",
    },
    summary: "Splits the temperature-scaled KD divergence into TCKD, a KL between binary (target class vs. everything else) distributions of teacher and student, and NCKD, a KL between their distributions over the non-target classes only, and weighs them by alpha and beta. Raising beta (mdistiller's defaults are alpha = 1, beta = 8, T = 4) lets the 'dark knowledge' among wrong classes count even when the teacher is confident. As in mdistiller, the non-target distribution is formed by subtracting 1000 from the target's scaled logit before the softmax; the loss needs at least two classes and is usually added to cross-entropy with a warm-up.",
    formula: r"\ell = \frac{T^2}{N}\sum_{i=1}^{N}\Big[\alpha\,\mathrm{KL}\big(b^{t}_i \,\|\, b^{s}_i\big) + \beta\,\mathrm{KL}\big(\hat p^{t}_i \,\|\, \hat p^{s}_i\big)\Big],\quad b_i = \Big(p_{iy_i},\ \sum_{c \ne y_i} p_{ic}\Big),\ p_i = \operatorname{softmax}(z_i/T),\ \hat p_i = \operatorname{softmax}(z_i/T - 1000\,e_{y_i})",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "student logits" },
        Input { name: "teacher_logits", shape: "[N, C]", meaning: "teacher logits (differentiable like any input; detach them to train only the student)" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "ground-truth class indices" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the target-class term TCKD" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(8.0), range: Range::NON_NEGATIVE, meaning: "weight of the non-target-class term NCKD" },
        Param { name: "temperature", symbol: "T", default: Value::Float(4.0), range: Range::POSITIVE, meaning: "softmax temperature; both terms are scaled by T²" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "mean over the batch (mdistiller), sum, or none (per sample)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Logits,
    },
    equivalents: &["mdistiller.distillers.DKD.dkd_loss"],
    related: &["knowledge-distillation", "dist-kd", "kl-divergence", "cross-entropy"],
    forms: &[Form {
        name: "mdistiller",
        description: "mdistiller dkd_loss: TCKD and NCKD each summed over the batch, times T² / N, combined as alpha * TCKD + beta * NCKD (the log-probabilities are taken stably in log space).",
    }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of [`dkd`]; `Default` is mdistiller's default configuration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DkdConfig {
    pub alpha: f64,
    pub beta: f64,
    pub temperature: f64,
    pub reduction: Reduction,
}

impl Default for DkdConfig {
    fn default() -> Self {
        DkdConfig { alpha: 1.0, beta: 8.0, temperature: 4.0, reduction: Reduction::Mean }
    }
}

/// `(log p_target, log sum_{c != target} p_c)` of `softmax(z)` as `[N, 2]`, in log space.
fn binary_log_probs(z: Tensor<2>, targets: Tensor<1, Int>, gt: &Tensor<2, burn::tensor::Bool>) -> Tensor<2> {
    let n = z.dims()[0];
    let lse = numerics::logsumexp(z.clone(), 1);
    let target = z.clone().gather(1, targets.reshape([n, 1])) - lse.clone();
    let other = numerics::logsumexp(z.mask_fill(gt.clone(), f64::NEG_INFINITY), 1) - lse;
    Tensor::cat(vec![target, other], 1)
}

/// Decoupled KD as mdistiller's `dkd_loss`. `logits` and `teacher_logits` are `[N, C]` with
/// `C >= 2`, `targets` `[N]`.
pub fn dkd(logits: Tensor<2>, teacher_logits: Tensor<2>, targets: Tensor<1, Int>, cfg: &DkdConfig) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    check_logit_pair(ID, &[n, c], &teacher_logits.dims())?;
    if c < 2 {
        return Err(LossError::shape(ID, "logits", "at least 2 classes", format!("{c}")));
    }
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of logits", &[n])?;
    let labels = numerics::host_i64(&targets);
    numerics::labels_in_range(ID, "targets", &labels, c, None)?;
    let t = numerics::positive_param(ID, "temperature", cfg.temperature)?;
    let alpha = numerics::non_negative_param(ID, "alpha", cfg.alpha)?;
    let beta = numerics::non_negative_param(ID, "beta", cfg.beta)?;

    let mut onehot = vec![0.0; n * c];
    for (i, &y) in labels.iter().enumerate() {
        onehot[i * c + y as usize] = 1.0;
    }
    let gt = numerics::tensor_like(&logits, onehot, [n, c]);
    let gt_mask = gt.clone().equal_elem(1.0);
    let zs = logits.mul_scalar(1.0 / t);
    let zt = teacher_logits.mul_scalar(1.0 / t);

    let tckd = distill::kl_from_log_probs(binary_log_probs(zt.clone(), targets.clone(), &gt_mask), binary_log_probs(zs.clone(), targets, &gt_mask), 1);
    let shift = gt.mul_scalar(1000.0);
    let log_q = numerics::log_softmax(zs - shift.clone(), 1);
    let log_p = numerics::log_softmax(zt - shift, 1);
    let nckd = distill::kl_from_log_probs(log_p, log_q, 1);
    let per = (tckd.mul_scalar(alpha) + nckd.mul_scalar(beta)).mul_scalar(t * t).reshape([n]);
    Ok(reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("mdistiller") => {}
        _ => return Err(c.unknown_form(&["mdistiller"])),
    }
    let cfg = DkdConfig {
        alpha: c.f64("alpha", 1.0)?,
        beta: c.f64("beta", 8.0)?,
        temperature: c.f64("temperature", 4.0)?,
        reduction: c.reduction(Reduction::Mean)?,
    };
    let shape = c.shape("logits")?;
    if shape.len() != 2 {
        return Err(LossError::shape(ID, "logits", "shape [N, C]", fmt_shape(shape)));
    }
    check_logit_pair(ID, shape, c.shape("teacher_logits")?)?;
    let targets = c.int::<1>("targets")?;
    dkd(c.float::<2>("logits")?, c.float::<2>("teacher_logits")?, targets, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn x(n: usize, c: usize, seed: u64, scale: f64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let labels: Vec<i64> = (0..n as i64).map(|k| k % c as i64).collect();
        inputs(vec![("logits", randn(&[n, c], seed, scale)), ("teacher_logits", randn(&[n, c], seed + 1, scale)), ("targets", i(&[n], &labels))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &x(5, 4, 21, 2.0));
        assert_gradcheck(ID, None, &params(json!({"alpha": 0.5, "beta": 2.0, "temperature": 1.0, "reduction": "none"})), &x(3, 2, 22, 1.0));
    }

    #[test]
    fn value_is_the_formula() {
        // T = 1, alpha = beta = 1, one sample with 3 classes and target 0.
        // Student logits (0, 0, ln 2): p = (1/4, 1/4, 1/2); b = (1/4, 3/4); non-target p̂ = (0, 1/3, 2/3).
        // Teacher logits (0, 0, 0):    p = (1/3, 1/3, 1/3); b = (1/3, 2/3); non-target p̂ = (0, 1/2, 1/2).
        let xs = inputs(vec![
            ("logits", f(&[1, 3], &[0.0, 0.0, 2f64.ln()])),
            ("teacher_logits", f(&[1, 3], &[0.0, 0.0, 0.0])),
            ("targets", i(&[1], &[0])),
        ]);
        let tckd = (1.0 / 3.0) * ((1.0 / 3.0) / 0.25f64).ln() + (2.0 / 3.0) * ((2.0 / 3.0) / 0.75f64).ln();
        let nckd = 0.5 * (0.5 / (1.0 / 3.0f64)).ln() + 0.5 * (0.5 / (2.0 / 3.0f64)).ln();
        let ev = eval64(ID, None, &params(json!({"alpha": 1.0, "beta": 1.0, "temperature": 1.0})), &xs);
        // exp(-1000) vanishes in f64, so the -1000 shift leaves no trace of the target class.
        assert!((ev.loss.floats[0] - (tckd + nckd)).abs() < 1e-12, "{} vs {}", ev.loss.floats[0], tckd + nckd);
        let ev = eval64(ID, None, &params(json!({"alpha": 2.0, "beta": 0.0, "temperature": 2.0})), &xs);
        assert!(ev.loss.floats[0] > 0.0);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let xs = inputs(vec![
                ("logits", f(&[2, 3], &[scale, -scale, 0.0, -scale, scale, scale])),
                ("teacher_logits", f(&[2, 3], &[-scale, scale, 0.0, scale, -scale, 0.0])),
                ("targets", i(&[2], &[0, 2])),
            ]);
            assert_finite(ID, None, &params(json!({"temperature": 1.0})), &xs);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let good = x(3, 4, 30, 1.0);
        let mut bad_label = good.clone();
        bad_label.insert("targets".into(), i(&[3], &[0, 4, 1]));
        let mut short = good.clone();
        short.insert("targets".into(), i(&[2], &[0, 1]));
        let mut float_targets = good.clone();
        float_targets.insert("targets".into(), f(&[3], &[0.0, 1.0, 2.0]));
        let mut other_teacher = good.clone();
        other_teacher.insert("teacher_logits".into(), randn(&[3, 5], 1, 1.0));
        let one_class = inputs(vec![("logits", randn(&[2, 1], 1, 1.0)), ("teacher_logits", randn(&[2, 1], 2, 1.0)), ("targets", i(&[2], &[0, 0]))]);
        let empty = inputs(vec![("logits", f(&[0, 3], &[])), ("teacher_logits", f(&[0, 3], &[])), ("targets", i(&[0], &[]))]);
        let p = params(json!({}));
        assert_error(ID, None, &p, &bad_label, ErrorKind::Value);
        assert_error(ID, None, &p, &short, ErrorKind::Shape);
        assert_error(ID, None, &p, &float_targets, ErrorKind::DType);
        assert_error(ID, None, &p, &other_teacher, ErrorKind::Shape);
        assert_error(ID, None, &p, &one_class, ErrorKind::Shape);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"temperature": 0.0})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"beta": -1.0})), &good, ErrorKind::Param);
    }
}
