//! Local normalized cross-correlation: minus the mean over voxels of the squared correlation between
//! prediction and target in a sliding window.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{fmt_shape, LossError};
use crate::eval::{by_rank, Call};
use crate::numerics::registration::{window_sum, window_volume, WindowKernel};
use crate::numerics::{self, reduce, LossTensor, Reduction};

const ID: &str = "local-normalized-cross-correlation";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Local Normalized Cross-Correlation Loss",
    aliases: &["LNCC", "Local NCC"],
    kind: Kind::Loss,
    domains: &["registration", "medical"],
    year: 2019,
    paper: Paper {
        title: "VoxelMorph: A Learning Framework for Deformable Medical Image Registration",
        authors: "Balakrishnan, G., Zhao, A., Sabuncu, M.R., Guttag, J., Dalca, A.V.",
        venue: "IEEE TMI",
        year: 2019,
        url: "https://arxiv.org/abs/1809.05231",
    },
    summary: "Computes means, variances and covariance of the two images in a local window around every voxel and averages the squared normalized cross-correlation, which is insensitive to local linear intensity changes; the loss is its negative. It is the standard similarity term for mono-modal deformable registration (VoxelMorph, ANTs). The window size sets the scale of the structures that are matched; MONAI's triangular kernel of size 3 degenerates to a zero loss.",
    formula: r"L = -\frac{1}{|\Omega|}\sum_{v} \frac{\big(S_{pt} - S_p S_t / V\big)^2 + s_{nr}}{\max(S_{tt} - S_t^2/V,\,s_{dr})\,\max(S_{pp} - S_p^2/V,\,s_{dr})},\quad S_f = (K * f)(v)",
    inputs: &[
        Input { name: "pred", shape: "[B, C, *spatial]", meaning: "moved (warped) image" },
        Input { name: "target", shape: "[B, C, *spatial]", meaning: "fixed image" },
    ],
    params: &[
        Param { name: "spatial_dims", symbol: "", default: Value::Int(3), range: Range::Integer { min: 1, max: 3 }, meaning: "number of spatial axes" },
        Param { name: "kernel_size", symbol: "", default: Value::Int(3), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "window size along every spatial axis (odd)" },
        Param { name: "kernel_type", symbol: "", default: Value::Str("rectangular"), range: Range::Choice { values: &["rectangular", "triangular", "gaussian"] }, meaning: "window weights" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "numerator constant" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "lower clamp of the two local variances" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "monai.losses.LocalNormalizedCrossCorrelationLoss",
    ],
    related: &["global-mutual-information", "mutual-information", "ssim", "bending-energy"],
    forms: &[
        Form { name: "default", description: "monai.losses.LocalNormalizedCrossCorrelationLoss: separable kernel with zero padding, V = sum of kernel weights; loss = -mean(ncc) over batch, channels and voxels." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "prediction at the centre of a 5 x 5 image (target a ramp)", from: -2.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

/// A 5 x 5 ramp target and a prediction equal to it but for the centre pixel.
fn plot_at(x: f64) -> PlotInput {
    let target: Vec<f64> = (0..25).map(|k| (k % 5) as f64 * 0.25 + (k / 5) as f64 * 0.1).collect();
    let mut pred = target.clone();
    pred[12] = x;
    let h = |v: Vec<f64>| crate::eval::HostTensor::from_f64(vec![1, 1, 5, 5], v);
    PlotInput { form: None, params: serde_json::json!({"spatial_dims": 2}), inputs: vec![("pred", h(pred)), ("target", h(target))], wrt: "pred", index: 12 }
}

/// Options of `monai.losses.LocalNormalizedCrossCorrelationLoss` (defaults are MONAI's; the
/// number of spatial axes is the rank of the inputs minus 2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LnccConfig {
    pub kernel_size: usize,
    pub kernel_type: WindowKernel,
    pub smooth_nr: f64,
    pub smooth_dr: f64,
    pub reduction: Reduction,
}

impl Default for LnccConfig {
    fn default() -> Self {
        LnccConfig { kernel_size: 3, kernel_type: WindowKernel::Rectangular, smooth_nr: 0.0, smooth_dr: 1e-5, reduction: Reduction::Mean }
    }
}

impl LnccConfig {
    pub fn validate(&self) -> Result<(), LossError> {
        if self.kernel_size % 2 == 0 {
            return Err(LossError::param(ID, "kernel_size", "an odd positive integer", self.kernel_size.to_string()));
        }
        numerics::non_negative_param(ID, "smooth_nr", self.smooth_nr)?;
        numerics::non_negative_param(ID, "smooth_dr", self.smooth_dr)?;
        Ok(())
    }
}

/// MONAI `LocalNormalizedCrossCorrelationLoss(spatial_dims = D - 2, ...)(pred, target)` on
/// `[B, C, *spatial]` inputs: windowed sums `S` (separable kernel, zero padding), `V` the sum of
/// the kernel weights, `ncc = ((S_pt - S_p S_t / V)^2 + s_nr) / (max(S_tt - S_t^2 / V, s_dr)
/// max(S_pp - S_p^2 / V, s_dr))` per voxel, minus its reduction.
pub fn local_normalized_cross_correlation<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &LnccConfig) -> Result<LossTensor, LossError> {
    cfg.validate()?;
    let shape = pred.dims();
    numerics::same_shape(ID, "target", &target.dims(), "pred", &shape)?;
    if !(3..=5).contains(&D) {
        return Err(LossError::shape(ID, "pred", "[B, C, *spatial] with 1 to 3 spatial axes", fmt_shape(&shape)));
    }
    numerics::non_empty(ID, "pred", &shape)?;
    let w = cfg.kernel_type.weights(cfg.kernel_size);
    let inv_vol = 1.0 / window_volume(&w, D - 2);
    let s = |x: Tensor<D>| window_sum(x, &w);
    let t_sum = s(target.clone());
    let p_sum = s(pred.clone());
    let t2_sum = s(target.clone() * target.clone());
    let p2_sum = s(pred.clone() * pred.clone());
    let tp_sum = s(target * pred);
    let t_avg = t_sum.clone().mul_scalar(inv_vol);
    let p_avg = p_sum.clone().mul_scalar(inv_vol);
    let cross = tp_sum - p_avg.clone() * t_sum.clone();
    // torch.max(var, smooth_dr): the clamp value carries no gradient.
    let floor = |v: Tensor<D>| {
        let low = v.clone().lower_elem(cfg.smooth_dr);
        let dr = numerics::full_like(&v, v.dims(), cfg.smooth_dr);
        v.mask_where(low, dr)
    };
    let t_var = floor(t2_sum - t_avg * t_sum);
    let p_var = floor(p2_sum - p_avg * p_sum);
    let ncc = (cross.clone() * cross).add_scalar(cfg.smooth_nr) / (t_var * p_var);
    Ok(reduce(ncc.neg(), cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("default") => {}
        Some(_) => return Err(c.unknown_form(&["default"])),
    }
    let spatial_dims = c.i64("spatial_dims", 3)?;
    let kernel_size = c.i64("kernel_size", 3)?;
    let kernel_type = WindowKernel::parse(ID, c.str("kernel_type", "rectangular")?)?;
    let smooth_nr = c.f64("smooth_nr", 0.0)?;
    let smooth_dr = c.f64("smooth_dr", 1e-5)?;
    let reduction = c.reduction(Reduction::Mean)?;
    if !(1..=3).contains(&spatial_dims) {
        return Err(LossError::param(ID, "spatial_dims", "1, 2 or 3", spatial_dims.to_string()));
    }
    if kernel_size < 1 {
        return Err(LossError::param(ID, "kernel_size", "an odd positive integer", kernel_size.to_string()));
    }
    let cfg = LnccConfig { kernel_size: kernel_size as usize, kernel_type, smooth_nr, smooth_dr, reduction };
    cfg.validate()?;
    let shape = numerics::inputs::check_float(c, "pred")?;
    let tshape = numerics::inputs::check_float(c, "target")?;
    numerics::same_shape(ID, "target", &tshape, "pred", &shape)?;
    if shape.len() != spatial_dims as usize + 2 {
        return Err(LossError::shape(ID, "pred", format!("[B, C, *spatial] with spatial_dims = {spatial_dims} spatial axes"), fmt_shape(&shape)));
    }
    by_rank!(c, "pred", shape.len(), |R| local_normalized_cross_correlation(c.float::<R>("pred")?, c.float::<R>("target")?, &cfg))
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
    fn value_is_the_formula() {
        // 1-D, rectangular window of 3, two voxels [a, b] vs [c, d]: with zero padding both
        // windows cover the whole signal (V = 3), so both voxels have
        // cross = ac + bd - (a + b)(c + d) / 3 and the variances sum(x^2) - sum(x)^2 / 3.
        let (a, b, cc, d) = (0.3, 0.9, 0.2, 0.5);
        let cross: f64 = a * cc + b * d - (a + b) * (cc + d) / 3.0;
        let vp: f64 = a * a + b * b - (a + b) * (a + b) / 3.0;
        let vt: f64 = cc * cc + d * d - (cc + d) * (cc + d) / 3.0;
        let want = -(cross * cross) / (vp * vt);
        let x = inputs(vec![("pred", f(&[1, 1, 2], &[a, b])), ("target", f(&[1, 1, 2], &[cc, d]))]);
        let got = eval64(ID, None, &params(json!({"spatial_dims": 1})), &x).loss.floats[0];
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        // Identical images with enough local variation: loss -1 (ncc^2 = 1) away from the clamp.
        let p = randn(&[1, 1, 6, 6], 3, 1.0);
        let none = eval64(ID, None, &params(json!({"spatial_dims": 2, "reduction": "none"})), &inputs(vec![("pred", p.clone()), ("target", p)]));
        assert!(none.loss.floats.iter().all(|v| (v + 1.0).abs() < 1e-9), "{:?}", none.loss.floats);
        // MONAI's triangular window of 3 is [0, 1, 0]: every variance is clamped, loss 0.
        let x = inputs(vec![("pred", randn(&[1, 1, 5, 5], 1, 1.0)), ("target", randn(&[1, 1, 5, 5], 2, 1.0))]);
        let tri = eval64(ID, None, &params(json!({"spatial_dims": 2, "kernel_type": "triangular"})), &x).loss.floats[0];
        assert_eq!(tri, 0.0);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (shape, kt, k) in [(vec![2, 1, 9], "rectangular", 5), (vec![1, 2, 6, 7], "gaussian", 3), (vec![1, 1, 7, 6], "triangular", 5), (vec![1, 1, 4, 5, 4], "rectangular", 3), (vec![1, 1, 4, 5, 4], "triangular", 7)] {
            let p = params(json!({"spatial_dims": shape.len() - 2, "kernel_type": kt, "kernel_size": k, "smooth_nr": 1e-3, "reduction": "sum"}));
            assert_gradcheck(ID, None, &p, &inputs(vec![("pred", randn(&shape, 4, 1.0)), ("target", randn(&shape, 5, 1.0))]));
        }
    }

    #[test]
    fn reductions_extremes_and_bad_inputs() {
        let x = inputs(vec![("pred", randn(&[2, 2, 5, 6], 1, 1.0)), ("target", randn(&[2, 2, 5, 6], 2, 1.0))]);
        let p2 = |extra: serde_json::Value| {
            let mut m = params(json!({"spatial_dims": 2}));
            m.extend(params(extra));
            m
        };
        let none = eval64(ID, None, &p2(json!({"reduction": "none"})), &x);
        assert_eq!(none.loss.shape, vec![2, 2, 5, 6]);
        let sum = eval64(ID, None, &p2(json!({"reduction": "sum"})), &x).loss.floats[0];
        let mean = eval64(ID, None, &p2(json!({})), &x).loss.floats[0];
        assert!((sum - none.loss.floats.iter().sum::<f64>()).abs() < 1e-9);
        assert!((mean - sum / 120.0).abs() < 1e-12);
        for scale in [1e-12, 1e12] {
            assert_finite(ID, None, &p2(json!({"kernel_type": "gaussian", "kernel_size": 5})), &inputs(vec![("pred", randn(&[1, 1, 6, 6], 2, scale)), ("target", randn(&[1, 1, 6, 6], 3, scale))]));
        }
        let p = p2(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("pred", randn(&[1, 1, 5, 5], 1, 1.0)), ("target", randn(&[1, 1, 5, 4], 1, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("pred", f(&[0, 1, 5, 5], &[])), ("target", f(&[0, 1, 5, 5], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("pred", i(&[1, 1, 2, 2], &[0; 4])), ("target", i(&[1, 1, 2, 2], &[0; 4]))]), ErrorKind::DType);
        for bad in [json!({"kernel_size": 4}), json!({"kernel_size": 0}), json!({"kernel_type": "box"}), json!({"smooth_dr": -1.0}), json!({"smooth_nr": -1.0}), json!({"spatial_dims": 4}), json!({"reduction": "max"})] {
            assert_error(ID, None, &p2(bad), &x, ErrorKind::Param);
        }
    }
}
