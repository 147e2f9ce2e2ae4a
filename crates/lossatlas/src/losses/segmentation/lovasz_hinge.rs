//! Lovász hinge: the Lovász extension of the Jaccard loss applied to sorted hinge errors, a convex
//! surrogate of binary IoU.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor};
use crate::numerics::{self, LossTensor, monai_overlap::lovasz_weights};
use crate::numerics::relu;

const ID: &str = "lovasz-hinge";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Lovász Hinge Loss",
    kind: Kind::Loss,
    domains: &["segmentation"],
    year: 2018,
    paper: Paper {
        title: "The Lovász-Softmax Loss: A Tractable Surrogate for the Optimization of the Intersection-Over-Union Measure",
        authors: "Berman, M. et al.",
        venue: "CVPR",
        year: 2018,
        url: "https://arxiv.org/abs/1705.08790",
    },
    summary: "Sorts the hinge errors max(0, 1 - z(2y - 1)) of a binary segmentation and takes their dot product with the discrete gradient of the Jaccard loss along that order, which is the tight convex (Lovász) extension of 1 - IoU. It optimizes the IoU of a single foreground class directly and works well for fine-tuning. The gradient is piecewise constant and depends on the sort order, so ties give subgradients.",
    formula: r"L = \sum_{i} m_{\pi(i)}\,\big(\Delta_J(\{\pi(1..i)\}) - \Delta_J(\{\pi(1..i-1)\})\big),\quad m_i = [1 - z_i(2y_i - 1)]_+,\ m_{\pi(1)} \ge m_{\pi(2)} \ge \dots",
    inputs: &[
        Input { name: "logits", shape: "[B, 1, H, W] (kornia) or [B, *] (smp)", meaning: "one logit per pixel (smp multilabel: one per pixel and class)" },
        Input { name: "targets", shape: "[B, H, W] or the shape of logits", meaning: "binary labels 0/1 (not validated; other values enter the formula as they are)" },
    ],
    params: &[
        Param { name: "mode", symbol: "", default: Value::Str("binary"), range: Range::Choice { values: &["binary", "multiclass", "multilabel"] }, meaning: "smp task type: binary and multilabel run the Lovász hinge over all elements; multiclass runs the Lovász-softmax (see lovasz-softmax)" },
        Param { name: "per_image", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "smp: average per-image losses instead of one loss over all elements of the batch" },
        Param { name: "ignore_index", symbol: "", default: Value::Null, range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "smp: elements with this target value are removed before the loss" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "kornia.losses.lovasz_hinge_loss",
        "segmentation_models_pytorch.losses.LovaszLoss",
    ],
    related: &["lovasz-softmax", "jaccard", "hinge"],
    forms: &[
        Form { name: "kornia", description: "kornia.losses.lovasz_hinge_loss(logits [B,1,H,W], targets [B,H,W]): per image, then the batch mean; no reduction; targets not validated (the default form)." },
        Form { name: "smp", description: "segmentation_models_pytorch.losses.LovaszLoss(mode='binary', per_image): Berman's lovasz_hinge; smp builds the Jaccard gradient in float32." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of a foreground pixel (form kornia)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: Some("kornia"),
        params: serde_json::json!({}),
        inputs: vec![
            ("logits", HostTensor::from_f64(vec![1, 1, 1, 3], vec![x, 0.5, -1.0])),
            ("targets", HostTensor::from_i64(vec![1, 1, 3], vec![1, 1, 0])),
        ],
        wrt: "logits",
        index: 0,
    }
}

/// The Lovász hinge over groups of elements of `logits` (flat, `[M]`): for each group, the
/// hinge errors `1 - z (2y - 1)` are sorted in descending order and `relu(errors)` is dotted
/// with the Jaccard weights of the labels in that order; the result is the mean over groups.
/// Elements in no group do not contribute.
fn hinge_groups(logits: Tensor<1>, labels: &[f64], groups: &[Vec<usize>]) -> LossTensor {
    let m = logits.dims()[0];
    let signs: Vec<f64> = labels.iter().map(|y| 2.0 * y - 1.0).collect();
    let signs = numerics::tensor_like(&logits, signs, [m]);
    let errors = (logits * signs).neg().add_scalar(1.0);
    let eh = numerics::host_f64(&errors);
    let mut coef = vec![0.0; m];
    for g in groups {
        let e: Vec<f64> = g.iter().map(|&k| eh[k]).collect();
        let y: Vec<f64> = g.iter().map(|&k| labels[k]).collect();
        for (&k, w) in g.iter().zip(lovasz_weights(&e, &y)) {
            coef[k] = w / groups.len() as f64;
        }
    }
    let coef = numerics::tensor_like(&errors, coef, [m]);
    LossTensor::scalar((relu(errors) * coef).sum())
}

/// kornia `lovasz_hinge_loss(logits [B, 1, H, W], targets [B, H, W])`: the Lovász hinge of each
/// image, averaged over the batch. Targets are not validated (kornia uses their values as
/// they are).
pub fn lovasz_hinge_kornia(logits: Tensor<4>, targets: &[f64], tshape: [usize; 3]) -> Result<LossTensor, LossError> {
    let [b, one, h, w] = logits.dims();
    if one != 1 {
        return Err(LossError::shape(ID, "logits", "[B, 1, H, W]", fmt_shape(&logits.dims())));
    }
    if tshape != [b, h, w] {
        return Err(LossError::shape(ID, "targets", format!("[{b}, {h}, {w}] (the batch and spatial size of logits)"), fmt_shape(&tshape)));
    }
    numerics::non_empty(ID, "logits", &logits.dims())?;
    let n = h * w;
    let groups: Vec<Vec<usize>> = (0..b).map(|i| (i * n..(i + 1) * n).collect()).collect();
    Ok(hinge_groups(logits.reshape([b * n]), targets, &groups))
}

/// segmentation_models_pytorch `LovaszLoss(mode="binary" | "multilabel", per_image,
/// ignore_index)`: Berman's `lovasz_hinge` on `logits [B, *]` and as many labels; elements
/// labelled `ignore_index` are removed; one loss over all elements, or the mean of per-image
/// losses (an image with no element left counts 0).
pub fn lovasz_hinge_smp<const D: usize>(logits: Tensor<D>, targets: &[f64], per_image: bool, ignore_index: Option<i64>) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    numerics::non_empty(ID, "logits", &dims)?;
    let m: usize = dims.iter().product();
    if targets.len() != m {
        return Err(LossError::shape(ID, "targets", format!("{m} values (one per element of logits {})", fmt_shape(&dims)), format!("{} values", targets.len())));
    }
    let keep = |k: &usize| ignore_index.is_none_or(|ig| targets[*k] != ig as f64);
    let groups: Vec<Vec<usize>> = if per_image {
        let n = m / dims[0];
        (0..dims[0]).map(|i| (i * n..(i + 1) * n).filter(keep).collect()).collect()
    } else {
        vec![(0..m).filter(keep).collect()]
    };
    Ok(hinge_groups(logits.reshape([m]), targets, &groups))
}

