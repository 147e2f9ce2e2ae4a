//! Global mutual information loss: minus the mutual information of the intensities of two images,
//! estimated with Parzen windows (Gaussian or cubic B-spline) on fixed bins.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{fmt_shape, LossError};
use crate::eval::Call;
use crate::numerics::{self, reduce, LossTensor, Reduction};

const ID: &str = "global-mutual-information";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Global Mutual Information Loss",
    aliases: &["Parzen-window Mutual Information Loss", "Mattes Mutual Information"],
    kind: Kind::Loss,
    domains: &["registration", "medical"],
    year: 2003,
    paper: Paper {
        title: "PET-CT Image Registration in the Chest Using Free-form Deformations",
        authors: "Mattes, D., Haynor, D.R., Vesselle, H., Lewellen, T.K., Eubank, W.",
        venue: "IEEE TMI",
        year: 2003,
        url: "",
    },
    summary: "Estimates the joint and marginal intensity histograms of prediction and target with smooth Parzen kernels, so the mutual information is differentiable, and returns its negative. Mutual information only assumes a statistical dependence between intensities, so it is the standard similarity for multi-modal registration (for example PET to CT). With the Gaussian kernel intensities are clamped to [0, 1] (so values outside get no gradient); the b-spline variant rescales each image by its own range and uses a box kernel (no gradient) for the target. The number of bins and the kernel width trade bias against variance.",
    formula: r"L = -\sum_{a,b} p_{ab}\log\Big(\frac{p_{ab} + s_{nr}}{p_a\,p_b + s_{dr}} + s_{dr}\Big),\quad p_{ab} = \frac{1}{N}\sum_{v} w_a(x_v)\,w_b(y_v),\quad p_a = \frac{1}{N}\sum_v w_a(x_v)",
    inputs: &[
        Input { name: "pred", shape: "[B, C, *spatial]", meaning: "moved image, values in [0, 1]" },
        Input { name: "target", shape: "[B, C, *spatial]", meaning: "fixed image, values in [0, 1]" },
    ],
    params: &[
        Param { name: "kernel_type", symbol: "", default: Value::Str("gaussian"), range: Range::Choice { values: &["gaussian", "b-spline"] }, meaning: "Parzen kernel" },
        Param { name: "num_bins", symbol: "", default: Value::Int(23), range: Range::Integer { min: 2, max: i64::MAX }, meaning: "number of bins (at least 2 for gaussian, 5 for b-spline)" },
        Param { name: "sigma_ratio", symbol: "", default: Value::Float(0.5), range: Range::POSITIVE, meaning: "Gaussian width as a fraction of the bin spacing" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-07), range: Range::NON_NEGATIVE, meaning: "numerator constant in the log" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-07), range: Range::NON_NEGATIVE, meaning: "denominator constant in the log" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "monai.losses.GlobalMutualInformationLoss",
    ],
    related: &["mutual-information", "normalized-mutual-information", "local-normalized-cross-correlation"],
    forms: &[
        Form { name: "default", description: "monai.losses.GlobalMutualInformationLoss(kernel_type, num_bins, sigma_ratio, smooth_nr, smooth_dr, reduction): one value per sample over all its channels and voxels, then the reduction over the batch. gaussian: values clamped to [0, 1], bins at linspace(0, 1, num_bins), w_a(x) proportional to exp(-(x - c_a)^2 / (2 sigma^2)), sigma = sigma_ratio times the bin spacing. b-spline: each image scaled by its global range into bins 2..num_bins-3 (bin size (max - min) / (num_bins - 4)), a cubic B-spline window for pred and a box (order 0, no gradient) for target; every w normalised over the bins." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "one prediction voxel (other voxels and the target a fixed ramp in [0, 1])", from: -0.2, to: 1.2, at: plot_at }),
    ..Entry::BLANK
};

