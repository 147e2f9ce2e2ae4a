//! SphereFace (A-Softmax): softmax over normalized class weights with a multiplicative angular
//! margin on the target class.

use burn::tensor::{Int, Tensor};

use super::arcface::classifier_inputs;
use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::margin_softmax::{at_labels, check_classifier, check_labels, cosine_matrix, cross_entropy_mean, large_margin_psi, with_target};
use crate::numerics::{self, LossTensor};

const ID: &str = "sphereface";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "SphereFace / A-Softmax",
    aliases: &["SphereFace", "A-Softmax", "Angular Softmax"],
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2017,
    paper: Paper {
        title: "SphereFace: Deep Hypersphere Embedding for Face Recognition",
        authors: "Liu et al.",
        venue: "CVPR",
        year: 2017,
        url: "https://arxiv.org/abs/1704.08063",
    },
    summary: "Normalizes the class weights and multiplies the target angle by an integer margin m, using the monotone extension psi(theta) = (-1)^k cos(m theta) - 2k so the target logit keeps decreasing in theta; the embedding norm still scales the logits. It introduced angular-margin face recognition but is harder to train than CosFace or ArcFace, which replaced it. PML implements it as LargeMarginSoftmaxLoss with normalized weights.",
    formula: r"L = \frac{1}{N}\sum_{i} -\log\frac{e^{s\lVert x_i\rVert\,\psi(\theta_{iy_i})}}{e^{s\lVert x_i\rVert\,\psi(\theta_{iy_i})} + \sum_{j \ne y_i} e^{s\lVert x_i\rVert\cos\theta_{ij}}},\quad \psi(\theta) = (-1)^k\cos(m\theta) - 2k,\ k = \Big\lfloor \frac{m\theta}{\pi} \Big\rfloor,\quad \cos\theta_{ij} = \frac{W_j^\top x_i}{\lVert W_j\rVert\,\lVert x_i\rVert}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight vectors, one row per class (PML's W transposed)" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML, taken from weight when absent" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML, taken from weight when absent" },
        Param { name: "margin", symbol: "m", default: Value::Int(4), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "integer angular multiplier (PML truncates it with int())" },
        Param { name: "scale", symbol: "s", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "scale of the logits" },
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
        "pytorch_metric_learning.losses.SphereFaceLoss",
    ],
    related: &["large-margin-softmax", "arcface", "cosface"],
    forms: &[
        Form { name: "pml", description: "PML SphereFaceLoss: cos(m theta) via Chebyshev polynomials; embeddings not normalized; cross-entropy averaged over the batch (PML's MeanReducer); an empty batch is an error." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the embedding and its class weight (radians)", from: 0.05, to: 3.0, at: super::arcface::classifier_plot_at }),
    ..Entry::BLANK
};

/// Options of PML's `SphereFaceLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SphereFaceConfig {
    /// Integer angular multiplier m >= 1.
    pub margin: u32,
    /// Scale of the logits.
    pub scale: f64,
}

impl Default for SphereFaceConfig {
    fn default() -> Self {
        SphereFaceConfig { margin: 4, scale: 1.0 }
    }
}

/// PML `SphereFaceLoss(num_classes, embedding_size, margin, scale)(embeddings, labels)` with the
/// class weights `weight [C, D]`: cosines of normalized embeddings and weights, the target
/// cosine replaced by [`large_margin_psi`], every logit multiplied by `scale * ||x_i||` (the
/// embedding norm is kept, the weight norms are not), cross-entropy averaged over the batch.
pub fn sphereface(embeddings: Tensor<2>, labels: Tensor<1, Int>, weight: Tensor<2>, cfg: &SphereFaceConfig) -> Result<LossTensor, LossError> {
    check_classifier(ID, &embeddings.dims(), &labels.dims(), &weight.dims(), None, None)?;
    if cfg.margin < 1 {
        return Err(LossError::param(ID, "margin", "an integer >= 1", format!("{}", cfg.margin)));
    }
    numerics::positive_param(ID, "scale", cfg.scale)?;
    check_labels(ID, &labels, weight.dims()[0])?;
    let n = embeddings.dims()[0];
    let norms = embeddings.clone().square().sum_dim(1).sqrt().reshape([n, 1]);
    let cos = cosine_matrix(embeddings, weight);
    let target = large_margin_psi(at_labels(cos.clone(), labels.clone()), cfg.margin);
    let logits = with_target(cos, labels.clone(), target) * norms.mul_scalar(cfg.scale);
    Ok(LossTensor::scalar(cross_entropy_mean(logits, labels)))
}

