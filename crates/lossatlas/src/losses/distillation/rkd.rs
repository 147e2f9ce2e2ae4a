//! Relational knowledge distillation (RKD): instead of matching each sample's output, the
//! student matches the teacher's *relations* between samples, the pairwise distances
//! (normalized by their mean) and the angles formed by triplets of embeddings.

use burn::tensor::{Bool, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, distill, vectors};

const ID: &str = "rkd";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Relational KD",
    aliases: &["RKD", "Relational Knowledge Distillation", "RKD-DA"],
    kind: Kind::Loss,
    domains: &["distillation", "metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Relational Knowledge Distillation",
        authors: "Park et al.",
        venue: "CVPR 2019",
        year: 2019,
        url: "https://arxiv.org/abs/1904.05068",
    },
    summary: "Transfers the structure of the teacher's embedding space rather than its individual outputs: a distance term compares the batch's pairwise Euclidean distances, each set divided by its own mean distance so that the two spaces may differ in scale and dimension, and an angle term compares the cosines of the angles formed at every anchor by every pair of other samples; both use smooth-L1 (Huber with beta 1) and are weighted 25 and 50 by default as in mdistiller. The angle term costs O(N³) in memory and time in the batch size. As in mdistiller, the teacher's distances and angles are computed without gradient.",
    formula: r"\ell = \lambda_D\,\frac{1}{N^2}\sum_{i,j}\operatorname{sl}_1\Big(\frac{d_{ij}}{\mu}, \frac{d^t_{ij}}{\mu^t}\Big) + \lambda_A\,\frac{1}{N^3}\sum_{i,j,k}\operatorname{sl}_1\big(\langle e_{ij}, e_{ik}\rangle, \langle e^t_{ij}, e^t_{ik}\rangle\big),\quad d_{ij} = \sqrt{\max(\lVert f_i - f_j\rVert^2, \epsilon)}\,[i \ne j],\ \mu = \operatorname{mean}_{d_{ij} > 0} d_{ij},\ e_{ij} = \frac{f_j - f_i}{\max(\lVert f_j - f_i\rVert, 10^{-12})}",
    inputs: &[
        Input { name: "features", shape: "[N, *]", meaning: "student embeddings, flattened per sample" },
        Input { name: "teacher_features", shape: "[N, *]", meaning: "teacher embeddings (any width); detached, as mdistiller computes their relations under no_grad" },
    ],
    params: &[
        Param { name: "distance_weight", symbol: r"\lambda_D", default: Value::Float(25.0), range: Range::NON_NEGATIVE, meaning: "weight of the distance-wise term" },
        Param { name: "angle_weight", symbol: r"\lambda_A", default: Value::Float(50.0), range: Range::NON_NEGATIVE, meaning: "weight of the angle-wise term" },
        Param { name: "squared", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "use squared distances (no square root) in the distance term" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-12), range: Range::NON_NEGATIVE, meaning: "lower clamp of the squared distances before the square root" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Embeddings,
    },
    equivalents: &["mdistiller.distillers.RKD.rkd_loss"],
    related: &["pkt", "attention-transfer", "fitnets", "crd", "smooth-l1"],
    forms: &[Form {
        name: "mdistiller",
        description: "mdistiller rkd_loss: distances from the expanded form clamped at eps, diagonal set to 0, each matrix divided by the mean of its positive entries; F.smooth_l1_loss (beta 1, mean) on the N×N distances and on the N×N×N angle cosines; teacher terms without gradient.",
    }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of [`rkd`]; `Default` is mdistiller's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RkdConfig {
    pub distance_weight: f64,
    pub angle_weight: f64,
    pub squared: bool,
    pub eps: f64,
}

impl Default for RkdConfig {
    fn default() -> Self {
        RkdConfig { distance_weight: 25.0, angle_weight: 50.0, squared: false, eps: 1e-12 }
    }
}

/// PyTorch `F.smooth_l1_loss(a, b, beta=1, reduction="mean")`.
fn smooth_l1_mean<const D: usize>(a: Tensor<D>, b: Tensor<D>) -> Tensor<1> {
    let d = a - b;
    let abs = d.clone().abs();
    let quad = (d.clone() * d).mul_scalar(0.5);
    let small: Tensor<D, Bool> = abs.clone().lower_elem(1.0);
    abs.sub_scalar(0.5).mask_where(small, quad).mean()
}

