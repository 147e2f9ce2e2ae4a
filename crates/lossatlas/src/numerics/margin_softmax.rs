//! Margin-softmax classifiers on embeddings, as pytorch-metric-learning builds them
//! (`LargeMarginSoftmaxLoss` and its subclasses ArcFace, CosFace, SphereFace, SubCenterArcFace,
//! and NormalizedSoftmaxLoss): cosines between embeddings and class weight rows, a margin applied
//! to the cosine of the target class only, a scale, then softmax cross-entropy averaged over the
//! batch (PML's `MeanReducer`).
//!
//! The class weight matrix is an input `weight` of shape `[classes, dim]` (PML stores its
//! transpose `[dim, classes]` as the module parameter `W`).

use burn::tensor::{Int, Tensor};

use crate::error::{LossError, fmt_shape};
use crate::numerics::{self, distance::l2_normalize};

/// Validates `embeddings [N, D]`, `labels [N]` and `weight [rows, D]` of a PML classifier loss.
/// `rows` and `dim` are the sizes the loss was configured with (`num_classes` (times the
/// sub-centers), `embedding_size`); `None` takes them from `weight`. Label range is checked by
/// [`check_labels`].
pub fn check_classifier(
    loss: &str,
    emb: &[usize],
    labels: &[usize],
    weight: &[usize],
    rows: Option<usize>,
    dim: Option<usize>,
) -> Result<(), LossError> {
    numerics::pairs::check_embeddings(loss, emb, labels)?;
    if weight.len() != 2 {
        return Err(LossError::shape(loss, "weight", "shape [classes, dim]", fmt_shape(weight)));
    }
    if let Some(r) = rows {
        if weight[0] != r {
            return Err(LossError::shape(loss, "weight", format!("{r} rows (the configured number of classes)"), fmt_shape(weight)));
        }
    }
    let d = dim.unwrap_or(weight[1]);
    if weight[1] != d {
        return Err(LossError::shape(loss, "weight", format!("{d} columns (embedding_size)"), fmt_shape(weight)));
    }
    if emb[1] != d {
        // PML fails in the matrix product (`mm: mat1 and mat2 shapes cannot be multiplied`).
        return Err(LossError::shape(loss, "embeddings", format!("[N, {d}] (embedding_size columns, as weight)"), fmt_shape(emb)));
    }
    numerics::non_empty(loss, "embeddings", emb)?;
    numerics::non_empty(loss, "weight", weight)
}

/// Labels must index a class: `[0, classes)`.
pub fn check_labels(loss: &str, labels: &Tensor<1, Int>, classes: usize) -> Result<(), LossError> {
    numerics::labels_in_range(loss, "labels", &numerics::host_i64(labels), classes, None)
}

/// PML `CosineSimilarity()(embeddings, weight)`: rows of both L2-normalized (norms clamped at
/// 1e-12, `F.normalize`), then all dot products: `[N, D] x [C, D] -> [N, C]`.
pub fn cosine_matrix(embeddings: Tensor<2>, weight: Tensor<2>) -> Tensor<2> {
    l2_normalize(embeddings, 1e-12).matmul(l2_normalize(weight, 1e-12).transpose())
}

/// The entry of each row at its label: `m[i, y_i]`, `[N, C] -> [N]`.
pub fn at_labels(m: Tensor<2>, labels: Tensor<1, Int>) -> Tensor<1> {
    let n = m.dims()[0];
    m.gather(1, labels.reshape([n, 1])).reshape([n])
}

/// Replaces the label entry of each row by `target`, as PML does:
/// `m + onehot(y) * (target - m[i, y_i])` (so gradients flow through both terms as in PML).
pub fn with_target(m: Tensor<2>, labels: Tensor<1, Int>, target: Tensor<1>) -> Tensor<2> {
    let [n, c] = m.dims();
    let at = at_labels(m.clone(), labels.clone());
    let onehot = numerics::int_to_float(labels.one_hot::<2>(c), &m);
    m + onehot * (target - at).reshape([n, 1])
}

/// Softmax cross-entropy of every row against its label, averaged over the rows (PML's
/// `CrossEntropyLoss(reduction="none")` followed by `MeanReducer`).
pub fn cross_entropy_mean(logits: Tensor<2>, labels: Tensor<1, Int>) -> Tensor<1> {
    at_labels(numerics::log_softmax(logits, 1), labels).neg().mean()
}

/// `acos(clamp(c, -1, 1))`, the angle PML takes of a target cosine.
pub fn angle(cos: Tensor<1>) -> Tensor<1> {
    cos.clamp(-1.0, 1.0).acos()
}

