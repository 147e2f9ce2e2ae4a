//! Normalized softmax loss: cross-entropy over temperature-scaled dot products of L2-normalized
//! embeddings and L2-normalized class weights.

use burn::tensor::{Int, Tensor};

use super::arcface::classifier_inputs;
use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::margin_softmax::{check_classifier, check_labels, cosine_matrix, cross_entropy_mean};
use crate::numerics::{self, LossTensor};

const ID: &str = "normalized-softmax";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Normalized Softmax Loss",
    aliases: &["NormSoftmax"],
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2019,
    paper: Paper {
        title: "Classification is a Strong Baseline for Deep Metric Learning",
        authors: "Zhai, A., Wu, H.-Y.",
        venue: "BMVC",
        year: 2019,
        url: "https://arxiv.org/abs/1811.12649",
    },
    summary: "A softmax classifier in which both embeddings and class weight vectors are L2-normalized and the logits are divided by a small temperature, so training directly shapes a cosine-similarity embedding. Zhai and Wu showed it is a strong, simple baseline for retrieval when the training classes are known. A temperature that is too large leaves classes poorly separated; too small makes optimization hard.",
    formula: r"L = \frac{1}{N}\sum_{i} -\log\frac{e^{\hat w_{y_i}^\top \hat x_i / T}}{\sum_{c} e^{\hat w_c^\top \hat x_i / T}},\quad \hat v = \frac{v}{\max(\lVert v\rVert_2, 10^{-12})}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight vectors, one row per class (PML's W transposed)" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML, taken from weight when absent" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML, taken from weight when absent" },
        Param { name: "temperature", symbol: "T", default: Value::Float(0.05), range: Range::POSITIVE, meaning: "softmax temperature" },
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
        "pytorch_metric_learning.losses.NormalizedSoftmaxLoss",
    ],
    related: &["cosface", "arcface", "proxy-nca", "cross-entropy"],
    forms: &[
        Form { name: "pml", description: "PML NormalizedSoftmaxLoss with its default DotProductSimilarity(normalize_embeddings=True): class weights and embeddings L2-normalized, logits divided by the temperature, cross-entropy averaged over the batch (MeanReducer). Other PML distances are not supported." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the embedding and its class weight (radians)", from: 0.05, to: 3.0, at: super::arcface::classifier_plot_at }),
    ..Entry::BLANK
};

/// Options of PML's `NormalizedSoftmaxLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct NormalizedSoftmaxConfig {
    /// Softmax temperature.
    pub temperature: f64,
}

impl Default for NormalizedSoftmaxConfig {
    fn default() -> Self {
        NormalizedSoftmaxConfig { temperature: 0.05 }
    }
}

/// PML `NormalizedSoftmaxLoss(num_classes, embedding_size, temperature)(embeddings, labels)`
/// with class weights `weight [C, D]`: cross-entropy of `x_hat . w_hat / T`, averaged.
pub fn normalized_softmax(embeddings: Tensor<2>, labels: Tensor<1, Int>, weight: Tensor<2>, cfg: &NormalizedSoftmaxConfig) -> Result<LossTensor, LossError> {
    check_classifier(ID, &embeddings.dims(), &labels.dims(), &weight.dims(), None, None)?;
    numerics::positive_param(ID, "temperature", cfg.temperature)?;
    check_labels(ID, &labels, weight.dims()[0])?;
    // PML normalizes W itself and the distance normalizes it again: the same unit rows.
    let logits = cosine_matrix(embeddings, weight).mul_scalar(1.0 / cfg.temperature);
    Ok(LossTensor::scalar(cross_entropy_mean(logits, labels)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("pml") => {}
        Some(_) => return Err(c.unknown_form(&["pml"])),
    }
    let cfg = NormalizedSoftmaxConfig { temperature: c.f64("temperature", 0.05)? };
    let (x, y, w) = classifier_inputs(c, 1)?;
    normalized_softmax(x, y, w, &cfg)
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
        // x along e1, W rows e1 and e2 (any scale), T = 0.5: logits (2, 0), label 1:
        // loss = ln(e^2 + 1) - 0.
        let x = inputs(vec![("embeddings", f(&[1, 2], &[7.0, 0.0])), ("labels", i(&[1], &[1])), ("weight", f(&[2, 2], &[2.0, 0.0, 0.0, 5.0]))]);
        let ev = eval64(ID, None, &params(json!({"temperature": 0.5})), &x);
        assert!((ev.loss.floats[0] - (2f64.exp() + 1.0).ln()).abs() < 1e-12, "{:?}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for seed in [1, 5, 9] {
            assert_gradcheck(ID, None, &params(json!({"temperature": 0.5})), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 2, 0])), ("weight", randn(&[3, 3], 4, 1e-4))]);
        assert_finite(ID, None, &params(json!({"temperature": 1e-3})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(2);
        x.insert("labels".into(), i(&[6], &[0, 1, 2, 4, 0, 2]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        assert_error(ID, None, &params(json!({"embedding_size": 2})), &batch(2), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"temperature": 0.0})), &batch(2), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"distance": "LpDistance()"})), &batch(2), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[])), ("weight", randn(&[4, 3], 1, 1.0))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