/// mdistiller's `_pdist` divided by the mean of its positive entries: `[N, N]`.
fn normalized_distances(e: Tensor<2>, squared: bool, eps: f64) -> Tensor<2> {
    let n = e.dims()[0];
    let diag = Tensor::<2, Bool>::diag_mask([n, n], 0, &e.device()).bool_not();
    // The diagonal is set to 0 after the root; filling it with 1 first keeps its (discarded)
    // gradient finite even when eps = 0.
    let mut d = vectors::pairwise_sq_distances(e.clone(), e.clone()).clamp_min(eps).mask_fill(diag.clone(), 1.0);
    if !squared {
        d = d.sqrt();
    }
    let d = d.mask_fill(diag, 0.0);
    let positive = numerics::mask_to_float(d.clone().greater_elem(0.0), &e);
    let mean = (d.clone() * positive.clone()).sum() / positive.sum();
    d / mean.reshape([1, 1])
}

/// Cosines of the angles at every anchor: `[N, N, N]` with entry `(i, j, k) = <e_ij, e_ik>`,
/// `e_ij` the unit vector from sample `i` to sample `j` (0 when `j = i`).
fn angles(e: Tensor<2>) -> Tensor<3> {
    let [n, d] = e.dims();
    let to = e.clone().reshape([1, n, d]).expand([n, n, d]);
    let from = e.reshape([n, 1, d]).expand([n, n, d]);
    let u = vectors::l2_normalize(to - from, 2, 1e-12);
    u.clone().matmul(u.swap_dims(1, 2))
}

/// RKD loss (distance + angle) between student `features` `[N, Ds]` and teacher `[N, Dt]`
/// embeddings; the teacher side is detached. Returns a scalar.
pub fn rkd(features: Tensor<2>, teacher_features: Tensor<2>, cfg: &RkdConfig) -> Result<LossTensor, LossError> {
    check(&features.dims(), &teacher_features.dims())?;
    let wd = numerics::non_negative_param(ID, "distance_weight", cfg.distance_weight)?;
    let wa = numerics::non_negative_param(ID, "angle_weight", cfg.angle_weight)?;
    let eps = numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let t = teacher_features.detach();
    let loss_d = smooth_l1_mean(normalized_distances(features.clone(), cfg.squared, eps), normalized_distances(t.clone(), cfg.squared, eps));
    let loss_a = smooth_l1_mean(angles(features), angles(t));
    Ok(LossTensor::scalar(loss_d.mul_scalar(wd) + loss_a.mul_scalar(wa)))
}

fn check(student: &[usize], teacher: &[usize]) -> Result<(), LossError> {
    distill::check_feature_pair(ID, student, teacher)?;
    if student[0] < 2 {
        return Err(LossError::shape(ID, "features", "a batch of at least 2 samples (relations need pairs)", fmt_shape(student)));
    }
    Ok(())
}

