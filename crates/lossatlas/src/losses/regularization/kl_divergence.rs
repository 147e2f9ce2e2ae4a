//! Kullback–Leibler divergence between a target distribution and a predicted one: the loss of
//! distillation, of variational objectives and of matching any distribution.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "kl-divergence";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "KL Divergence",
    aliases: &["Kullback-Leibler Divergence", "Relative Entropy", "KLDivLoss", "KL Loss"],
    kind: Kind::Loss,
    domains: &["regularization", "distillation", "vae", "classification"],
    year: 1951,
    paper: Paper { title: "On Information and Sufficiency", authors: "Kullback & Leibler", venue: "Annals of Mathematical Statistics", year: 1951, url: "https://doi.org/10.1214/aoms/1177729694" },
    summary: "Measures how much information is lost when the predicted distribution q stands in for the target distribution p: the sum of p log(p/q), zero exactly when they agree. It drives knowledge distillation, variational inference and distribution matching. PyTorch's kl_div takes the prediction as log-probabilities and the target as probabilities (or log-probabilities with log_target); its 'mean' reduction divides by the number of elements, so use 'batchmean' for the mathematical per-sample KL.",
    formula: r"\ell = \sum_{c} p_c\,(\log p_c - z_c),\qquad z = \log q",
    inputs: &[
        Input { name: "log_probs", shape: "[N, *]", meaning: "predicted log-probabilities (forms torch-kl-div, optax)" },
        Input { name: "targets", shape: "[N, *]", meaning: "target probabilities, or log-probabilities with log_target" },
        Input { name: "pred", shape: "[B, N, H, W]", meaning: "form kornia-2d: predicted probability maps, each (b, n) slice a distribution over H x W" },
        Input { name: "target", shape: "[B, N, H, W]", meaning: "form kornia-2d: target probability maps" },
        Input { name: "p", shape: "[N, D]", meaning: "form torchmetrics: the reference distribution P of KL(P || Q)" },
        Input { name: "q", shape: "[N, D]", meaning: "form torchmetrics: the approximating distribution Q" },
    ],
    params: &[
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::Choice { values: &["mean", "batchmean", "sum", "none"] }, meaning: "torch: mean over all elements, batchmean (sum / batch size), sum or none" },
        Param { name: "log_target", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "targets are log-probabilities" },
        Param { name: "log_prob", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "torchmetrics: p and q are log-probabilities (otherwise they are renormalized per row)" },
    ],
    properties: Properties { convex: Tri::Yes, bounded: Tri::No, smooth: Tri::Yes, robust_to_outliers: Tri::No, suits_imbalance: Tri::No, suits_label_noise: Tri::No, operand: Operand::LogProbabilities },
    equivalents: &["torch.nn.KLDivLoss", "torch.nn.functional.kl_div", "optax.losses.kl_divergence", "optax.losses.kl_divergence_with_log_targets", "kornia.losses.kl_div_loss_2d", "torchmetrics.functional.kl_divergence"],
    related: &["cross-entropy", "js-divergence", "knowledge-distillation", "convex-kl", "elbo"],
    forms: &[
        Form { name: "torch-kl-div", description: "PyTorch kl_div(log_probs, targets): pointwise targets * (log targets - log_probs) with 0 where targets == 0; log_target; reductions mean (all elements), batchmean, sum, none." },
        Form { name: "kornia-2d", description: "kornia kl_div_loss_2d(pred, target): KL(target || pred) summed over H x W for each (b, n), probabilities in, then mean, sum or none over (B, N)." },
        Form { name: "torchmetrics", description: "torchmetrics kl_divergence(p, q, log_prob): KL(P || Q) per row, rows renormalized to sum 1 when log_prob is false; mean, sum or none over rows." },
        Form { name: "optax", description: "optax kl_divergence(log_probs, targets) per example over the last axis; log_target selects kl_divergence_with_log_targets; no reduction." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "log q_1 against p = (1/2, 1/2)", from: -4.0, to: -0.02, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    let q2 = (1.0 - x.exp()).max(1e-300).ln();
    PlotInput {
        form: Some("torch-kl-div"),
        params: serde_json::json!({"reduction": "batchmean"}),
        inputs: vec![
            ("log_probs", crate::eval::HostTensor::from_f64(vec![1, 2], vec![x, q2])),
            ("targets", crate::eval::HostTensor::from_f64(vec![1, 2], vec![0.5, 0.5])),
        ],
        wrt: "log_probs",
        index: 0,
    }
}

/// Reduction of PyTorch's `kl_div`, which adds `batchmean`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KlReduction {
    #[default]
    Mean,
    BatchMean,
    Sum,
    None,
}

/// Pointwise `p (log p - z)` with `z` log-probabilities; `p log p = 0` where `p = 0`.
pub fn kl_pointwise<const D: usize>(log_probs: Tensor<D>, targets: Tensor<D>, log_target: bool) -> Tensor<D> {
    if log_target {
        targets.clone().exp() * (targets - log_probs)
    } else {
        numerics::xlogy(targets.clone(), targets.clone()) - targets * log_probs
    }
}