/// Eight voxels on a ramp in [0, 1], pred equal to the target but for voxel 3.
fn plot_at(x: f64) -> PlotInput {
    let target: Vec<f64> = (0..8).map(|k| k as f64 / 7.0).collect();
    let mut pred = target.clone();
    pred[3] = x;
    let h = |v: Vec<f64>| crate::eval::HostTensor::from_f64(vec![1, 1, 8], v);
    PlotInput { form: None, params: serde_json::json!({}), inputs: vec![("pred", h(pred)), ("target", h(target))], wrt: "pred", index: 3 }
}

/// The Parzen kernel of `monai.losses.GlobalMutualInformationLoss`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParzenKernel {
    Gaussian,
    BSpline,
}

/// Options of `monai.losses.GlobalMutualInformationLoss` (defaults are MONAI's).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GmiConfig {
    pub kernel_type: ParzenKernel,
    pub num_bins: usize,
    pub sigma_ratio: f64,
    pub smooth_nr: f64,
    pub smooth_dr: f64,
    pub reduction: Reduction,
}

impl Default for GmiConfig {
    fn default() -> Self {
        GmiConfig { kernel_type: ParzenKernel::Gaussian, num_bins: 23, sigma_ratio: 0.5, smooth_nr: 1e-7, smooth_dr: 1e-7, reduction: Reduction::Mean }
    }
}

impl GmiConfig {
    pub fn validate(&self) -> Result<(), LossError> {
        let min_bins = match self.kernel_type {
            ParzenKernel::Gaussian => 2,
            ParzenKernel::BSpline => 5,
        };
        if self.num_bins < min_bins {
            return Err(LossError::param(ID, "num_bins", format!("at least {min_bins} for this kernel"), self.num_bins.to_string()));
        }
        numerics::positive_param(ID, "sigma_ratio", self.sigma_ratio)?;
        numerics::non_negative_param(ID, "smooth_nr", self.smooth_nr)?;
        numerics::non_negative_param(ID, "smooth_dr", self.smooth_dr)?;
        Ok(())
    }
}

/// `torch.linspace(0, 1, n)` as torch's CPU kernel fills it (`start + step * i` in the first
/// half, `end - step * (n - 1 - i)` in the second), in f64: the reference cases were computed
/// with float64 as torch's default dtype, so MONAI's bin centres and `sigma` are f64 there.
fn linspace(n: usize) -> Vec<f64> {
    let step = 1.0 / (n - 1) as f64;
    let half = n / 2;
    (0..n).map(|i| if i < half { step * i as f64 } else { 1.0 - step * (n - 1 - i) as f64 }).collect()
}

/// Gaussian Parzen weights `[B, N, bins]` of samples `[B, N]` clamped to `[0, 1]`, normalised
/// over the bins; `sigma` is `sigma_ratio` times the mean bin spacing.
fn gaussian_weights(x: Tensor<2>, cfg: &GmiConfig) -> Tensor<3> {
    let [b, n] = x.dims();
    let centres = linspace(cfg.num_bins);
    let spacing = centres.windows(2).fold(0.0, |a, w| a + (w[1] - w[0])) / (cfg.num_bins - 1) as f64;
    let sigma = spacing * cfg.sigma_ratio;
    let preterm = 1.0 / (2.0 * (sigma * sigma));
    let c = numerics::tensor_like(&x, centres, [1, 1, cfg.num_bins]);
    let d = x.clamp(0.0, 1.0).reshape([b, n, 1]) - c;
    let w = (d.clone() * d).mul_scalar(-preterm).exp();
    let total = w.clone().sum_dim(2);
    w / total
}

