//! IoU loss: one minus the intersection over union of a predicted box and its target box. It
//! measures the overlap of the whole box rather than each coordinate separately, so it does not
//! depend on the box's scale.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::box_geometry::{self, BoxPair};
use crate::numerics::{LossTensor, Reduction};

const ID: &str = "iou";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "IoU Loss",
    aliases: &["Intersection over Union Loss", "UnitBox Loss"],
    kind: Kind::Loss,
    domains: &["detection"],
    year: 2016,
    paper: Paper {
        title: "UnitBox: An Advanced Object Detection Network",
        authors: "Yu et al.",
        venue: "ACM Multimedia",
        year: 2016,
        url: "https://arxiv.org/abs/1608.01471",
    },
    summary: "Penalizes a predicted box by one minus its intersection over union with the matched ground-truth box, treating the four coordinates jointly and independently of box scale. UnitBox introduced it as -ln(IoU); the reference form here is the linear 1 - IoU. Its gradient vanishes when the boxes do not overlap (IoU = 0), which is what GIoU, DIoU and CIoU fix; two degenerate zero-area boxes give 0/0.",
    formula: r"\ell_i = 1 - \frac{|B_i \cap B_i^{gt}|}{|B_i| + |B_i^{gt}| - |B_i \cap B_i^{gt}|},\quad |B \cap B^{gt}| = \max(0, \min(x_2, x_2^{gt}) - \max(x_1, x_1^{gt}))\,\max(0, \min(y_2, y_2^{gt}) - \max(y_1, y_1^{gt}))",
    inputs: &[
        Input { name: "boxes", shape: "[N, 4]", meaning: "predicted boxes as (x1, y1, x2, y2)" },
        Input { name: "target_boxes", shape: "[N, 4]", meaning: "ground-truth boxes as (x1, y1, x2, y2), paired row by row with `boxes`" },
    ],
    params: &[
        Param { name: "reduction", symbol: "", default: Value::Str("none"), range: Range::REDUCTION, meaning: "how per-box losses are combined: none (keep them), mean or sum" },
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
    equivalents: &["torchvision.ops.box_iou", "mmdet.models.losses.IoULoss"],
    related: &["giou", "diou", "ciou", "alpha-iou", "bounded-iou", "smooth-l1", "jaccard"],
    forms: &[
        Form { name: "axis-aligned", description: "1 - IoU of axis-aligned (x1, y1, x2, y2) boxes, computed as 1 minus the diagonal of torchvision.ops.box_iou(boxes, target_boxes): intersection / (area1 + area2 - intersection) with no epsilon, so two zero-area boxes give NaN." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "horizontal offset of a unit box from its unit target box", from: -1.5, to: 1.5, at: plot_at }),
    ..Entry::BLANK
};

/// Options of the IoU loss; `Default` keeps the per-box values (torchvision's `box_iou` has no
/// reduction).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IouConfig {
    pub reduction: Reduction,
}

impl Default for IouConfig {
    fn default() -> Self {
        IouConfig { reduction: Reduction::None }
    }
}

/// `1 - IoU` of paired boxes `[M, 4]` as `1 - diag(torchvision.ops.box_iou(boxes, target))`:
/// intersection sides clamped at 0 (torch `clamp`, which passes the gradient at exactly 0) and
/// no epsilon, so two zero-area boxes give NaN as in torchvision. Returns `[M]`.
pub fn iou_per_box(boxes: Tensor<2>, target_boxes: Tensor<2>) -> Tensor<1> {
    let p = BoxPair::new(&boxes, &target_boxes);
    let (w, h) = p.intersection_sides();
    let inter = w.clamp_min(0.0) * h.clamp_min(0.0);
    let (a, g) = p.areas();
    let union = a + g - inter.clone();
    (inter / union).neg().add_scalar(1.0)
}

/// The IoU loss of paired boxes `[M, 4]` (x1, y1, x2, y2), reduced.
pub fn iou(boxes: Tensor<2>, target_boxes: Tensor<2>, cfg: &IouConfig) -> Result<LossTensor, LossError> {
    let (_, batch) = box_geometry::check_pairs(ID, &boxes.dims(), &target_boxes.dims(), 4)?;
    Ok(box_geometry::reduce_boxes(iou_per_box(boxes, target_boxes), batch, cfg.reduction))
}

