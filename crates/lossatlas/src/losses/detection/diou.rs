//! Distance-IoU loss: IoU loss plus the squared distance between the box centres divided by the
//! squared diagonal of the smallest enclosing box, which pulls the centres together directly.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::detection::iou::box_inputs;
use crate::numerics::box_geometry::{self, BoxPair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "diou";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "DIoU Loss",
    aliases: &["Distance-IoU Loss", "Distance IoU Loss"],
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2020,
    paper: Paper {
        title: "Distance-IoU Loss: Faster and Better Learning for Bounding Box Regression",
        authors: "Zheng et al.",
        venue: "AAAI",
        year: 2020,
        url: "https://arxiv.org/abs/1911.08287",
    },
    summary: "Adds to 1 - IoU the squared distance between the centres of the predicted and target boxes, normalized by the squared diagonal of their smallest enclosing box. The centre term converges faster than GIoU's enclosing-area term, notably when one box contains the other. The same paper uses DIoU as the suppression criterion in NMS; CIoU adds an aspect-ratio term.",
    formula: r"\ell_i = 1 - \frac{I_i}{U_i + \epsilon} + \frac{\rho^2(\mathbf{b}_i, \mathbf{b}_i^{gt})}{c_i^2 + \epsilon}",
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
    equivalents: &["torchvision.ops.distance_box_iou_loss", "mmdet.models.losses.DIoULoss"],
    related: &["iou", "giou", "ciou", "eiou", "mpdiou"],
    forms: &[
        Form { name: "torchvision", description: "torchvision.ops.distance_box_iou_loss: IoU = inter / (union + eps); rho^2 is the squared distance between box centres and c^2 the squared diagonal of the smallest enclosing box plus eps (eps = 1e-7); reduction none (default), mean or sum." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "horizontal offset of a unit box from its unit target box", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Options of torchvision's box losses; `Default` equals torchvision's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DiouConfig {
    pub reduction: Reduction,
    /// Added to the union and to the enclosing-box measure.
    pub eps: f64,
}

impl Default for DiouConfig {
    fn default() -> Self {
        DiouConfig { reduction: Reduction::None, eps: 1e-7 }
    }
}

/// torchvision `_diou_iou_loss` per box pair: the DIoU loss and the IoU (`[M]` each).
pub fn diou_and_iou(boxes: Tensor<2>, target_boxes: Tensor<2>, eps: f64) -> (Tensor<1>, Tensor<1>) {
    let p = BoxPair::new(&boxes, &target_boxes);
    let (inter, union) = p.torchvision_inter_union();
    let iou = inter / union.add_scalar(eps);
    let (cw, ch) = p.enclosing_sides();
    let diag_sq = (cw.clone() * cw + ch.clone() * ch).add_scalar(eps);
    let loss = iou.clone().neg().add_scalar(1.0) + p.center_distance_sq() / diag_sq;
    (loss, iou)
}

/// torchvision `distance_box_iou_loss(boxes, target_boxes, reduction, eps)` on `[M, 4]` boxes.
pub fn diou(boxes: Tensor<2>, target_boxes: Tensor<2>, cfg: &DiouConfig) -> Result<LossTensor, LossError> {
    let (_, batch) = box_geometry::check_pairs(ID, &boxes.dims(), &target_boxes.dims(), 4)?;
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    Ok(box_geometry::reduce_boxes(diou_and_iou(boxes, target_boxes, cfg.eps).0, batch, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("torchvision") => {}
        _ => return Err(c.unknown_form(&["torchvision"])),
    }
    let cfg = DiouConfig { reduction: c.reduction(Reduction::None)?, eps: c.f64("eps", 1e-7)? };
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let (b, t, batch) = box_inputs(c, 4)?;
    Ok(box_geometry::reduce_boxes(diou_and_iou(b, t, cfg.eps).0, batch, cfg.reduction))
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
    use crate::testing::*;

    #[test]
    fn cases_gradients_extremes_and_bad_inputs() {
        crate::numerics::box_geometry::check_torchvision_box_entry(ID, None);
    }

    #[test]
    fn value_is_the_formula() {
        // Unit squares offset by (1, 1): IoU 0, centre distance^2 = 2, enclosing diagonal^2 = 8:
        // 1 + 2 / (8 + 1e-7).
        let x = inputs(vec![("boxes", f(&[1, 4], &[1.0, 1.0, 2.0, 2.0])), ("target_boxes", f(&[1, 4], &[0.0, 0.0, 1.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (1.0 + 2.0 / (8.0 + 1e-7))).abs() < 1e-15);
    }
}
