//! Multi-label margin loss: a pairwise hinge between every target class and every non-target
//! class of a sample (PyTorch's `MultiLabelMarginLoss`).

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "multilabel-margin";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Multi-Label Margin Loss",
    aliases: &["MultiLabelMarginLoss", "Multi-Label Hinge Loss"],
    kind: Kind::Loss,
    domains: &["classification", "recommendation"],
    year: 2006,
    paper: Paper { title: "Multilabel Neural Networks with Applications to Functional Genomics and Text Categorization", authors: "Zhang, M.-L. & Zhou, Z.-H.", venue: "IEEE Transactions on Knowledge and Data Engineering", year: 2006, url: "https://doi.org/10.1109/TKDE.2006.162" },
    summary: "For each sample, asks every target class to score at least one unit above every non-target class, with a hinge on each (target, non-target) pair, summed and divided by the number of classes. It ranks the relevant labels above the irrelevant ones rather than calibrating each label. Targets are class indices padded with -1; the first -1 ends a sample's list, as in PyTorch.",
    formula: r"\ell_i = \frac{1}{C}\sum_{j \in Y_i}\sum_{k \notin Y_i} \max\left(0,\, 1 - (x_{ij} - x_{ik})\right)",
    inputs: &[
        Input { name: "logits", shape: "[N, C] or [C]", meaning: "scores per class" },
        Input { name: "targets", shape: "[N, C] or [C] (i64)", meaning: "target class indices, padded with -1 (the first -1 ends the list)" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties { convex: Tri::Yes, bounded: Tri::No, smooth: Tri::No, robust_to_outliers: Tri::Yes, suits_imbalance: Tri::No, suits_label_noise: Tri::No, operand: Operand::Logits },
    equivalents: &["torch.nn.MultiLabelMarginLoss", "torch.nn.functional.multilabel_margin_loss"],
    related: &["hinge", "multilabel-soft-margin", "margin-ranking"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "target-class score (non-target score 0)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("logits", crate::eval::HostTensor::from_f64(vec![1, 2], vec![x, 0.0])),
            ("targets", crate::eval::HostTensor::from_i64(vec![1, 2], vec![0, -1])),
        ],
        wrt: "logits",
        index: 0,
    }
}

/// Target-class membership `[N, C]` from PyTorch's -1-padded index lists.
fn membership(targets: &[i64], n: usize, c: usize) -> Result<Vec<f64>, LossError> {
    let mut is_target = vec![0.0; n * c];
    for row in 0..n {
        for &t in &targets[row * c..(row + 1) * c] {
            if t == -1 {
                break;
            }
            if t < 0 || t >= c as i64 {
                return Err(LossError::value(ID, "targets", format!("class indices in [0, {c}) or -1 padding"), format!("{t}")));
            }
            is_target[row * c + t as usize] = 1.0;
        }
    }
    Ok(is_target)
}

/// PyTorch `multilabel_margin_loss`. `targets` holds index lists padded with -1.
pub fn multilabel_margin(logits: Tensor<2>, targets: &[i64], reduction: Reduction) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    if targets.len() != n * c {
        return Err(LossError::shape(ID, "targets", format!("shape {} (the shape of logits)", fmt_shape(&[n, c])), format!("{} values", targets.len())));
    }
    numerics::non_empty(ID, "logits", &[n, c])?;
    let is_t = numerics::tensor_like(&logits, membership(targets, n, c)?, [n, c]);
    // pair (j target, k non-target): max(0, 1 - x_j + x_k)
    let xj = logits.clone().reshape([n, c, 1]);
    let xk = logits.reshape([n, 1, c]);
    let hinge = (xk - xj).add_scalar(1.0).clamp_min(0.0);
    let pair_mask = is_t.clone().reshape([n, c, 1]) * is_t.neg().add_scalar(1.0).reshape([n, 1, c]);
    let per = (hinge * pair_mask).sum_dim(2).sum_dim(1).reshape([n]).mul_scalar(1.0 / (c as f64));
    Ok(reduce(per, reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let reduction = c.reduction(Reduction::Mean)?;
    let shape = c.shape("logits")?.to_vec();
    let targets = c.int_values("targets")?;
    if c.shape("targets")? != shape.as_slice() {
        return Err(LossError::shape(ID, "targets", format!("shape {} (the shape of logits)", fmt_shape(&shape)), fmt_shape(c.shape("targets")?)));
    }
    match shape.len() {
        1 => {
            let out = multilabel_margin(c.float_reshaped::<2>("logits", [1, shape[0]])?, targets, Reduction::None)?;
            Ok(LossTensor::scalar(out.value))
        }
        2 => multilabel_margin(c.float::<2>("logits")?, targets, reduction),
        _ => Err(LossError::shape(ID, "logits", "shape [N, C] or [C]", fmt_shape(&shape))),
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
    fn value_gradients_errors() {
        // PyTorch docs example: x = (0.1, 0.2, 0.4, 0.8), targets (3, 0, -1, 1) -> 0.85.
        let x = inputs(vec![("logits", f(&[1, 4], &[0.1, 0.2, 0.4, 0.8])), ("targets", i(&[1, 4], &[3, 0, -1, 1]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.85).abs() < 1e-12);
        let x = inputs(vec![("logits", randn(&[3, 5], 2, 2.0)), ("targets", i(&[3, 5], &[1, 3, -1, 0, 0, 4, -1, 2, 2, 2, 0, 1, 2, 3, -1]))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
        let bad = inputs(vec![("logits", randn(&[1, 3], 2, 1.0)), ("targets", i(&[1, 3], &[5, -1, 0]))]);
        assert_error(ID, None, &params(json!({})), &bad, ErrorKind::Value);
        let bad = inputs(vec![("logits", randn(&[1, 3], 2, 1.0)), ("targets", i(&[1, 2], &[0, -1]))]);
        assert_error(ID, None, &params(json!({})), &bad, ErrorKind::Shape);
    }
}