/// PyTorch `kl_div(log_probs, targets, reduction, log_target)`.
pub fn kl_div<const D: usize>(log_probs: Tensor<D>, targets: Tensor<D>, log_target: bool, reduction: KlReduction) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "targets", &targets.dims(), "log_probs", &log_probs.dims())?;
    numerics::non_empty(ID, "log_probs", &log_probs.dims())?;
    let batch = log_probs.dims()[0] as f64;
    let per = kl_pointwise(log_probs, targets, log_target);
    Ok(match reduction {
        KlReduction::Mean => reduce(per, Reduction::Mean),
        KlReduction::Sum => reduce(per, Reduction::Sum),
        KlReduction::None => reduce(per, Reduction::None),
        KlReduction::BatchMean => LossTensor::scalar(per.sum().mul_scalar(1.0 / batch)),
    })
}

/// kornia `kl_div_loss_2d(pred, target)`: KL(target || pred) per (b, n) over H x W.
pub fn kl_div_loss_2d(pred: Tensor<4>, target: Tensor<4>, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "target", &target.dims(), "pred", &pred.dims())?;
    let [b, n, h, w] = pred.dims();
    let per = kl_pointwise(pred.log(), target, false).reshape([b, n, h * w]).sum_dim(2).reshape([b, n]);
    Ok(reduce(per, reduction))
}

/// torchmetrics `kl_divergence(p, q, log_prob, reduction)`: KL(P || Q) per row.
pub fn kl_divergence_rows(p: Tensor<2>, q: Tensor<2>, log_prob: bool, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "q", &q.dims(), "p", &p.dims())?;
    let n = p.dims()[0];
    let per = if log_prob {
        kl_pointwise(q, p, true)
    } else {
        let p = p.clone() / p.sum_dim(1);
        let q = q.clone() / q.sum_dim(1);
        kl_pointwise(q.log(), p, false)
    };
    Ok(reduce(per.sum_dim(1).reshape([n]), reduction))
}

/// optax `kl_divergence` / `kl_divergence_with_log_targets`: per example over the last axis.
pub fn kl_divergence_last_axis<const D: usize>(log_probs: Tensor<D>, targets: Tensor<D>, log_target: bool) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "targets", &targets.dims(), "log_probs", &log_probs.dims())?;
    let dims = log_probs.dims();
    let per = kl_pointwise(log_probs, targets, log_target).sum_dim(D - 1);
    Ok(LossTensor::with_shape(per, dims[..D - 1].to_vec()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = c.form().unwrap_or(if c.has("pred") { "kornia-2d" } else if c.has("p") { "torchmetrics" } else { "torch-kl-div" });
    match form {
        "torch-kl-div" => {
            let reduction = match c.str("reduction", "mean")? {
                "mean" => KlReduction::Mean,
                "batchmean" => KlReduction::BatchMean,
                "sum" => KlReduction::Sum,
                "none" => KlReduction::None,
                other => return Err(LossError::param(ID, "reduction", "one of mean, batchmean, sum, none", format!("{other:?}"))),
            };
            let log_target = c.bool("log_target", false)?;
            let rank = c.shape("log_probs")?.len();
            by_rank!(c, "log_probs", rank, |R| kl_div(c.float::<R>("log_probs")?, c.float::<R>("targets")?, log_target, reduction))
        }
        "kornia-2d" => kl_div_loss_2d(c.float::<4>("pred")?, c.float::<4>("target")?, c.reduction(Reduction::Mean)?),
        "torchmetrics" => kl_divergence_rows(c.float::<2>("p")?, c.float::<2>("q")?, c.bool("log_prob", false)?, c.reduction(Reduction::Mean)?),
        "optax" => {
            let _ = c.reduction(Reduction::None)?;
            let log_target = c.bool("log_target", false)?;
            let rank = c.shape("log_probs")?.len();
            by_rank!(c, "log_probs", rank, |R| kl_divergence_last_axis(c.float::<R>("log_probs")?, c.float::<R>("targets")?, log_target))
        }
        _ => Err(c.unknown_form(&ENTRY.forms.iter().map(|f| f.name).collect::<Vec<_>>())),
    }
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
    fn value_is_the_formula() {
        // p = (1/2, 1/2), q = (1/4, 3/4): KL = 0.5 ln 2 + 0.5 ln(2/3).
        let x = inputs(vec![("log_probs", f(&[1, 2], &[0.25f64.ln(), 0.75f64.ln()])), ("targets", f(&[1, 2], &[0.5, 0.5]))]);
        let ev = eval64(ID, None, &params(json!({"reduction": "batchmean"})), &x);
        let want = 0.5 * 2f64.ln() + 0.5 * (2.0f64 / 3.0).ln();
        assert!((ev.loss.floats[0] - want).abs() < 1e-12);
        // A zero target contributes nothing, even against log q = -1e4.
        let x = inputs(vec![("log_probs", f(&[1, 2], &[-1e4, 0.0])), ("targets", f(&[1, 2], &[0.0, 1.0]))]);
        let ev = assert_finite(ID, None, &params(json!({"reduction": "sum"})), &x);
        assert_eq!(ev.loss.floats[0], 0.0);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("log_probs", randn(&[3, 4], 1, 1.0)), ("targets", uniform(&[3, 4], 2, 0.05, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "batchmean"})), &x);
        assert_gradcheck(ID, None, &params(json!({"reduction": "mean", "log_target": true})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = inputs(vec![("log_probs", randn(&[3, 4], 1, 1.0)), ("targets", randn(&[3, 3], 2, 1.0))]);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Shape);
        let x = inputs(vec![("log_probs", randn(&[3, 4], 1, 1.0)), ("targets", randn(&[3, 4], 2, 1.0))]);
        assert_error(ID, None, &params(json!({"reduction": "batchsum"})), &x, ErrorKind::Param);
    }
}
