//! Large-margin softmax (L-Softmax): softmax cross-entropy on the logits ||w_c|| ||x|| cos(theta),
//! where the target class's angle is multiplied by an integer margin m (through a monotone
//! extension psi of cos(m theta)). The target must beat the others by an angular factor, which
//! yields more discriminative, compact features for recognition and verification.

use std::f64::consts::PI;

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::focal::one_hot;
use crate::numerics::{self, LossTensor};

const ID: &str = "large-margin-softmax";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Large-Margin Softmax Loss (L-Softmax)",
    aliases: &["L-Softmax", "LargeMarginSoftmaxLoss"],
    kind: Kind::Loss,
    domains: &["classification", "metric-learning"],
    year: 2016,
    paper: Paper {
        title: "Large-Margin Softmax Loss for Convolutional Neural Networks",
        authors: "Liu, W., Wen, Y., Yu, Z. & Yang, M.",
        venue: "ICML",
        year: 2016,
        url: "https://arxiv.org/abs/1612.02295",
    },
    summary: "Writes the classifier logits as ||w_c|| ||x|| cos(theta_c) and, for the true class only, replaces cos(theta) by psi(theta) = (-1)^k cos(m theta) - 2k on [k pi/m, (k+1) pi/m], a monotone decreasing extension of cos(m theta); then applies softmax cross-entropy. The integer margin m forces the target angle to be m times smaller than the others, producing angularly separated embeddings for face recognition and verification. Large m makes training hard to start (the paper anneals towards plain softmax); SphereFace later normalized the weights.",
    formula: r"\ell = -\log\frac{e^{s\lVert w_y\rVert\lVert x\rVert\psi(\theta_y)}}{e^{s\lVert w_y\rVert\lVert x\rVert\psi(\theta_y)} + \sum_{c\ne y} e^{s\lVert w_c\rVert\lVert x\rVert\cos\theta_c}},\quad \psi(\theta) = (-1)^k\cos(m\theta) - 2k,\ \theta \in \Big[\frac{k\pi}{m}, \frac{(k+1)\pi}{m}\Big]",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "features (not normalized: their norm scales the logits)" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class indices" },
        Input { name: "weight", shape: "[C, D]", meaning: "classifier weights, one row per class (PML's W transposed); gets a gradient" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "PML's constructor argument; must equal the rows of weight" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "PML's constructor argument; must equal the columns of weight" },
        Param { name: "margin", symbol: "m", default: Value::Int(4), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "integer angular margin (PML truncates it with int())" },
        Param { name: "scale", symbol: "s", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "factor on the logits" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["pytorch_metric_learning.losses.LargeMarginSoftmaxLoss"],
    related: &["sphereface", "arcface", "cosface", "normalized-softmax", "cross-entropy"],
    forms: &[Form { name: "pml", description: "pytorch-metric-learning LargeMarginSoftmaxLoss(num_classes, embedding_size, margin=4, scale=1): cosines between L2-normalized embeddings and weight rows; cos(m theta) by the multiple-angle expansion sum_n (-1)^n C(m, 2n) cos^(m-2n) (1 - cos^2)^n; k = floor(acos(cos)/(pi/m)) without gradient; logits times ||w_c|| ||x|| scale; cross-entropy averaged over the batch (MeanReducer)." }],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "embedding coordinate orthogonal to its class weight", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("embeddings", HostTensor::from_f64(vec![1, 2], vec![1.0, x])),
            ("labels", HostTensor::from_i64(vec![1], vec![0])),
            ("weight", HostTensor::from_f64(vec![2, 2], vec![1.0, 0.0, 0.0, 1.0])),
        ],
        wrt: "embeddings",
        index: 1,
    }
}

fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

/// `cos(m theta)` from `cos(theta)` by the multiple-angle formula.
fn cos_multiple(cos: Tensor<2>, m: usize) -> Tensor<2> {
    let sin2 = cos.clone().square().neg().add_scalar(1.0);
    (0..=m / 2)
        .map(|n| {
            let sign = if n % 2 == 0 { 1.0 } else { -1.0 };
            (cos.clone().powf_scalar((m - 2 * n) as f64) * sin2.clone().powf_scalar(n as f64)).mul_scalar(sign * binomial(m, 2 * n))
        })
        .reduce(|a, b| a + b)
        .expect("at least the n = 0 term")
}

/// Row norms `[R, 1]` and the rows divided by `max(norm, 1e-12)` (PyTorch's `F.normalize`).
fn norms_and_normalized(x: Tensor<2>) -> (Tensor<2>, Tensor<2>) {
    let norm = x.clone().square().sum_dim(1).sqrt();
    let unit = x / norm.clone().clamp_min(1e-12);
    (norm, unit)
}

