//! Negative log-likelihood on log-probabilities: cross-entropy without the softmax, for
//! models that already end in `log_softmax` (or output log-probabilities some other way).

use burn::tensor::{Int, Tensor};

use super::cross_entropy::{check_index_targets, nll_rows, rows_class_axis1};
use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, Reduction, reduce_with_denominator};

const ID: &str = "nll";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Negative Log-Likelihood Loss",
    aliases: &["NLLLoss", "NLL"],
    kind: Kind::Loss,
    domains: &["classification", "language-modeling"],
    year: 1922,
    paper: Paper {
        title: "On the Mathematical Foundations of Theoretical Statistics",
        authors: "Fisher, R.A.",
        venue: "Philosophical Transactions of the Royal Society A",
        year: 1922,
        url: "https://doi.org/10.1098/rsta.1922.0009",
    },
    summary: "Picks the log-probability of the target class and negates it: maximum likelihood for a categorical output when the model already produces log-probabilities. It is cross-entropy split in two (log_softmax, then NLL), which lets a network end in log_softmax or use other normalizations. Feeding raw logits or probabilities instead of log-probabilities gives a loss that trains but means nothing.",
    formula: r"\ell_i = -w_{y_i}\, z_{i, y_i},\qquad \mathcal{L}_{\text{mean}} = \frac{\sum_i \ell_i}{\sum_{i:\, y_i \neq \text{ignore}} w_{y_i}}",
    inputs: &[
        Input { name: "log_probs", shape: "[N, C, *]", meaning: "log-probabilities, class axis 1" },
        Input { name: "targets", shape: "[N, *] (i64)", meaning: "class indices" },
    ],
    params: &[
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "per-class rescaling weights (length C)" },
        Param { name: "ignore_index", symbol: "", default: Value::Int(-100), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "target value that is ignored and excluded from the mean" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties { convex: Tri::Yes, bounded: Tri::No, smooth: Tri::Yes, robust_to_outliers: Tri::No, suits_imbalance: Tri::No, suits_label_noise: Tri::No, operand: Operand::LogProbabilities },
    equivalents: &["torch.nn.NLLLoss", "torch.nn.functional.nll_loss"],
    related: &["cross-entropy", "binary-cross-entropy", "kl-divergence"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of PyTorch's `nll_loss`.
#[derive(Debug, Clone, PartialEq)]
pub struct NllConfig {
    pub weight: Option<Vec<f64>>,
    pub ignore_index: i64,
    pub reduction: Reduction,
}

impl Default for NllConfig {
    fn default() -> Self {
        NllConfig { weight: None, ignore_index: -100, reduction: Reduction::Mean }
    }
}

/// PyTorch `nll_loss`: `log_probs` `[N, C, *]`, `targets` `[N, *]`.
pub fn nll<const D: usize, const DT: usize>(log_probs: Tensor<D>, targets: Tensor<DT, Int>, cfg: &NllConfig) -> Result<LossTensor, LossError> {
    check_index_targets(ID, &log_probs.dims(), &targets.dims())?;
    let c = log_probs.dims()[1];
    if let Some(w) = &cfg.weight {
        numerics::class_weights(ID, "weight", w, c)?;
    }
    let tshape = targets.dims().to_vec();
    let rows = rows_class_axis1(log_probs);
    let m = rows.dims()[0];
    let (per, denom) = nll_rows(ID, rows, targets.reshape([m]), cfg.weight.as_deref(), cfg.ignore_index, 0.0)?;
    Ok(match cfg.reduction {
        Reduction::None => LossTensor::with_shape(per, tshape),
        r => reduce_with_denominator(per, denom, r),
    })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = NllConfig { weight: c.f64_list_opt("weight")?, ignore_index: c.i64("ignore_index", -100)?, reduction: c.reduction(Reduction::Mean)? };
    let rank = c.shape("log_probs")?.len();
    let tshape = c.shape("targets")?;
    if rank < 2 || tshape.len() + 1 != rank {
        return Err(LossError::shape(ID, "targets", format!("rank {} (log_probs without the class axis)", rank.saturating_sub(1)), format!("shape {}", fmt_shape(tshape))));
    }
    by_rank!(c, "log_probs", rank, |R| {
        let t = c.int_reshaped::<{ R - 1 }>("targets", tshape.try_into().unwrap())?;
        nll(c.float::<R>("log_probs")?, t, &cfg)
    })
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
    fn value_and_gradients() {
        // -(w_1 * z_01 + w_0 * z_10) / (w_1 + w_0) with w = (2, 1): -(1*-0.5 + 2*-2) / 3 = 1.5.
        let x = inputs(vec![("log_probs", f(&[2, 2], &[-1.0, -0.5, -2.0, -3.0])), ("targets", i(&[2], &[1, 0]))]);
        let ev = eval64(ID, None, &params(json!({"weight": [2.0, 1.0]})), &x);
        assert!((ev.loss.floats[0] - 1.5).abs() < 1e-12);
        let x = inputs(vec![("log_probs", randn(&[4, 3, 2], 7, 1.0)), ("targets", i(&[4, 2], &[0, 1, 2, -100, 1, 1, 0, 2]))]);
        assert_gradcheck(ID, None, &params(json!({"weight": [0.2, 1.0, 3.0]})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let lp = randn(&[3, 4], 1, 1.0);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("log_probs", lp.clone()), ("targets", i(&[3], &[0, 9, 1]))]), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("log_probs", lp.clone()), ("targets", i(&[4], &[0, 1, 1, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"weight": [1.0, -1.0, 1.0, 1.0]})), &inputs(vec![("log_probs", lp.clone()), ("targets", i(&[3], &[0, 1, 1]))]), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("log_probs", lp), ("targets", f(&[3], &[0.0, 1.0, 1.0]))]), ErrorKind::DType);
    }
}