/// B-spline Parzen weights `[B, N, bins]` (MONAI after ITK): every value of `img` (all samples
/// together) mapped to a bin coordinate in `[2, bins - 3]`, then a cubic B-spline (`order` 3)
/// or a box (`order` 0, no gradient) of the distance to each integer bin, normalised.
fn bspline_weights(img: Tensor<2>, bins: usize, order: u8) -> Tensor<3> {
    let [b, n] = img.dims();
    let hi = img.clone().max();
    let lo = img.clone().min();
    let bin_size = (hi - lo.clone()).mul_scalar(1.0 / (bins - 4) as f64);
    let norm_min = (lo / bin_size.clone()).sub_scalar(2.0);
    let window = (img / bin_size.reshape([1, 1])) - norm_min.reshape([1, 1]);
    let window = window.clamp(2.0, (bins - 3) as f64).reshape([b, n, 1]);
    let centres = numerics::tensor_like(&window, (0..bins).map(|i| i as f64).collect(), [1, 1, bins]);
    let s = (centres - window).abs();
    let w = if order == 0 {
        let inside = numerics::mask_to_float(s.clone().lower_elem(0.5), &s);
        let edge = numerics::mask_to_float(s.equal_elem(0.5), &inside);
        inside + edge.mul_scalar(0.5)
    } else {
        let s2 = s.clone() * s.clone();
        let s3 = s2.clone() * s.clone();
        let near = numerics::mask_to_float(s.clone().lower_elem(1.0), &s);
        let far = numerics::mask_to_float(s.clone().greater_equal_elem(1.0), &s) * numerics::mask_to_float(s.clone().lower_elem(2.0), &s);
        let two_minus = s.neg().add_scalar(2.0);
        let tail = two_minus.clone() * two_minus.clone() * two_minus;
        ((s3.mul_scalar(3.0) - s2.mul_scalar(6.0)).add_scalar(4.0) * near + tail * far).mul_scalar(1.0 / 6.0)
    };
    let total = w.clone().sum_dim(2);
    w / total
}

