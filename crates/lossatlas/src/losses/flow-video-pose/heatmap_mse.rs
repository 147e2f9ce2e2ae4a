//! Heatmap regression: predict one confidence map per keypoint and regress it onto a Gaussian
//! centred at the annotated location with a mean squared error.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::{self, LossTensor, inputs::check_float};

const ID: &str = "heatmap-mse";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Heatmap MSE Loss",
    aliases: &["Heatmap Regression Loss", "Keypoint MSE Loss", "JointsMSELoss"],
    kind: Kind::Loss,
    domains: &["flow-video-pose", "regression"],
    year: 2014,
    paper: Paper {
        title: "Joint Training of a Convolutional Network and a Graphical Model for Human Pose Estimation",
        authors: "Jonathan Tompson, Arjun Jain, Yann LeCun, Christoph Bregler",
        venue: "NeurIPS 2014",
        year: 2014,
        url: "https://arxiv.org/abs/1406.2984",
    },
    summary: "Instead of regressing coordinates, the network outputs a heatmap per joint and is trained with the mean squared error against target heatmaps holding a small 2D Gaussian at the ground-truth location; the location is read off with an argmax (plus sub-pixel refinement). This keeps the spatial structure of the output and became the standard of 2D pose estimation (Stacked Hourglass, SimpleBaseline, HRNet). Pitfalls: most pixels are background, so the loss is dominated by near-zero targets; the heatmap resolution quantizes coordinates; invisible joints are usually masked with per-joint target weights.",
    formula: r"\mathcal{L}_{\text{SimpleBaselines}} = \frac{1}{2NKP}\sum_{n,k,p} \big(v_{nk}\hat H_{nk}(p) - v_{nk}H_{nk}(p)\big)^2,\qquad \mathcal{L}_{\text{mmpose}} = \frac{\lambda}{NKP}\sum_{n,k,p} m_{nkp}\big(\hat H_{nk}(p) - H_{nk}(p)\big)^2",
    inputs: &[
        Input { name: "pred", shape: "[N, K, H, W] (or [N, K, *])", meaning: "predicted heatmaps, one channel per keypoint" },
        Input { name: "target", shape: "as pred", meaning: "target heatmaps (usually Gaussians at the keypoints)" },
        Input { name: "weights", shape: "[N, K] (or [N, K, 1])", meaning: "optional per-keypoint target weights v (visibility); given means use_target_weight" },
        Input { name: "mask", shape: "as pred, any axis may be 1", meaning: "form mmpose: optional mask of valid heatmap pixels, multiplied into m" },
    ],
    params: &[
        Param { name: "skip_empty_channel", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "form mmpose: channels whose target is all zero get weight 0 (they still count in the mean)" },
        Param { name: "loss_weight", symbol: r"\lambda", default: Value::Float(1.0), range: Range::REAL, meaning: "form mmpose: factor on the loss" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["mmpose.models.losses.KeypointMSELoss"],
    related: &["mse", "intermediate-supervision", "integral-regression", "simcc", "adaptive-wing"],
    forms: &[
        Form { name: "simplebaselines", description: "JointsMSELoss of Simple Baselines / HRNet (Xiao et al. 2018): for each keypoint 0.5 * mean over batch and pixels of (w * pred - w * target)^2 (the weight enters squared), averaged over keypoints, which is half the mean over all elements." },
        Form { name: "mmpose", description: "mmpose KeypointMSELoss(skip_empty_channel, loss_weight)(output, target, target_weights, mask): loss_weight * mean((pred - target)^2 * m), where m is the product of the per-keypoint weights (not squared), the pixel mask and, with skip_empty_channel, the indicator that a channel's target has a non-zero value; without any of them the plain mean." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "predicted value at the target's peak (peak 1, background 0)", from: -1.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("pred", HostTensor::from_f64(vec![1, 1, 1, 2], vec![x, 0.0])), ("target", HostTensor::from_f64(vec![1, 1, 1, 2], vec![1.0, 0.0]))],
        wrt: "pred",
        index: 0,
    }
}

/// Which implementation's weighting and scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HeatmapMseForm {
    /// Simple Baselines `JointsMSELoss`: `0.5 * mean((w p - w t)^2)`.
    #[default]
    SimpleBaselines,
    /// mmpose `KeypointMSELoss`: `loss_weight * mean((p - t)^2 * mask)`.
    Mmpose,
}

