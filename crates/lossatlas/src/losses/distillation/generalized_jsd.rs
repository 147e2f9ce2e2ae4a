//! Generalized JSD: the beta-skewed Jensen-Shannon divergence between teacher and student token
//! distributions, interpolating between forward and reverse KL.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "generalized-jsd";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Generalized Jensen-Shannon Divergence",
    aliases: &["Generalized JSD", "Skew Jensen-Shannon Divergence", "beta-JSD"],
    kind: Kind::Loss,
    domains: &["distillation", "language-modeling"],
    year: 2024,
    paper: Paper {
        title: "On-Policy Distillation of Language Models: Learning from Self-Generated Mistakes",
        authors: "Agarwal, R. et al.",
        venue: "ICLR",
        year: 2024,
        url: "https://arxiv.org/abs/2306.13649",
    },
    summary: "Mixes teacher T and student S into M = beta T + (1 - beta) S and returns beta KL(T || M) + (1 - beta) KL(S || M), a bounded divergence whose beta controls mode-covering versus mode-seeking behaviour of a distilled student; beta = 0.5 is the usual JSD. TRL's GKD and Liger's JSD kernels special-case beta = 0 and beta = 1 as the forward KL(T || S) and reverse KL(S || T), which are not the limits of the mixture formula. Liger computes it from log-probabilities with an ignore index, TRL from logits with a temperature.",
    formula: r"\mathrm{JSD}_\beta = \sum_{v}\Big(\beta\, T_v \log\frac{T_v}{M_v} + (1-\beta)\, S_v \log\frac{S_v}{M_v}\Big),\quad M = \beta T + (1-\beta) S;\quad \beta = 0:\ \sum_v T_v \log\frac{T_v}{S_v},\quad \beta = 1:\ \sum_v S_v \log\frac{S_v}{T_v}",
    inputs: &[
        Input { name: "logits", shape: "[N, V] or [B, T, V]", meaning: "student scores (form liger: student log-probabilities [BT, V])" },
        Input { name: "teacher_logits", shape: "the shape of logits", meaning: "teacher scores (form liger: teacher log-probabilities); no gradient" },
        Input { name: "targets", shape: "[N] or [B, T] (i64)", meaning: "optional labels; positions equal to -100 (trl) or ignore_index (liger) are left out" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.5), range: Range::UNIT, meaning: "mixture weight of the teacher" },
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "trl: softmax temperature dividing both logits" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "liger: label value whose rows are left out (TRL always uses -100)" },
        Param { name: "reduction", symbol: "", default: Value::Str("batchmean"), range: Range::Choice { values: &["batchmean", "sum", "mean", "none"] }, meaning: "trl: batchmean, sum, mean (over every element, vocabulary included) or none" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "liger_kernel.transformers.LigerJSD",
        "trl.experimental.gkd.GKDTrainer.generalized_jsd_loss",
    ],
    related: &["js-divergence", "kl-divergence", "knowledge-distillation", "tvd", "gkd"],
    forms: &[
        Form { name: "trl", description: "TRL GKDTrainer.generalized_jsd_loss(student_logits, teacher_logits, labels, beta, temperature, reduction): log-softmax of logits / temperature for both, per-element divergence (KL(T || S) at beta = 0, KL(S || T) at beta = 1, else the mixture formula), positions whose label is -100 dropped; reduction batchmean = sum / kept positions (with labels; NaN when none is kept, as TRL) or sum / logits.shape[0] (without labels), sum, mean over all kept elements (vocabulary included), or none (the per-element values of the kept positions). The teacher takes no gradient." },
        Form { name: "liger", description: "Liger LigerJSD(beta, ignore_index)(log_q, log_p, shift_labels): student and teacher log-probabilities [BT, V] used as given (no softmax), the same per-element divergence written with P = exp(teacher), Q = exp(student), summed and divided by the number of non-ignored rows (0 when every row is ignored). The teacher takes no gradient." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "student logit of the teacher's top class (others 0)", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

/// Student logits (x, 0, 0) against teacher logits (2, 0, 0), beta 0.5.
fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: Some("trl"),
        params: serde_json::json!({}),
        inputs: vec![
            ("logits", crate::eval::HostTensor::from_f64(vec![1, 3], vec![x, 0.0, 0.0])),
            ("teacher_logits", crate::eval::HostTensor::from_f64(vec![1, 3], vec![2.0, 0.0, 0.0])),
        ],
        wrt: "logits",
        index: 0,
    }
}


