//! ArcFace: softmax cross-entropy over scaled cosines between normalized embeddings and class
//! weights, with an additive angular margin on the target class.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::margin_softmax::{arcface_target, at_labels, check_classifier, check_labels, cosine_matrix, cross_entropy_mean, with_target};
use crate::numerics::{self, LossTensor};

const ID: &str = "arcface";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "ArcFace",
    aliases: &["Additive Angular Margin Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2019,
    paper: Paper {
        title: "ArcFace: Additive Angular Margin Loss for Deep Face Recognition",
        authors: "Deng et al.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1801.07698",
    },
    summary: "Normalizes embeddings and class weight vectors, adds an angular margin m to the angle between an embedding and its own class weight and applies a scaled softmax cross-entropy, which enforces a geodesic gap between classes on the hypersphere. It is the standard loss for face recognition and strong for any large-scale closed-set embedding training. The scale s and margin interact: too large a margin with few classes or noisy labels stalls training. PML takes the margin in degrees, clamps cosines to [-1, 1] before acos, and beyond theta = pi - m switches the target logit to cos(theta) - m sin(m) so it keeps decreasing.",
    formula: r"L = \frac{1}{N}\sum_{i} -\log \frac{e^{s\,\phi(\theta_{iy_i})}}{e^{s\,\phi(\theta_{iy_i})} + \sum_{j \ne y_i} e^{s\cos\theta_{ij}}},\quad \phi(\theta) = \begin{cases} \cos(\theta + m) & \theta \le \pi - m \\ \cos\theta - m\sin m & \text{otherwise} \end{cases},\quad \cos\theta_{ij} = \frac{W_j^\top x_i}{\lVert W_j\rVert\,\lVert x_i\rVert}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight vectors, one row per class (PML's W transposed); trained with the model" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (rows of weight); required by PML, taken from weight when absent" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML, taken from weight when absent" },
        Param { name: "margin", symbol: "m", default: Value::Float(28.6), range: Range::Real { min: 0.0, max: 180.0, open_min: false, open_max: true }, meaning: "additive angular margin in degrees (converted to radians)" },
        Param { name: "scale", symbol: "s", default: Value::Float(64.0), range: Range::POSITIVE, meaning: "scale applied to the cosines before the softmax" },
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
        "pytorch_metric_learning.losses.ArcFaceLoss",
    ],
    related: &["cosface", "sphereface", "sub-center-arcface", "normalized-softmax", "large-margin-softmax", "cross-entropy"],
    forms: &[
        Form { name: "pml", description: "PML ArcFaceLoss with distance CosineSimilarity; cross-entropy averaged over the batch (PML's MeanReducer); an empty batch is an error. Embedding-size mismatches are errors." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the embedding and its class weight (radians)", from: 0.05, to: 3.0, at: classifier_plot_at }),
    ..Entry::BLANK
};

/// The plot slice shared by the PML classifier losses: a unit embedding turns away from its
/// class weight e1 in the plane (e1, e2); the other class weight is e3 (cosine 0 throughout).
/// `sub_centers` rows per class (class-major), the extra ones pointing away (-e1, -e3).
pub(crate) fn classifier_plot(x: f64, sub_centers: usize) -> PlotInput {
    let mut w = vec![];
    for class in 0..2 {
        for k in 0..sub_centers {
            let axis = if class == 0 { 0 } else { 2 };
            let mut row = [0.0; 3];
            row[axis] = if k == 0 { 1.0 } else { -1.0 };
            w.extend_from_slice(&row);
        }
    }
    PlotInput {
        form: None,
        params: if sub_centers == 1 { serde_json::json!({}) } else { serde_json::json!({"sub_centers": sub_centers}) },
        inputs: vec![
            ("embeddings", crate::eval::HostTensor::from_f64(vec![1, 3], vec![x.cos(), x.sin(), 0.0])),
            ("labels", crate::eval::HostTensor::from_i64(vec![1], vec![0])),
            ("weight", crate::eval::HostTensor::from_f64(vec![2 * sub_centers, 3], w)),
        ],
        wrt: "embeddings",
        index: 1,
    }
}

pub(crate) fn classifier_plot_at(x: f64) -> PlotInput {
    classifier_plot(x, 1)
}

/// Options of PML's `ArcFaceLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct ArcFaceConfig {
    /// Additive angular margin in degrees.
    pub margin: f64,
    /// Scale of the logits.
    pub scale: f64,
}

impl Default for ArcFaceConfig {
    fn default() -> Self {
        ArcFaceConfig { margin: 28.6, scale: 64.0 }
    }
}

impl ArcFaceConfig {
    pub(crate) fn validate(&self, loss: &str) -> Result<(), LossError> {
        numerics::param_in(loss, "margin", self.margin, 0.0, 180.0)?;
        numerics::positive_param(loss, "scale", self.scale)?;
        Ok(())
    }
}