/// The smp binary / multilabel path from an evaluator call (shared with lovasz-softmax's
/// `mode` parameter).
pub fn lovasz_hinge_smp_call(c: &Call, per_image: bool, ignore: Option<i64>) -> Result<LossTensor, LossError> {
    let shape = c.shape("logits")?.to_vec();
    numerics::inputs::check_float(c, "logits")?;
    let t = c.host("targets")?;
    if per_image && t.shape.first() != shape.first() {
        return Err(LossError::shape(c.loss, "targets", format!("batch {} (the batch of logits)", shape[0]), fmt_shape(&t.shape)));
    }
    let targets = t.as_f64();
    crate::eval::by_rank!(c, "logits", shape.len(), |D| lovasz_hinge_smp(c.float::<D>("logits")?, &targets, per_image, ignore))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("kornia") {
        "kornia" => {
            let shape = c.shape("logits")?.to_vec();
            let tshape = c.shape("targets")?.to_vec();
            if shape.len() != 4 {
                return Err(LossError::shape(ID, "logits", "[B, 1, H, W]", fmt_shape(&shape)));
            }
            if tshape.len() != 3 {
                return Err(LossError::shape(ID, "targets", "[B, H, W]", fmt_shape(&tshape)));
            }
            numerics::inputs::check_float(c, "logits")?;
            let targets = c.host("targets")?.as_f64();
            lovasz_hinge_kornia(c.float::<4>("logits")?, &targets, [tshape[0], tshape[1], tshape[2]])
        }
        "smp" => {
            let per_image = c.bool("per_image", false)?;
            let ignore = c.i64_opt("ignore_index")?;
            match c.str("mode", "binary")? {
                "binary" | "multilabel" => lovasz_hinge_smp_call(c, per_image, ignore),
                "multiclass" => {
                    let shape = c.shape("logits")?.to_vec();
                    numerics::inputs::check_float(c, "logits")?;
                    let targets = c.int_values("targets")?;
                    crate::eval::by_rank!(c, "logits", shape.len(), |D| super::lovasz_softmax::lovasz_softmax_smp(c.float::<D>("logits")?, targets, per_image, ignore))
                }
                other => Err(LossError::param(ID, "mode", "one of binary, multiclass, multilabel", format!("{other:?}"))),
            }
        }
        _ => Err(c.unknown_form(&["kornia", "smp"])),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn seg(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let t: Vec<i64> = (0..2 * 3 * 4).map(|k| ((k * 7 + seed as usize) % 3 == 0) as i64).collect();
        inputs(vec![("logits", randn(&[2, 1, 3, 4], seed, 1.5)), ("targets", i(&[2, 3, 4], &t))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Logits (2, -1, 0.5), labels (1, 1, 0): hinge errors (1 - 2, 1 + 1, 1 + 0.5) =
        // (-1, 2, 1.5). Sorted: 2 [fg], 1.5 [bg], -1 [fg]; G = 2.
        // J_1 = 1 - (2 - 1)/(2 + 0) = 1/2; J_2 = 1 - 1/(2 + 1) = 2/3; J_3 = 1 - 0/3 = 1.
        // Weights (1/2, 1/6, 1/3); loss = 2 * 1/2 + 1.5 * 1/6 + 0 = 1.25.
        let x = inputs(vec![("logits", f(&[1, 1, 1, 3], &[2.0, -1.0, 0.5])), ("targets", i(&[1, 1, 3], &[1, 1, 0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 1.25).abs() < 1e-12, "{:?}", ev.loss.floats);
        let ev = eval64(ID, Some("smp"), &params(json!({"mode": "binary"})), &x);
        assert!((ev.loss.floats[0] - 1.25).abs() < 1e-12, "{:?}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &seg(3));
        assert_gradcheck(ID, Some("smp"), &params(json!({"mode": "binary", "per_image": true})), &seg(4));
        assert_gradcheck(ID, Some("smp"), &params(json!({"mode": "binary", "ignore_index": 1})), &seg(5));
        // Near the hinge kink: errors 1 - |z| with |z| = 1 +- 1e-3.
        let x = inputs(vec![("logits", f(&[1, 1, 1, 4], &[1.001, -0.999, 0.3, -1.2])), ("targets", i(&[1, 1, 4], &[1, 0, 1, 0]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let mut x = seg(7);
            x.insert("logits".into(), randn(&[2, 1, 3, 4], 8, scale));
            assert_finite(ID, None, &params(json!({})), &x);
            assert_finite(ID, Some("smp"), &params(json!({"mode": "binary"})), &x);
        }
    }

    #[test]
    fn rejects_bad_inputs() {
        let two_channels = inputs(vec![("logits", randn(&[1, 2, 1, 2], 1, 1.0)), ("targets", i(&[1, 1, 2], &[0, 1]))]);
        assert_error(ID, None, &params(json!({})), &two_channels, ErrorKind::Shape);
        let mismatch = inputs(vec![("logits", randn(&[2, 1, 3, 4], 1, 1.0)), ("targets", i(&[1, 3, 4], &[0; 12]))]);
        assert_error(ID, None, &params(json!({})), &mismatch, ErrorKind::Shape);
        assert_error(ID, Some("smp"), &params(json!({"mode": "binary"})), &inputs(vec![("logits", randn(&[2, 1, 3, 4], 1, 1.0)), ("targets", i(&[2, 3, 3], &[0; 18]))]), ErrorKind::Shape);
        let empty = inputs(vec![("logits", f(&[0, 1, 1, 2], &[])), ("targets", i(&[0, 1, 2], &[]))]);
        assert_error(ID, None, &params(json!({})), &empty, ErrorKind::Empty);
        let int_logits = inputs(vec![("logits", i(&[1, 1, 1, 2], &[0, 1])), ("targets", i(&[1, 1, 2], &[0, 1]))]);
        assert_error(ID, None, &params(json!({})), &int_logits, ErrorKind::DType);
        assert_error(ID, Some("smp"), &params(json!({"mode": "hinge"})), &seg(1), ErrorKind::Param);
    }
}