/// TRL's reductions of the per-element divergence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JsdReduction {
    /// Sum divided by the kept positions (with labels) or by the first dimension (without).
    #[default]
    BatchMean,
    Sum,
    /// Mean over every kept element, vocabulary included.
    Mean,
    None,
}

/// Options of TRL's `generalized_jsd_loss`; `Default` equals TRL's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneralizedJsdConfig {
    pub beta: f64,
    pub temperature: f64,
    pub reduction: JsdReduction,
}

impl Default for GeneralizedJsdConfig {
    fn default() -> Self {
        GeneralizedJsdConfig { beta: 0.5, temperature: 1.0, reduction: JsdReduction::BatchMean }
    }
}

/// Per-element generalized JSD between student log-values `x` and teacher log-values `y`
/// (`[M, V]`): `exp(y) (y - x)` at beta = 0, `exp(x) (x - y)` at beta = 1, else
/// `beta exp(y) (y - log m) + (1 - beta) exp(x) (x - log m)` with
/// `m = beta exp(y) + (1 - beta) exp(x)`, its log taken stably.
pub fn jsd_elements(x: Tensor<2>, y: Tensor<2>, beta: f64) -> Tensor<2> {
    if beta == 0.0 {
        return y.clone().exp() * (y - x);
    }
    if beta == 1.0 {
        return x.clone().exp() * (x - y);
    }
    let a = y.clone().add_scalar(beta.ln());
    let b = x.clone().add_scalar((1.0 - beta).ln());
    let top = a.clone().max_pair(b.clone()).detach();
    let top = top.clone().mask_fill(top.clone().is_inf(), 0.0);
    let log_m = ((a - top.clone()).exp() + (b - top.clone()).exp()).log() + top;
    y.clone().exp().mul_scalar(beta) * (y - log_m.clone()) + x.clone().exp().mul_scalar(1.0 - beta) * (x - log_m)
}

fn check_pair(logits: &[usize], teacher: &[usize], labels: Option<&[usize]>) -> Result<(), LossError> {
    numerics::same_shape(ID, "teacher_logits", teacher, "logits", logits)?;
    if !(2..=3).contains(&logits.len()) {
        return Err(LossError::shape(ID, "logits", "[N, V] or [B, T, V]", fmt_shape(logits)));
    }
    if let Some(l) = labels {
        numerics::same_shape(ID, "targets", l, "logits without the vocabulary axis", &logits[..logits.len() - 1])?;
    }
    numerics::non_empty(ID, "logits", logits)
}

/// Rows (positions) kept by the labels: `label != ignore`.
fn kept_rows(labels: Option<&Tensor<1, Int>>, ignore: i64, rows: usize) -> Vec<bool> {
    match labels {
        Some(l) => numerics::host_i64(l).iter().map(|v| *v != ignore).collect(),
        None => vec![true; rows],
    }
}

/// TRL `GKDTrainer.generalized_jsd_loss` on `logits`, `teacher_logits` `[M, V]` (positions
/// flattened; `first_dim` is `logits.shape[0]` before flattening, TRL's batchmean divisor without
/// labels) and optional `labels [M]` (-100 ignored). The teacher is detached.
pub fn generalized_jsd_trl(logits: Tensor<2>, teacher_logits: Tensor<2>, labels: Option<Tensor<1, Int>>, first_dim: usize, cfg: &GeneralizedJsdConfig) -> Result<LossTensor, LossError> {
    check_pair(&logits.dims(), &teacher_logits.dims(), labels.as_ref().map(|l| l.dims().to_vec()).as_deref())?;
    numerics::param_in(ID, "beta", cfg.beta, 0.0, 1.0)?;
    numerics::positive_param(ID, "temperature", cfg.temperature)?;
    let [m, v] = logits.dims();
    let s = numerics::log_softmax(logits.mul_scalar(1.0 / cfg.temperature), 1);
    let t = numerics::log_softmax(teacher_logits.detach().mul_scalar(1.0 / cfg.temperature), 1);
    let jsd = jsd_elements(s, t, cfg.beta);
    let keep = kept_rows(labels.as_ref(), -100, m);
    let k = keep.iter().filter(|b| **b).count();
    if cfg.reduction == JsdReduction::None {
        if labels.is_none() {
            return Ok(LossTensor::with_shape(jsd, vec![m, v]));
        }
        if k == 0 {
            return Ok(LossTensor::with_shape(numerics::full_like(&jsd, [0], 0.0), vec![0, v]));
        }
        let idx: Vec<i64> = keep.iter().enumerate().filter(|(_, b)| **b).map(|(i, _)| i as i64).collect();
        return Ok(LossTensor::with_shape(jsd.clone().select(0, numerics::ints_like(&jsd, idx, [k])), vec![k, v]));
    }
    let dropped = numerics::tensor_like(&jsd, keep.iter().map(|b| if *b { 0.0 } else { 1.0 }).collect(), [m, 1]).equal_elem(1.0).expand([m, v]);
    let total = jsd.mask_fill(dropped, 0.0).sum();
    let value = match cfg.reduction {
        JsdReduction::Sum => total,
        JsdReduction::Mean => total.mul_scalar(1.0 / ((k * v) as f64)),
        JsdReduction::BatchMean => total.mul_scalar(1.0 / (if labels.is_some() { k } else { first_dim } as f64)),
        JsdReduction::None => unreachable!("handled above"),
    };
    Ok(LossTensor::scalar(value))
}