/// PML `LargeMarginSoftmaxLoss`: embeddings `[N, D]`, labels `[N]`, weight `[C, D]`.
pub fn large_margin_softmax(embeddings: Tensor<2>, labels: Tensor<1, Int>, weight: Tensor<2>, margin: usize, scale: f64) -> Result<LossTensor, LossError> {
    let [n, d] = embeddings.dims();
    let [c, dw] = weight.dims();
    numerics::same_shape(ID, "labels", &labels.dims(), "the batch of embeddings", &[n])?;
    numerics::same_shape(ID, "weight", &[c, dw], "[classes, embedding size]", &[c, d])?;
    numerics::non_empty(ID, "embeddings", &[n, d])?;
    numerics::non_empty(ID, "weight", &[c, dw])?;
    if margin == 0 {
        return Err(LossError::param(ID, "margin", "an integer >= 1", "0"));
    }
    numerics::positive_param(ID, "scale", scale)?;
    numerics::labels_in_range(ID, "labels", &numerics::host_i64(&labels), c, None)?;
    let (e_norm, e_unit) = norms_and_normalized(embeddings);
    let (w_norm, w_unit) = norms_and_normalized(weight);
    let cosine = e_unit.matmul(w_unit.transpose());
    let cos_t = cosine.clone().gather(1, labels.clone().reshape([n, 1]));
    let cos_m = cos_multiple(cos_t.clone(), margin);
    // k = floor(theta / (pi / m)) without gradient, and (-1)^k from its parity.
    let theta = cos_t.clone().detach().clamp(-1.0, 1.0).acos();
    let k = theta.mul_scalar(margin as f64 / PI).floor();
    let parity = k.clone() - k.clone().mul_scalar(0.5).floor().mul_scalar(2.0);
    let sign = parity.mul_scalar(-2.0).add_scalar(1.0);
    let phi = sign * cos_m - k.mul_scalar(2.0);
    let mask = one_hot(labels.clone(), c, &cosine);
    let logits = cosine + mask * (phi - cos_t);
    let logits = logits * (e_norm * w_norm.transpose()).mul_scalar(scale);
    let logp = numerics::log_softmax(logits, 1);
    let per = logp.gather(1, labels.reshape([n, 1])).reshape([n]).neg();
    Ok(LossTensor::scalar(per.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if let Some(f) = c.form()
        && f != "pml"
    {
        return Err(c.unknown_form(&["pml"]));
    }
    let wshape = c.shape("weight")?.to_vec();
    for (name, dim) in [("num_classes", 0usize), ("embedding_size", 1)] {
        if let Some(v) = c.i64_opt(name)?
            && (wshape.len() != 2 || v < 1 || v as usize != wshape[dim])
        {
            return Err(LossError::param(ID, name, format!("the weight's {} ({})", if dim == 0 { "rows" } else { "columns" }, wshape.get(dim).copied().unwrap_or(0)), format!("{v}")));
        }
    }
    // PML converts the margin with int(), truncating toward zero.
    let margin = c.f64("margin", 4.0)?;
    if !margin.is_finite() || margin.trunc() < 1.0 {
        return Err(LossError::param(ID, "margin", "a number >= 1 (truncated to an integer)", format!("{margin}")));
    }
    large_margin_softmax(c.float::<2>("embeddings")?, c.int::<1>("labels")?, c.float::<2>("weight")?, margin.trunc() as usize, c.f64("scale", 1.0)?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch() -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[6, 4], 201, 1.0)), ("labels", i(&[6], &[0, 1, 2, 2, 1, 0])), ("weight", randn(&[3, 4], 202, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for m in [1, 2, 3, 4] {
            assert_gradcheck(ID, None, &params(json!({"margin": m, "scale": 1.5})), &batch());
        }
    }

    #[test]
    fn value_is_the_formula() {
        // x = (1, 0), w_0 = (cos a, sin a) with a = 0.3, w_1 = (0, 2), margin 2: the target logit
        // is psi(0.3) = cos(0.6) (k = 0), the other 2 cos(pi/2) = 0; loss = log(1 + e^{-cos 0.6}).
        let a: f64 = 0.3;
        let x = inputs(vec![("embeddings", f(&[1, 2], &[1.0, 0.0])), ("labels", i(&[1], &[0])), ("weight", f(&[2, 2], &[a.cos(), a.sin(), 0.0, 2.0]))]);
        let ev = eval64(ID, None, &params(json!({"margin": 2})), &x);
        let want = (1.0 + (-(2.0 * a).cos()).exp()).ln();
        assert!((ev.loss.floats[0] - want).abs() < 1e-14, "{} {want}", ev.loss.floats[0]);
        // Beyond pi/m the extension continues: theta = 2.0 > pi/2 with m = 2 gives k = 1 and
        // psi = -cos(4.0) - 2.
        let b: f64 = 2.0;
        let x = inputs(vec![("embeddings", f(&[1, 2], &[1.0, 0.0])), ("labels", i(&[1], &[0])), ("weight", f(&[2, 2], &[b.cos(), b.sin(), 0.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({"margin": 2})), &x);
        let want = (1.0 + (0.0 - (-(2.0 * b).cos() - 2.0)).exp()).ln();
        assert!((ev.loss.floats[0] - want).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for s in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("embeddings", f(&[2, 2], &[s, 0.0, 0.0, -s])), ("labels", i(&[2], &[1, 0])), ("weight", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0]))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &params(json!({"num_classes": 4})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"embedding_size": 3})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"margin": 0})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"scale": 0.0})), &batch(), ErrorKind::Param);
        let mut x = batch();
        x.insert("labels".into(), i(&[6], &[0, 1, 3, 2, 1, 0]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        x.insert("labels".into(), i(&[5], &[0, 1, 2, 2, 1]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        x.insert("labels".into(), i(&[6], &[0, 1, 2, 2, 1, 0]));
        x.insert("weight".into(), randn(&[3, 5], 203, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("embeddings", f(&[0, 4], &[])), ("labels", i(&[0], &[])), ("weight", randn(&[3, 4], 204, 1.0))]), ErrorKind::Empty);
    }
}
