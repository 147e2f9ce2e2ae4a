//! ULD loss: distillation between models with different tokenizers by comparing sorted token
//! probability vectors, a closed-form Wasserstein distance that ignores token identity.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::losses::classification::cross_entropy::nll_rows;
use crate::numerics::{self, LossTensor};

const ID: &str = "uld";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Universal Logit Distillation (ULD) Loss",
    aliases: &["ULD"],
    kind: Kind::Loss,
    domains: &["distillation", "language-modeling"],
    year: 2024,
    paper: Paper {
        title: "Towards Cross-Tokenizer Distillation: the Universal Logit Distillation Loss for LLMs",
        authors: "Boizard, N. et al.",
        venue: "",
        year: 2024,
        url: "https://arxiv.org/abs/2402.12030",
    },
    summary: "Sorts the student's and the teacher's next-token probabilities in decreasing order (padding the smaller vocabulary with zeros) and takes the L1 distance between them, which is the optimal-transport distance under a cost that ignores token identity; added to the usual cross-entropy, it lets a student learn from a teacher with a different vocabulary. It only transfers the shape of the distribution, not which token is likely, so the cross-entropy term remains essential. TRL's GOLD trainer adds an optional alignment of split tokens across tokenizers.",
    formula: r"L = w_{ce}\,L_{CE} + w_d\,\frac{1}{T}\sum_{t=1}^{T}\sum_{k} \big|p^{S}_{t,(k)} - p^{T}_{t,(k)}\big|,\quad p^{S}_t = \operatorname{softmax}(z^S_t/\tau_S),\ p^{T}_t = \operatorname{softmax}(z^T_t/\tau_T),\quad p_{(1)} \ge p_{(2)} \ge \dots\ \text{(zero-padded)}",
    inputs: &[
        Input { name: "logits", shape: "[N, V_s] (aligned) or [B, T, V_s] (trl-gold)", meaning: "student scores" },
        Input { name: "teacher_logits", shape: "[N, V_t] (aligned) or [B, T', V_t] (trl-gold)", meaning: "teacher scores over another vocabulary; no gradient" },
        Input { name: "targets", shape: "[N] or [B, T] (i64)", meaning: "student labels: cross-entropy targets; -100 marks prompt and padding positions" },
        Input { name: "teacher_targets", shape: "[B, T'] (i64)", meaning: "trl-gold: teacher labels locating the teacher's answer region (default: targets)" },
    ],
    params: &[
        Param { name: "uld_crossentropy_weight", symbol: "w_{ce}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the cross-entropy term (TRL GOLDConfig default 0)" },
        Param { name: "uld_distillation_weight", symbol: "w_d", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the sorted-L1 term (TRL GOLDConfig)" },
        Param { name: "uld_student_temperature", symbol: r"\tau_S", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "temperature of the student softmax in the distillation term" },
        Param { name: "uld_teacher_temperature", symbol: r"\tau_T", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "temperature of the teacher softmax" },
        Param { name: "uld_skip_student_eos", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "trl-gold: drop the last answer position (EOS) of the student" },
        Param { name: "uld_skip_teacher_eos", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "trl-gold: drop the last answer position (EOS) of the teacher" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "aligned: target value of positions left out (TRL always uses -100)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "trl.experimental.gold.GOLDTrainer",
    ],
    related: &["knowledge-distillation", "generalized-jsd", "earth-movers", "cross-entropy"],
    forms: &[
        Form { name: "aligned", description: "The ULD core on positions already aligned between the two models: rows of logits [N, V_s] and teacher_logits [N, V_t], softmax with each model's temperature, probabilities sorted in decreasing order, the shorter vocabulary padded with zeros, L1 distance summed over the vocabulary and averaged over the rows (over the rows whose target is not ignore_index when targets are given); plus uld_crossentropy_weight times the cross-entropy of logits against targets (only computed when that weight is > 0). The teacher takes no gradient." },
        Form { name: "trl-gold", description: "TRL GOLD ULDLoss without extended alignment or the hybrid loss: per sequence of logits [B, T, V_s] and teacher_logits [B, T', V_t], the answer region starts at the last leading -100 of the labels (targets, teacher_targets) and has as many positions as non-ignored labels (one fewer with uld_skip_*_eos); the first min(student, teacher) answer positions are compared by the sorted L1 distance, divided by that length, averaged over the batch (a sequence without answer counts 0); plus uld_crossentropy_weight times the shifted next-token cross-entropy of the student. The teacher takes no gradient." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "student logit of one token (others 0)", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

/// Student logits (x, 0, 0) against teacher logits (2, 0, 0, 0) over another vocabulary.
fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: Some("aligned"),
        params: serde_json::json!({}),
        inputs: vec![
            ("logits", crate::eval::HostTensor::from_f64(vec![1, 3], vec![x, 0.0, 0.0])),
            ("teacher_logits", crate::eval::HostTensor::from_f64(vec![1, 4], vec![2.0, 0.0, 0.0, 0.0])),
        ],
        wrt: "logits",
        index: 0,
    }
}


/// Options of TRL's GOLD `ULDLoss`; `Default` equals `GOLDConfig`'s defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct UldConfig {
    pub crossentropy_weight: f64,
    pub distillation_weight: f64,
    pub student_temperature: f64,
    pub teacher_temperature: f64,
    pub skip_student_eos: bool,
    pub skip_teacher_eos: bool,
    pub ignore_index: i64,
}

impl Default for UldConfig {
    fn default() -> Self {
        UldConfig {
            crossentropy_weight: 0.0,
            distillation_weight: 1.0,
            student_temperature: 1.0,
            teacher_temperature: 1.0,
            skip_student_eos: true,
            skip_teacher_eos: true,
            ignore_index: -100,
        }
    }
}

impl UldConfig {
    fn validate(&self) -> Result<(), LossError> {
        numerics::non_negative_param(ID, "uld_crossentropy_weight", self.crossentropy_weight)?;
        numerics::non_negative_param(ID, "uld_distillation_weight", self.distillation_weight)?;
        numerics::positive_param(ID, "uld_student_temperature", self.student_temperature)?;
        numerics::positive_param(ID, "uld_teacher_temperature", self.teacher_temperature)?;
        Ok(())
    }
}

/// Sorted-probability L1 distance of every row: `p [R, V_s]`, `q [R, V_t]` -> `[R]`. Sorting
/// in increasing order and padding the shorter vocabulary with zeros on the left pairs the
/// largest probabilities, as sorting in decreasing order and padding on the right does.
pub fn sorted_l1(p: Tensor<2>, q: Tensor<2>) -> Tensor<1> {
    let [r, vs] = p.dims();
    let vt = q.dims()[1];
    let pad = |x: Tensor<2>, v: usize| {
        let x = x.sort(1);
        let v_max = vs.max(vt);
        if v < v_max { Tensor::cat(vec![numerics::full_like(&x, [r, v_max - v], 0.0), x], 1) } else { x }
    };
    (pad(p, vs) - pad(q, vt)).abs().sum_dim(1).reshape([r])
}

/// The ULD term on aligned rows: `logits [N, V_s]`, `teacher_logits [N, V_t]` (detached), rows
/// kept by `targets != ignore_index` when targets are given, plus the weighted cross-entropy.
pub fn uld_aligned(logits: Tensor<2>, teacher_logits: Tensor<2>, targets: Option<Tensor<1, Int>>, cfg: &UldConfig) -> Result<LossTensor, LossError> {
    cfg.validate()?;
    let [n, vs] = logits.dims();
    let [nt, vt] = teacher_logits.dims();
    if nt != n {
        return Err(LossError::shape(ID, "teacher_logits", format!("[{n}, V_t] (one row per student row)"), fmt_shape(&[nt, vt])));
    }
    numerics::non_empty(ID, "logits", &[n, vs])?;
    numerics::non_empty(ID, "teacher_logits", &[nt, vt])?;
    if let Some(t) = &targets {
        numerics::same_shape(ID, "targets", &t.dims(), "the rows of logits", &[n])?;
    } else if cfg.crossentropy_weight > 0.0 {
        return Err(LossError::missing(ID, "targets", "targets for the cross-entropy term (uld_crossentropy_weight > 0)"));
    }
    let keep: Vec<f64> = match &targets {
        Some(t) => numerics::host_i64(t).iter().map(|v| (*v != cfg.ignore_index) as u8 as f64).collect(),
        None => vec![1.0; n],
    };
    let kept = keep.iter().sum::<f64>();
    let p = numerics::softmax(logits.clone().mul_scalar(1.0 / cfg.student_temperature), 1);
    let q = numerics::softmax(teacher_logits.detach().mul_scalar(1.0 / cfg.teacher_temperature), 1);
    let d = sorted_l1(p, q) * numerics::tensor_like(&logits, keep, [n]);
    let distill = if kept > 0.0 { d.sum().mul_scalar(1.0 / kept) } else { d.sum().mul_scalar(0.0) };
    let mut loss = distill.mul_scalar(cfg.distillation_weight);
    if cfg.crossentropy_weight > 0.0 {
        let t = targets.expect("checked above");
        let (per, denom) = nll_rows(ID, numerics::log_softmax(logits, 1), t, None, cfg.ignore_index, 0.0)?;
        loss = loss + (per.sum() / denom).mul_scalar(cfg.crossentropy_weight);
    }
    Ok(LossTensor::scalar(loss))
}

/// TRL's answer region of a label row: it starts at the last of the leading ignored positions
/// (whose logits predict the first answer token) and is as long as the non-ignored labels.
fn answer_region(labels: &[i64], ignore: i64) -> (usize, i64) {
    let size = labels.iter().filter(|v| **v != ignore).count() as i64;
    let lead = labels.iter().take_while(|v| **v == ignore).count();
    (lead.saturating_sub(1), size)
}

/// TRL GOLD `ULDLoss` (no extended alignment, no hybrid loss) on `logits [B, T, V_s]`,
/// `teacher_logits [B, T', V_t]` (detached), student `targets [B, T]` and `teacher_targets [B, T']`.
pub fn uld_trl_gold(logits: Tensor<3>, teacher_logits: Tensor<3>, targets: Tensor<2, Int>, teacher_targets: Tensor<2, Int>, cfg: &UldConfig) -> Result<LossTensor, LossError> {
    cfg.validate()?;
    let [b, t, vs] = logits.dims();
    let [bt, tt, vt] = teacher_logits.dims();
    if bt != b {
        return Err(LossError::shape(ID, "teacher_logits", format!("[{b}, T', V_t] (the batch of logits)"), fmt_shape(&[bt, tt, vt])));
    }
    numerics::same_shape(ID, "targets", &targets.dims(), "logits without the vocabulary axis", &[b, t])?;
    numerics::same_shape(ID, "teacher_targets", &teacher_targets.dims(), "teacher_logits without the vocabulary axis", &[b, tt])?;
    numerics::non_empty(ID, "logits", &[b, t, vs])?;
    numerics::non_empty(ID, "teacher_logits", &[bt, tt, vt])?;
    let s_labels = numerics::host_i64(&targets);
    let t_labels = numerics::host_i64(&teacher_targets);
    let teacher = teacher_logits.detach();
    let mut regions = Vec::with_capacity(b);
    for i in 0..b {
        let (ss, mut sn) = answer_region(&s_labels[i * t..(i + 1) * t], -100);
        let (ts, mut tn) = answer_region(&t_labels[i * tt..(i + 1) * tt], -100);
        sn -= cfg.skip_student_eos as i64;
        tn -= cfg.skip_teacher_eos as i64;
        regions.push((ss, sn, ts, tn));
    }
    let mut losses: Vec<Tensor<1>> = Vec::with_capacity(b);
    let zero = || logits.clone().sum().mul_scalar(0.0);
    let longest = regions.iter().map(|r| r.1.max(r.3)).max().unwrap_or(0);
    for (i, &(ss, sn, ts, tn)) in regions.iter().enumerate() {
        if longest <= 0 || sn <= 0 || tn <= 0 {
            losses.push(zero());
            continue;
        }
        // Slices past the end are cut short, as Python slicing does.
        let s_len = (sn as usize).min(t.saturating_sub(ss));
        let t_len = (tn as usize).min(tt.saturating_sub(ts));
        let len = s_len.min(t_len);
        if len == 0 {
            losses.push(zero());
            continue;
        }
        let s_rows = logits.clone().narrow(0, i, 1).narrow(1, ss, len).reshape([len, vs]);
        let t_rows = teacher.clone().narrow(0, i, 1).narrow(1, ts, len).reshape([len, vt]);
        let p = numerics::softmax(s_rows.mul_scalar(1.0 / cfg.student_temperature), 1);
        let q = numerics::softmax(t_rows.mul_scalar(1.0 / cfg.teacher_temperature), 1);
        losses.push(sorted_l1(p, q).sum().mul_scalar(1.0 / (len as f64)));
    }
    let distill = Tensor::cat(losses, 0).mean();
    let mut loss = distill.mul_scalar(cfg.distillation_weight);
    if cfg.crossentropy_weight > 0.0 && t > 1 {
        // Next-token cross-entropy: logits at position k predict the label at k + 1.
        let shifted = logits.narrow(1, 0, t - 1).reshape([b * (t - 1), vs]);
        let labels = targets.narrow(1, 1, t - 1).reshape([b * (t - 1)]);
        let (per, denom) = nll_rows(ID, numerics::log_softmax(shifted, 1), labels, None, -100, 0.0)?;
        loss = loss + (per.sum() / denom).mul_scalar(cfg.crossentropy_weight);
    }
    Ok(LossTensor::scalar(loss))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or(if c.shape("logits")?.len() == 3 { "trl-gold" } else { "aligned" });
    let mut cfg = UldConfig {
        crossentropy_weight: c.f64("uld_crossentropy_weight", 0.0)?,
        distillation_weight: c.f64("uld_distillation_weight", 1.0)?,
        student_temperature: c.f64("uld_student_temperature", 1.0)?,
        teacher_temperature: c.f64("uld_teacher_temperature", 1.0)?,
        ..UldConfig::default()
    };
    match form {
        "aligned" => {
            cfg.ignore_index = c.i64("ignore_index", -100)?;
            for (name, rank) in [("logits", c.shape("logits")?.len()), ("teacher_logits", c.shape("teacher_logits")?.len())] {
                if rank != 2 {
                    return Err(LossError::shape(ID, name, "[N, V] (one row per aligned position)", format!("rank {rank}")));
                }
            }
            let targets = if c.has("targets") { Some(c.int::<1>("targets")?) } else { let _ = c.host_opt("targets"); None };
            uld_aligned(c.float::<2>("logits")?, c.float::<2>("teacher_logits")?, targets, &cfg)
        }
        "trl-gold" => {
            cfg.skip_student_eos = c.bool("uld_skip_student_eos", true)?;
            cfg.skip_teacher_eos = c.bool("uld_skip_teacher_eos", true)?;
            for (name, rank) in [("logits", c.shape("logits")?.len()), ("teacher_logits", c.shape("teacher_logits")?.len())] {
                if rank != 3 {
                    return Err(LossError::shape(ID, name, "[B, T, V] (sequences)", format!("rank {rank}")));
                }
            }
            let targets = c.int::<2>("targets")?;
            let teacher_targets = if c.has("teacher_targets") { c.int::<2>("teacher_targets")? } else { let _ = c.host_opt("teacher_targets"); targets.clone() };
            uld_trl_gold(c.float::<3>("logits")?, c.float::<3>("teacher_logits")?, targets, teacher_targets, &cfg)
        }
        _ => Err(c.unknown_form(&["aligned", "trl-gold"])),
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

    /// Transcribed ULD distance of one position: sort both decreasingly, pad with zeros, L1.
    fn sorted_l1(p: &[f64], q: &[f64]) -> f64 {
        let (mut a, mut b) = (p.to_vec(), q.to_vec());
        a.sort_by(|x, y| y.total_cmp(x));
        b.sort_by(|x, y| y.total_cmp(x));
        let n = a.len().max(b.len());
        a.resize(n, 0.0);
        b.resize(n, 0.0);
        a.iter().zip(&b).map(|(x, y)| (x - y).abs()).sum()
    }

    #[test]
    fn value_is_the_formula() {
        // Two rows, student vocabulary 3, teacher vocabulary 4.
        let s = [0.5, -1.0, 2.0, 0.0, 0.3, -0.2];
        let t = [1.0, 0.0, -1.0, 3.0, 0.2, 0.2, 0.1, -2.0];
        let x = inputs(vec![("logits", f(&[2, 3], &s)), ("teacher_logits", f(&[2, 4], &t))]);
        let ev = eval64(ID, Some("aligned"), &params(json!({"uld_student_temperature": 2.0})), &x);
        let d0 = sorted_l1(&softmax(&[0.25, -0.5, 1.0]), &softmax(&t[..4]));
        let d1 = sorted_l1(&softmax(&[0.0, 0.15, -0.1]), &softmax(&t[4..]));
        assert!((ev.loss.floats[0] - (d0 + d1) / 2.0).abs() < 1e-12, "{:?}", ev.loss.floats);
        // The same distributions in another token order give the same loss.
        let perm = [2.0, 0.5, -1.0, 0.3, -0.2, 0.0];
        let ev2 = eval64(ID, Some("aligned"), &params(json!({"uld_student_temperature": 2.0})), &inputs(vec![("logits", f(&[2, 3], &perm)), ("teacher_logits", f(&[2, 4], &t))]));
        assert!((ev.loss.floats[0] - ev2.loss.floats[0]).abs() < 1e-12);
        // Cross-entropy term: targets (2, 0) with weight 0.5 adds half the mean NLL.
        let x = inputs(vec![("logits", f(&[2, 3], &s)), ("teacher_logits", f(&[2, 4], &t)), ("targets", i(&[2], &[2, 0]))]);
        let ev = eval64(ID, Some("aligned"), &params(json!({"uld_crossentropy_weight": 0.5})), &x);
        let d0 = sorted_l1(&softmax(&s[..3]), &softmax(&t[..4]));
        let d1 = sorted_l1(&softmax(&s[3..]), &softmax(&t[4..]));
        let nll = -(softmax(&s[..3])[2].ln() + softmax(&s[3..])[0].ln()) / 2.0;
        assert!((ev.loss.floats[0] - ((d0 + d1) / 2.0 + 0.5 * nll)).abs() < 1e-12);
    }

    #[test]
    fn trl_gold_answer_regions() {
        // Student labels [-100, -100, a, b, eos]: region starts at 1, 3 answer tokens, 2 after
        // skipping EOS. Teacher labels [-100, c, d, e, eos, -100]: starts at 0, 4 tokens, 3.
        let s = randn(&[1, 5, 3], 1, 1.0);
        let t = randn(&[1, 6, 4], 2, 1.0);
        let x = inputs(vec![
            ("logits", s.clone()),
            ("teacher_logits", t.clone()),
            ("targets", i(&[1, 5], &[-100, -100, 5, 6, 7])),
            ("teacher_targets", i(&[1, 6], &[-100, 8, 9, 10, 11, -100])),
        ]);
        let ev = eval64(ID, Some("trl-gold"), &params(json!({})), &x);
        let row = |h: &crate::eval::HostTensor, r: usize, v: usize| softmax(&h.floats[r * v..(r + 1) * v]);
        let want = (sorted_l1(&row(&s, 1, 3), &row(&t, 0, 4)) + sorted_l1(&row(&s, 2, 3), &row(&t, 1, 4))) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
        // A sequence without answer tokens counts 0 in the batch mean.
        let x2 = inputs(vec![
            ("logits", randn(&[2, 5, 3], 1, 1.0)),
            ("teacher_logits", randn(&[2, 6, 4], 2, 1.0)),
            ("targets", i(&[2, 5], &[-100, -100, 5, 6, 7, -100, -100, -100, -100, -100])),
            ("teacher_targets", i(&[2, 6], &[-100, 8, 9, 10, 11, -100, -100, -100, -100, -100, -100, -100])),
        ]);
        let ev2 = eval64(ID, Some("trl-gold"), &params(json!({})), &x2);
        assert!((ev2.loss.floats[0] - want / 2.0).abs() < 1e-12);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("logits", randn(&[4, 5], 3, 1.0)), ("teacher_logits", randn(&[4, 3], 4, 1.0)), ("targets", i(&[4], &[1, -100, 4, 0]))]);
        assert_gradcheck_only(ID, Some("aligned"), &params(json!({"uld_crossentropy_weight": 0.3, "uld_teacher_temperature": 2.0})), &x, Some(&["logits"]));
        let x = inputs(vec![
            ("logits", randn(&[2, 4, 3], 5, 1.0)),
            ("teacher_logits", randn(&[2, 4, 5], 6, 1.0)),
            ("targets", i(&[2, 4], &[-100, 1, 2, 0, -100, -100, 1, 1])),
        ]);
        assert_gradcheck_only(ID, Some("trl-gold"), &params(json!({"uld_crossentropy_weight": 1.0, "uld_skip_student_eos": false, "uld_skip_teacher_eos": false})), &x, Some(&["logits"]));
        let ev = eval64(ID, Some("trl-gold"), &params(json!({})), &x);
        assert!(ev.grads["teacher_logits"].floats.iter().all(|g| *g == 0.0));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let x = inputs(vec![("logits", randn(&[3, 4], 7, scale)), ("teacher_logits", randn(&[3, 6], 8, scale)), ("targets", i(&[3], &[0, 1, 2]))]);
            assert_finite(ID, Some("aligned"), &params(json!({"uld_crossentropy_weight": 1.0})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("logits", randn(&[3, 4], 1, 1.0)), ("teacher_logits", randn(&[2, 5], 2, 1.0))]);
        assert_error(ID, Some("aligned"), &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("logits", randn(&[3, 4], 1, 1.0)), ("teacher_logits", randn(&[3, 5], 2, 1.0))]);
        assert_error(ID, Some("aligned"), &params(json!({"uld_crossentropy_weight": 1.0})), &x, ErrorKind::Missing);
        assert_error(ID, Some("aligned"), &params(json!({"uld_student_temperature": 0.0})), &x, ErrorKind::Param);
        assert_error(ID, Some("aligned"), &params(json!({"uld_distillation_weight": -1.0})), &x, ErrorKind::Param);
        let x = inputs(vec![("logits", randn(&[3, 4], 1, 1.0)), ("teacher_logits", randn(&[3, 5], 2, 1.0)), ("targets", i(&[3], &[0, 9, 1]))]);
        assert_error(ID, Some("aligned"), &params(json!({"uld_crossentropy_weight": 1.0})), &x, ErrorKind::Value);
        let x = inputs(vec![("logits", randn(&[3, 4], 1, 1.0)), ("teacher_logits", randn(&[3, 5], 2, 1.0)), ("targets", f(&[3], &[0.0, 1.0, 1.0]))]);
        assert_error(ID, Some("aligned"), &p, &x, ErrorKind::DType);
        let x = inputs(vec![("logits", f(&[0, 4], &[])), ("teacher_logits", f(&[0, 5], &[]))]);
        assert_error(ID, Some("aligned"), &p, &x, ErrorKind::Empty);
        let x = inputs(vec![("logits", randn(&[1, 4, 3], 1, 1.0)), ("teacher_logits", randn(&[1, 4, 5], 2, 1.0)), ("targets", i(&[1, 3], &[0, 1, 2]))]);
        assert_error(ID, Some("trl-gold"), &p, &x, ErrorKind::Shape);
    }
}
