//! Generalized IoU loss: IoU loss plus a term that measures how much of the smallest box enclosing
//! both boxes is empty, so boxes that do not overlap still receive a useful gradient.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::detection::iou::box_inputs;
use crate::numerics::box_geometry::{self, BoxPair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "giou";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "GIoU Loss",
    aliases: &["Generalized IoU Loss", "Generalized Intersection over Union Loss"],
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2019,
    paper: Paper {
        title: "Generalized Intersection over Union",
        authors: "Rezatofighi et al.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1902.09630",
    },
    summary: "Extends the IoU loss with the fraction of the smallest enclosing box C that neither box covers, so the loss keeps decreasing as disjoint boxes move toward each other. It lies in [0, 2) and equals 1 - IoU when one box contains the other. When a predicted box encloses the target, the extra term is zero and convergence can be slow, which motivated DIoU and CIoU.",
    formula: r"\ell_i = 1 - \frac{I_i}{U_i + \epsilon} + \frac{|C_i| - U_i}{|C_i| + \epsilon},\quad I_i = |B_i \cap B_i^{gt}|,\ U_i = |B_i| + |B_i^{gt}| - I_i",
    inputs: &[
        Input { name: "boxes", shape: "[N, 4]", meaning: "predicted boxes as (x1, y1, x2, y2)" },
        Input { name: "target_boxes", shape: "[N, 4]", meaning: "ground-truth boxes as (x1, y1, x2, y2), paired row by row with `boxes`" },
    ],
    params: &[
        Param { name: "reduction", symbol: "", default: Value::Str("none"), range: Range::REDUCTION, meaning: "how per-box losses are combined: none (keep them, torchvision's default), mean or sum" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-07), range: Range::NON_NEGATIVE, meaning: "added to the union and to the enclosing-box size to avoid division by zero (torchvision's default)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Geometry,
    },
    equivalents: &["torchvision.ops.generalized_box_iou_loss", "monai.losses.BoxGIoULoss", "mmdet.models.losses.GIoULoss", "tfa.losses.GIoULoss"],
    related: &["iou", "diou", "ciou", "alpha-iou", "eiou", "siou"],
    forms: &[
        Form { name: "torchvision", description: "torchvision.ops.generalized_box_iou_loss: IoU = inter / (union + eps) and the enclosing term (area_c - union) / (area_c + eps), eps = 1e-7; boxes (x1, y1, x2, y2) are not checked for validity; reduction none (default), mean or sum." },
        Form { name: "monai", description: "monai.losses.BoxGIoULoss: 1 - GIoU per box pair, computed in float32 by MONAI's box_pair_giou with float32-epsilon guards, then reduced (mean by default); values agree with torchvision to float32 accuracy." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "horizontal offset of a unit box from its unit target box", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Options of torchvision's box losses; `Default` equals torchvision's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GiouConfig {
    pub reduction: Reduction,
    /// Added to the union and to the enclosing-box measure.
    pub eps: f64,
}

impl Default for GiouConfig {
    fn default() -> Self {
        GiouConfig { reduction: Reduction::None, eps: 1e-7 }
    }
}

/// torchvision `generalized_box_iou_loss` per box pair (`[M, 4]` each, returns `[M]`).
pub fn giou_per_box(boxes: Tensor<2>, target_boxes: Tensor<2>, eps: f64) -> Tensor<1> {
    let p = BoxPair::new(&boxes, &target_boxes);
    let (inter, union) = p.torchvision_inter_union();
    let iou = inter / union.clone().add_scalar(eps);
    let (cw, ch) = p.enclosing_sides();
    let area_c = cw * ch;
    let penalty = (area_c.clone() - union) / area_c.add_scalar(eps);
    (iou - penalty).neg().add_scalar(1.0)
}

/// torchvision `generalized_box_iou_loss(boxes, target_boxes, reduction, eps)` on `[M, 4]` boxes.
pub fn giou(boxes: Tensor<2>, target_boxes: Tensor<2>, cfg: &GiouConfig) -> Result<LossTensor, LossError> {
    let (_, batch) = box_geometry::check_pairs(ID, &boxes.dims(), &target_boxes.dims(), 4)?;
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    Ok(box_geometry::reduce_boxes(giou_per_box(boxes, target_boxes, cfg.eps), batch, cfg.reduction))
}

/// MONAI `BoxGIoULoss`: `1 - GIoU` of `[N, 2 d]` boxes `(x1, y1[, z1], x2, y2[, z2])`, d = 2 or 3.
/// Boxes with a negative side are rejected, as are non-finite GIoU values; sides of the
/// intersection and of the enclosing box are clamped at 0 and both divisions are guarded by
/// float32's machine epsilon (MONAI computes in float32). Default reduction: mean.
pub fn giou_monai(boxes: Tensor<2>, target_boxes: Tensor<2>, reduction: Reduction) -> Result<LossTensor, LossError> {
    let dims = boxes.dims();
    numerics::same_shape(ID, "target_boxes", &target_boxes.dims(), "boxes", &dims)?;
    let [n, k] = dims;
    if k != 4 && k != 6 {
        return Err(LossError::shape(ID, "boxes", "shape [N, 4] or [N, 6] (2-D or 3-D boxes)", crate::error::fmt_shape(&dims)));
    }
    let d = k / 2;
    for (name, t) in [("target_boxes", &target_boxes), ("boxes", &boxes)] {
        let v = numerics::host_f64(t);
        for row in v.chunks(k) {
            if (0..d).any(|a| row[d + a] < row[a]) {
                return Err(LossError::value(ID, name, "boxes with non-negative sides (x2 >= x1, y2 >= y1, ...)", format!("{row:?}")));
            }
            numerics::finite_values(ID, name, row)?;
        }
    }
    let eps = f32::EPSILON as f64;
    let col = |t: &Tensor<2>, a: usize| t.clone().narrow(1, a, 1).reshape([n]);
    let one = numerics::full_like(&boxes, [n], 1.0);
    let (mut area1, mut area2, mut inter, mut encl) = (one.clone(), one.clone(), one.clone(), one);
    for a in 0..d {
        let (lo1, hi1, lo2, hi2) = (col(&target_boxes, a), col(&target_boxes, d + a), col(&boxes, a), col(&boxes, d + a));
        area1 = area1 * (hi1.clone() - lo1.clone());
        area2 = area2 * (hi2.clone() - lo2.clone());
        let side = box_geometry::minimum(hi1.clone(), hi2.clone()) - box_geometry::maximum(lo1.clone(), lo2.clone());
        inter = inter * side.clamp_min(0.0);
        let side_c = box_geometry::maximum(hi1, hi2) - box_geometry::minimum(lo1, lo2);
        encl = encl * side_c.clamp_min(0.0);
    }
    let union = area1 + area2 - inter.clone();
    let iou = inter / union.clone().add_scalar(eps);
    let giou = iou - (encl.clone() - union) / encl.add_scalar(eps);
    if numerics::host_f64(&giou).iter().any(|v| !v.is_finite()) {
        return Err(LossError::value(ID, "boxes", "boxes whose GIoU is finite", "NaN or Inf"));
    }
    let per = giou.neg().add_scalar(1.0);
    Ok(match reduction {
        Reduction::None => LossTensor::with_shape(per, vec![n]),
        r => numerics::reduce(per, r),
    })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("torchvision") => {
            let cfg = GiouConfig { reduction: c.reduction(Reduction::None)?, eps: c.f64("eps", 1e-7)? };
            numerics::non_negative_param(ID, "eps", cfg.eps)?;
            let (b, t, batch) = box_inputs(c, 4)?;
            Ok(box_geometry::reduce_boxes(giou_per_box(b, t, cfg.eps), batch, cfg.reduction))
        }
        Some("monai") => {
            let reduction = c.reduction(Reduction::Mean)?;
            let (bs, ts) = (c.shape("boxes")?, c.shape("target_boxes")?);
            numerics::same_shape(ID, "target_boxes", ts, "boxes", bs)?;
            if bs.len() != 2 {
                return Err(LossError::shape(ID, "boxes", "shape [N, 4] or [N, 6]", crate::error::fmt_shape(bs)));
            }
            numerics::non_empty(ID, "boxes", bs)?;
            giou_monai(c.float::<2>("boxes")?, c.float::<2>("target_boxes")?, reduction)
        }
        _ => Err(c.unknown_form(&["torchvision", "monai"])),
    }
}

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("boxes", HostTensor::from_f64(vec![1, 4], vec![x, 0.0, x + 1.0, 1.0])), ("target_boxes", HostTensor::from_f64(vec![1, 4], vec![0.0, 0.0, 1.0, 1.0]))],
        wrt: "boxes",
        index: 0,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn cases_gradients_extremes_and_bad_inputs() {
        crate::numerics::box_geometry::check_torchvision_box_entry(ID, None);
    }

    #[test]
    fn value_is_the_formula() {
        // Unit squares offset by (1, 1), touching at a corner: I = 0, U = 2, C = 4:
        // 1 - 0 + (4 - 2) / 4 = 1.5 (up to eps = 1e-7 in the denominator).
        let x = inputs(vec![("boxes", f(&[1, 4], &[1.0, 1.0, 2.0, 2.0])), ("target_boxes", f(&[1, 4], &[0.0, 0.0, 1.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (1.0 + 2.0 / (4.0 + 1e-7))).abs() < 1e-15);
        let ev = eval64(ID, Some("monai"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (1.0 + 2.0 / (4.0 + f32::EPSILON as f64))).abs() < 1e-15);
    }

    #[test]
    fn monai_form_checks_boxes_and_takes_3d_boxes() {
        let x = inputs(vec![("boxes", f(&[1, 4], &[1.0, 0.0, 0.0, 1.0])), ("target_boxes", f(&[1, 4], &[0.0, 0.0, 1.0, 1.0]))]);
        assert_error(ID, Some("monai"), &params(json!({})), &x, ErrorKind::Value);
        let x = inputs(vec![
            ("boxes", f(&[2, 6], &[0.0, 0.0, 0.0, 2.0, 1.5, 1.0, 1.0, 2.0, 0.5, 3.0, 4.0, 2.5])),
            ("target_boxes", f(&[2, 6], &[0.5, 0.2, 0.1, 2.5, 1.0, 1.7, 3.5, 3.0, 3.0, 4.0, 5.0, 4.0])),
        ]);
        assert_gradcheck(ID, Some("monai"), &params(json!({"reduction": "sum"})), &x);
    }
}
