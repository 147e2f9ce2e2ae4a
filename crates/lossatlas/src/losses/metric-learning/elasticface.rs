//! ElasticFace: ArcFace / CosFace with a margin drawn afresh from a normal distribution for every
//! sample, instead of one fixed margin.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::margin_softmax::{angle, at_labels, check_classifier, check_labels, cosine_matrix, cross_entropy_mean, with_target};
use crate::numerics::{self, LossTensor, inputs::check_float};

const ID: &str = "elasticface";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "ElasticFace",
    aliases: &["ElasticFace Loss", "Elastic Margin Loss", "ElasticArcFace", "ElasticCosFace"],
    kind: Kind::Loss,
    domains: &["metric-learning", "classification"],
    year: 2022,
    paper: Paper {
        title: "ElasticFace: Elastic Margin Loss for Deep Face Recognition",
        authors: "Boutros et al.",
        venue: "CVPR Workshops 2022",
        year: 2022,
        url: "https://arxiv.org/abs/2109.09416",
    },
    summary: "Relaxes the fixed margin of ArcFace (angular, cos(theta + m)) or CosFace (additive, cos theta - m) by drawing a margin from N(m, sigma^2) for each sample at each step, which gives the decision boundary room to adapt to classes with different spreads. The '+' variants sort the drawn margins so that samples farther from their class centre receive the larger margins. The loss is stochastic: reproducing a value requires the drawn margins (or the random generator state).",
    formula: r"\ell = -\frac{1}{N}\sum_{i}\log \frac{e^{s\,\psi(\theta_{iy_i}, m_i)}}{e^{s\,\psi(\theta_{iy_i}, m_i)} + \sum_{j \neq y_i} e^{s \cos \theta_{ij}}},\quad \psi = \cos(\theta + m_i)\ \text{(arc)}\ \text{or}\ \cos\theta - m_i\ \text{(cos)},\quad m_i \sim \mathcal{N}(m, \sigma^2)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "face embeddings (normalized inside)" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "identity labels" },
        Input { name: "weight", shape: "[C, D]", meaning: "class weight matrix, one row per class (the reference's kernel transposed; normalized inside)" },
        Input { name: "margins", shape: "[N]", meaning: "optional per-sample margins drawn from N(m, sigma^2) by the caller (the reference draws them with torch.normal each step); absent: every sample gets m (sigma = 0)" },
    ],
    params: &[
        Param { name: "s", symbol: "s", default: Value::Float(64.0), range: Range::POSITIVE, meaning: "logit scale" },
        Param { name: "m", symbol: "m", default: Value::Null, range: Range::REAL, meaning: "mean margin, used when margins are not given: 0.5 rad for the arc forms and 0.35 for the cos forms (the reference defaults)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["arcface", "cosface", "adaface", "sub-center-arcface"],
    forms: &[
        Form { name: "arc", description: "ElasticArcFace (fdbtrs/ElasticFace): cosines clamped to [-1, 1], target logit s cos(acos(cos theta_y) + m_i) (no correction beyond pi - m), others s cos theta_j; cross-entropy averaged over the batch." },
        Form { name: "cos", description: "ElasticCosFace: target logit s (cos theta_y - m_i)." },
        Form { name: "arc-plus", description: "ElasticArcFace(plus=True): the drawn margins are sorted ascending and row i receives sorted_margins[order[i]], where order sorts the target cosines in descending order (the reference's indexing, reproduced as written)." },
        Form { name: "cos-plus", description: "ElasticCosFace(plus=True): the same reassignment for the cosine form." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the embedding and its class weight (radians)", from: 0.05, to: 3.0, at: super::arcface::classifier_plot_at }),
    ..Entry::BLANK
};

/// The ElasticFace variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ElasticForm {
    /// Angular margin `cos(theta + m_i)`.
    #[default]
    Arc,
    /// Additive cosine margin `cos(theta) - m_i`.
    Cos,
}

/// Options of ElasticFace; `Default` is ElasticArcFace's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ElasticFaceConfig {
    pub form: ElasticForm,
    /// The `plus` reassignment of the drawn margins.
    pub plus: bool,
    pub s: f64,
    /// Margin used for every sample when no drawn margins are given.
    pub m: f64,
}

impl Default for ElasticFaceConfig {
    fn default() -> Self {
        ElasticFaceConfig { form: ElasticForm::Arc, plus: false, s: 64.0, m: 0.5 }
    }
}

/// The `plus` reassignment: row `i` gets `sorted(margins)[order[i]]`, where `order` lists the
/// rows by decreasing target cosine (ties by index), as the reference indexes it.
fn plus_margins(margins: Tensor<1>, target_cos: &[f64]) -> Tensor<1> {
    let n = target_cos.len();
    let m = numerics::host_f64(&margins);
    let mut by_margin: Vec<usize> = (0..n).collect();
    by_margin.sort_by(|&a, &b| m[a].total_cmp(&m[b]).then(a.cmp(&b)));
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| target_cos[b].total_cmp(&target_cos[a]).then(a.cmp(&b)));
    let idx: Vec<i64> = (0..n).map(|i| by_margin[order[i]] as i64).collect();
    margins.clone().select(0, numerics::ints_like(&margins, idx, [n]))
}

