//! Sub-center ArcFace: ArcFace with K sub-centers per class; a sample only needs to be close to one
//! sub-center of its class.

use burn::tensor::{Int, Tensor};

use super::arcface::{ArcFaceConfig, arcface_from_cosines, classifier_inputs};
use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::margin_softmax::{check_classifier, check_labels, cosine_matrix};

const ID: &str = "sub-center-arcface";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Sub-center ArcFace",
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2020,
    paper: Paper {
        title: "Sub-center ArcFace: Boosting Face Recognition by Large-Scale Noisy Web Faces",
        authors: "Deng et al.",
        venue: "ECCV",
        year: 2020,
        url: "https://arxiv.org/abs/1801.07698",
    },
    summary: "Each class has K weight vectors and the class cosine is the maximum over them, after which the ArcFace margin and scaled cross-entropy are applied. Noisy or atypical samples form their own sub-centers instead of pulling the dominant one, which makes training on noisy web data more robust. After training, sub-centers far from the dominant one can be used to clean the data.",
    formula: r"\cos\theta_{ij} = \max_{k} \frac{W_{j,k}^\top x_i}{\lVert W_{j,k}\rVert\,\lVert x_i\rVert},\quad L = \frac{1}{N}\sum_{i} -\log\frac{e^{s\,\phi(\theta_{iy_i})}}{e^{s\,\phi(\theta_{iy_i})} + \sum_{j \ne y_i} e^{s\cos\theta_{ij}}},\quad \phi(\theta) = \begin{cases} \cos(\theta + m) & \theta \le \pi - m \\ \cos\theta - m\sin m & \text{otherwise} \end{cases}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
        Input { name: "weight", shape: "[C*K, D]", meaning: "sub-centers, class-major (row c*K + k); PML's W transposed" },
    ],
    params: &[
        Param { name: "num_classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (weight has num_classes * sub_centers rows); required by PML, taken from weight when absent" },
        Param { name: "embedding_size", symbol: "D", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "embedding dimension (columns of weight); required by PML, taken from weight when absent" },
        Param { name: "margin", symbol: "m", default: Value::Float(28.6), range: Range::Real { min: 0.0, max: 180.0, open_min: false, open_max: true }, meaning: "additive angular margin in degrees" },
        Param { name: "scale", symbol: "s", default: Value::Float(64.0), range: Range::POSITIVE, meaning: "scale of the cosines" },
        Param { name: "sub_centers", symbol: "K", default: Value::Int(3), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "sub-centers per class" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Unknown,
        suits_label_noise: Tri::Yes,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.SubCenterArcFaceLoss",
    ],
    related: &["arcface", "soft-triple"],
    forms: &[
        Form { name: "pml", description: "PML SubCenterArcFaceLoss: max-pooling over sub-centers, then ArcFace; cross-entropy averaged over the batch (PML's MeanReducer); an empty batch is an error." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the embedding and its class weight (radians)", from: 0.05, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    super::arcface::classifier_plot(x, 2)
}

/// Options of PML's `SubCenterArcFaceLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SubCenterArcFaceConfig {
    /// Additive angular margin in degrees.
    pub margin: f64,
    /// Scale of the logits.
    pub scale: f64,
    /// Sub-centers per class.
    pub sub_centers: usize,
}

impl Default for SubCenterArcFaceConfig {
    fn default() -> Self {
        SubCenterArcFaceConfig { margin: 28.6, scale: 64.0, sub_centers: 3 }
    }
}

/// PML `SubCenterArcFaceLoss(num_classes, embedding_size, margin, scale, sub_centers)` with the
/// sub-center matrix `weight [C * K, D]`, class-major (row `c * K + k`): the cosine of a class
/// is the largest of its K sub-center cosines, then ArcFace.
pub fn sub_center_arcface(embeddings: Tensor<2>, labels: Tensor<1, Int>, weight: Tensor<2>, cfg: &SubCenterArcFaceConfig) -> Result<LossTensor, LossError> {
    check_classifier(ID, &embeddings.dims(), &labels.dims(), &weight.dims(), None, None)?;
    let k = cfg.sub_centers;
    let rows = weight.dims()[0];
    if k == 0 || rows % k != 0 {
        return Err(LossError::shape(ID, "weight", format!("a multiple of sub_centers = {k} rows"), format!("{rows} rows")));
    }
    let arc = ArcFaceConfig { margin: cfg.margin, scale: cfg.scale };
    arc.validate(ID)?;
    let classes = rows / k;
    check_labels(ID, &labels, classes)?;
    let n = embeddings.dims()[0];
    let cos = cosine_matrix(embeddings, weight).reshape([n, classes, k]).max_dim(2).reshape([n, classes]);
    Ok(LossTensor::scalar(arcface_from_cosines(cos, labels, &arc)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("pml") => {}
        Some(_) => return Err(c.unknown_form(&["pml"])),
    }
    let k = c.i64("sub_centers", 3)?;
    if k < 1 {
        return Err(LossError::param(ID, "sub_centers", "an integer >= 1", format!("{k}")));
    }
    let cfg = SubCenterArcFaceConfig { margin: c.f64("margin", 28.6)?, scale: c.f64("scale", 64.0)?, sub_centers: k as usize };
    let rows = c.shape("weight")?.first().copied().unwrap_or(0);
    if rows % cfg.sub_centers != 0 {
        return Err(LossError::shape(ID, "weight", format!("a multiple of sub_centers = {k} rows"), format!("{rows} rows")));
    }
    let (x, y, w) = classifier_inputs(c, cfg.sub_centers)?;
    sub_center_arcface(x, y, w, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[6, 3], seed, 1.0)), ("labels", i(&[6], &[0, 1, 2, 3, 0, 2])), ("weight", randn(&[8, 3], seed + 1, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn one_sub_center_is_arcface() {
        let x = inputs(vec![("embeddings", randn(&[6, 3], 4, 1.0)), ("labels", i(&[6], &[0, 1, 2, 3, 0, 2])), ("weight", randn(&[4, 3], 5, 1.0))]);
        let p = params(json!({"margin": 15.0, "scale": 8.0}));
        let a = eval64("arcface", None, &p, &x);
        let mut p1 = p.clone();
        p1.insert("sub_centers".into(), json!(1));
        let b = eval64(ID, None, &p1, &x);
        assert!((a.loss.floats[0] - b.loss.floats[0]).abs() < 1e-12);
    }

    #[test]
    fn value_is_the_formula() {
        // Class 0 has sub-centers e2 and e1 (K = 2), class 1 has -e1 and -e2; x = e1, label 0:
        // class cosines (1, 0); with m = 60 deg, s = 2 the logits are (2 cos 60 deg, 0) = (1, 0).
        let x = inputs(vec![("embeddings", f(&[1, 2], &[1.0, 0.0])), ("labels", i(&[1], &[0])), ("weight", f(&[4, 2], &[0.0, 1.0, 1.0, 0.0, -1.0, 0.0, 0.0, -1.0]))]);
        let ev = eval64(ID, None, &params(json!({"margin": 60.0, "scale": 2.0, "sub_centers": 2})), &x);
        assert!((ev.loss.floats[0] - (1.0 + (-1.0f64).exp()).ln()).abs() < 1e-12, "{:?}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for seed in [1, 5, 9] {
            assert_gradcheck(ID, None, &params(json!({"margin": 20.0, "scale": 4.0, "sub_centers": 2})), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 2, 0])), ("weight", randn(&[9, 3], 4, 1e-3))]);
        assert_finite(ID, None, &params(json!({"scale": 1e3})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({"sub_centers": 2}));
        let mut x = batch(2);
        x.insert("labels".into(), i(&[6], &[0, 1, 2, 4, 0, 2]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        assert_error(ID, None, &params(json!({"sub_centers": 3})), &batch(2), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"sub_centers": 0})), &batch(2), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"sub_centers": 2, "num_classes": 3})), &batch(2), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"sub_centers": 2, "margin": 200.0})), &batch(2), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[])), ("weight", randn(&[6, 3], 1, 1.0))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