/// Options of [`heatmap_mse`]; `Default` equals the references' defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeatmapMseConfig {
    pub form: HeatmapMseForm,
    /// mmpose: zero the weight of channels whose target has no non-zero value.
    pub skip_empty_channel: bool,
    /// mmpose: factor on the loss.
    pub loss_weight: f64,
}

impl Default for HeatmapMseConfig {
    fn default() -> Self {
        HeatmapMseConfig { form: HeatmapMseForm::SimpleBaselines, skip_empty_channel: false, loss_weight: 1.0 }
    }
}

/// `[N, K]` values reshaped to `[N, K, 1, ..., 1]` of rank `D`.
fn per_channel<const D: usize>(w: Tensor<2>) -> Tensor<D> {
    let [n, k] = w.dims();
    let mut shape = [1usize; D];
    shape[0] = n;
    shape[1] = k;
    w.reshape(shape)
}

/// Heatmap MSE on `pred` and `target` `[N, K, *]` with optional per-keypoint `weights` `[N, K]`
/// and (mmpose form) a pixel `mask` broadcastable to `pred`. A scalar.
pub fn heatmap_mse<const D: usize>(pred: Tensor<D>, target: Tensor<D>, weights: Option<Tensor<2>>, mask: Option<Tensor<D>>, cfg: &HeatmapMseConfig) -> Result<LossTensor, LossError> {
    let dims = pred.dims();
    if D < 3 {
        return Err(LossError::shape(ID, "pred", "shape [N, K, H, W] (rank >= 3)", fmt_shape(&dims)));
    }
    numerics::same_shape(ID, "target", &target.dims(), "pred", &dims)?;
    numerics::non_empty(ID, "pred", &dims)?;
    if let Some(w) = &weights {
        numerics::same_shape(ID, "weights", &w.dims(), "the first two axes of pred", &dims[..2])?;
    }
    numerics::finite_param(ID, "loss_weight", cfg.loss_weight)?;
    match cfg.form {
        HeatmapMseForm::SimpleBaselines => {
            if mask.is_some() {
                return Err(LossError::unsupported(ID, "mask", "no mask in form simplebaselines (use form mmpose)", "a mask"));
            }
            if cfg.skip_empty_channel || cfg.loss_weight != 1.0 {
                return Err(LossError::param(ID, "skip_empty_channel", "skip_empty_channel and loss_weight only in form mmpose", "one of them set"));
            }
            let diff = match weights {
                Some(w) => {
                    let w = per_channel::<D>(w);
                    pred * w.clone() - target * w
                }
                None => pred - target,
            };
            Ok(LossTensor::scalar(diff.square().mean().mul_scalar(0.5)))
        }
        HeatmapMseForm::Mmpose => {
            let mut m: Option<Tensor<D>> = None;
            if let Some(mk) = mask {
                let md = mk.dims();
                if md.iter().zip(&dims).any(|(a, b)| a != b && *a != 1) {
                    return Err(LossError::shape(ID, "mask", format!("a shape of rank {D} with each axis equal to pred's {} or 1", fmt_shape(&dims)), fmt_shape(&md)));
                }
                m = Some(mk);
            }
            let mul = |m: Option<Tensor<D>>, x: Tensor<D>| Some(match m {
                Some(m) => m * x,
                None => x,
            });
            if let Some(w) = weights {
                m = mul(m, per_channel::<D>(w));
            }
            if cfg.skip_empty_channel {
                let (n, k) = (dims[0], dims[1]);
                let per = dims[2..].iter().product::<usize>();
                let t = numerics::host_f64(&target);
                let nonempty: Vec<f64> = (0..n * k).map(|c| if t[c * per..(c + 1) * per].iter().any(|v| *v != 0.0) { 1.0 } else { 0.0 }).collect();
                m = mul(m, per_channel::<D>(numerics::tensor_like(&target, nonempty, [n, k])));
            }
            let sq = (pred - target).square();
            let loss = match m {
                Some(m) => (sq * m).mean(),
                None => sq.mean(),
            };
            Ok(LossTensor::scalar(loss.mul_scalar(cfg.loss_weight)))
        }
    }
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = match c.form() {
        None | Some("simplebaselines") => HeatmapMseForm::SimpleBaselines,
        Some("mmpose") => HeatmapMseForm::Mmpose,
        _ => return Err(c.unknown_form(&["simplebaselines", "mmpose"])),
    };
    let cfg = HeatmapMseConfig { form, skip_empty_channel: c.bool("skip_empty_channel", false)?, loss_weight: c.f64("loss_weight", 1.0)? };
    let shape = check_float(c, "pred")?;
    numerics::same_shape(ID, "target", c.shape("target")?, "pred", &shape)?;
    let rank = shape.len();
    if rank < 3 {
        return Err(LossError::shape(ID, "pred", "shape [N, K, H, W] (rank >= 3)", fmt_shape(&shape)));
    }
    let weights = match c.host_opt("weights") {
        None => None,
        Some(w) => {
            let ok = w.shape == shape[..2] || (w.shape.len() == 3 && w.shape[..2] == shape[..2] && w.shape[2] == 1);
            if !ok {
                return Err(LossError::shape(ID, "weights", format!("shape [{}, {}] (one weight per keypoint)", shape[0], shape[1]), fmt_shape(&w.shape)));
            }
            Some(c.float_reshaped::<2>("weights", [shape[0], shape[1]])?)
        }
    };
    if let Some(m) = c.host_opt("mask") {
        if m.shape.len() != rank {
            return Err(LossError::shape(ID, "mask", format!("rank {rank} (that of pred)"), fmt_shape(&m.shape)));
        }
    }
    by_rank!(c, "pred", rank, |R| {
        let mask = if c.has("mask") { Some(c.float::<R>("mask")?) } else { None };
        heatmap_mse(c.float::<R>("pred")?, c.float::<R>("target")?, weights, mask, &cfg)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let base = || vec![("pred", randn(&[2, 3, 4, 5], 91, 1.0)), ("target", uniform(&[2, 3, 4, 5], 92, 0.0, 1.0))];
        assert_gradcheck(ID, None, &params(json!({})), &inputs(base()));
        let mut w = base();
        w.push(("weights", uniform(&[2, 3], 93, 0.0, 2.0)));
        assert_gradcheck(ID, None, &params(json!({})), &inputs(w.clone()));
        assert_gradcheck(ID, Some("mmpose"), &params(json!({"loss_weight": 2.0})), &inputs(w.clone()));
        w.push(("mask", uniform(&[2, 1, 4, 5], 94, 0.0, 1.0)));
        assert_gradcheck(ID, Some("mmpose"), &params(json!({"skip_empty_channel": true})), &inputs(w));
        // A 3-D heatmap [N, K, D, H, W].
        assert_gradcheck(ID, Some("mmpose"), &params(json!({})), &inputs(vec![("pred", randn(&[1, 2, 2, 3, 3], 95, 1.0)), ("target", randn(&[1, 2, 2, 3, 3], 96, 1.0))]));
    }

    #[test]
    fn value_is_the_formula() {
        // Two keypoints of two pixels: pred (1, 0 | 2, 2), target (0, 0 | 1, 1); weights (2, 1).
        let pred = || f(&[1, 2, 1, 2], &[1.0, 0.0, 2.0, 2.0]);
        let target = || f(&[1, 2, 1, 2], &[0.0, 0.0, 1.0, 1.0]);
        let plain = inputs(vec![("pred", pred()), ("target", target())]);
        // Squared errors 1, 0, 1, 1: SimpleBaselines 0.5 * 3/4, mmpose 3/4.
        assert!((eval64(ID, None, &params(json!({})), &plain).loss.floats[0] - 0.375).abs() < 1e-15);
        assert!((eval64(ID, Some("mmpose"), &params(json!({})), &plain).loss.floats[0] - 0.75).abs() < 1e-15);
        let weighted = inputs(vec![("pred", pred()), ("target", target()), ("weights", f(&[1, 2], &[2.0, 1.0]))]);
        // SimpleBaselines squares the weight: 0.5 * (4 + 0 + 1 + 1) / 4; mmpose does not: (2 + 0 + 1 + 1) / 4.
        assert!((eval64(ID, None, &params(json!({})), &weighted).loss.floats[0] - 0.75).abs() < 1e-15);
        assert!((eval64(ID, Some("mmpose"), &params(json!({"loss_weight": 0.5})), &weighted).loss.floats[0] - 0.5).abs() < 1e-15);
        // skip_empty_channel: keypoint 0's target is all zero, so only keypoint 1 counts (2 / 4).
        assert!((eval64(ID, Some("mmpose"), &params(json!({"skip_empty_channel": true})), &plain).loss.floats[0] - 0.5).abs() < 1e-15);
        // A [N, K, 1] weight (Simple Baselines' layout) is accepted.
        let w3 = inputs(vec![("pred", pred()), ("target", target()), ("weights", f(&[1, 2, 1], &[2.0, 1.0]))]);
        assert!((eval64(ID, None, &params(json!({})), &w3).loss.floats[0] - 0.75).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e12] {
            let mut p = randn(&[1, 2, 3, 3], 97, 1.0);
            p.floats.iter_mut().for_each(|v| *v *= scale);
            let x = inputs(vec![("pred", p), ("target", uniform(&[1, 2, 3, 3], 98, 0.0, 1.0)), ("weights", f(&[1, 2], &[0.0, 1.0]))]);
            assert_finite(ID, None, &params(json!({})), &x);
            assert_finite(ID, Some("mmpose"), &params(json!({"skip_empty_channel": true})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let good = || vec![("pred", randn(&[2, 3, 4, 4], 1, 1.0)), ("target", randn(&[2, 3, 4, 4], 2, 1.0))];
        assert_error(ID, None, &p, &inputs(vec![("pred", randn(&[2, 3, 4, 4], 1, 1.0)), ("target", randn(&[2, 3, 4, 5], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("pred", randn(&[4, 4], 1, 1.0)), ("target", randn(&[4, 4], 2, 1.0))]), ErrorKind::Shape);
        let mut w = good();
        w.push(("weights", randn(&[2, 4], 3, 1.0)));
        assert_error(ID, None, &p, &inputs(w), ErrorKind::Shape);
        let mut m = good();
        m.push(("mask", randn(&[2, 2, 4, 4], 3, 1.0)));
        assert_error(ID, Some("mmpose"), &p, &inputs(m.clone()), ErrorKind::Shape);
        let mut m1 = good();
        m1.push(("mask", randn(&[2, 1, 4, 4], 3, 1.0)));
        assert_error(ID, None, &p, &inputs(m1), ErrorKind::Unsupported);
        assert_error(ID, None, &params(json!({"loss_weight": 2.0})), &inputs(good()), ErrorKind::Param);
        assert_error(ID, Some("mmpose"), &params(json!({"skip_empty_channel": 1.5})), &inputs(good()), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(vec![("pred", f(&[0, 3, 4, 4], &[])), ("target", f(&[0, 3, 4, 4], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("pred", i(&[1, 1, 1, 2], &[0, 1])), ("target", f(&[1, 1, 1, 2], &[0.0, 1.0]))]), ErrorKind::DType);
        assert_error(ID, None, &p, &inputs(vec![("pred", randn(&[2, 3, 4, 4], 1, 1.0))]), ErrorKind::Missing);
    }
}
