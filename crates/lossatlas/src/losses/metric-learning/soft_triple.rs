//! SoftTriple loss: a normalized softmax with several learnable centers per class, whose class
//! similarity is a softmax-weighted mix of its centers.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, HostTensor};
use crate::numerics::margin_softmax::{check_classifier, check_labels, cosine_matrix, cross_entropy_mean};
use crate::numerics::pml_lists::{default_distance_only, pml_form, positive_int_opt};
use crate::numerics::{self, LossTensor};

const ID: &str = "soft-triple";
const DISTANCE: &str = "CosineSimilarity(normalize_embeddings=True, p=2, power=1)";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "SoftTriple Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "SoftTriple Loss: Deep Metric Learning Without Triplet Sampling",
        authors: "Qian et al.",
        venue: "ICCV",
        year: 2019,
        url: "https://arxiv.org/abs/1909.05235",
    },
    summary: "Gives each class K centers, computes the similarity of an embedding to a class as the softmax-weighted (temperature gamma) average of its cosine similarities to that class's centers, and applies a scaled cross-entropy with margin on the true class. Multiple centers model multi-modal classes and remove the need for triplet sampling. The paper adds a regularizer merging redundant centers; PML's default computes no such term.",
    formula: r"S_{ic} = \sum_{k} \frac{e^{s^c_{ik}/\gamma}}{\sum_{k'} e^{s^c_{ik'}/\gamma}}\,s^c_{ik},\quad \ell_i = -\log\frac{e^{\lambda(S_{iy_i} - \delta)}}{e^{\lambda(S_{iy_i} - \delta)} + \sum_{c \ne y_i} e^{\lambda S_{ic}}},\ s^c_{ik} = \cos(x_i, w_{c,k})",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C*K, D]", meaning: "class centers, class-major (row c*K + k is center k of class c); PML's fc transposed" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes C (weight has C*K rows); required by PML, taken from weight when absent" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML" },
        Param { name: "centers_per_class", symbol: "K", default: Value::Int(10), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of centers per class" },
        Param { name: "la", symbol: r"\lambda", default: Value::Float(20.0), range: Range::POSITIVE, meaning: "scale of the logits" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "temperature of the softmax over a class's centers (PML multiplies by 1/gamma)" },
        Param { name: "margin", symbol: r"\delta", default: Value::Float(0.01), range: Range::REAL, meaning: "margin subtracted from the true class similarity" },
        Param { name: "distance", symbol: "", default: Value::Str("CosineSimilarity(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
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
        "pytorch_metric_learning.losses.SoftTripleLoss",
    ],
    related: &["normalized-softmax", "proxy-nca", "sub-center-arcface"],
    forms: &[
        Form { name: "pml", description: "PML SoftTripleLoss: centers L2-normalized; no center regularizer; losses averaged by PML's MeanReducer (0 when there are none)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the embedding and a center of its class (radians)", from: 0.05, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// A unit embedding turns away from center e1 of its class 0 in the plane (e1, e2); the other
/// center of class 0 is -e1, the centers of class 1 are e3 and -e3.
fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({"centers_per_class": 2}),
        inputs: vec![
            ("embeddings", HostTensor::from_f64(vec![1, 3], vec![x.cos(), x.sin(), 0.0])),
            ("labels", HostTensor::from_i64(vec![1], vec![0])),
            ("weight", HostTensor::from_f64(vec![4, 3], vec![1.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, -1.0])),
        ],
        wrt: "embeddings",
        index: 1,
    }
}

/// Options of PML's `SoftTripleLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SoftTripleConfig {
    /// Centers per class K (weight has `C * K` rows, class-major).
    pub centers_per_class: usize,
    /// Scale lambda of the logits.
    pub la: f64,
    /// Temperature gamma of the softmax over a class's centers.
    pub gamma: f64,
    /// Margin delta subtracted from the true class similarity.
    pub margin: f64,
}

impl Default for SoftTripleConfig {
    fn default() -> Self {
        SoftTripleConfig { centers_per_class: 10, la: 20.0, gamma: 0.1, margin: 0.01 }
    }
}

/// PML `SoftTripleLoss(num_classes, embedding_size, centers_per_class, la, gamma, margin)` with
/// the centers `weight [C*K, D]` (PML's `fc` transposed): cosines to every center, a softmax
/// with temperature gamma over each class's K centers weighting those cosines into one class
/// similarity, then cross-entropy of `la * (S - margin * onehot)` averaged over the batch.
pub fn soft_triple(embeddings: Tensor<2>, labels: Tensor<1, Int>, weight: Tensor<2>, cfg: &SoftTripleConfig) -> Result<LossTensor, LossError> {
    let k = cfg.centers_per_class;
    if k == 0 {
        return Err(LossError::param(ID, "centers_per_class", "an integer >= 1", "0"));
    }
    check_classifier(ID, &embeddings.dims(), &labels.dims(), &weight.dims(), None, None)?;
    let rows = weight.dims()[0];
    if rows % k != 0 {
        return Err(LossError::shape(ID, "weight", format!("a multiple of centers_per_class = {k} rows"), format!("{rows} rows")));
    }
    numerics::finite_param(ID, "la", cfg.la)?;
    numerics::finite_param(ID, "margin", cfg.margin)?;
    numerics::finite_param(ID, "gamma", cfg.gamma)?;
    if cfg.gamma == 0.0 {
        return Err(LossError::param(ID, "gamma", "a non-zero number (PML divides by it)", "0"));
    }
    let classes = rows / k;
    check_labels(ID, &labels, classes)?;
    let n = embeddings.dims()[0];
    let sim = cosine_matrix(embeddings, weight).reshape([n, classes, k]);
    let prob = numerics::softmax(sim.clone().mul_scalar(1.0 / cfg.gamma), 2);
    let class_sim = (prob * sim).sum_dim(2).reshape([n, classes]);
    let onehot = numerics::int_to_float(labels.clone().one_hot::<2>(classes), &class_sim);
    let logits = (class_sim - onehot.mul_scalar(cfg.margin)).mul_scalar(cfg.la);
    Ok(LossTensor::scalar(cross_entropy_mean(logits, labels)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    pml_form(c)?;
    default_distance_only(c, DISTANCE)?;
    let k = c.i64("centers_per_class", 10)?;
    if k < 1 {
        return Err(LossError::param(ID, "centers_per_class", "an integer >= 1", format!("{k}")));
    }
    let cfg = SoftTripleConfig { centers_per_class: k as usize, la: c.f64("la", 20.0)?, gamma: c.f64("gamma", 0.1)?, margin: c.f64("margin", 0.01)? };
    let classes = positive_int_opt(c, "num_classes")?;
    let dim = positive_int_opt(c, "embedding_size")?;
    check_classifier(ID, c.shape("embeddings")?, c.shape("labels")?, c.shape("weight")?, classes.map(|cl| cl * cfg.centers_per_class), dim)?;
    soft_triple(c.float::<2>("embeddings")?, c.int::<1>("labels")?, c.float::<2>("weight")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[6, 3], seed, 1.0)), ("labels", i(&[6], &[0, 1, 2, 1, 0, 2])), ("weight", randn(&[6, 3], seed + 1, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // K = 2, x = e1 of class 0; class 0 centers e1, e2 (cosines 1, 0), class 1 centers -e1, e2
        // (cosines -1, 0). gamma 1: S_0 = (e * 1 + 1 * 0) / (e + 1), S_1 = (e^-1 * -1) / (e^-1 + 1).
        // la 2, margin 0.1: loss = -log softmax(2 (S_0 - 0.1), 2 S_1)[0].
        let x = inputs(vec![
            ("embeddings", f(&[1, 2], &[2.0, 0.0])),
            ("labels", i(&[1], &[0])),
            ("weight", f(&[4, 2], &[1.0, 0.0, 0.0, 3.0, -2.0, 0.0, 0.0, 1.0])),
        ]);
        let ev = eval64(ID, None, &params(json!({"centers_per_class": 2, "la": 2.0, "gamma": 1.0, "margin": 0.1})), &x);
        let e = 1f64.exp();
        let s0 = e / (e + 1.0);
        let s1 = -(1.0 / e) / (1.0 / e + 1.0);
        let (z0, z1) = (2.0 * (s0 - 0.1), 2.0 * s1);
        let want = -(z0 - (z0.exp() + z1.exp()).ln());
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for seed in [1, 5, 9] {
            assert_gradcheck(ID, None, &params(json!({"centers_per_class": 2, "la": 5.0, "gamma": 0.5})), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 2, 0])), ("weight", randn(&[6, 3], 4, 1e-4))]);
        assert_finite(ID, None, &params(json!({"centers_per_class": 2, "la": 1e3, "gamma": 1e-3})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({"centers_per_class": 2}));
        let mut x = batch(2);
        x.insert("labels".into(), i(&[6], &[0, 1, 3, 1, 0, 2]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        assert_error(ID, None, &params(json!({"centers_per_class": 4})), &batch(2), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"centers_per_class": 2, "num_classes": 2})), &batch(2), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"centers_per_class": 0})), &batch(2), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"centers_per_class": 2, "gamma": 0.0})), &batch(2), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[])), ("weight", randn(&[6, 3], 1, 1.0))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
