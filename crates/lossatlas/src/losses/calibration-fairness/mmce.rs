//! MMCE: a differentiable calibration error. Confidence (the top softmax probability) and
//! correctness are compared through a kernel mean embedding over the batch, so the term can be
//! added to cross-entropy and trained on.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "mmce";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "MMCE Loss",
    aliases: &["Maximum Mean Calibration Error", "MMCE_w", "Weighted MMCE"],
    kind: Kind::Loss,
    domains: &["calibration-fairness", "classification"],
    year: 2018,
    paper: Paper {
        title: "Trainable Calibration Measures for Neural Networks from Kernel Mean Embeddings",
        authors: "Aviral Kumar, Sunita Sarawagi, Ujjwal Jain",
        venue: "ICML",
        year: 2018,
        url: "https://proceedings.mlr.press/v80/kumar18a.html",
    },
    summary: "A kernel (RKHS) measure of miscalibration between each prediction's confidence r_i (top softmax probability) and its correctness c_i, computed over the mini-batch with a Laplacian kernel on confidences; it is zero in expectation for a calibrated model and is added to cross-entropy with a weight (4 in the official 20 Newsgroups script). The weighted form MMCE_w, which the paper trains with, splits the batch into correct and incorrect predictions so that the rare mistakes are not drowned by the many correct ones; it is 0 when the batch is all correct or all wrong. It is a batch statistic, not a sum over examples, so small batches give noisy estimates.",
    formula: r"\mathrm{MMCE}_w^2 = \frac{\overline{K_{cc}\odot(1-r_c)(1-r_c)^\top}}{m^2+\epsilon} + \frac{\overline{K_{ww}\odot r_w r_w^\top}}{n^2+\epsilon} - \frac{2\,\overline{K_{cw}\odot(1-r_c) r_w^\top}}{mn+\epsilon},\quad K_{ab} = e^{-|r_a - r_b|/\sigma},\ \epsilon = 10^{-5}",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "class scores; r_i is the largest softmax probability and c_i = [argmax = target]" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "class indices" },
    ],
    params: &[Param {
        name: "bandwidth",
        symbol: r"\sigma",
        default: Value::Float(0.4),
        range: Range::POSITIVE,
        meaning: "width of the Laplacian kernel exp(-|r - r'| / bandwidth); the official code uses 2 * 0.2",
    }],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["cross-entropy", "temperature-scaling", "brier-score", "adafocal", "flsd-53"],
    forms: &[
        Form {
            name: "weighted",
            description: "MMCE_w as the official code (calibration_mmce_w_loss; the focal_calibration MMCE_weighted port is the same): m correct and n incorrect predictions; each kernel block is averaged over its entries and then divided by m^2, n^2 or mn (each + 1e-5); the result is sqrt(. + 1e-10), and exactly 0 when m = 0 or n = 0.",
        },
        Form { name: "unweighted", description: "MMCE_m (calibration_unbiased_loss): sum_ij (c_i - r_i)(c_j - r_j) K(r_i, r_j) / N^2, the squared measure without a square root." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Which MMCE estimator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MmceForm {
    #[default]
    Weighted,
    Unweighted,
}

/// Options of MMCE.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MmceConfig {
    pub form: MmceForm,
    pub bandwidth: f64,
}

impl Default for MmceConfig {
    fn default() -> Self {
        MmceConfig { form: MmceForm::Weighted, bandwidth: 0.4 }
    }
}

/// `[a, b]` Laplacian kernel between two confidence vectors.
fn kernel(a: Tensor<1>, b: Tensor<1>, bandwidth: f64) -> Tensor<2> {
    let (m, n) = (a.dims()[0], b.dims()[0]);
    let d = a.reshape([m, 1]).expand([m, n]) - b.reshape([1, n]).expand([m, n]);
    d.abs().mul_scalar(1.0 / (-bandwidth)).exp()
}

/// MMCE of `logits` `[N, C]` against `targets` `[N]`; a scalar.
pub fn mmce(logits: Tensor<2>, targets: Tensor<1, Int>, cfg: &MmceConfig) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of logits", &[n])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    numerics::positive_param(ID, "bandwidth", cfg.bandwidth)?;
    let y = numerics::host_i64(&targets);
    numerics::labels_in_range(ID, "targets", &y, c, None)?;
    let zs = numerics::host_f64(&logits);
    numerics::finite_values(ID, "logits", &zs)?;
    // argmax with the first maximum, as torch/tf argmax.
    let correct: Vec<bool> = (0..n)
        .map(|i| {
            let row = &zs[i * c..(i + 1) * c];
            let arg = row.iter().enumerate().fold(0, |best, (k, v)| if *v > row[best] { k } else { best });
            arg as i64 == y[i]
        })
        .collect();
    let r = numerics::softmax(logits.clone(), 1).max_dim(1).reshape([n]);
    let bw = cfg.bandwidth;
    let value = match cfg.form {
        MmceForm::Unweighted => {
            let cm = numerics::tensor_like(&logits, correct.iter().map(|&b| if b { 1.0 } else { 0.0 }).collect(), [n]);
            let d = cm - r.clone();
            let outer = d.clone().reshape([n, 1]).expand([n, n]) * d.reshape([1, n]).expand([n, n]);
            (outer * kernel(r.clone(), r, bw)).sum().mul_scalar(1.0 / ((n * n) as f64))
        }
        MmceForm::Weighted => {
            let ic: Vec<i64> = (0..n).filter(|&i| correct[i]).map(|i| i as i64).collect();
            let iw: Vec<i64> = (0..n).filter(|&i| !correct[i]).map(|i| i as i64).collect();
            let (m, k) = (ic.len(), iw.len());
            if m == 0 || k == 0 {
                // The official code multiplies by a stopped 0: value 0, gradient 0.
                return Ok(LossTensor::scalar(r.sum().mul_scalar(0.0)));
            }
            let rc = r.clone().select(0, numerics::ints_like(&logits, ic, [m]));
            let rw = r.select(0, numerics::ints_like(&logits, iw, [k]));
            let uc = rc.clone().neg().add_scalar(1.0);
            let outer = |a: Tensor<1>, b: Tensor<1>| {
                let (p, q) = (a.dims()[0], b.dims()[0]);
                a.reshape([p, 1]).expand([p, q]) * b.reshape([1, q]).expand([p, q])
            };
            let cc = (kernel(rc.clone(), rc.clone(), bw) * outer(uc.clone(), uc.clone())).mean();
            let ww = (kernel(rw.clone(), rw.clone(), bw) * outer(rw.clone(), rw.clone())).mean();
            let cw = (kernel(rc, rw.clone(), bw) * outer(uc, rw)).mean();
            let (mf, kf) = (m as f64, k as f64);
            let mmd = cc.mul_scalar(1.0 / (mf * mf + 1e-5)) + ww.mul_scalar(1.0 / (kf * kf + 1e-5)) - cw.mul_scalar(2.0 / (mf * kf + 1e-5));
            mmd.add_scalar(1e-10).sqrt()
        }
    };
    Ok(LossTensor::scalar(value))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = match c.form() {
        None | Some("weighted") => MmceForm::Weighted,
        Some("unweighted") => MmceForm::Unweighted,
        Some(_) => return Err(c.unknown_form(&ENTRY.forms.iter().map(|f| f.name).collect::<Vec<_>>())),
    };
    let cfg = MmceConfig { form, bandwidth: c.f64("bandwidth", 0.4)? };
    let shape = c.shape("targets")?;
    if shape.len() != 1 {
        return Err(LossError::shape(ID, "targets", "shape [N]", fmt_shape(shape)));
    }
    mmce(c.float::<2>("logits")?, c.int::<1>("targets")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch() -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        // 8 examples, 3 classes; targets chosen so that some predictions are right, some wrong.
        let z = randn(&[8, 3], 11, 1.5);
        inputs(vec![("logits", z), ("targets", i(&[8], &[0, 1, 2, 0, 1, 2, 0, 1]))])
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, Some("weighted"), &params(json!({})), &batch());
        assert_gradcheck(ID, Some("unweighted"), &params(json!({"bandwidth": 0.2})), &batch());
    }

    #[test]
    fn value_is_the_formula() {
        // Two classes. Row 0: logits (ln 3, 0) -> r = 3/4, predicted 0, target 0 (correct).
        // Row 1: logits (0, ln 4) -> r = 4/5, predicted 1, target 0 (wrong). m = n = 1.
        let x = inputs(vec![("logits", f(&[2, 2], &[3f64.ln(), 0.0, 0.0, 4f64.ln()])), ("targets", i(&[2], &[0, 0]))]);
        let k = (-(0.8f64 - 0.75).abs() / 0.4).exp();
        let e = 1e-5;
        let mmd = 0.25 * 0.25 / (1.0 + e) + 0.8 * 0.8 / (1.0 + e) - 2.0 * k * 0.25 * 0.8 / (1.0 + e);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (mmd + 1e-10).sqrt()).abs() < 1e-14);
        // Unweighted: c - r = (1/4, -4/5); (1/16 + 16/25 - 2 k / 5) / 4.
        let ev = eval64(ID, Some("unweighted"), &params(json!({})), &x);
        let want = (1.0 / 16.0 + 16.0 / 25.0 - 2.0 * k * 0.25 * 0.8) / 4.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-14);
    }

    #[test]
    fn all_correct_batch_is_zero() {
        let x = inputs(vec![("logits", f(&[2, 2], &[2.0, 0.0, 0.0, 1.0])), ("targets", i(&[2], &[0, 1]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert_eq!(ev.loss.floats[0], 0.0);
        assert!(ev.grads["logits"].floats.iter().all(|g| *g == 0.0));
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[3, 3], &[scale, -scale, 0.0, -scale, scale, scale * 0.5, 0.0, 1.0, -scale])), ("targets", i(&[3], &[0, 0, 1]))]);
            assert_finite(ID, None, &params(json!({})), &x);
            assert_finite(ID, Some("unweighted"), &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let z = randn(&[3, 4], 5, 1.0);
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[2], &[0, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[3], &[0, 4, 1]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", f(&[3], &[0.0, 1.0, 2.0]))]), ErrorKind::DType);
        assert_error(ID, None, &params(json!({"bandwidth": 0.0})), &inputs(vec![("logits", z.clone()), ("targets", i(&[3], &[0, 1, 2]))]), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