/// ElasticFace cross-entropy on `embeddings [N, D]`, `labels [N]`, class `weight [C, D]` and the
/// per-sample `margins [N]` (or `cfg.m` for every sample). A scalar (the batch mean).
pub fn elasticface(embeddings: Tensor<2>, labels: Tensor<1, Int>, weight: Tensor<2>, margins: Option<Tensor<1>>, cfg: &ElasticFaceConfig) -> Result<LossTensor, LossError> {
    let (e, w) = (embeddings.dims(), weight.dims());
    check_classifier(ID, &e, &labels.dims(), &w, None, None)?;
    check_labels(ID, &labels, w[0])?;
    numerics::positive_param(ID, "s", cfg.s)?;
    numerics::finite_param(ID, "m", cfg.m)?;
    let n = e[0];
    let cos = cosine_matrix(embeddings, weight).clamp(-1.0, 1.0);
    let target_cos = at_labels(cos.clone(), labels.clone());
    let margins = match margins {
        Some(mg) => {
            numerics::same_shape(ID, "margins", &mg.dims(), "one margin per embedding", &[n])?;
            numerics::finite_values(ID, "margins", &numerics::host_f64(&mg))?;
            if cfg.plus { plus_margins(mg, &numerics::host_f64(&target_cos)) } else { mg }
        }
        None => numerics::full_like(&cos, [n], cfg.m),
    };
    let target = match cfg.form {
        ElasticForm::Arc => (angle(target_cos) + margins).cos(),
        ElasticForm::Cos => target_cos - margins,
    };
    Ok(LossTensor::scalar(cross_entropy_mean(with_target(cos, labels.clone(), target).mul_scalar(cfg.s), labels)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (form, plus) = match c.form() {
        None | Some("arc") => (ElasticForm::Arc, false),
        Some("cos") => (ElasticForm::Cos, false),
        Some("arc-plus") => (ElasticForm::Arc, true),
        Some("cos-plus") => (ElasticForm::Cos, true),
        Some(_) => return Err(c.unknown_form(&["arc", "cos", "arc-plus", "cos-plus"])),
    };
    let default_m = if form == ElasticForm::Arc { 0.5 } else { 0.35 };
    let cfg = ElasticFaceConfig { form, plus, s: c.f64("s", 64.0)?, m: c.f64("m", default_m)? };
    let (x, y, w) = face_inputs(c)?;
    let margins = match c.host_opt("margins") {
        None => None,
        Some(t) => {
            if t.shape.len() != 1 {
                return Err(LossError::shape(ID, "margins", format!("shape [{}] (one margin per embedding)", c.shape("embeddings")?[0]), fmt_shape(&t.shape)));
            }
            Some(c.float::<1>("margins")?)
        }
    };
    elasticface(x, y, w, margins, &cfg)
}

/// Reads `embeddings [N, D]` (floats), `labels [N]` (integers) and class `weight [C, D]`
/// (floats) of a face-recognition margin softmax, checking shapes and dtypes first.
pub(crate) fn face_inputs(c: &Call) -> Result<(Tensor<2>, Tensor<1, Int>, Tensor<2>), LossError> {
    check_classifier(c.loss, c.shape("embeddings")?, c.shape("labels")?, c.shape("weight")?, None, None)?;
    check_float(c, "embeddings")?;
    check_float(c, "weight")?;
    Ok((c.float::<2>("embeddings")?, c.int::<1>("labels")?, c.float::<2>("weight")?))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    fn batch(seed: u64, margins: bool) -> std::collections::BTreeMap<String, HostTensor> {
        let mut v = vec![("embeddings", randn(&[6, 3], seed, 1.0)), ("labels", i(&[6], &[0, 1, 2, 3, 0, 2])), ("weight", randn(&[4, 3], seed + 1, 1.0))];
        if margins {
            v.push(("margins", uniform(&[6], seed + 2, 0.3, 0.6)));
        }
        inputs(v)
    }

    #[test]
    fn gradients_match_finite_differences() {
        for form in ["arc", "cos", "arc-plus", "cos-plus"] {
            assert_gradcheck(ID, Some(form), &params(json!({"s": 4.0})), &batch(121, true));
        }
        assert_gradcheck(ID, None, &params(json!({"s": 8.0, "m": 0.3})), &batch(124, false));
    }

    #[test]
    fn value_is_the_formula() {
        // x = (1, 0); class weights at 0 and 90 degrees; label 0; margin 60 degrees, s = 2:
        // arc: target logit 2 cos(60 deg) = 1, other 0 -> ln(1 + e^-1).
        let m = 60f64.to_radians();
        let x = inputs(vec![("embeddings", f(&[1, 2], &[3.0, 0.0])), ("labels", i(&[1], &[0])), ("weight", f(&[2, 2], &[2.0, 0.0, 0.0, 5.0])), ("margins", f(&[1], &[m]))]);
        let ev = eval64(ID, Some("arc"), &params(json!({"s": 2.0})), &x);
        assert!((ev.loss.floats[0] - (1.0 + (-1.0f64).exp()).ln()).abs() < 1e-12);
        // cos: target 2 (1 - m).
        let ev = eval64(ID, Some("cos"), &params(json!({"s": 2.0})), &x);
        let t = 2.0 * (1.0 - m);
        assert!((ev.loss.floats[0] - ((t.exp() + 1.0).ln() - t)).abs() < 1e-12);
        // No correction beyond pi - m (unlike PML's ArcFace): theta = 150 deg, m = 60 deg gives cos(210 deg).
        let th = 150f64.to_radians();
        let x = inputs(vec![("embeddings", f(&[1, 2], &[th.cos(), th.sin()])), ("labels", i(&[1], &[0])), ("weight", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({"s": 1.0, "m": m})), &x);
        let (t, o) = ((th + m).cos(), th.sin());
        assert!((ev.loss.floats[0] - ((t.exp() + o.exp()).ln() - t)).abs() < 1e-12);
    }

    #[test]
    fn plus_reassigns_margins_as_the_reference_indexes_them() {
        // Three samples with target cosines 0.9 (row 0), 0.1 (row 1), 0.5 (row 2): order by
        // decreasing cosine = (0, 2, 1); sorted margins (0.1, 0.2, 0.3); row i gets
        // sorted[order[i]]: (0.1, 0.3, 0.2). Compare with the plain form on those margins.
        let rows = |c: f64| vec![c, (1.0 - c * c).sqrt()];
        let emb: Vec<f64> = [0.9, 0.1, 0.5].iter().flat_map(|&c| rows(c)).collect();
        let base = |m: &[f64]| {
            inputs(vec![("embeddings", f(&[3, 2], &emb)), ("labels", i(&[3], &[0, 0, 0])), ("weight", f(&[2, 2], &[1.0, 0.0, 0.0, 1.0])), ("margins", f(&[3], m))])
        };
        let p = params(json!({"s": 3.0}));
        let plus = eval64(ID, Some("cos-plus"), &p, &base(&[0.3, 0.1, 0.2]));
        let plain = eval64(ID, Some("cos"), &p, &base(&[0.1, 0.3, 0.2]));
        assert!((plus.loss.floats[0] - plain.loss.floats[0]).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-6, 1e6] {
            let mut x = batch(125, true);
            x.get_mut("embeddings").unwrap().floats.iter_mut().for_each(|v| *v *= scale);
            assert_finite(ID, Some("arc"), &params(json!({})), &x);
            assert_finite(ID, Some("cos-plus"), &params(json!({"s": 1e3})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let mut x = batch(1, true);
        x.insert("labels".into(), i(&[6], &[0, 1, 2, 4, 0, 2]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let mut x = batch(1, true);
        x.insert("margins".into(), f(&[5], &[0.5; 5]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(1, true);
        x.insert("weight".into(), randn(&[4, 2], 3, 1.0));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let mut x = batch(1, true);
        x.insert("labels".into(), f(&[6], &[0.0; 6]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"s": 0.0})), &batch(1, true), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"std": 0.05})), &batch(1, true), ErrorKind::Param);
        assert_error(ID, Some("sphere"), &p, &batch(1, true), ErrorKind::Unsupported);
        let x = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[])), ("weight", randn(&[4, 3], 2, 1.0))]);
        assert_error(ID, None, &p, &x, ErrorKind::Empty);
    }
}
