//! Reverse distillation: a student decoder reconstructs the multi-scale features of a frozen
//! pretrained teacher encoder from a compact one-class embedding; the cosine distance between them
//! is the training loss and, at test time, the anomaly map.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, vectors};

const ID: &str = "reverse-distillation";

/// Most scales the evaluator reads (`features`, `features_2`, ..., `features_8`).
const MAX_SCALES: usize = 8;

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Reverse Distillation Loss",
    aliases: &["RD4AD"],
    kind: Kind::Loss,
    domains: &["anomaly-multimodal", "distillation"],
    year: 2022,
    paper: Paper {
        title: "Anomaly Detection via Reverse Distillation from One-Class Embedding",
        authors: "Hanqiu Deng, Xingyu Li",
        venue: "CVPR",
        year: 2022,
        url: "https://arxiv.org/abs/2201.10703",
    },
    summary: "Reverses the usual teacher-student direction: the frozen teacher encoder's multi-scale features are squeezed by a trainable one-class bottleneck embedding and a student decoder must reconstruct them. Training on normal images minimizes, at each scale, the mean over positions (and images) of 1 - cosine similarity between the teacher's and the student's feature vectors, summed over the scales (three in the paper). Anomalies, absent from the bottleneck's training distribution, are reconstructed poorly, and the summed upsampled per-position distances form the anomaly map. The authors' training code (and anomalib's ReverseDistillationLoss) instead flattens each image's whole feature map into one vector and takes a single cosine per image and scale (form rd4ad), a weaker constraint than the per-position loss of the paper (form paper, the default).",
    formula: r"\mathcal{L} = \sum_{k=1}^{K}\frac{1}{B H_k W_k}\sum_{b=1}^{B}\sum_{h=1}^{H_k}\sum_{w=1}^{W_k}\Bigl(1 - \frac{f_E^k(b, h, w)^\top f_D^k(b, h, w)}{\max(\lVert f_E^k(b, h, w) \rVert, \epsilon)\,\max(\lVert f_D^k(b, h, w) \rVert, \epsilon)}\Bigr)",
    inputs: &[
        Input { name: "features", shape: "[B, C, *]", meaning: "student decoder features f_D at the first scale (channel axis 1, any spatial shape)" },
        Input { name: "teacher_features", shape: "[B, C, *] (shape of features)", meaning: "teacher encoder features f_E at the same scale (differentiable like any input; the teacher is frozen in training)" },
        Input { name: "features_2", shape: "[B, C_2, *]", meaning: "optional: student features at scale 2 (then features_3, ... up to features_8, each with its teacher_features_k)" },
        Input { name: "teacher_features_2", shape: "shape of features_2", meaning: "optional: teacher features at scale 2 (and so on for each further scale)" },
    ],
    params: &[
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-8), range: Range::NON_NEGATIVE, meaning: "floor on each norm, as torch.nn.CosineSimilarity" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["anomalib.models.image.reverse_distillation.loss.ReverseDistillationLoss"],
    related: &["patchcore", "knowledge-distillation", "cosine-distance", "fitnets"],
    forms: &[
        Form { name: "paper", description: "The paper's Eq.: per scale, the mean over images and positions of 1 - cos between the C-dimensional teacher and student vectors; summed over scales." },
        Form { name: "rd4ad", description: "The authors' training code and anomalib's ReverseDistillationLoss: per scale, each image's feature map flattened to one vector, the mean over images of 1 - cos; summed over scales." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Where the cosine is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RdForm {
    /// Per spatial position over channels (the paper).
    #[default]
    Paper,
    /// One vector per image and scale (the reference code).
    Rd4ad,
}

/// Row-wise `1 - a.b / (max(|a|, eps) max(|b|, eps))` of `[M, D]`, `[M]`. The norms have a zero
/// gradient at a zero vector (PyTorch's norm subgradient), so all-zero features stay finite.
fn cosine_distance_rows(a: Tensor<2>, b: Tensor<2>, eps: f64) -> Tensor<1> {
    let m = a.dims()[0];
    let na = vectors::l2_norm(a.clone(), 1).clamp_min(eps);
    let nb = vectors::l2_norm(b.clone(), 1).clamp_min(eps);
    ((a * b).sum_dim(1) / (na * nb)).reshape([m]).neg().add_scalar(1.0)
}

/// The reverse-distillation loss over scales, each a pair (student, teacher) of `[B, C, S]`
/// feature maps (`S` the flattened spatial size). Returns a scalar.
pub fn reverse_distillation(scales: Vec<(Tensor<3>, Tensor<3>)>, form: RdForm, eps: f64) -> Result<LossTensor, LossError> {
    let eps = numerics::non_negative_param(ID, "eps", eps)?;
    if scales.is_empty() {
        return Err(LossError::missing(ID, "features", "at least one scale"));
    }
    let mut total: Option<Tensor<1>> = None;
    for (k, (student, teacher)) in scales.into_iter().enumerate() {
        let (sn, tn) = names(k);
        numerics::same_shape(ID, &tn, &teacher.dims(), &sn, &student.dims())?;
        numerics::non_empty(ID, &sn, &student.dims())?;
        let [b, c, s] = student.dims();
        let (x, y) = match form {
            RdForm::Paper => (student.swap_dims(1, 2).reshape([b * s, c]), teacher.swap_dims(1, 2).reshape([b * s, c])),
            RdForm::Rd4ad => (student.reshape([b, c * s]), teacher.reshape([b, c * s])),
        };
        let term = cosine_distance_rows(x, y, eps).mean();
        total = Some(match total {
            None => term,
            Some(t) => t + term,
        });
    }
    Ok(LossTensor::scalar(total.expect("at least one scale")))
}

fn names(k: usize) -> (String, String) {
    if k == 0 { ("features".into(), "teacher_features".into()) } else { (format!("features_{}", k + 1), format!("teacher_features_{}", k + 1)) }
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = match c.form() {
        None | Some("paper") => RdForm::Paper,
        Some("rd4ad") => RdForm::Rd4ad,
        _ => return Err(c.unknown_form(&["paper", "rd4ad"])),
    };
    let eps = c.f64("eps", 1e-8)?;
    numerics::non_negative_param(ID, "eps", eps)?;
    let mut scales = vec![];
    for k in 0..MAX_SCALES {
        let (sn, tn) = names(k);
        if k > 0 && !c.has(&sn) && !c.has(&tn) {
            break;
        }
        let shape = c.shape(&sn)?.to_vec();
        if shape.len() < 2 {
            return Err(LossError::shape(ID, &sn, "shape [B, C, *] (rank >= 2)", fmt_shape(&shape)));
        }
        numerics::same_shape(ID, &tn, c.shape(&tn)?, &sn, &shape)?;
        numerics::non_empty(ID, &sn, &shape)?;
        let s: usize = shape[2..].iter().product();
        scales.push((c.float_reshaped(&sn, [shape[0], shape[1], s])?, c.float_reshaped(&tn, [shape[0], shape[1], s])?));
    }
    reverse_distillation(scales, form, eps)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![
            ("features", randn(&[2, 3, 2, 2], 91, 1.0)),
            ("teacher_features", randn(&[2, 3, 2, 2], 92, 1.0)),
            ("features_2", randn(&[2, 4, 3], 93, 1.0)),
            ("teacher_features_2", randn(&[2, 4, 3], 94, 1.0)),
        ]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, Some("rd4ad"), &params(json!({})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // One image, C = 2, two positions: student (1, 0), (0, 2); teacher (1, 0), (1, 1).
        // cos = 1 and 1/sqrt(2): paper mean (0 + 1 - 1/sqrt 2) / 2.
        // rd4ad flattens channel-major: student (1, 0, 0, 2), teacher (1, 1, 0, 1): cos = 3 / (sqrt 5 sqrt 3).
        let x = inputs(vec![("features", f(&[1, 2, 2], &[1.0, 0.0, 0.0, 2.0])), ("teacher_features", f(&[1, 2, 2], &[1.0, 1.0, 0.0, 1.0]))]);
        let paper = eval64(ID, None, &params(json!({})), &x).loss.floats[0];
        assert!((paper - (1.0 - 0.5f64.sqrt()) / 2.0).abs() < 1e-12, "{paper}");
        let rd = eval64(ID, Some("rd4ad"), &params(json!({})), &x).loss.floats[0];
        assert!((rd - (1.0 - 3.0 / (5f64.sqrt() * 3f64.sqrt()))).abs() < 1e-12, "{rd}");
        // Scales add up: the same pair twice doubles the loss.
        let mut two = x.clone();
        two.insert("features_2".into(), f(&[1, 2, 2], &[1.0, 0.0, 0.0, 2.0]));
        two.insert("teacher_features_2".into(), f(&[1, 2, 2], &[1.0, 1.0, 0.0, 1.0]));
        assert!((eval64(ID, None, &params(json!({})), &two).loss.floats[0] - 2.0 * paper).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        // Large, tiny and all-zero feature vectors (zeros are common after a ReLU).
        let x = inputs(vec![("features", f(&[1, 2, 3], &[1e12, 1e-12, 0.0, -1e12, 1e-12, 0.0])), ("teacher_features", f(&[1, 2, 3], &[1e-12, 1e12, 0.0, 0.0, 1.0, 0.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        assert_finite(ID, Some("rd4ad"), &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let s = randn(&[2, 3, 4], 1, 1.0);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("features", s.clone()), ("teacher_features", randn(&[2, 3, 5], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("features", randn(&[4], 1, 1.0)), ("teacher_features", randn(&[4], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("features", f(&[0, 3, 4], &[])), ("teacher_features", f(&[0, 3, 4], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"eps": -1.0})), &inputs(vec![("features", s.clone()), ("teacher_features", s.clone())]), ErrorKind::Param);
        // A second scale without its teacher, and a scale that skips one.
        assert_error(ID, None, &params(json!({})), &inputs(vec![("features", s.clone()), ("teacher_features", s.clone()), ("features_2", s.clone())]), ErrorKind::Missing);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("features", s.clone()), ("teacher_features", s.clone()), ("features_3", s.clone()), ("teacher_features_3", s)]), ErrorKind::Unsupported);
    }
}