/// Liger `LigerJSD(beta, ignore_index)(log_q, log_p, shift_labels)`: student and teacher
/// log-probabilities `[BT, V]` used as given; the summed divergence of the non-ignored rows
/// divided by their number (0 when every row is ignored). The teacher is detached.
pub fn generalized_jsd_liger(log_q: Tensor<2>, log_p: Tensor<2>, labels: Option<Tensor<1, Int>>, beta: f64, ignore_index: i64) -> Result<LossTensor, LossError> {
    check_pair(&log_q.dims(), &log_p.dims(), labels.as_ref().map(|l| l.dims().to_vec()).as_deref())?;
    numerics::param_in(ID, "beta", beta, 0.0, 1.0)?;
    let [m, v] = log_q.dims();
    let keep = kept_rows(labels.as_ref(), ignore_index, m);
    let k = keep.iter().filter(|b| **b).count();
    let jsd = jsd_elements(log_q, log_p.detach(), beta);
    if k == 0 {
        return Ok(LossTensor::scalar(jsd.sum().mul_scalar(0.0)));
    }
    let dropped = numerics::tensor_like(&jsd, keep.iter().map(|b| if *b { 0.0 } else { 1.0 }).collect(), [m, 1]).equal_elem(1.0).expand([m, v]);
    Ok(LossTensor::scalar(jsd.mask_fill(dropped, 0.0).sum().mul_scalar(1.0 / (k as f64))))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or("trl");
    let shape = c.shape("logits")?.to_vec();
    check_pair(&shape, c.shape("teacher_logits")?, if c.has("targets") { Some(c.shape("targets")?) } else { None })?;
    let v = *shape.last().expect("rank checked");
    let m = shape.iter().product::<usize>() / v;
    let labels = if c.has("targets") { Some(c.int_reshaped::<1>("targets", [m])?) } else { let _ = c.host_opt("targets"); None };
    let beta = c.f64("beta", 0.5)?;
    match form {
        "trl" => {
            let reduction = match c.str("reduction", "batchmean")? {
                "batchmean" => JsdReduction::BatchMean,
                "sum" => JsdReduction::Sum,
                "mean" => JsdReduction::Mean,
                "none" => JsdReduction::None,
                other => return Err(LossError::param(ID, "reduction", "one of batchmean, sum, mean, none", format!("{other:?}"))),
            };
            let cfg = GeneralizedJsdConfig { beta, temperature: c.f64("temperature", 1.0)?, reduction };
            let out = generalized_jsd_trl(c.float_reshaped("logits", [m, v])?, c.float_reshaped("teacher_logits", [m, v])?, labels.clone(), shape[0], &cfg)?;
            // Without labels and without reduction TRL keeps the input's shape.
            if cfg.reduction == JsdReduction::None && labels.is_none() {
                return Ok(LossTensor { value: out.value, shape });
            }
            Ok(out)
        }
        "liger" => {
            if shape.len() != 2 {
                return Err(LossError::shape(ID, "logits", "[BT, V] (Liger takes flattened positions)", fmt_shape(&shape)));
            }
            generalized_jsd_liger(c.float::<2>("logits")?, c.float::<2>("teacher_logits")?, labels, beta, c.i64("ignore_index", -100)?)
        }
        _ => Err(c.unknown_form(&["trl", "liger"])),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn softmax(z: &[f64]) -> Vec<f64> {
        let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
        let s: f64 = e.iter().sum();
        e.iter().map(|v| v / s).collect()
    }

    fn kl(p: &[f64], q: &[f64]) -> f64 {
        p.iter().zip(q).map(|(a, b)| a * (a / b).ln()).sum()
    }

    fn pair(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("logits", randn(&[2, 3, 5], seed, 1.5)), ("teacher_logits", randn(&[2, 3, 5], seed + 7, 1.5)), ("targets", i(&[2, 3], &[1, -100, 4, 0, 2, -100]))])
    }

    #[test]
    fn value_is_the_formula() {
        // One position; S = softmax(s / 2), T = softmax(t / 2).
        let (s, t) = ([0.3, -1.0, 2.0], [1.0, 0.5, -0.5]);
        let sp = softmax(&s.map(|v| v / 2.0));
        let tp = softmax(&t.map(|v| v / 2.0));
        let x = inputs(vec![("logits", f(&[1, 3], &s)), ("teacher_logits", f(&[1, 3], &t))]);
        for beta in [0.0, 0.3, 0.5, 1.0] {
            let ev = eval64(ID, Some("trl"), &params(json!({"beta": beta, "temperature": 2.0})), &x);
            let m: Vec<f64> = sp.iter().zip(&tp).map(|(a, b)| beta * b + (1.0 - beta) * a).collect();
            let want = if beta == 0.0 {
                kl(&tp, &sp)
            } else if beta == 1.0 {
                kl(&sp, &tp)
            } else {
                beta * kl(&tp, &m) + (1.0 - beta) * kl(&sp, &m)
            };
            assert!((ev.loss.floats[0] - want).abs() < 1e-12, "beta {beta}: {:?} vs {want}", ev.loss.floats);
        }
        // The special cases are not the limits of the mixture formula: at beta -> 0 the mixture
        // divergence vanishes while beta = 0 gives KL(T || S).
        let near = eval64(ID, Some("trl"), &params(json!({"beta": 1e-9})), &x).loss.floats[0];
        let zero = eval64(ID, Some("trl"), &params(json!({"beta": 0.0})), &x).loss.floats[0];
        assert!(near < 1e-6 && zero > 0.1);
    }

    #[test]
    fn trl_reductions_and_labels() {
        let x = pair(1);
        let none = eval64(ID, Some("trl"), &params(json!({"reduction": "none"})), &x);
        assert_eq!(none.loss.shape, vec![4, 5]);
        let total: f64 = none.loss.floats.iter().sum();
        let bm = eval64(ID, Some("trl"), &params(json!({})), &x).loss.floats[0];
        assert!((bm - total / 4.0).abs() < 1e-12);
        let mean = eval64(ID, Some("trl"), &params(json!({"reduction": "mean"})), &x).loss.floats[0];
        assert!((mean - total / 20.0).abs() < 1e-12);
        // Without labels, batchmean divides by the first dimension (the batch, not the tokens).
        let mut nl = x.clone();
        nl.remove("targets");
        let none = eval64(ID, Some("trl"), &params(json!({"reduction": "none"})), &nl);
        assert_eq!(none.loss.shape, vec![2, 3, 5]);
        let total: f64 = none.loss.floats.iter().sum();
        let bm = eval64(ID, Some("trl"), &params(json!({})), &nl).loss.floats[0];
        assert!((bm - total / 2.0).abs() < 1e-12);
        // Every position ignored: 0 / 0 as TRL.
        let mut all = x.clone();
        all.insert("targets".into(), i(&[2, 3], &[-100; 6]));
        assert!(eval64(ID, Some("trl"), &params(json!({})), &all).loss.floats[0].is_nan());
        assert_eq!(eval64(ID, Some("trl"), &params(json!({"reduction": "sum"})), &all).loss.floats[0], 0.0);
    }

    #[test]
    fn liger_on_log_probs_equals_trl() {
        // With normalized log-probabilities and temperature 1 the two forms agree (Liger divides
        // by the kept rows, as TRL's batchmean with labels).
        let (s, t) = (randn(&[6, 5], 2, 1.0), randn(&[6, 5], 3, 1.0));
        let logp = |h: &crate::eval::HostTensor| {
            let mut o = h.clone();
            for row in o.floats.chunks_mut(5) {
                let lse = row.iter().map(|v| v.exp()).sum::<f64>().ln();
                row.iter_mut().for_each(|v| *v -= lse);
            }
            o
        };
        let labels = i(&[6], &[3, 7, 7, 1, 0, 2]);
        for beta in [0.0, 0.25, 1.0] {
            let a = eval64(ID, Some("trl"), &params(json!({"beta": beta})), &inputs(vec![("logits", s.clone()), ("teacher_logits", t.clone()), ("targets", labels.clone())]));
            let b = eval64(ID, Some("liger"), &params(json!({"beta": beta, "ignore_index": -100})), &inputs(vec![("logits", logp(&s)), ("teacher_logits", logp(&t)), ("targets", labels.clone())]));
            assert!((a.loss.floats[0] - b.loss.floats[0]).abs() < 1e-12);
            let c = eval64(ID, Some("liger"), &params(json!({"beta": beta, "ignore_index": 7})), &inputs(vec![("logits", logp(&s)), ("teacher_logits", logp(&t)), ("targets", labels.clone())]));
            assert!(c.loss.floats[0].is_finite());
        }
        // Every row ignored: 0 in Liger.
        let ev = eval64(ID, Some("liger"), &params(json!({})), &inputs(vec![("logits", logp(&s)), ("teacher_logits", logp(&t)), ("targets", i(&[6], &[-100; 6]))]));
        assert_eq!(ev.loss.floats[0], 0.0);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for beta in [0.0, 0.4, 1.0] {
            assert_gradcheck_only(ID, Some("trl"), &params(json!({"beta": beta, "temperature": 1.5})), &pair(4), Some(&["logits"]));
            let x = inputs(vec![("logits", randn(&[4, 5], 5, 1.0)), ("teacher_logits", randn(&[4, 5], 6, 1.0)), ("targets", i(&[4], &[0, 1, -100, 2]))]);
            assert_gradcheck_only(ID, Some("liger"), &params(json!({"beta": beta})), &x, Some(&["logits"]));
        }
        // The teacher takes no gradient.
        let ev = eval64(ID, Some("trl"), &params(json!({})), &pair(4));
        assert!(ev.grads["teacher_logits"].floats.iter().all(|g| *g == 0.0));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let x = inputs(vec![("logits", randn(&[3, 4], 7, scale)), ("teacher_logits", randn(&[3, 4], 8, scale))]);
            for beta in [0.0, 0.5, 1.0] {
                assert_finite(ID, Some("trl"), &params(json!({"beta": beta})), &x);
            }
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("logits", randn(&[3, 4], 1, 1.0)), ("teacher_logits", randn(&[3, 5], 2, 1.0))]);
        assert_error(ID, Some("trl"), &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("logits", randn(&[3, 4], 1, 1.0)), ("teacher_logits", randn(&[3, 4], 2, 1.0)), ("targets", i(&[2], &[0, 1]))]);
        assert_error(ID, Some("trl"), &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("logits", randn(&[3, 4], 1, 1.0)), ("teacher_logits", randn(&[3, 4], 2, 1.0)), ("targets", f(&[3], &[0.0, 1.0, 2.0]))]);
        assert_error(ID, Some("trl"), &p, &x, ErrorKind::DType);
        let x = inputs(vec![("logits", randn(&[3, 4], 1, 1.0)), ("teacher_logits", randn(&[3, 4], 2, 1.0))]);
        assert_error(ID, Some("trl"), &params(json!({"beta": 1.5})), &x, ErrorKind::Param);
        assert_error(ID, Some("trl"), &params(json!({"temperature": 0.0})), &x, ErrorKind::Param);
        assert_error(ID, Some("trl"), &params(json!({"reduction": "avg"})), &x, ErrorKind::Param);
        let x3 = inputs(vec![("logits", randn(&[2, 3, 4], 1, 1.0)), ("teacher_logits", randn(&[2, 3, 4], 2, 1.0))]);
        assert_error(ID, Some("liger"), &p, &x3, ErrorKind::Shape);
        let x = inputs(vec![("logits", f(&[0, 4], &[])), ("teacher_logits", f(&[0, 4], &[]))]);
        assert_error(ID, Some("trl"), &p, &x, ErrorKind::Empty);
    }
}
