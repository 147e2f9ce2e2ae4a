//! Axis-aligned box geometry shared by the IoU-family box losses (IoU, GIoU, DIoU, CIoU):
//! coordinates of `(x1, y1, x2, y2)` boxes, intersection and union, the smallest enclosing box,
//! and the input checks and reductions torchvision applies.
//!
//! Element-wise maximum and minimum follow `torch.maximum` / `torch.minimum`: at a tie the
//! gradient is split evenly between both arguments. Identical coordinates in a predicted and a
//! target box are common (a perfect prediction), so this matters for gradients.

use burn::tensor::Tensor;

use crate::error::{LossError, fmt_shape};
use crate::numerics::{self, LossTensor, Reduction};

/// `torch.maximum(a, b)`: the value of the larger argument; at a tie each argument gets half of
/// the gradient. Values are exact (`a * 1 + b * 0`, or `a/2 + a/2` at a tie).
pub fn maximum<const D: usize>(a: Tensor<D>, b: Tensor<D>) -> Tensor<D> {
    let wa = numerics::mask_to_float(a.clone().greater(b.clone()), &a) + numerics::mask_to_float(a.clone().equal(b.clone()), &a).mul_scalar(0.5);
    a * wa.clone() + b * wa.neg().add_scalar(1.0)
}

/// `torch.minimum(a, b)`, with the same tie rule as [`maximum`].
pub fn minimum<const D: usize>(a: Tensor<D>, b: Tensor<D>) -> Tensor<D> {
    maximum(a.neg(), b.neg()).neg()
}

/// Column `k` of `[M, 4]` boxes as `[M]`.
fn col(b: &Tensor<2>, k: usize) -> Tensor<1> {
    let m = b.dims()[0];
    b.clone().narrow(1, k, 1).reshape([m])
}

/// A predicted box and its target, coordinate by coordinate (`[M]` each).
#[derive(Debug, Clone)]
pub struct BoxPair {
    pub x1: Tensor<1>,
    pub y1: Tensor<1>,
    pub x2: Tensor<1>,
    pub y2: Tensor<1>,
    pub gx1: Tensor<1>,
    pub gy1: Tensor<1>,
    pub gx2: Tensor<1>,
    pub gy2: Tensor<1>,
}

impl BoxPair {
    /// Splits `[M, 4]` predicted and target boxes into coordinates.
    pub fn new(boxes: &Tensor<2>, target: &Tensor<2>) -> Self {
        BoxPair {
            x1: col(boxes, 0),
            y1: col(boxes, 1),
            x2: col(boxes, 2),
            y2: col(boxes, 3),
            gx1: col(target, 0),
            gy1: col(target, 1),
            gx2: col(target, 2),
            gy2: col(target, 3),
        }
    }

    /// Areas `(x2 - x1)(y2 - y1)` of the predicted and target boxes (signed: not clamped).
    pub fn areas(&self) -> (Tensor<1>, Tensor<1>) {
        let a = (self.x2.clone() - self.x1.clone()) * (self.y2.clone() - self.y1.clone());
        let g = (self.gx2.clone() - self.gx1.clone()) * (self.gy2.clone() - self.gy1.clone());
        (a, g)
    }

    /// Width and height of the intersection rectangle, before any clamping (negative when the
    /// boxes are disjoint along that axis).
    pub fn intersection_sides(&self) -> (Tensor<1>, Tensor<1>) {
        let w = minimum(self.x2.clone(), self.gx2.clone()) - maximum(self.x1.clone(), self.gx1.clone());
        let h = minimum(self.y2.clone(), self.gy2.clone()) - maximum(self.y1.clone(), self.gy1.clone());
        (w, h)
    }

    /// torchvision's `_loss_inter_union`: the intersection is `w * h` only where both sides are
    /// strictly positive and 0 (with no gradient) elsewhere; the union is
    /// `area + area_gt - intersection` with signed areas.
    pub fn torchvision_inter_union(&self) -> (Tensor<1>, Tensor<1>) {
        let (w, h) = self.intersection_sides();
        let overlap = w.clone().greater_elem(0.0).bool_and(h.clone().greater_elem(0.0));
        let zero = numerics::full_like(&w, w.dims(), 0.0);
        let inter = zero.mask_where(overlap, w * h);
        let (a, g) = self.areas();
        let union = a + g - inter.clone();
        (inter, union)
    }

    /// Width and height of the smallest box enclosing both boxes.
    pub fn enclosing_sides(&self) -> (Tensor<1>, Tensor<1>) {
        let w = maximum(self.x2.clone(), self.gx2.clone()) - minimum(self.x1.clone(), self.gx1.clone());
        let h = maximum(self.y2.clone(), self.gy2.clone()) - minimum(self.y1.clone(), self.gy1.clone());
        (w, h)
    }