/// MONAI `GlobalMutualInformationLoss(...)(pred, target)` on rows `[B, N]` (all non-batch axes
/// flattened): `-reduction(mi)` with `mi_b = sum_{a,c} p_ac log((p_ac + s_nr) / (p_a p_c + s_dr) + s_dr)`.
pub fn global_mutual_information(pred: Tensor<2>, target: Tensor<2>, cfg: &GmiConfig) -> Result<LossTensor, LossError> {
    cfg.validate()?;
    let [b, n] = pred.dims();
    numerics::same_shape(ID, "target", &target.dims(), "pred", &[b, n])?;
    numerics::non_empty(ID, "pred", &[b, n])?;
    let (wa, wb) = match cfg.kernel_type {
        ParzenKernel::Gaussian => (gaussian_weights(pred, cfg), gaussian_weights(target, cfg)),
        ParzenKernel::BSpline => (bspline_weights(pred, cfg.num_bins, 3), bspline_weights(target, cfg.num_bins, 0)),
    };
    let pa = wa.clone().mean_dim(1); // [B, 1, bins]
    let pb = wb.clone().mean_dim(1);
    let count = numerics::full_like(&wa, [1, 1, 1], n as f64);
    let pab = wa.swap_dims(1, 2).matmul(wb) / count;
    let papb = pa.swap_dims(1, 2).matmul(pb);
    let ratio = pab.clone().add_scalar(cfg.smooth_nr) / papb.add_scalar(cfg.smooth_dr);
    let mi = (pab * ratio.add_scalar(cfg.smooth_dr).log()).sum_dim(2).sum_dim(1).reshape([b]);
    Ok(reduce(mi.neg(), cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("default") => {}
        Some(_) => return Err(c.unknown_form(&["default"])),
    }
    let kernel_type = match c.str("kernel_type", "gaussian")? {
        "gaussian" => ParzenKernel::Gaussian,
        "b-spline" => ParzenKernel::BSpline,
        other => return Err(LossError::param(ID, "kernel_type", "gaussian or b-spline", format!("{other:?}"))),
    };
    let num_bins = c.i64("num_bins", 23)?;
    if num_bins < 1 {
        return Err(LossError::param(ID, "num_bins", "a positive integer", num_bins.to_string()));
    }
    let cfg = GmiConfig {
        kernel_type,
        num_bins: num_bins as usize,
        sigma_ratio: c.f64("sigma_ratio", 0.5)?,
        smooth_nr: c.f64("smooth_nr", 1e-7)?,
        smooth_dr: c.f64("smooth_dr", 1e-7)?,
        reduction: c.reduction(Reduction::Mean)?,
    };
    cfg.validate()?;
    let shape = numerics::inputs::check_float(c, "pred")?;
    let tshape = numerics::inputs::check_float(c, "target")?;
    numerics::same_shape(ID, "target", &tshape, "pred", &shape)?;
    if shape.len() < 2 {
        return Err(LossError::shape(ID, "pred", "[B, *] with at least one axis after the batch", fmt_shape(&shape)));
    }
    let pred = numerics::inputs::per_sample_rows(c, "pred")?;
    let target = numerics::inputs::per_sample_rows(c, "target")?;
    global_mutual_information(pred, target, &cfg)
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
        // Two samples, b-spline with 5 bins: every value lands in bin 2 (the only valid one), so
        // p_ab is one-hot-like and identical to p_a p_b: mi = log(1 + 1e-7 ... ) terms only.
        // Hand value: w = [0, 1/6, 4/6, 1/6, 0] for pred, [0, 0, 1, 0, 0] for target, hence
        // p_ab = p_a p_b and mi = sum_a p_a log((p_a + nr) / (p_a + dr) + dr) = log(1 + dr).
        let x = inputs(vec![("pred", f(&[1, 2], &[0.2, 0.7])), ("target", f(&[1, 2], &[0.1, 0.4]))]);
        let got = eval64(ID, None, &params(json!({"kernel_type": "b-spline", "num_bins": 5})), &x).loss.floats[0];
        let want = -(1.0f64 + 1e-7).ln();
        assert!((got - want).abs() < 1e-15, "{got} vs {want}");
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("pred", uniform(&[2, 1, 4, 5], 4, 0.05, 0.95)), ("target", uniform(&[2, 1, 4, 5], 5, 0.05, 0.95))]);
        for p in [json!({"reduction": "sum"}), json!({"num_bins": 8, "sigma_ratio": 1.5, "smooth_nr": 1e-3})] {
            assert_gradcheck(ID, None, &params(p), &x);
        }
        assert_gradcheck_only(ID, None, &params(json!({"kernel_type": "b-spline", "num_bins": 12})), &x, Some(&["pred"]));
    }

    #[test]
    fn reductions_extremes_and_bad_inputs() {
        let x = inputs(vec![("pred", uniform(&[3, 2, 5], 1, 0.0, 1.0)), ("target", uniform(&[3, 2, 5], 2, 0.0, 1.0))]);
        let none = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(none.loss.shape, vec![3]);
        let mean = eval64(ID, None, &params(json!({})), &x).loss.floats[0];
        assert!((mean - none.loss.floats.iter().sum::<f64>() / 3.0).abs() < 1e-12);
        for (lo, hi) in [(0.0, 1.0), (-1e4, 1e4), (0.5, 0.5 + 1e-12)] {
            let y = inputs(vec![("pred", uniform(&[1, 1, 6], 3, lo, hi)), ("target", uniform(&[1, 1, 6], 4, lo, hi))]);
            assert_finite(ID, None, &params(json!({})), &y);
            assert_finite(ID, None, &params(json!({"kernel_type": "b-spline"})), &y);
        }
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("pred", f(&[1, 3], &[0.1, 0.2, 0.3])), ("target", f(&[1, 2], &[0.1, 0.2]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("pred", f(&[3], &[0.1, 0.2, 0.3])), ("target", f(&[3], &[0.1, 0.2, 0.3]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("pred", f(&[0, 2], &[])), ("target", f(&[0, 2], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("pred", i(&[1, 2], &[0, 1])), ("target", i(&[1, 2], &[0, 1]))]), ErrorKind::DType);
        for bad in [json!({"num_bins": 0}), json!({"num_bins": 1}), json!({"kernel_type": "b-spline", "num_bins": 4}), json!({"kernel_type": "parzen"}), json!({"sigma_ratio": 0.0}), json!({"smooth_dr": -1.0}), json!({"reduction": "max"})] {
            assert_error(ID, None, &params(bad), &x, ErrorKind::Param);
        }
    }
}