/// Reads paired `[..., 4]` box inputs as `[M, 4]` tensors and the batch shape.
pub(crate) fn box_inputs(c: &Call, coords: usize) -> Result<(Tensor<2>, Tensor<2>, Vec<usize>), LossError> {
    let (m, batch) = box_geometry::check_pairs(c.loss, c.shape("boxes")?, c.shape("target_boxes")?, coords)?;
    let b = c.float_reshaped::<2>("boxes", [m, coords])?;
    let t = c.float_reshaped::<2>("target_boxes", [m, coords])?;
    Ok((b, t, batch))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("axis-aligned") => {}
        _ => return Err(c.unknown_form(&["axis-aligned"])),
    }
    let reduction = c.reduction(Reduction::None)?;
    let (b, t, batch) = box_inputs(c, 4)?;
    Ok(box_geometry::reduce_boxes(iou_per_box(b, t), batch, reduction))
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
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    fn boxes(seed: u64, n: usize) -> Vec<f64> {
        // Random valid boxes: corner in [0, 4), sides in [0.5, 3).
        let c = uniform(&[n, 2], seed, 0.0, 4.0).floats;
        let s = uniform(&[n, 2], seed + 1, 0.5, 3.0).floats;
        (0..n).flat_map(|i| [c[2 * i], c[2 * i + 1], c[2 * i] + s[2 * i], c[2 * i + 1] + s[2 * i + 1]]).collect()
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("boxes", f(&[6, 4], &boxes(1, 6))), ("target_boxes", f(&[6, 4], &boxes(3, 6)))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
        // Overlapping boxes with one shared edge (a tie of maximum / minimum).
        let x = inputs(vec![("boxes", f(&[1, 4], &[0.0, 0.0, 2.0, 2.0])), ("target_boxes", f(&[1, 4], &[1.0, 0.0, 3.0, 3.0]))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "mean"})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // Unit squares offset by 0.5: intersection 0.5, union 1.5, loss 1 - 1/3.
        let x = inputs(vec![("boxes", f(&[1, 4], &[0.5, 0.0, 1.5, 1.0])), ("target_boxes", f(&[1, 4], &[0.0, 0.0, 1.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 2.0 / 3.0).abs() < 1e-15);
        // Disjoint boxes: loss exactly 1 with zero gradient.
        let x = inputs(vec![("boxes", f(&[1, 4], &[5.0, 5.0, 6.0, 6.0])), ("target_boxes", f(&[1, 4], &[0.0, 0.0, 1.0, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert_eq!(ev.loss.floats[0], 1.0);
        assert!(ev.grads["boxes"].floats.iter().all(|g| *g == 0.0));
    }

    #[test]
    fn extreme_boxes_are_finite() {
        let x = inputs(vec![("boxes", f(&[2, 4], &[0.0, 0.0, 1e12, 1e12, 0.0, 0.0, 1e-12, 1e-12])), ("target_boxes", f(&[2, 4], &[1.0, 1.0, 2e12, 2e12, 0.0, 0.0, 2e-12, 1e-12]))]);
        assert_finite(ID, None, &params(json!({"reduction": "mean"})), &x);
    }

    #[test]
    fn bad_inputs_are_rejected() {
        let x = inputs(vec![("boxes", f(&[2, 4], &[0.0; 8])), ("target_boxes", f(&[1, 4], &[0.0; 4]))]);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Shape);
        let x = inputs(vec![("boxes", f(&[2, 3], &[0.0; 6])), ("target_boxes", f(&[2, 3], &[0.0; 6]))]);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Shape);
        let x = inputs(vec![("boxes", f(&[1, 4], &[0.0, 0.0, 1.0, 1.0])), ("target_boxes", f(&[1, 4], &[0.0, 0.0, 1.0, 1.0]))]);
        assert_error(ID, None, &params(json!({"reduction": "avg"})), &x, ErrorKind::Param);
    }
}
