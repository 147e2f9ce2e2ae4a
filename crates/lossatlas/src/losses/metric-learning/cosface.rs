//! CosFace (large margin cosine loss): normalized-softmax cross-entropy with an additive margin
//! subtracted from the target cosine.

use burn::tensor::{Int, Tensor};

use super::arcface::classifier_inputs;
use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::margin_softmax::{at_labels, check_classifier, check_labels, cosine_matrix, cross_entropy_mean, with_target};
use crate::numerics::{self, LossTensor};

const ID: &str = "cosface";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "CosFace / LMCL",
    aliases: &["Large Margin Cosine Loss", "CosFace", "AM-Softmax", "Additive Margin Softmax"],
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2018,
    paper: Paper {
        title: "CosFace: Large Margin Cosine Loss for Deep Face Recognition",
        authors: "Wang et al.",
        venue: "CVPR",
        year: 2018,
        url: "https://arxiv.org/abs/1801.09414",
    },
    summary: "Subtracts a cosine margin m from the target-class cosine between the normalized embedding and class weight, then applies a softmax cross-entropy at scale s. Compared with ArcFace the margin acts on the cosine rather than the angle, which is simpler and numerically tamer. Typical settings are s = 64 and m around 0.35; large margins with few classes can make the loss hard to reduce.",
    formula: r"L = \frac{1}{N}\sum_{i} -\log \frac{e^{s(\cos\theta_{iy_i} - m)}}{e^{s(\cos\theta_{iy_i} - m)} + \sum_{j \ne y_i} e^{s\cos\theta_{ij}}},\quad \cos\theta_{ij} = \frac{W_j^\top x_i}{\lVert W_j\rVert\,\lVert x_i\rVert}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight vectors, one row per class (PML's W transposed)" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML, taken from weight when absent" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML, taken from weight when absent" },
        Param { name: "margin", symbol: "m", default: Value::Float(0.35), range: Range::REAL, meaning: "additive cosine margin subtracted from the target cosine" },
        Param { name: "scale", symbol: "s", default: Value::Float(64.0), range: Range::POSITIVE, meaning: "scale applied to the cosines" },
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
    equivalents: &[
        "pytorch_metric_learning.losses.CosFaceLoss",
    ],
    related: &["arcface", "sphereface", "normalized-softmax", "large-margin-softmax"],
    forms: &[
        Form { name: "pml", description: "PML CosFaceLoss; cross-entropy averaged over the batch (PML's MeanReducer); an empty batch is an error." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the embedding and its class weight (radians)", from: 0.05, to: 3.0, at: super::arcface::classifier_plot_at }),
    ..Entry::BLANK
};

/// Options of PML's `CosFaceLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct CosFaceConfig {
    /// Additive cosine margin.
    pub margin: f64,
    /// Scale of the logits.
    pub scale: f64,
}

impl Default for CosFaceConfig {
    fn default() -> Self {
        CosFaceConfig { margin: 0.35, scale: 64.0 }
    }
}

/// PML `CosFaceLoss(num_classes, embedding_size, margin, scale)(embeddings, labels)` with the
/// class weights `weight [C, D]`: the mean over the batch of the cross-entropy of
/// `s (cos - m onehot(y))`.
pub fn cosface(embeddings: Tensor<2>, labels: Tensor<1, Int>, weight: Tensor<2>, cfg: &CosFaceConfig) -> Result<LossTensor, LossError> {
    check_classifier(ID, &embeddings.dims(), &labels.dims(), &weight.dims(), None, None)?;
    numerics::finite_param(ID, "margin", cfg.margin)?;
    numerics::positive_param(ID, "scale", cfg.scale)?;
    check_labels(ID, &labels, weight.dims()[0])?;
    let cos = cosine_matrix(embeddings, weight);
    let target = at_labels(cos.clone(), labels.clone()).sub_scalar(cfg.margin);
    Ok(LossTensor::scalar(cross_entropy_mean(with_target(cos, labels.clone(), target).mul_scalar(cfg.scale), labels)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("pml") => {}
        Some(_) => return Err(c.unknown_form(&["pml"])),
    }
    let cfg = CosFaceConfig { margin: c.f64("margin", 0.35)?, scale: c.f64("scale", 64.0)? };
    let (x, y, w) = classifier_inputs(c, 1)?;
    cosface(x, y, w, &cfg)
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
        // x = (1, 0); W rows at 0 and 90 degrees; label 0, m = 0.5, s = 2: logits (2(1 - 0.5), 0)
        // = (1, 0): loss ln(1 + e^-1).
        let x = inputs(vec![("embeddings", f(&[1, 2], &[3.0, 0.0])), ("labels", i(&[1], &[0])), ("weight", f(&[2, 2], &[2.0, 0.0, 0.0, 5.0]))]);
        let ev = eval64(ID, None, &params(json!({"margin": 0.5, "scale": 2.0})), &x);
        assert!((ev.loss.floats[0] - (1.0 + (-1.0f64).exp()).ln()).abs() < 1e-12, "{:?}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for seed in [1, 5, 9] {
            assert_gradcheck(ID, None, &params(json!({"margin": 0.3, "scale": 4.0})), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 2, 0])), ("weight", randn(&[3, 3], 4, 1e-3))]);
        assert_finite(ID, None, &params(json!({"scale": 1e3})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(2);
        x.insert("labels".into(), i(&[6], &[0, 1, 2, -1, 0, 2]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let mut x = batch(2);
        x.insert("weight".into(), randn(&[4, 2], 1, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"num_classes": 5})), &batch(2), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"margin": "inf"})), &batch(2), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"scale": -1.0})), &batch(2), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[])), ("weight", randn(&[4, 3], 1, 1.0))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
