//! Complete-IoU loss: Distance-IoU loss plus a penalty on the difference in aspect ratio between
//! the predicted box and its target.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::detection::iou::box_inputs;
use crate::numerics::box_geometry::{self, BoxPair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "ciou";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "CIoU Loss",
    aliases: &["Complete-IoU Loss", "Complete IoU Loss"],
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2020,
    paper: Paper {
        title: "Distance-IoU Loss",
        authors: "Zheng et al.",
        venue: "AAAI",
        year: 2020,
        url: "https://arxiv.org/abs/1911.08287",
    },
    summary: "Adds to the DIoU loss a term alpha * v, where v measures the squared difference of the arctangents of the two boxes' width-to-height ratios and alpha = v / (1 - IoU + v) weights it up once the boxes overlap well. It thus accounts for overlap, centre distance and aspect ratio together. As in the paper and torchvision, alpha is treated as a constant in the backward pass; boxes with zero height make the arctangent ratio undefined.",
    formula: r"\ell_i = 1 - \mathrm{IoU}_i + \frac{\rho^2(\mathbf{b}_i, \mathbf{b}_i^{gt})}{c_i^2 + \epsilon} + \alpha_i v_i,\quad v_i = \frac{4}{\pi^2}\left(\arctan\frac{w_i^{gt}}{h_i^{gt}} - \arctan\frac{w_i}{h_i}\right)^2,\quad \alpha_i = \operatorname{sg}\left[\frac{v_i}{1 - \mathrm{IoU}_i + v_i + \epsilon}\right],\quad \mathrm{IoU}_i = \frac{I_i}{U_i + \epsilon}",
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
    equivalents: &["torchvision.ops.complete_box_iou_loss", "mmdet.models.losses.CIoULoss"],
    related: &["iou", "giou", "diou", "eiou", "siou", "alpha-iou"],
    forms: &[
        Form { name: "torchvision", description: "torchvision.ops.complete_box_iou_loss: the DIoU loss (eps = 1e-7 on the union and the squared diagonal) plus alpha * v, with alpha computed under no_grad so it is a constant for the gradient; reduction none (default), mean or sum." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "horizontal offset of a 1 x 2 box from its 1 x 1 target box", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Options of torchvision's box losses; `Default` equals torchvision's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CiouConfig {
    pub reduction: Reduction,
    /// Added to the union and to the enclosing-box measure.
    pub eps: f64,
}

impl Default for CiouConfig {
    fn default() -> Self {
        CiouConfig { reduction: Reduction::None, eps: 1e-7 }
    }
}

/// torchvision `complete_box_iou_loss` per box pair (`[M, 4]` each, returns `[M]`): the DIoU
/// loss plus `alpha * v`, with `alpha` detached as torchvision computes it under `no_grad`.
pub fn ciou_per_box(boxes: Tensor<2>, target_boxes: Tensor<2>, eps: f64) -> Tensor<1> {
    let p = BoxPair::new(&boxes, &target_boxes);
    let (diou, iou) = crate::losses::detection::diou::diou_and_iou(boxes, target_boxes, eps);
    let ratio = |x1: &Tensor<1>, y1: &Tensor<1>, x2: &Tensor<1>, y2: &Tensor<1>| ((x2.clone() - x1.clone()) / (y2.clone() - y1.clone())).atan();
    let diff = ratio(&p.gx1, &p.gy1, &p.gx2, &p.gy2) - ratio(&p.x1, &p.y1, &p.x2, &p.y2);
    let v = (diff.clone() * diff).mul_scalar(4.0 / (std::f64::consts::PI * std::f64::consts::PI));
    let alpha = (v.clone() / (iou.neg().add_scalar(1.0) + v.clone()).add_scalar(eps)).detach();
    diou + alpha * v
}

/// torchvision `complete_box_iou_loss(boxes, target_boxes, reduction, eps)` on `[M, 4]` boxes.
pub fn ciou(boxes: Tensor<2>, target_boxes: Tensor<2>, cfg: &CiouConfig) -> Result<LossTensor, LossError> {
    let (_, batch) = box_geometry::check_pairs(ID, &boxes.dims(), &target_boxes.dims(), 4)?;
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    Ok(box_geometry::reduce_boxes(ciou_per_box(boxes, target_boxes, cfg.eps), batch, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("torchvision") => {}
        _ => return Err(c.unknown_form(&["torchvision"])),
    }
    let cfg = CiouConfig { reduction: c.reduction(Reduction::None)?, eps: c.f64("eps", 1e-7)? };
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let (b, t, batch) = box_inputs(c, 4)?;
    Ok(box_geometry::reduce_boxes(ciou_per_box(b, t, cfg.eps), batch, cfg.reduction))
}

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("boxes", HostTensor::from_f64(vec![1, 4], vec![x, 0.0, x + 1.0, 2.0])), ("target_boxes", HostTensor::from_f64(vec![1, 4], vec![0.0, 0.0, 1.0, 1.0]))],
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

    const FORM: Option<&str> = None;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        // alpha is detached (torchvision's no_grad): finite differences see it move, so the check
        // holds only where v = 0 (equal aspect ratios) or alpha's own derivative vanishes; here
        // all pairs have equal aspect ratios.
        let x = inputs(vec![
            ("boxes", f(&[2, 4], &[0.0, 0.0, 2.0, 1.0, 3.0, 1.0, 4.0, 3.0])),
            ("target_boxes", f(&[2, 4], &[1.0, 0.5, 5.0, 2.5, 0.0, 0.0, 1.0, 2.0])),
        ]);
        assert_gradcheck(ID, FORM, &params(json!({"reduction": "sum"})), &x);
    }

    #[test]
    fn extreme_boxes_are_finite() {
        let x = inputs(vec![("boxes", f(&[2, 4], &[0.0, 0.0, 1e12, 1e12, 0.0, 0.0, 1e-6, 1e-6])), ("target_boxes", f(&[2, 4], &[1.0, 1.0, 2e12, 2e12, 0.0, 0.0, 2e-6, 1e-6]))]);
        assert_finite(ID, FORM, &params(json!({"reduction": "mean"})), &x);
    }

    #[test]
    fn bad_inputs_are_rejected() {
        let x = inputs(vec![("boxes", f(&[2, 4], &[0.0; 8])), ("target_boxes", f(&[1, 4], &[0.0; 4]))]);
        assert_error(ID, FORM, &params(json!({})), &x, ErrorKind::Shape);
        let x = inputs(vec![("boxes", f(&[2, 3], &[0.0; 6])), ("target_boxes", f(&[2, 3], &[0.0; 6]))]);
        assert_error(ID, FORM, &params(json!({})), &x, ErrorKind::Shape);
        let x = inputs(vec![("boxes", f(&[1, 4], &[0.0, 0.0, 1.0, 1.0])), ("target_boxes", f(&[1, 4], &[0.0, 0.0, 1.0, 1.0]))]);
        assert_error(ID, FORM, &params(json!({"reduction": "avg"})), &x, ErrorKind::Param);
        assert_error(ID, FORM, &params(json!({"eps": -1.0})), &x, ErrorKind::Param);
    }

    #[test]
    fn value_is_the_formula() {
        // Box (0,0,2,1) against (0,0,1,1): IoU = 1 / (2 + 1e-7), centre distance^2 = 0.25,
        // diagonal^2 = 4 + 1 = 5, v = 4/pi^2 (atan 1 - atan 2)^2, alpha = v / (1 - IoU + v + eps).
        let x = inputs(vec![("boxes", f(&[1, 4], &[0.0, 0.0, 2.0, 1.0])), ("target_boxes", f(&[1, 4], &[0.0, 0.0, 1.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        let (eps, pi) = (1e-7, std::f64::consts::PI);
        let iou = 1.0 / (2.0 + eps);
        let v = 4.0 / (pi * pi) * (1f64.atan() - 2f64.atan()).powi(2);
        let alpha = v / (1.0 - iou + v + eps);
        let want = 1.0 - iou + 0.25 / (5.0 + eps) + alpha * v;
        assert!((ev.loss.floats[0] - want).abs() < 1e-15, "{} vs {want}", ev.loss.floats[0]);
    }
}