/// ArcFace logits from the target-class cosines `cos [N, C]` (PML `ArcFaceLoss` after its
/// `get_cosine`): the label entry becomes [`arcface_target`], then everything is scaled.
pub(crate) fn arcface_from_cosines(cos: Tensor<2>, labels: Tensor<1, Int>, cfg: &ArcFaceConfig) -> Tensor<1> {
    let target = arcface_target(at_labels(cos.clone(), labels.clone()), cfg.margin.to_radians());
    cross_entropy_mean(with_target(cos, labels.clone(), target).mul_scalar(cfg.scale), labels)
}

/// PML `ArcFaceLoss(num_classes, embedding_size, margin, scale)(embeddings, labels)` with the
/// class weights `weight [C, D]` (PML's `W` transposed): the mean over the batch.
pub fn arcface(embeddings: Tensor<2>, labels: Tensor<1, Int>, weight: Tensor<2>, cfg: &ArcFaceConfig) -> Result<LossTensor, LossError> {
    check_classifier(ID, &embeddings.dims(), &labels.dims(), &weight.dims(), None, None)?;
    cfg.validate(ID)?;
    check_labels(ID, &labels, weight.dims()[0])?;
    Ok(LossTensor::scalar(arcface_from_cosines(cosine_matrix(embeddings, weight), labels, cfg)))
}

/// Reads and checks the common inputs of a PML classifier loss; `rows` is the number of weight
/// rows per class (sub-centers).
pub(crate) fn classifier_inputs(c: &Call, per_class: usize) -> Result<(Tensor<2>, Tensor<1, Int>, Tensor<2>), LossError> {
    let classes = c.i64_opt("num_classes")?;
    let dim = c.i64_opt("embedding_size")?;
    for (name, v) in [("num_classes", classes), ("embedding_size", dim)] {
        if let Some(v) = v {
            if v < 1 {
                return Err(LossError::param(c.loss, name, "an integer >= 1", format!("{v}")));
            }
        }
    }
    check_classifier(
        c.loss,
        c.shape("embeddings")?,
        c.shape("labels")?,
        c.shape("weight")?,
        classes.map(|k| k as usize * per_class),
        dim.map(|d| d as usize),
    )?;
    let labels = c.int::<1>("labels")?;
    let rows = c.shape("weight")?[0];
    check_labels(c.loss, &labels, classes.map(|k| k as usize).unwrap_or(rows / per_class.max(1)))?;
    Ok((c.float::<2>("embeddings")?, labels, c.float::<2>("weight")?))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("pml") => {}
        Some(_) => return Err(c.unknown_form(&["pml"])),
    }
    let cfg = ArcFaceConfig { margin: c.f64("margin", 28.6)?, scale: c.f64("scale", 64.0)? };
    let (x, y, w) = classifier_inputs(c, 1)?;
    arcface(x, y, w, &cfg)
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
        // x = (1, 0); W rows at 0 and 90 degrees; label 0, margin 60 degrees, scale 2:
        // target logit 2 cos(60 deg) = 1, other 2 cos(90 deg) = 0: loss ln(1 + e^-1).
        let x = inputs(vec![("embeddings", f(&[1, 2], &[3.0, 0.0])), ("labels", i(&[1], &[0])), ("weight", f(&[2, 2], &[2.0, 0.0, 0.0, 5.0]))]);
        let ev = eval64(ID, None, &params(json!({"margin": 60.0, "scale": 2.0})), &x);
        assert!((ev.loss.floats[0] - (1.0 + (-1.0f64).exp()).ln()).abs() < 1e-12, "{:?}", ev.loss.floats);
        // Beyond pi - m the target logit continues linearly: theta = 150 deg, m = 60 deg gives
        // cos(150 deg) - m sin(m) (m in radians).
        let th = 150f64.to_radians();
        let x = inputs(vec![("embeddings", f(&[1, 2], &[th.cos(), th.sin()])), ("labels", i(&[1], &[0])), ("weight", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({"margin": 60.0, "scale": 1.0})), &x);
        let m = 60f64.to_radians();
        let t = th.cos() - m * m.sin();
        let o = th.sin();
        let want = -(t - (t.exp() + o.exp()).ln());
        assert!((ev.loss.floats[0] - want).abs() < 1e-12);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for seed in [1, 5, 9] {
            assert_gradcheck(ID, None, &params(json!({"margin": 20.0, "scale": 4.0})), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        // Huge embeddings are normalized away; a large scale saturates the softmax.
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 2, 0])), ("weight", randn(&[3, 3], 4, 1e-3))]);
        assert_finite(ID, None, &params(json!({"scale": 1e3})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(2);
        x.insert("labels".into(), i(&[6], &[0, 1, 2, 4, 0, 2]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let mut x = batch(2);
        x.insert("labels".into(), i(&[5], &[0, 1, 2, 3, 0]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(2);
        x.insert("labels".into(), f(&[6], &[0.0, 1.0, 2.0, 3.0, 0.0, 2.0]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"num_classes": 3})), &batch(2), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"embedding_size": 4})), &batch(2), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"margin": "nan"})), &batch(2), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"scale": 0.0})), &batch(2), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[])), ("weight", randn(&[4, 3], 1, 1.0))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
