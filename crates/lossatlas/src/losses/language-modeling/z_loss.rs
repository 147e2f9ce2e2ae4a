//! z-loss: an auxiliary penalty on the squared log of the softmax normalizer, log Z = logsumexp of
//! the logits, which keeps the output logits from drifting to large magnitudes and stabilizes
//! large-scale language-model training in low precision.

use burn::tensor::{Bool, Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "z-loss";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "z-loss",
    aliases: &["Z-Loss", "Softmax Normalizer Loss", "log-Z Penalty"],
    kind: Kind::Loss,
    domains: &["language-modeling", "regularization"],
    year: 2022,
    paper: Paper {
        title: "PaLM: Scaling Language Modeling with Pathways",
        authors: "Aakanksha Chowdhery, Sharan Narang, Jacob Devlin, et al.",
        venue: "arXiv",
        year: 2022,
        url: "https://arxiv.org/abs/2204.02311",
    },
    summary: "Adds z_loss * (log Z)^2 per token to the cross-entropy, where log Z is the log-sum-exp of the token's output logits; PaLM uses z_loss = 1e-4 to keep log Z close to 0, which made training more stable. The cross-entropy is invariant to a shift of all logits, so without it the normalizer can drift to large values, which hurts numerical stability in low precision; the penalty pins that free direction at negligible cost to the likelihood. This entry computes only the auxiliary term (add it to the cross-entropy); tokens whose target equals ignore_index are excluded, and the mean is over the remaining tokens as in Liger-Kernel's return_z_loss.",
    formula: r"\mathcal{L}_z = \frac{\lambda_z}{|\mathcal{T}|} \sum_{t \in \mathcal{T}} \Big(\log \sum_{v} e^{z_{t,v}}\Big)^2,\quad \mathcal T = \{t : y_t \neq \text{ignore\_index}\}",
    inputs: &[
        Input { name: "logits", shape: "[*, V]", meaning: "output logits, vocabulary axis last" },
        Input { name: "targets", shape: "[*] (i64)", meaning: "optional token targets, used only to drop positions equal to ignore_index" },
    ],
    params: &[
        Param { name: "z_loss", symbol: r"\lambda_z", default: Value::Float(1e-4), range: Range::NON_NEGATIVE, meaning: "coefficient of (log Z)^2 (PaLM 1e-4; Liger's lse_square_scale)" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "target value of positions that are excluded" },
        Param::REDUCTION_MEAN,
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
    equivalents: &["liger_kernel.transformers.functional.liger_cross_entropy(lse_square_scale=..., return_z_loss=True)"],
    related: &["cross-entropy", "next-token-prediction", "confidence-penalty"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the z-loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZLossConfig {
    pub z_loss: f64,
    pub ignore_index: i64,
    pub reduction: Reduction,
}

impl Default for ZLossConfig {
    fn default() -> Self {
        ZLossConfig { z_loss: 1e-4, ignore_index: -100, reduction: Reduction::Mean }
    }
}

/// z-loss of token logits `[T, V]` with optional targets `[T]` (positions equal to
/// `ignore_index` are dropped: 0 with `Reduction::None`, excluded from the mean).
pub fn z_loss(logits: Tensor<2>, targets: Option<Tensor<1, Int>>, cfg: &ZLossConfig) -> Result<LossTensor, LossError> {
    let [t, v] = logits.dims();
    numerics::non_empty(ID, "logits", &[t, v])?;
    numerics::non_negative_param(ID, "z_loss", cfg.z_loss)?;
    let lse = numerics::logsumexp(logits.clone(), 1).reshape([t]);
    let mut per = lse.powi_scalar(2).mul_scalar(cfg.z_loss);
    let mut count = t as f64;
    if let Some(y) = targets {
        numerics::same_shape(ID, "targets", &y.dims(), "the positions of logits", &[t])?;
        count = numerics::host_i64(&y).iter().filter(|&&v| v != cfg.ignore_index).count() as f64;
        let ignored: Tensor<1, Bool> = y.equal_elem(cfg.ignore_index);
        per = per.mask_fill(ignored, 0.0);
    }
    Ok(match cfg.reduction {
        Reduction::None => LossTensor::elements(per),
        Reduction::Sum => LossTensor::scalar(per.sum()),
        // 0 / 0 = NaN when every position is ignored, like a mean over no tokens in PyTorch.
        Reduction::Mean => LossTensor::scalar(per.sum().mul_scalar(1.0 / count)),
    })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = ZLossConfig { z_loss: c.f64("z_loss", 1e-4)?, ignore_index: c.i64("ignore_index", -100)?, reduction: c.reduction(Reduction::Mean)? };
    let shape = c.shape("logits")?.to_vec();
    if shape.is_empty() {
        return Err(LossError::shape(ID, "logits", "shape [*, V] (rank >= 1)", "a scalar"));
    }
    let v = *shape.last().unwrap();
    let lead = shape[..shape.len() - 1].to_vec();
    let t: usize = lead.iter().product();
    numerics::non_empty(ID, "logits", &shape)?;
    let targets = match c.host_opt("targets") {
        Some(h) => {
            if h.shape != lead {
                return Err(LossError::shape(ID, "targets", format!("shape {} (logits without the last axis)", fmt_shape(&lead)), fmt_shape(&h.shape)));
            }
            Some(c.int_reshaped::<1>("targets", [t])?)
        }
        None => None,
    };
    let out = z_loss(c.float_reshaped::<2>("logits", [t, v])?, targets, &cfg)?;
    Ok(if cfg.reduction == Reduction::None { LossTensor { value: out.value, shape: lead } } else { out })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("logits", randn(&[2, 3, 5], 1, 3.0)), ("targets", i(&[2, 3], &[0, -100, 4, 2, 1, -100]))]);
        assert_gradcheck(ID, None, &params(json!({"z_loss": 0.1})), &x);
        let x = inputs(vec![("logits", randn(&[4, 6], 2, 3.0))]);
        assert_gradcheck(ID, None, &params(json!({"z_loss": 1.0, "reduction": "sum"})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // Rows (0, 0): log Z = ln 2; (ln 3, 0, 0): log Z = ln 5. Row 2 ignored.
        let x = inputs(vec![("logits", f(&[3, 3], &[0.0, 0.0, f64::NEG_INFINITY, 3f64.ln(), 0.0, 0.0, 7.0, 7.0, 7.0])), ("targets", i(&[3], &[1, 0, -100]))]);
        let ev = eval64(ID, None, &params(json!({"z_loss": 2.0})), &x);
        let want = 2.0 * (2f64.ln().powi(2) + 5f64.ln().powi(2)) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-14);
        let ev = eval64(ID, None, &params(json!({"z_loss": 2.0, "reduction": "none"})), &x);
        assert_eq!(ev.loss.shape, vec![3]);
        assert_eq!(ev.loss.floats[2], 0.0);
        // Default coefficient 1e-4 without targets: mean over all rows.
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 0.0]))]);
        assert!((eval64(ID, None, &params(json!({})), &x).loss.floats[0] - 1e-4 * 2f64.ln().powi(2)).abs() < 1e-18);
    }

    #[test]
    fn all_ignored_mean_is_nan() {
        let x = inputs(vec![("logits", randn(&[2, 3], 4, 1.0)), ("targets", i(&[2], &[-100, -100]))]);
        assert!(eval64(ID, None, &params(json!({})), &x).loss.floats[0].is_nan());
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[scale, -scale, 0.0, -scale, scale, scale]))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let z = randn(&[3, 4], 5, 1.0);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[2], &[0, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", f(&[3], &[0.0, 1.0, 2.0]))]), ErrorKind::DType);
        assert_error(ID, None, &params(json!({"z_loss": -1e-4})), &inputs(vec![("logits", z)]), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0, 4], &[]))]), ErrorKind::Empty);
    }
}