/// PML reads the margin with `int()`, which truncates towards zero.
fn margin_param(c: &Call) -> Result<u32, LossError> {
    let m = numerics::finite_param(ID, "margin", c.f64("margin", 4.0)?)?.trunc();
    if !(1.0..=1e6).contains(&m) {
        return Err(LossError::param(ID, "margin", "an integer >= 1", format!("{m}")));
    }
    Ok(m as u32)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("pml") => {}
        Some(_) => return Err(c.unknown_form(&["pml"])),
    }
    let cfg = SphereFaceConfig { margin: margin_param(c)?, scale: c.f64("scale", 1.0)? };
    let (x, y, w) = classifier_inputs(c, 1)?;
    sphereface(x, y, w, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[6, 3], seed, 1.0)), ("labels", i(&[6], &[0, 1, 2, 3, 0, 2])), ("weight", randn(&[4, 3], seed + 1, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // x = 2 (cos 50 deg, sin 50 deg), W rows e1 and e2 (scaled), label 0, m = 2, s = 1.5:
        // theta = 50 deg, k = floor(100/180) = 0, psi = cos(100 deg); other cosine cos(40 deg).
        // Logits are 1.5 * 2 * (psi, cos 40 deg).
        let th = 50f64.to_radians();
        let x = inputs(vec![("embeddings", f(&[1, 2], &[2.0 * th.cos(), 2.0 * th.sin()])), ("labels", i(&[1], &[0])), ("weight", f(&[2, 2], &[3.0, 0.0, 0.0, 0.5]))]);
        let ev = eval64(ID, None, &params(json!({"margin": 2, "scale": 1.5})), &x);
        let (a, b) = (3.0 * (2.0 * th).cos(), 3.0 * th.sin());
        let want = (a.exp() + b.exp()).ln() - a;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
        // theta = 120 deg with m = 2: k = 1, psi = -cos(240 deg) - 2.
        let th = 120f64.to_radians();
        let x = inputs(vec![("embeddings", f(&[1, 2], &[th.cos(), th.sin()])), ("labels", i(&[1], &[0])), ("weight", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({"margin": 2})), &x);
        let (a, b) = (-(2.0 * th).cos() - 2.0, th.sin());
        assert!((ev.loss.floats[0] - ((a.exp() + b.exp()).ln() - a)).abs() < 1e-12);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, m) in [(1, 4), (5, 3), (9, 1)] {
            assert_gradcheck(ID, None, &params(json!({"margin": m, "scale": 1.5})), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e-6)), ("labels", i(&[4], &[0, 1, 2, 0])), ("weight", randn(&[3, 3], 4, 1e3))]);
        assert_finite(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e2)), ("labels", i(&[4], &[0, 1, 2, 0])), ("weight", randn(&[3, 3], 4, 1.0))]);
        assert_finite(ID, None, &params(json!({"scale": 10.0})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(2);
        x.insert("labels".into(), i(&[6], &[0, 1, 2, 9, 0, 2]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let mut x = batch(2);
        x.insert("embeddings".into(), randn(&[6, 4], 1, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"margin": 0})), &batch(2), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"margin": "nan"})), &batch(2), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"scale": 0.0})), &batch(2), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[])), ("weight", randn(&[4, 3], 1, 1.0))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