/// ArcFace's target logit before scaling (PML `ArcFaceLoss`): `cos(theta + m)` while
/// `theta <= pi - m`, else `cos(theta) - m sin(m)` so that it keeps decreasing in theta.
/// `margin` is in radians.
pub fn arcface_target(cos: Tensor<1>, margin: f64) -> Tensor<1> {
    let theta = angle(cos);
    let plus = theta.clone().add_scalar(margin).cos();
    let linear = theta.clone().cos().sub_scalar(margin * margin.sin());
    let beyond = theta.greater_elem(std::f64::consts::PI - margin);
    plus.mask_where(beyond, linear)
}

/// `cos(m theta)` from `c = cos(theta)` by the multiple-angle formula
/// `sum_n (-1)^n C(m, 2n) c^(m-2n) (1 - c^2)^n` (L-Softmax, Eq. 7), for an integer `m >= 1`,
/// evaluated on `c` as given (not clamped), as PML does.
pub fn cos_multiple_angle(c: Tensor<1>, m: u32) -> Tensor<1> {
    let s2 = c.clone().square().neg().add_scalar(1.0);
    let mut total: Option<Tensor<1>> = None;
    for n in 0..=(m / 2) {
        let coef = binomial(m, 2 * n) * if n % 2 == 0 { 1.0 } else { -1.0 };
        let cp = m - 2 * n;
        // Skip zero powers: x^0 is 1 with zero derivative (torch's pow backward special-cases it).
        let mut term: Option<Tensor<1>> = None;
        if cp > 0 {
            term = Some(c.clone().powi_scalar(cp as i32));
        }
        if n > 0 {
            let sp = s2.clone().powi_scalar(n as i32);
            term = Some(match term {
                Some(t) => t * sp,
                None => sp,
            });
        }
        let term = match term {
            Some(t) => t.mul_scalar(coef),
            None => numerics::full_like(&c, c.dims(), coef),
        };
        total = Some(match total {
            Some(s) => s + term,
            None => term,
        });
    }
    total.expect("m >= 1 gives at least one term")
}

/// The monotone extension of `cos(m theta)` used by L-Softmax and SphereFace (PML
/// `LargeMarginSoftmaxLoss`): `psi = (-1)^k cos(m theta) - 2k` with `k = floor(theta m / pi)`
/// (taken without gradient) and `theta = acos(clamp(c, -1, 1))`.
pub fn large_margin_psi(c: Tensor<1>, m: u32) -> Tensor<1> {
    let k = angle(c.clone()).detach().mul_scalar(1.0 / (std::f64::consts::PI / m as f64)).floor();
    // (-1)^k for integer-valued k: 1 - 2 * (k mod 2).
    let sign = k.clone().remainder_scalar(2.0).mul_scalar(-2.0).add_scalar(1.0);
    cos_multiple_angle(c, m) * sign - k.mul_scalar(2.0)
}

fn binomial(n: u32, k: u32) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

#[cfg(test)]
mod tests {
    use burn::tensor::{DType, Device, Tensor, TensorData};

    fn t(xs: &[f64]) -> Tensor<1> {
        Tensor::<1>::from_data(TensorData::new(xs.to_vec(), [xs.len()]), (&Device::flex(), DType::F64))
    }

    #[test]
    fn multiple_angle_formula_is_cos_m_theta() {
        let thetas = [0.1, 0.7, 1.3, 2.0, 3.0];
        let cs: Vec<f64> = thetas.iter().map(|x: &f64| x.cos()).collect();
        for m in 1..=5u32 {
            let got = crate::numerics::host_f64(&super::cos_multiple_angle(t(&cs), m));
            for (g, th) in got.iter().zip(thetas) {
                assert!((g - (m as f64 * th).cos()).abs() < 1e-12, "m = {m}, theta = {th}");
            }
        }
    }

    #[test]
    fn psi_is_monotone_decreasing() {
        // psi(theta) from the L-Softmax paper decreases on [0, pi] for every m.
        let thetas: Vec<f64> = (0..=60).map(|i| i as f64 * std::f64::consts::PI / 60.0 * 0.999).collect();
        let cs: Vec<f64> = thetas.iter().map(|x| x.cos()).collect();
        for m in [1u32, 2, 3, 4] {
            let psi = crate::numerics::host_f64(&super::large_margin_psi(t(&cs), m));
            assert!(psi.windows(2).all(|w| w[1] <= w[0] + 1e-12), "m = {m}: {psi:?}");
        }
    }
}
