//! Total variation distance between two categorical distributions per row, half the L1 distance,
//! as Liger-Kernel's fused TVD loss computes it for distillation and policy matching.

use burn::tensor::{Bool, Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "tvd";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Total Variation Distance Loss",
    aliases: &["TVD", "Total Variation Distance", "LigerTVDLoss"],
    kind: Kind::Loss,
    domains: &["distillation", "language-modeling"],
    year: 2024,
    paper: Paper {
        title: "Liger Kernel: Efficient Triton Kernels for LLM Training",
        authors: "Pin-Lun Hsu, Yun Dai, Vignesh Kothapalli, Qingquan Song, Shao Tang, Siyu Zhu, Steven Shimizu, Shivam Sahni, Haowen Ning, Yanning Chen",
        venue: "arXiv",
        year: 2024,
        url: "https://arxiv.org/abs/2410.10989",
    },
    summary: "Half the L1 distance between two distributions over the same vocabulary, row by row: a classical, symmetric divergence bounded by 1 per row, used as a distillation or policy-matching loss when KL's unbounded log-ratios are a problem; this entry follows Liger-Kernel's LigerTVDLoss, whose library paper is cited. Both distributions are probabilities with rows [BT, V]; optional shift_labels drop rows equal to ignore_index, and the reduction is batchmean (sum divided by the kept rows, the default), sum, mean (also divided by V) or none. The gradient with respect to p is Liger's 0.5 sign(p - q) with -0.5 at ties; Liger gives q no gradient while here q gets the opposite one, so detach q when it is a teacher. The loss has a kink at p = q and its gradient does not shrink as p approaches q.",
    formula: r"\mathrm{TVD}(p_t, q_t) = \frac12 \sum_{v} \big|p_{t,v} - q_{t,v}\big|,\qquad \mathcal{L}_{\text{batchmean}} = \frac{1}{|\mathcal T|}\sum_{t \in \mathcal T} \mathrm{TVD}(p_t, q_t)",
    inputs: &[
        Input { name: "p", shape: "[BT, V]", meaning: "first distribution (probabilities), e.g. the student's" },
        Input { name: "q", shape: "[BT, V]", meaning: "second distribution (probabilities), e.g. the teacher's" },
        Input { name: "logits", shape: "[BT, V]", meaning: "alternative to p: logits, p = softmax over the last axis" },
        Input { name: "target_logits", shape: "[BT, V]", meaning: "alternative to q: logits, q = softmax over the last axis" },
        Input { name: "shift_labels", shape: "[BT] (i64)", meaning: "optional labels; rows equal to ignore_index are dropped" },
    ],
    params: &[
        Param { name: "reduction", symbol: "", default: Value::Str("batchmean"), range: Range::Choice { values: &["batchmean", "sum", "mean", "none"] }, meaning: "batchmean (divide by kept rows), sum, mean (divide by kept rows times V) or none ([BT, V])" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "shift_labels value of rows that are dropped" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Probabilities,
    },
    equivalents: &["liger_kernel.transformers.LigerTVDLoss"],
    related: &["kl-divergence", "js-divergence", "knowledge-distillation", "l1"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Reduction of the TVD loss (Liger's names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TvdReduction {
    #[default]
    BatchMean,
    Sum,
    Mean,
    None,
}

/// Options of the TVD loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TvdConfig {
    pub reduction: TvdReduction,
    pub ignore_index: i64,
}

impl Default for TvdConfig {
    fn default() -> Self {
        TvdConfig { reduction: TvdReduction::BatchMean, ignore_index: -100 }
    }
}

/// TVD between rows of `p` and `q` (`[BT, V]`), with optional `shift_labels` `[BT]`.
pub fn tvd(p: Tensor<2>, q: Tensor<2>, shift_labels: Option<Tensor<1, Int>>, cfg: &TvdConfig) -> Result<LossTensor, LossError> {
    let [bt, v] = p.dims();
    numerics::same_shape(ID, "q", &q.dims(), "p", &[bt, v])?;
    numerics::non_empty(ID, "p", &[bt, v])?;
    // 0.5 |p - q| written as 0.5 s (p - q) with the sign s detached: the value is the same and the
    // gradient with respect to p is Liger's where(p > q, 0.5, -0.5).
    let d = p - q;
    let up: Tensor<2, Bool> = d.clone().detach().greater_elem(0.0);
    let s = numerics::mask_to_float(up, &d).mul_scalar(2.0).add_scalar(-1.0);
    let mut per = (d * s).mul_scalar(0.5);
    let mut kept = bt as f64;
    if let Some(y) = shift_labels {
        numerics::same_shape(ID, "shift_labels", &y.dims(), "the rows of p", &[bt])?;
        kept = numerics::host_i64(&y).iter().filter(|&&l| l != cfg.ignore_index).count() as f64;
        let drop: Tensor<2, Bool> = y.equal_elem(cfg.ignore_index).reshape([bt, 1]).expand([bt, v]);
        per = per.mask_fill(drop, 0.0);
    }
    Ok(match cfg.reduction {
        TvdReduction::None => LossTensor::elements(per),
        TvdReduction::Sum => LossTensor::scalar(per.sum()),
        TvdReduction::BatchMean => LossTensor::scalar(per.sum().mul_scalar(1.0 / kept)),
        TvdReduction::Mean => LossTensor::scalar(per.sum().mul_scalar(1.0 / (kept * v as f64))),
    })
}

fn read_pair(c: &Call, prob: &str, logit: &str) -> Result<Tensor<2>, LossError> {
    let name = match (c.has(prob), c.has(logit)) {
        (true, false) => prob,
        (false, true) => logit,
        _ => return Err(LossError::missing(ID, prob, format!("exactly one of `{prob}` or `{logit}`"))),
    };
    let s = c.shape(name)?;
    if s.len() != 2 {
        return Err(LossError::shape(ID, name, "shape [BT, V]", fmt_shape(s)));
    }
    let x = c.float::<2>(name)?;
    Ok(if name == logit { numerics::softmax(x, 1) } else { x })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let reduction = match c.str("reduction", "batchmean")? {
        "batchmean" => TvdReduction::BatchMean,
        "sum" => TvdReduction::Sum,
        "mean" => TvdReduction::Mean,
        "none" => TvdReduction::None,
        other => return Err(LossError::param(ID, "reduction", "batchmean, sum, mean or none", format!("{other:?}"))),
    };
    let cfg = TvdConfig { reduction, ignore_index: c.i64("ignore_index", -100)? };
    let p = read_pair(c, "p", "logits")?;
    let q = read_pair(c, "q", "target_logits")?;
    let labels = match c.host_opt("shift_labels") {
        Some(h) if h.shape.len() == 1 => Some(c.int::<1>("shift_labels")?),
        Some(h) => return Err(LossError::shape(ID, "shift_labels", "shape [BT]", fmt_shape(&h.shape))),
        None => None,
    };
    tvd(p, q, labels, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn rows(seed: u64) -> crate::eval::HostTensor {
        let mut t = uniform(&[3, 4], seed, 0.1, 1.0);
        for r in 0..3 {
            let s: f64 = t.floats[r * 4..(r + 1) * 4].iter().sum();
            for v in &mut t.floats[r * 4..(r + 1) * 4] {
                *v /= s;
            }
        }
        t
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("p", rows(1)), ("q", rows(2)), ("shift_labels", i(&[3], &[5, -100, 1]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"reduction": "mean"})), &x);
        let x = inputs(vec![("logits", randn(&[3, 4], 3, 2.0)), ("target_logits", randn(&[3, 4], 4, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
    }

    #[test]
    fn value_and_liger_gradient() {
        // p = (0.5, 0.5, 0), q = (0.25, 0.5, 0.25): TVD = 0.5 (0.25 + 0 + 0.25) = 0.25.
        let x = inputs(vec![("p", f(&[1, 3], &[0.5, 0.5, 0.0])), ("q", f(&[1, 3], &[0.25, 0.5, 0.25]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.25).abs() < 1e-15);
        // Liger: +0.5 where p > q, -0.5 elsewhere (including the tie).
        assert_eq!(ev.grads["p"].floats, vec![0.5, -0.5, -0.5]);
        // Two rows, one ignored: batchmean divides by 1, mean by 1 * 3, none keeps [2, 3].
        let x = inputs(vec![("p", f(&[2, 3], &[0.5, 0.5, 0.0, 1.0, 0.0, 0.0])), ("q", f(&[2, 3], &[0.25, 0.5, 0.25, 0.0, 1.0, 0.0])), ("shift_labels", i(&[2], &[0, -100]))]);
        assert!((eval64(ID, None, &params(json!({})), &x).loss.floats[0] - 0.25).abs() < 1e-15);
        assert!((eval64(ID, None, &params(json!({"reduction": "mean"})), &x).loss.floats[0] - 0.25 / 3.0).abs() < 1e-15);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.shape, vec![2, 3]);
        assert_eq!(&ev.loss.floats[3..], &[0.0, 0.0, 0.0]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("logits", f(&[2, 3], &[1e4, -1e4, 0.0, -1e4, 1e4, 1e4])), ("target_logits", f(&[2, 3], &[1e2, 0.0, -1e2, 0.0, 0.0, 0.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("p", f(&[1, 2], &[1.0, 0.0])), ("q", f(&[1, 2], &[0.0, 1.0]))]);
        assert_eq!(assert_finite(ID, None, &params(json!({})), &x).loss.floats[0], 1.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("p", rows(1)), ("q", f(&[2, 4], &[0.25; 8]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("p", rows(1)), ("q", rows(2)), ("shift_labels", i(&[2], &[0, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("p", rows(1)), ("q", rows(2)), ("shift_labels", f(&[3], &[0.0, 1.0, 2.0]))]), ErrorKind::DType);
        assert_error(ID, None, &params(json!({"reduction": "avg"})), &inputs(vec![("p", rows(1)), ("q", rows(2))]), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(vec![("p", rows(1))]), ErrorKind::Missing);
        assert_error(ID, None, &p, &inputs(vec![("p", f(&[0, 4], &[])), ("q", f(&[0, 4], &[]))]), ErrorKind::Empty);
    }
}