/// Flattens `[N, *]` to `[N, prod(*)]`.
fn flat(c: &Call, name: &str) -> Result<Tensor<2>, LossError> {
    let shape = c.shape(name)?;
    if shape.len() < 2 {
        return Err(LossError::shape(ID, name, "shape [N, *] (rank >= 2)", fmt_shape(shape)));
    }
    let n = shape[0];
    let rest: usize = shape[1..].iter().product();
    c.float_reshaped(name, [n, rest])
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("mdistiller") => {}
        _ => return Err(c.unknown_form(&["mdistiller"])),
    }
    let cfg = RkdConfig {
        distance_weight: c.f64("distance_weight", 25.0)?,
        angle_weight: c.f64("angle_weight", 50.0)?,
        squared: c.bool("squared", false)?,
        eps: c.f64("eps", 1e-12)?,
    };
    let s = flat(c, "features")?;
    let t = flat(c, "teacher_features")?;
    rkd(s, t, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("features", randn(&[5, 3], 41, 1.0)), ("teacher_features", randn(&[5, 4], 42, 1.0))]);
        assert_gradcheck_only(ID, None, &params(json!({})), &x, Some(&["features"]));
        assert_gradcheck_only(ID, None, &params(json!({"squared": true, "distance_weight": 1.0, "angle_weight": 2.0})), &x, Some(&["features"]));
        // Rank-4 features are flattened per sample.
        let x = inputs(vec![("features", randn(&[3, 2, 2, 1], 43, 1.0)), ("teacher_features", randn(&[3, 5], 44, 1.0))]);
        assert_gradcheck_only(ID, None, &params(json!({})), &x, Some(&["features"]));
        // The teacher is detached.
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!(ev.grads["teacher_features"].floats.iter().all(|g| *g == 0.0));
    }

    #[test]
    fn value_is_the_formula() {
        // Student = 2 × teacher: distances agree after normalisation by their means and
        // angles are scale-free, so the loss is 0 (up to rounding).
        let t = randn(&[4, 3], 45, 1.0);
        let mut s = t.clone();
        s.floats.iter_mut().for_each(|v| *v *= 2.0);
        let ev = eval64(ID, None, &params(json!({})), &inputs(vec![("features", s), ("teacher_features", t)]));
        assert!(ev.loss.floats[0].abs() < 1e-12, "{}", ev.loss.floats[0]);
        // Three points. Student: (0,0), (1,0), (0,1): distances 1, 1, √2, mean (2 + √2)/3.
        // Teacher: (0,0), (2,0), (4,0) on a line: distances 2, 4, 2, mean 8/3.
        let s = f(&[3, 2], &[0.0, 0.0, 1.0, 0.0, 0.0, 1.0]);
        let t = f(&[3, 2], &[0.0, 0.0, 2.0, 0.0, 4.0, 0.0]);
        let sl1 = |x: f64| if x.abs() < 1.0 { 0.5 * x * x } else { x.abs() - 0.5 };
        let r2 = 2f64.sqrt();
        let ms = (2.0 + r2) / 3.0;
        let mt = 8.0 / 3.0;
        let ds = [[0.0, 1.0, 1.0], [1.0, 0.0, r2], [1.0, r2, 0.0]];
        let dt = [[0.0, 2.0, 4.0], [2.0, 0.0, 2.0], [4.0, 2.0, 0.0]];
        let mut loss_d = 0.0;
        for a in 0..3 {
            for b in 0..3 {
                loss_d += sl1(ds[a][b] / ms - dt[a][b] / mt);
            }
        }
        loss_d /= 9.0;
        // Unit vectors e_ij = (p_j - p_i)/|p_j - p_i| and cosines <e_ij, e_ik>.
        let unit = |p: &[[f64; 2]; 3], i: usize, j: usize| {
            let v = [p[j][0] - p[i][0], p[j][1] - p[i][1]];
            let n = (v[0] * v[0] + v[1] * v[1]).sqrt();
            if n == 0.0 { [0.0, 0.0] } else { [v[0] / n, v[1] / n] }
        };
        let ps = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]];
        let pt = [[0.0, 0.0], [2.0, 0.0], [4.0, 0.0]];
        let mut loss_a = 0.0;
        for a in 0..3 {
            for b in 0..3 {
                for k in 0..3 {
                    let (u, v) = (unit(&ps, a, b), unit(&ps, a, k));
                    let (ut, vt) = (unit(&pt, a, b), unit(&pt, a, k));
                    loss_a += sl1((u[0] * v[0] + u[1] * v[1]) - (ut[0] * vt[0] + ut[1] * vt[1]));
                }
            }
        }
        loss_a /= 27.0;
        let ev = eval64(ID, None, &params(json!({})), &inputs(vec![("features", s), ("teacher_features", t)]));
        let want = 25.0 * loss_d + 50.0 * loss_a;
        assert!((ev.loss.floats[0] - want).abs() < 1e-10, "{} vs {want}", ev.loss.floats[0]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-6, 1e4, 1e6] {
            let mut s = randn(&[4, 3], 46, 1.0);
            s.floats.iter_mut().for_each(|v| *v *= scale);
            let x = inputs(vec![("features", s), ("teacher_features", randn(&[4, 3], 47, 1.0))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
        // Two identical samples: their distance clamps to sqrt(eps) and their direction is 0.
        let x = inputs(vec![("features", f(&[3, 2], &[1.0, 1.0, 1.0, 1.0, 0.0, 2.0])), ("teacher_features", randn(&[3, 2], 48, 1.0))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let s = randn(&[4, 3], 1, 1.0);
        assert_error(ID, None, &p, &inputs(vec![("features", s.clone()), ("teacher_features", randn(&[3, 3], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("features", randn(&[1, 3], 2, 1.0)), ("teacher_features", randn(&[1, 3], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("features", randn(&[4], 2, 1.0)), ("teacher_features", randn(&[4], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("features", f(&[0, 3], &[])), ("teacher_features", f(&[0, 3], &[]))]), ErrorKind::Empty);
        let ok = inputs(vec![("features", s.clone()), ("teacher_features", s)]);
        assert_error(ID, None, &params(json!({"angle_weight": -1.0})), &ok, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"eps": -1e-3})), &ok, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"squared": 1.5})), &ok, ErrorKind::Param);
    }
}
