//! P2SGrad loss: mean squared error between the cosine similarities of an embedding to all class
//! weights and the one-hot target, whose gradient is the probability-to-similarity gradient.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::margin_softmax::{check_classifier, check_labels};
use crate::numerics::{self, LossTensor};

const ID: &str = "p2s-grad";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "P2SGrad Loss",
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2019,
    paper: Paper {
        title: "P2SGrad: Refined Gradients for Optimizing Deep Face Models",
        authors: "Zhang, X., Zhao, R., Yan, J., Gao, M., Qiao, Y., Wang, X., Li, H.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1905.02479",
    },
    summary: "Replaces the margin-softmax family with a regression of cos(theta_c) onto the one-hot label, which yields gradients that depend only on the angle (P2SGrad) and no scale or margin hyperparameters to tune. Proposed for face recognition. PML rescales the weight rows to unit norm outside autograd before every call; this is reproduced: the value uses the rescaled rows while the weight gradient is taken as if the weight were used directly (straight-through), so with non-unit rows the weight gradient is not the derivative of the value. Keep the rows at unit norm, as PML does.",
    formula: r"L = \frac{1}{NC}\sum_{i=1}^{N}\sum_{c=1}^{C}\big(\cos\theta_{ic} - [y_i = c]\big)^2,\quad \cos\theta_{ic} = \operatorname{clamp}\Big(\frac{x_i^\top \tilde w_c}{\lVert x_i\rVert},\,-1,\,1\Big),\quad \tilde w_c = w_c + \operatorname{sg}\Big(\frac{w_c}{\lVert w_c\rVert + 10^{-7}} - w_c\Big)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight vectors, one row per class (PML's weight transposed); unit-norm rows" },
    ],
    params: &[
        Param { name: "descriptors_dim", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (required by PML; taken from weight when absent)" },
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (required by PML; taken from weight when absent)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.P2SGradLoss",
    ],
    related: &["arcface", "cosface", "mse"],
    forms: &[
        Form { name: "pml", description: "PML P2SGradLoss(descriptors_dim, num_classes): MSE (mean over N*C) of clamped cosines against one-hot targets; weight rows rescaled as PML's in-place renorm does (value only); a weight row PML cannot rescale to unit norm (norm <= 1e-5) is an error, as PML's assertion." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the embedding and its class weight (radians)", from: 0.05, to: 3.0, at: super::arcface::classifier_plot_at }),
    ..Entry::BLANK
};

/// PML `P2SGradLoss(descriptors_dim, num_classes)(embeddings, labels)` with the class weights
/// `weight [C, D]` (PML's `weight` transposed): the mean over `N * C` of
/// `(clamp(x_i . w_c / ||x_i||, -1, 1) - [y_i = c])^2`.
///
/// PML rescales its weight columns to unit norm in place outside autograd (`renorm` on
/// `.data`) before each call. Here the rows enter with the scale PML's renorm leaves them
/// (`norm / (norm + 1e-7)`), but the gradient is taken as if the given weight were used
/// directly, which is what PML's autograd reports (a straight-through rescaling).
pub fn p2s_grad(embeddings: Tensor<2>, labels: Tensor<1, Int>, weight: Tensor<2>) -> Result<LossTensor, LossError> {
    check_classifier(ID, &embeddings.dims(), &labels.dims(), &weight.dims(), None, None)?;
    let c = weight.dims()[0];
    check_labels(ID, &labels, c)?;
    let w = pml_renorm(weight)?;
    let x_norm = embeddings.clone().square().sum_dim(1).sqrt();
    let cos = (embeddings.matmul(w.transpose()) / x_norm).clamp(-1.0, 1.0);
    let onehot = numerics::int_to_float(labels.one_hot::<2>(c), &cos);
    Ok(LossTensor::scalar((cos - onehot).square().mean()))
}

/// `w.renorm(2, dim, 1e-5).mul(1e5)` on rows, applied to the value only: rows whose norm exceeds
/// 1e-5 get norm `norm / (norm + 1e-7)`, smaller rows are scaled by 1e5; PML then asserts every
/// norm is within 1e-5 of 1 (an error here).
fn pml_renorm(w: Tensor<2>) -> Result<Tensor<2>, LossError> {
    let [c, _] = w.dims();
    let norms = numerics::host_f64(&w.clone().square().sum_dim(1).sqrt());
    let mut factors = Vec::with_capacity(c);
    for (row, norm) in norms.iter().enumerate() {
        let f = if *norm > 1e-5 { 1e-5 / (norm + 1e-7) * 1e5 } else { 1e5 };
        if !((norm * f - 1.0).abs() < 1e-5) {
            return Err(LossError::value(ID, "weight", "rows whose norm PML can rescale to 1 (norm > 1e-5, finite)", format!("row {row} with norm {norm}")));
        }
        factors.push(f - 1.0);
    }
    let scale = numerics::tensor_like(&w, factors, [c, 1]);
    Ok(w.clone() + (w.detach() * scale))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("pml") => {}
        Some(_) => return Err(c.unknown_form(&["pml"])),
    }
    let classes = c.i64_opt("num_classes")?;
    let dim = c.i64_opt("descriptors_dim")?;
    for (name, v) in [("num_classes", classes), ("descriptors_dim", dim)] {
        if let Some(v) = v {
            if v < 1 {
                return Err(LossError::param(ID, name, "an integer >= 1", format!("{v}")));
            }
        }
    }
    check_classifier(ID, c.shape("embeddings")?, c.shape("labels")?, c.shape("weight")?, classes.map(|k| k as usize), dim.map(|d| d as usize))?;
    p2s_grad(c.float::<2>("embeddings")?, c.int::<1>("labels")?, c.float::<2>("weight")?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    /// Weight rows of unit norm, as PML keeps them.
    fn unit_rows(rows: usize, dim: usize, seed: u64) -> HostTensor {
        let mut w = randn(&[rows, dim], seed, 1.0);
        for r in 0..rows {
            let row = &mut w.floats[r * dim..(r + 1) * dim];
            let norm = row.iter().map(|v| v * v).sum::<f64>().sqrt();
            row.iter_mut().for_each(|v| *v /= norm);
        }
        w
    }

    fn batch(seed: u64) -> std::collections::BTreeMap<String, HostTensor> {
        inputs(vec![("embeddings", randn(&[6, 3], seed, 1.0)), ("labels", i(&[6], &[0, 1, 2, 3, 0, 2])), ("weight", unit_rows(4, 3, seed + 1))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_and_weight_gradient_are_the_formula() {
        // Transcribed: L = mean_{i,c} (x_i . w_c / |x_i| - [y_i = c])^2 with the weight rows
        // rescaled by 1 / (1 + 1e-7) (PML's renorm of unit rows); the straight-through gradient
        // is dL/dw_c = 2 / (N C) sum_i (cos_ic - [y_i = c]) x_i / |x_i| (no cosine is clamped).
        let x = batch(3);
        let (e, w, y) = (&x["embeddings"].floats, &x["weight"].floats, &x["labels"].ints);
        let (n, c, d) = (6usize, 4usize, 3usize);
        let mut loss = 0.0;
        let mut grad = vec![0.0; c * d];
        for a in 0..n {
            let xa = &e[a * d..(a + 1) * d];
            let norm = xa.iter().map(|v| v * v).sum::<f64>().sqrt();
            for k in 0..c {
                let wk = &w[k * d..(k + 1) * d];
                let cos = xa.iter().zip(wk).map(|(p, q)| p * q).sum::<f64>() / norm / (1.0 + 1e-7);
                let r = cos - if y[a] as usize == k { 1.0 } else { 0.0 };
                loss += r * r / (n * c) as f64;
                for j in 0..d {
                    grad[k * d + j] += 2.0 * r / (n * c) as f64 * xa[j] / norm;
                }
            }
        }
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - loss).abs() < 1e-12);
        for (g, want) in ev.grads["weight"].floats.iter().zip(&grad) {
            assert!((g - want).abs() < 1e-12, "{g} vs {want}");
        }
    }

    #[test]
    fn embedding_gradients_match_finite_differences() {
        for seed in [1, 5, 9] {
            assert_gradcheck_only(ID, None, &params(json!({})), &batch(seed), Some(&["embeddings"]));
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 2, 0])), ("weight", unit_rows(3, 3, 4))]);
        assert_finite(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e-6)), ("labels", i(&[4], &[0, 1, 2, 0])), ("weight", unit_rows(3, 3, 4))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(2);
        x.insert("labels".into(), i(&[6], &[0, 1, 2, 4, 0, 2]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        // A zero weight row cannot be rescaled to unit norm (PML's assertion fails).
        let mut x = batch(2);
        x.get_mut("weight").unwrap().floats[0..3].copy_from_slice(&[0.0, 0.0, 0.0]);
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        assert_error(ID, None, &params(json!({"num_classes": 3})), &batch(2), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"descriptors_dim": 4})), &batch(2), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"descriptors_dim": 0})), &batch(2), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[])), ("weight", unit_rows(4, 3, 1))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
