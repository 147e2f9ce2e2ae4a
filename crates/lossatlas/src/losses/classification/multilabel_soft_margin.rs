//! Multi-label soft-margin loss: one-vs-all logistic loss averaged over the classes of each
//! sample (PyTorch's `MultiLabelSoftMarginLoss`).

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "multilabel-soft-margin";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Multi-Label Soft Margin Loss",
    aliases: &["MultiLabelSoftMarginLoss", "One-vs-All Logistic Loss"],
    kind: Kind::Loss,
    domains: &["classification"],
    year: 2004,
    paper: Paper { title: "In Defense of One-Vs-All Classification", authors: "Rifkin, R. & Klautau, A.", venue: "Journal of Machine Learning Research", year: 2004, url: "https://www.jmlr.org/papers/v5/rifkin04a.html" },
    summary: "Scores every class with an independent sigmoid and averages the binary log losses over the classes of a sample, then over the batch. It is binary cross-entropy with logits normalized per sample by the number of classes, for multi-label problems where each sample may carry several labels. Class weights rescale each class's term; with many rare labels consider focal or asymmetric losses.",
    formula: r"\ell_i = -\frac{1}{C}\sum_{c} w_c\left[y_{ic}\log\sigma(x_{ic}) + (1-y_{ic})\log\sigma(-x_{ic})\right]",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "scores per class" },
        Input { name: "targets", shape: "[N, C]", meaning: "0/1 labels per class" },
    ],
    params: &[
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "per-class weights (length C)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties { convex: Tri::Yes, bounded: Tri::No, smooth: Tri::Yes, robust_to_outliers: Tri::No, suits_imbalance: Tri::No, suits_label_noise: Tri::No, operand: Operand::Logits },
    equivalents: &["torch.nn.MultiLabelSoftMarginLoss", "torch.nn.functional.multilabel_soft_margin_loss"],
    related: &["binary-cross-entropy", "soft-margin", "multilabel-margin", "asymmetric"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// PyTorch `multilabel_soft_margin_loss`: per-sample mean over classes, then the reduction.
pub fn multilabel_soft_margin(logits: Tensor<2>, targets: Tensor<2>, weight: Option<&[f64]>, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &logits.dims())?;
    let [n, c] = logits.dims();
    let mut per = (targets.clone() * numerics::log_sigmoid(logits.clone()) + targets.neg().add_scalar(1.0) * numerics::log_sigmoid(logits.clone().neg())).neg();
    if let Some(w) = weight {
        numerics::class_weights(ID, "weight", w, c)?;
        per = per * numerics::last_axis_like(&logits, w.to_vec());
    }
    Ok(reduce(per.mean_dim(1).reshape([n]), reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let w = c.f64_list_opt("weight")?;
    multilabel_soft_margin(c.float::<2>("logits")?, c.float::<2>("targets")?, w.as_deref(), c.reduction(Reduction::Mean)?)
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
    fn value_gradients_errors() {
        // Two classes at x = 0: each term ln 2, weighted (1, 3): (ln 2 + 3 ln 2) / 2.
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 0.0])), ("targets", f(&[1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"weight": [1.0, 3.0]})), &x);
        assert!((ev.loss.floats[0] - 2.0 * 2f64.ln()).abs() < 1e-12);
        let x = inputs(vec![("logits", randn(&[3, 4], 9, 3.0)), ("targets", f(&[3, 4], &[1., 0., 0., 1., 0., 1., 1., 0., 1., 1., 0., 0.]))]);
        assert_gradcheck(ID, None, &params(json!({"weight": [1.0, 0.5, 2.0, 1.0]})), &x);
        let x = inputs(vec![("logits", f(&[1, 2], &[1e4, -1e4])), ("targets", f(&[1, 2], &[0.0, 1.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        assert_error(ID, None, &params(json!({"weight": [1.0]})), &inputs(vec![("logits", randn(&[3, 4], 1, 1.0)), ("targets", randn(&[3, 4], 1, 1.0))]), ErrorKind::Shape);
    }
}