    /// Squared distance between the two box centres.
    pub fn center_distance_sq(&self) -> Tensor<1> {
        let dx = (self.x1.clone() + self.x2.clone()).mul_scalar(0.5) - (self.gx1.clone() + self.gx2.clone()).mul_scalar(0.5);
        let dy = (self.y1.clone() + self.y2.clone()).mul_scalar(0.5) - (self.gy1.clone() + self.gy2.clone()).mul_scalar(0.5);
        dx.powi_scalar(2) + dy.powi_scalar(2)
    }
}

/// Checks paired box tensors `[..., 4]` of equal shape and returns the number of boxes `M` and the
/// batch shape (the shape without the last axis).
pub fn check_pairs(loss: &str, boxes: &[usize], target: &[usize], coords: usize) -> Result<(usize, Vec<usize>), LossError> {
    if boxes.is_empty() || boxes[boxes.len() - 1] != coords {
        return Err(LossError::shape(loss, "boxes", format!("shape [..., {coords}] (one box per row)"), fmt_shape(boxes)));
    }
    numerics::same_shape(loss, "target_boxes", target, "boxes", boxes)?;
    let batch = boxes[..boxes.len() - 1].to_vec();
    Ok((batch.iter().product(), batch))
}

/// torchvision's reduction of per-box losses: `none` keeps the batch shape, `sum` sums and
/// `mean` averages, with 0 (not NaN) for an empty batch.
pub fn reduce_boxes(per: Tensor<1>, batch: Vec<usize>, reduction: Reduction) -> LossTensor {
    match reduction {
        Reduction::None => LossTensor::with_shape(per, batch),
        Reduction::Sum => LossTensor::scalar(per.sum()),
        Reduction::Mean => {
            let m = per.dims()[0];
            if m == 0 {
                LossTensor::scalar(per.sum())
            } else {
                LossTensor::scalar(per.sum().mul_scalar(1.0 / m as f64))
            }
        }
    }
}

/// Checks shared by the torchvision box losses (form `form`): reference cases, finite
/// differences on random boxes and on overlapping / nested / disjoint pairs, extreme boxes, and
/// bad inputs.
#[cfg(test)]
pub fn check_torchvision_box_entry(id: &str, form: Option<&str>) {
    use serde_json::json;

    use crate::ErrorKind;
    use crate::testing::*;

    // Random valid boxes: corner in [0, 4), sides in [0.5, 3).
    let boxes = |seed: u64, n: usize| -> Vec<f64> {
        let c = uniform(&[n, 2], seed, 0.0, 4.0).floats;
        let s = uniform(&[n, 2], seed + 1, 0.5, 3.0).floats;
        (0..n).flat_map(|i| [c[2 * i], c[2 * i + 1], c[2 * i] + s[2 * i], c[2 * i + 1] + s[2 * i + 1]]).collect()
    };
    assert_cases_pass(id);

    let x = inputs(vec![("boxes", f(&[6, 4], &boxes(1, 6))), ("target_boxes", f(&[6, 4], &boxes(3, 6)))]);
    assert_gradcheck(id, form, &params(json!({"reduction": "sum"})), &x);
    // Partial overlap, one box inside the other, and disjoint boxes.
    let x = inputs(vec![
        ("boxes", f(&[3, 4], &[0.0, 0.0, 2.0, 2.0, 0.5, 0.5, 1.5, 1.2, 4.0, 4.0, 5.0, 6.0])),
        ("target_boxes", f(&[3, 4], &[1.0, 0.5, 3.0, 3.0, 0.0, 0.0, 2.0, 2.0, 0.0, 0.0, 1.0, 1.0])),
    ]);
    assert_gradcheck(id, form, &params(json!({"reduction": "mean"})), &x);

    let x = inputs(vec![("boxes", f(&[2, 4], &[0.0, 0.0, 1e12, 1e12, 0.0, 0.0, 1e-6, 1e-6])), ("target_boxes", f(&[2, 4], &[1.0, 1.0, 2e12, 2e12, 0.0, 0.0, 2e-6, 1e-6]))]);
    assert_finite(id, form, &params(json!({"reduction": "mean"})), &x);

    let x = inputs(vec![("boxes", f(&[2, 4], &[0.0; 8])), ("target_boxes", f(&[1, 4], &[0.0; 4]))]);
    assert_error(id, form, &params(json!({})), &x, ErrorKind::Shape);
    let x = inputs(vec![("boxes", f(&[2, 3], &[0.0; 6])), ("target_boxes", f(&[2, 3], &[0.0; 6]))]);
    assert_error(id, form, &params(json!({})), &x, ErrorKind::Shape);
    let x = inputs(vec![("boxes", f(&[1, 4], &[0.0, 0.0, 1.0, 1.0])), ("target_boxes", f(&[1, 4], &[0.0, 0.0, 1.0, 1.0]))]);
    assert_error(id, form, &params(json!({"reduction": "avg"})), &x, ErrorKind::Param);
    assert_error(id, form, &params(json!({"eps": -1.0})), &x, ErrorKind::Param);
}
