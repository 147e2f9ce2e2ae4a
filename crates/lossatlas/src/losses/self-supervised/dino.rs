//! DINO: self-distillation without labels. A student matches the centered, sharpened softmax
//! of a momentum teacher across different crops of the same image.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor, inputs::float_input};

const ID: &str = "dino";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "DINO Loss",
    aliases: &["Self-Distillation with No Labels"],
    kind: Kind::Loss,
    domains: &["self-supervised", "distillation"],
    year: 2021,
    paper: Paper {
        title: "Emerging Properties in Self-Supervised Vision Transformers",
        authors: "Caron et al.",
        venue: "ICCV",
        year: 2021,
        url: "https://arxiv.org/abs/2104.14294",
    },
    summary: "Cross-entropy between the teacher's distribution over K prototype outputs, centered by a running mean and sharpened by a low temperature, and the student's softmax at a higher temperature, summed over all pairs of a teacher view and a different student view. Centering alone would collapse to uniform outputs and sharpening alone to one-hot outputs; together they avoid collapse. The teacher is an exponential moving average of the student (outside the loss); the center is a buffer updated after each call, and the teacher temperature warms up linearly over the first epochs, so the loss has state.",
    formula: r"P^{t}_{a} = \operatorname{softmax}\!\left(\frac{t_a - c}{\tau_t}\right),\quad \log P^{s}_{b} = \operatorname{log\,softmax}\!\left(\frac{s_b}{\tau_s}\right),\quad \mathcal{L} = \frac{1}{N\,M}\sum_{a \ne b}\sum_{n=1}^{N} -\sum_{k} P^{t}_{a,nk}\,\log P^{s}_{b,nk},\quad M = T S - \min(T, S)",
    inputs: &[
        Input { name: "teacher_{i}", shape: "[N, K]", meaning: "teacher outputs of view i (teacher_0, teacher_1, ...); the global crops" },
        Input { name: "student_{j}", shape: "[N, K]", meaning: "student outputs of view j (student_0, student_1, ...); view j of the student and view j of the teacher are the same crop and are not paired" },
    ],
    params: &[
        Param { name: "output_dim", symbol: "K", default: Value::Int(65536), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of output prototypes (size of the center buffer)" },
        Param { name: "warmup_teacher_temp", symbol: "", default: Value::Float(0.04), range: Range::POSITIVE, meaning: "teacher temperature at epoch 0" },
        Param { name: "teacher_temp", symbol: r"\tau_t", default: Value::Float(0.04), range: Range::POSITIVE, meaning: "teacher temperature after the warmup" },
        Param { name: "warmup_teacher_temp_epochs", symbol: "", default: Value::Int(30), range: Range::Integer { min: 0, max: i64::MAX }, meaning: "epochs of linear teacher-temperature warmup (linspace of that many steps)" },
        Param { name: "student_temp", symbol: r"\tau_s", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "student temperature" },
        Param { name: "center_momentum", symbol: "", default: Value::Float(0.9), range: Range::UNIT, meaning: "momentum of the running center, updated after the loss is computed" },
        Param { name: "epoch", symbol: "", default: Value::Null, range: Range::Integer { min: 0, max: i64::MAX }, meaning: "current epoch selecting the warmup teacher temperature; None uses teacher_temp" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["lightly.loss.DINOLoss"],
    related: &["dinov2", "knowledge-distillation", "swav", "msn", "byol"],
    forms: &[
        Form { name: "lightly", description: "lightly DINOLoss on the FIRST call of a fresh module (center = 0): teacher temperature linspace(warmup_teacher_temp, teacher_temp, warmup_teacher_temp_epochs)[epoch] during warmup, teacher_temp after; the [T, S] matrix of view-pair cross-entropies (summed over K, over the batch) has its diagonal zeroed and is divided by the number of off-diagonal terms M times N. lightly does not detach the teacher softmax, so the teacher inputs receive a gradient." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "student view 1 logit of the teacher's class (teacher view 0 (1, 0, 0))", from: -1.0, to: 1.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({"output_dim": 3}),
        inputs: vec![
            ("teacher_0", HostTensor::from_f64(vec![1, 3], vec![1.0, 0.0, 0.0])),
            ("student_0", HostTensor::from_f64(vec![1, 3], vec![0.0, 0.0, 0.0])),
            ("student_1", HostTensor::from_f64(vec![1, 3], vec![x, 0.0, 0.0])),
        ],
        wrt: "student_1",
        index: 0,
    }
}

/// Options of lightly `DINOLoss`; `Default` equals lightly's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DinoConfig {
    /// Size of the center buffer: the number of outputs K (or 1, which broadcasts).
    pub output_dim: usize,
    pub warmup_teacher_temp: f64,
    pub teacher_temp: f64,
    pub warmup_teacher_temp_epochs: usize,
    pub student_temp: f64,
    /// Momentum of the center update; it only affects later calls, not this value.
    pub center_momentum: f64,
    /// Selects the warmup temperature; `None` uses `teacher_temp`.
    pub epoch: Option<usize>,
}

impl Default for DinoConfig {
    fn default() -> Self {
        DinoConfig {
            output_dim: 65536,
            warmup_teacher_temp: 0.04,
            teacher_temp: 0.04,
            warmup_teacher_temp_epochs: 30,
            student_temp: 0.1,
            center_momentum: 0.9,
            epoch: None,
        }
    }
}

impl DinoConfig {
    /// The teacher temperature of this call: `torch.linspace(warmup, teacher_temp, epochs)[epoch]`
    /// during the warmup, `teacher_temp` after it or without an epoch.
    pub fn teacher_temperature(&self) -> f64 {
        match self.epoch {
            Some(e) if e < self.warmup_teacher_temp_epochs => {
                let steps = self.warmup_teacher_temp_epochs;
                if steps == 1 {
                    return self.warmup_teacher_temp;
                }
                // torch.linspace fills the first half from the start and the second from the end.
                let step = (self.teacher_temp - self.warmup_teacher_temp) / (steps - 1) as f64;
                if e < steps / 2 { self.warmup_teacher_temp + step * e as f64 } else { self.teacher_temp - step * (steps - 1 - e) as f64 }
            }
            _ => self.teacher_temp,
        }
    }

    fn validate(&self, k: usize) -> Result<(), LossError> {
        numerics::positive_param(ID, "warmup_teacher_temp", self.warmup_teacher_temp)?;
        numerics::positive_param(ID, "teacher_temp", self.teacher_temp)?;
        numerics::positive_param(ID, "student_temp", self.student_temp)?;
        numerics::param_in(ID, "center_momentum", self.center_momentum, 0.0, 1.0)?;
        if self.output_dim != k && self.output_dim != 1 {
            // The center buffer [1, 1, output_dim] must broadcast against the outputs.
            return Err(LossError::param(ID, "output_dim", format!("{k} (the width of the outputs) or 1"), format!("{}", self.output_dim)));
        }
        Ok(())
    }
}

/// lightly `DINOLoss(...)(teacher, student, epoch)` on the first call of a fresh module (the
/// center is 0): `teacher` views `[N, K]` each, `student` views `[N, K]` each. A scalar. The
/// teacher softmax is not detached (as in lightly), so teacher views receive gradients.
pub fn dino(teacher: Vec<Tensor<2>>, student: Vec<Tensor<2>>, cfg: &DinoConfig) -> Result<LossTensor, LossError> {
    let (nt, ns) = (teacher.len(), student.len());
    if nt == 0 || ns == 0 {
        let arg = if nt == 0 { "teacher_0" } else { "student_0" };
        return Err(LossError::missing(ID, arg, "at least one teacher view and one student view"));
    }
    let dims = teacher[0].dims();
    for (name, views) in [("teacher", &teacher), ("student", &student)] {
        for (i, v) in views.iter().enumerate() {
            numerics::same_shape(ID, &format!("{name}_{i}"), &v.dims(), "teacher_0", &dims)?;
        }
    }
    let [n, k] = dims;
    numerics::non_empty(ID, "teacher_0", &dims)?;
    cfg.validate(k)?;
    let tau_t = cfg.teacher_temperature();
    // [views, N * K] rows of teacher probabilities and student log-probabilities.
    let t = numerics::softmax(Tensor::cat(teacher, 0).mul_scalar(1.0 / tau_t).reshape([nt, n, k]), 2).reshape([nt, n * k]);
    let s = numerics::log_softmax(Tensor::cat(student, 0).mul_scalar(1.0 / cfg.student_temp).reshape([ns, n, k]), 2).reshape([ns, n * k]);
    let pairs = t.clone().matmul(s.transpose()).neg();
    let off_diagonal: Vec<f64> = (0..nt * ns).map(|i| if i / ns == i % ns { 0.0 } else { 1.0 }).collect();
    let pairs = pairs * numerics::tensor_like(&t, off_diagonal, [nt, ns]);
    // With one teacher and one student view there is no term: 0 / 0 = NaN, as in lightly.
    let terms = (nt * ns - nt.min(ns)) * n;
    Ok(LossTensor::scalar(pairs.sum().mul_scalar(1.0 / terms as f64)))
}

/// Reads `prefix_0`, `prefix_1`, ... until one is missing.
fn views(c: &Call, prefix: &str) -> Result<Vec<Tensor<2>>, LossError> {
    let mut out = vec![];
    loop {
        let name = format!("{prefix}_{}", out.len());
        if !c.has(&name) {
            return Ok(out);
        }
        out.push(float_input::<2>(c, &name, "[N, K]")?);
    }
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "lightly") {
        return Err(c.unknown_form(&["lightly"]));
    }
    let d = DinoConfig::default();
    let non_negative = |name: &str, v: i64| -> Result<usize, LossError> {
        usize::try_from(v).map_err(|_| LossError::param(ID, name, "an integer >= 0", format!("{v}")))
    };
    let output_dim = non_negative("output_dim", c.i64("output_dim", d.output_dim as i64)?)?;
    if output_dim == 0 {
        return Err(LossError::param(ID, "output_dim", "an integer >= 1", "0"));
    }
    let cfg = DinoConfig {
        output_dim,
        warmup_teacher_temp: c.f64("warmup_teacher_temp", d.warmup_teacher_temp)?,
        teacher_temp: c.f64("teacher_temp", d.teacher_temp)?,
        warmup_teacher_temp_epochs: non_negative("warmup_teacher_temp_epochs", c.i64("warmup_teacher_temp_epochs", 30)?)?,
        student_temp: c.f64("student_temp", d.student_temp)?,
        center_momentum: c.f64("center_momentum", d.center_momentum)?,
        epoch: c.i64_opt("epoch")?.map(|e| non_negative("epoch", e)).transpose()?,
    };
    let teacher = views(c, "teacher")?;
    let student = views(c, "student")?;
    dino(teacher, student, &cfg)
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
        let x = inputs(vec![
            ("teacher_0", randn(&[3, 4], 71, 0.3)),
            ("teacher_1", randn(&[3, 4], 72, 0.3)),
            ("student_0", randn(&[3, 4], 73, 0.3)),
            ("student_1", randn(&[3, 4], 74, 0.3)),
            ("student_2", randn(&[3, 4], 75, 0.3)),
        ]);
        assert_gradcheck(ID, None, &params(json!({"output_dim": 4, "teacher_temp": 0.2, "warmup_teacher_temp": 0.1, "warmup_teacher_temp_epochs": 4, "epoch": 2, "student_temp": 0.5})), &x);
        assert_gradcheck(ID, None, &params(json!({"output_dim": 1, "teacher_temp": 0.5})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // One teacher view, two student views: only the pair (teacher 0, student 1) counts
        // (M = 2 - 1 = 1). Temperatures 1: teacher probabilities softmax(0, ln 3) = (1/4, 3/4);
        // student log-probabilities of (0, 0) are ln(1/2): CE = ln 2 for each of N = 2 rows.
        let x = inputs(vec![
            ("teacher_0", f(&[2, 2], &[0.0, 3f64.ln(), 0.0, 3f64.ln()])),
            ("student_0", f(&[2, 2], &[5.0, -5.0, 1.0, 2.0])),
            ("student_1", f(&[2, 2], &[0.0, 0.0, 0.0, 0.0])),
        ]);
        let p = params(json!({"output_dim": 2, "teacher_temp": 1.0, "student_temp": 1.0}));
        let ev = eval64(ID, None, &p, &x);
        assert!((ev.loss.floats[0] - 2f64.ln()).abs() < 1e-15);
        // d/d student_1 = (softmax(s) - P^t) / (N M) = ((1/2 - 1/4), (1/2 - 3/4)) / 2; student_0 unused.
        let g = &ev.grads["student_1"].floats;
        assert!((g[0] - 0.125).abs() < 1e-15 && (g[1] + 0.125).abs() < 1e-15);
        assert!(ev.grads["student_0"].floats.iter().all(|v| *v == 0.0));
        // Warmup: linspace(0.5, 1.0, 3)[1] = 0.75 for epoch 1; teacher logits (0, 0.75 ln 3)
        // give (1/4, 3/4) again.
        let x2 = inputs(vec![
            ("teacher_0", f(&[2, 2], &[0.0, 0.75 * 3f64.ln(), 0.0, 0.75 * 3f64.ln()])),
            ("student_0", f(&[2, 2], &[5.0, -5.0, 1.0, 2.0])),
            ("student_1", f(&[2, 2], &[0.0, 0.0, 0.0, 0.0])),
        ]);
        let p = params(json!({"output_dim": 2, "warmup_teacher_temp": 0.5, "teacher_temp": 1.0, "warmup_teacher_temp_epochs": 3, "epoch": 1, "student_temp": 1.0}));
        assert!((eval64(ID, None, &p, &x2).loss.floats[0] - 2f64.ln()).abs() < 1e-15);
        // One view each: no off-diagonal pair, 0 / 0 = NaN as in lightly.
        let one = inputs(vec![("teacher_0", randn(&[2, 2], 1, 1.0)), ("student_0", randn(&[2, 2], 2, 1.0))]);
        assert!(eval64(ID, None, &params(json!({"output_dim": 2})), &one).loss.floats[0].is_nan());
    }

    #[test]
    fn teacher_temperature_follows_torch_linspace() {
        let cfg = super::DinoConfig { warmup_teacher_temp: 0.04, teacher_temp: 0.07, warmup_teacher_temp_epochs: 3, ..Default::default() };
        let at = |e| super::DinoConfig { epoch: Some(e), ..cfg }.teacher_temperature();
        assert_eq!(at(0), 0.04);
        assert!((at(1) - 0.055).abs() < 1e-17);
        assert_eq!(at(2), 0.07);
        assert_eq!(at(3), 0.07);
        assert_eq!(super::DinoConfig { epoch: None, ..cfg }.teacher_temperature(), 0.07);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let mut t = randn(&[3, 5], 76, 1.0);
            let mut s = randn(&[3, 5], 77, 1.0);
            t.floats.iter_mut().for_each(|v| *v *= scale);
            s.floats.iter_mut().for_each(|v| *v *= scale);
            let x = inputs(vec![("teacher_0", t.clone()), ("teacher_1", s.clone()), ("student_0", s), ("student_1", t)]);
            assert_finite(ID, None, &params(json!({"output_dim": 5})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let ok = |extra: serde_json::Value| {
            let mut p = params(json!({"output_dim": 4}));
            p.extend(params(extra));
            p
        };
        let good = inputs(vec![("teacher_0", randn(&[2, 4], 1, 1.0)), ("student_0", randn(&[2, 4], 2, 1.0)), ("student_1", randn(&[2, 4], 3, 1.0))]);
        assert_error(ID, None, &params(json!({})), &good, ErrorKind::Param);
        for bad in [json!({"teacher_temp": 0.0}), json!({"student_temp": -0.1}), json!({"warmup_teacher_temp": 0.0, "epoch": 0}), json!({"center_momentum": 1.5}), json!({"epoch": -1}), json!({"output_dim": 3})] {
            assert_error(ID, None, &ok(bad), &good, ErrorKind::Param);
        }
        let shape = inputs(vec![("teacher_0", randn(&[2, 4], 1, 1.0)), ("student_0", randn(&[3, 4], 2, 1.0))]);
        assert_error(ID, None, &ok(json!({})), &shape, ErrorKind::Shape);
        let rank = inputs(vec![("teacher_0", randn(&[8], 1, 1.0)), ("student_0", randn(&[8], 2, 1.0))]);
        assert_error(ID, None, &ok(json!({})), &rank, ErrorKind::Shape);
        assert_error(ID, None, &ok(json!({})), &inputs(vec![("teacher_0", f(&[0, 4], &[])), ("student_0", f(&[0, 4], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &ok(json!({})), &inputs(vec![("teacher_0", randn(&[2, 4], 1, 1.0))]), ErrorKind::Missing);
        assert_error(ID, None, &ok(json!({})), &inputs(vec![("teacher_0", i(&[1, 4], &[0, 1, 0, 0])), ("student_0", randn(&[1, 4], 2, 1.0))]), ErrorKind::DType);
        // A gap in the numbering leaves an input unread.
        let gap = inputs(vec![("teacher_0", randn(&[2, 4], 1, 1.0)), ("student_0", randn(&[2, 4], 2, 1.0)), ("student_2", randn(&[2, 4], 3, 1.0))]);
        assert_error(ID, None, &ok(json!({})), &gap, ErrorKind::Unsupported);
    }
}
