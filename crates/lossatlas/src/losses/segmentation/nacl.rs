//! NACL: cross-entropy plus a linear penalty pulling the logits towards the local class proportions
//! of the neighbouring labels, for calibrated segmentation.

use burn::tensor::{DType, Device, Int, Tensor, TensorData};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::losses::classification::cross_entropy::{CrossEntropyConfig, cross_entropy};
use crate::numerics::{self, LossTensor};

const ID: &str = "nacl";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Neighbor-Aware Calibration Loss (NACL)",
    aliases: &["NACL"],
    kind: Kind::Loss,
    domains: &["segmentation", "calibration-fairness", "medical"],
    year: 2023,
    paper: Paper {
        title: "Trust your neighbours: Penalty-based constraints for model calibration",
        authors: "Murugesan, B. et al.",
        venue: "MICCAI",
        year: 2023,
        url: "https://arxiv.org/abs/2303.06268",
    },
    summary: "Smooths the one-hot label map with a mean or Gaussian filter to obtain, per pixel, the class proportions of its neighbourhood, and adds alpha times the L1 (or squared) distance between these proportions and the raw logits to the cross-entropy. This gives the calibration benefit of spatially varying label smoothing with an explicit, controllable penalty. The penalty acts on logits, not probabilities, so alpha must be tuned to the logit scale.",
    formula: r"L = -\frac{1}{|\Omega|}\sum_{i}\log\frac{e^{x_{i y_i}}}{\sum_c e^{x_{ic}}} + \alpha\,\frac{1}{|\Omega| C}\sum_{i,c}\big|u_{ic} - x_{ic}\big|^{q},\quad u = K * \operatorname{onehot}(y),\ q \in \{1, 2\}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, H, W] or [B, C, H, W, D]", meaning: "class scores (raw logits: the penalty acts on them directly)" },
        Input { name: "targets", shape: "[B, H, W] or [B, H, W, D] (i64)", meaning: "class labels in [0, classes)" },
    ],
    params: &[
        Param { name: "classes", symbol: "C", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of classes (required by MONAI; taken from logits when absent)" },
        Param { name: "dim", symbol: "", default: Value::Null, range: Range::Integer { min: 2, max: 3 }, meaning: "spatial dimensions, 2 or 3 (required by MONAI; taken from logits when absent)" },
        Param { name: "kernel_size", symbol: "", default: Value::Int(3), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "size of the mean filter (unused by the Gaussian filter, whose support is 4 sigma)" },
        Param { name: "kernel_ops", symbol: "", default: Value::Str("mean"), range: Range::Choice { values: &["mean", "gaussian"] }, meaning: "filter type" },
        Param { name: "distance_type", symbol: "", default: Value::Str("l1"), range: Range::Choice { values: &["l1", "l2"] }, meaning: "penalty type" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.1), range: Range::NON_NEGATIVE, meaning: "weight of the penalty" },
        Param { name: "sigma", symbol: r"\sigma", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "standard deviation of the Gaussian filter (0 leaves the one-hot map unchanged)" },
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
        "monai.losses.NACLLoss",
    ],
    related: &["cross-entropy", "label-smoothing", "temperature-scaling"],
    forms: &[
        Form { name: "default", description: "monai.losses.NACLLoss(classes, dim, kernel_size, kernel_ops, distance_type, alpha, sigma): PyTorch cross-entropy (mean over pixels) plus alpha times the mean over all elements of |u - x| (l1) or (u - x)^2 (l2), where u is the one-hot label map smoothed per class with zero padding: a box filter of kernel_size^dim normalized by kernel_size^dim ('same' padding, as torch) or MONAI's separable erf-Gaussian of std sigma truncated at 4 sigma (unnormalized, as MONAI). As in MONAI, u is computed in float32 (rounded here), which limits agreement to about 1e-7 relative." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the true class at one pixel (others 0)", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

/// A 2 x 2 image of class 0, two classes; the class-0 logit of the first pixel varies.
fn plot_at(x: f64) -> PlotInput {
    let mut logits = vec![0.0; 8];
    logits[0] = x;
    PlotInput {
        form: None,
        params: serde_json::json!({"classes": 2, "dim": 2}),
        inputs: vec![
            ("logits", crate::eval::HostTensor::from_f64(vec![1, 2, 2, 2], logits)),
            ("targets", crate::eval::HostTensor::from_i64(vec![1, 2, 2], vec![0; 4])),
        ],
        wrt: "logits",
        index: 0,
    }
}


/// The spatial filter that turns the one-hot labels into neighbourhood class proportions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NaclKernel {
    /// Box filter of `kernel_size` per axis, normalized to sum 1 (MONAI `MeanFilter` divided
    /// by `kernel_size^dim`).
    Mean(usize),
    /// MONAI `GaussianFilter(sigma)`: separable erf-Gaussian truncated at 4 sigma.
    Gaussian(f64),
}

/// The penalty between the smoothed labels and the logits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NaclDistance {
    L1,
    L2,
}

/// Options of MONAI's `NACLLoss` (besides `classes` and `dim`, which the shapes give).
#[derive(Debug, Clone, PartialEq)]
pub struct NaclConfig {
    pub kernel: NaclKernel,
    pub distance: NaclDistance,
    pub alpha: f64,
}

impl Default for NaclConfig {
    fn default() -> Self {
        NaclConfig { kernel: NaclKernel::Mean(3), distance: NaclDistance::L1, alpha: 0.1 }
    }
}

/// MONAI `gaussian_1d(sigma, truncated=4, approx="erf")` in float32: the mass of a unit normal
/// of std sigma on `[x - 0.5, x + 0.5]` for integer `x` in `[-tail, tail]`, not normalized.
fn gaussian_kernel(sigma: f64) -> Vec<f64> {
    // MONAI stores sigma as a float32 parameter.
    let sigma = sigma as f32 as f64;
    let tail = ((sigma * 4.0).max(0.5) + 0.5) as usize;
    if sigma == 0.0 {
        let mut k = vec![0.0; 2 * tail + 1];
        k[tail] = 1.0;
        return k;
    }
    let t = (0.70710678f32 / sigma as f32) as f64;
    let xs: Vec<f64> = (-(tail as i64)..=tail as i64).map(|x| x as f64).collect();
    let erf = |v: Vec<f64>| {
        let n = v.len();
        let t = Tensor::<1>::from_data(TensorData::new(v, [n]), (&Device::flex(), DType::F64));
        numerics::host_f64(&t.erf())
    };
    let hi = erf(xs.iter().map(|x| t * (x + 0.5)).collect());
    let lo = erf(xs.iter().map(|x| t * (x - 0.5)).collect());
    hi.iter().zip(lo).map(|(h, l)| (0.5 * (h - l)).max(0.0) as f32 as f64).collect()
}

/// Correlates every line along `axis` of a row-major array of `shape` with `kernel`, reading
/// zeros outside (`left` zeros before the first element).
fn filter_axis(data: &[f64], shape: &[usize], axis: usize, kernel: &[f64], left: usize) -> Vec<f64> {
    let len = shape[axis];
    let inner: usize = shape[axis + 1..].iter().product();
    let outer: usize = shape[..axis].iter().product();
    let mut out = vec![0.0; data.len()];
    for o in 0..outer {
        for i in 0..len {
            for r in 0..inner {
                let mut acc = 0.0;
                for (j, w) in kernel.iter().enumerate() {
                    let src = i as i64 - left as i64 + j as i64;
                    if src >= 0 && (src as usize) < len {
                        acc += w * data[(o * len + src as usize) * inner + r];
                    }
                }
                out[(o * len + i) * inner + r] = acc;
            }
        }
    }
    out
}

/// The smoothed one-hot labels `u [B, C, *S]` of MONAI's `get_constr_target`, rounded to
/// float32 as MONAI computes them.
pub fn smoothed_labels(labels: &[i64], shape: &[usize], classes: usize, kernel: NaclKernel) -> Vec<f64> {
    let b = shape[0];
    let spatial = &shape[1..];
    let s: usize = spatial.iter().product();
    let mut u = vec![0.0; b * classes * s];
    for i in 0..b {
        for j in 0..s {
            u[(i * classes + labels[i * s + j] as usize) * s + j] = 1.0;
        }
    }
    let mut full = vec![b, classes];
    full.extend_from_slice(spatial);
    let (kernel, left, norm) = match kernel {
        // torch's padding="same": (k - 1) // 2 zeros before, the rest after.
        NaclKernel::Mean(k) => (vec![1.0; k], (k - 1) / 2, (k as f64).powi(spatial.len() as i32)),
        NaclKernel::Gaussian(sigma) => {
            let k = gaussian_kernel(sigma);
            let left = (k.len() - 1) / 2;
            (k, left, 1.0)
        }
    };
    for axis in 2..full.len() {
        u = filter_axis(&u, &full, axis, &kernel, left);
    }
    u.into_iter().map(|v| (v / norm) as f32 as f64).collect()
}

/// MONAI `NACLLoss` on `logits [B, C, *S]` (2 or 3 spatial axes) and `targets [B, *S]`.
pub fn nacl<const D: usize, const DT: usize>(logits: Tensor<D>, targets: Tensor<DT, Int>, cfg: &NaclConfig) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    if D != 4 && D != 5 {
        return Err(LossError::shape(ID, "logits", "[B, C, H, W] or [B, C, H, W, D] (dim 2 or 3)", fmt_shape(&dims)));
    }
    crate::losses::classification::cross_entropy::check_index_targets(ID, &dims, &targets.dims())?;
    numerics::non_negative_param(ID, "alpha", cfg.alpha)?;
    match cfg.kernel {
        NaclKernel::Mean(k) if k < 1 => return Err(LossError::param(ID, "kernel_size", "an integer >= 1", format!("{k}"))),
        NaclKernel::Gaussian(s) if !(s >= 0.0 && s.is_finite()) => return Err(LossError::param(ID, "sigma", "a finite number >= 0", format!("{s}"))),
        _ => {}
    }
    let classes = dims[1];
    let labels = numerics::host_i64(&targets);
    numerics::labels_in_range(ID, "targets", &labels, classes, None)?;
    let u = smoothed_labels(&labels, &targets.dims(), classes, cfg.kernel);
    let u = numerics::tensor_like(&logits, u, dims);
    let ce = cross_entropy(logits.clone(), targets, &CrossEntropyConfig::default())?;
    let diff = u - logits;
    let penalty = match cfg.distance {
        NaclDistance::L1 => diff.abs().mean(),
        NaclDistance::L2 => diff.square().mean(),
    };
    Ok(LossTensor::scalar(ce.value + penalty.mul_scalar(cfg.alpha)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("default") => {}
        Some(_) => return Err(c.unknown_form(&["default"])),
    }
    let shape = c.shape("logits")?.to_vec();
    let dim = c.i64_opt("dim")?.unwrap_or(shape.len() as i64 - 2);
    if dim != 2 && dim != 3 {
        return Err(LossError::param(ID, "dim", "2 or 3", format!("{dim}")));
    }
    if shape.len() as i64 != dim + 2 {
        return Err(LossError::shape(ID, "logits", format!("a tensor of rank {} ([B, C] and dim = {dim} spatial axes)", dim + 2), fmt_shape(&shape)));
    }
    if let Some(k) = c.i64_opt("classes")? {
        if k < 1 || k as usize != shape[1] {
            return Err(LossError::shape(ID, "logits", format!("{k} channels (classes)"), fmt_shape(&shape)));
        }
    }
    let kernel = match c.str("kernel_ops", "mean")? {
        "mean" => {
            let k = c.i64("kernel_size", 3)?;
            if k < 1 {
                return Err(LossError::param(ID, "kernel_size", "an integer >= 1", format!("{k}")));
            }
            let _ = c.f64("sigma", 1.0)?;
            NaclKernel::Mean(k as usize)
        }
        "gaussian" => {
            let _ = c.i64("kernel_size", 3)?;
            NaclKernel::Gaussian(c.f64("sigma", 1.0)?)
        }
        other => return Err(LossError::param(ID, "kernel_ops", "'mean' or 'gaussian'", format!("{other:?}"))),
    };
    let distance = match c.str("distance_type", "l1")? {
        "l1" => NaclDistance::L1,
        "l2" => NaclDistance::L2,
        other => return Err(LossError::param(ID, "distance_type", "'l1' or 'l2'", format!("{other:?}"))),
    };
    let cfg = NaclConfig { kernel, distance, alpha: c.f64("alpha", 0.1)? };
    if dim == 2 { nacl(c.float::<4>("logits")?, c.int::<3>("targets")?, &cfg) } else { nacl(c.float::<5>("logits")?, c.int::<4>("targets")?, &cfg) }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{ID, NaclKernel, smoothed_labels};
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let labels: Vec<i64> = (0..2 * 4 * 5).map(|k| ((k * 7 + seed as usize) % 3) as i64).collect();
        inputs(vec![("logits", randn(&[2, 3, 4, 5], seed, 1.0)), ("targets", i(&[2, 4, 5], &labels))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn smoothing_is_the_filter() {
        // A single pixel of class 1 in a 3 x 3 image: the 3 x 3 mean filter gives 1/9 at every
        // pixel for class 1 (zero padding), and class 0 counts its neighbours.
        let labels = [0, 0, 0, 0, 1, 0, 0, 0, 0];
        let u = smoothed_labels(&labels, &[1, 3, 3], 2, NaclKernel::Mean(3));
        assert!(u[9..].iter().all(|v| (v - 1.0 / 9.0).abs() < 1e-8));
        // Corner of class 0: neighbours (0,0), (0,1), (1,0) are class 0, (1,1) is not.
        assert!((u[0] - 3.0 / 9.0).abs() < 1e-8);
        // Even kernel 2 pads after: pixel (0,0) sees (0,0), (0,1), (1,0), (1,1).
        let u = smoothed_labels(&labels, &[1, 3, 3], 2, NaclKernel::Mean(2));
        assert!((u[9] - 0.25).abs() < 1e-8 && (u[9 + 8] - 0.0).abs() < 1e-8);
        // The Gaussian kernel of sigma 1 sums to erf(4.5 / sqrt 2) (truncated at 4 sigma).
        let k = super::gaussian_kernel(1.0);
        assert_eq!(k.len(), 9);
        assert!((k.iter().sum::<f64>() - 0.9999932).abs() < 1e-6);
    }

    #[test]
    fn value_is_the_formula() {
        // One pixel image (1 x 1), two classes, label 1, logits (0, 1), mean filter 3: u = (0, 1/9).
        // CE = ln(1 + e^-1); l1 penalty = (|0 - 0| + |1/9 - 1|) / 2.
        let x = inputs(vec![("logits", f(&[1, 2, 1, 1], &[0.0, 1.0])), ("targets", i(&[1, 1, 1], &[1]))]);
        let ev = eval64(ID, None, &params(json!({"classes": 2, "dim": 2, "alpha": 0.5})), &x);
        let want = (1.0 + (-1.0f64).exp()).ln() + 0.5 * (8.0 / 9.0) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-7, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for p in [json!({"alpha": 0.3}), json!({"kernel_ops": "gaussian", "sigma": 0.8, "distance_type": "l2", "alpha": 1.0}), json!({"kernel_size": 2})] {
            assert_gradcheck(ID, None, &params(p), &batch(3));
        }
        let labels: Vec<i64> = (0..2 * 3 * 3 * 2).map(|k| (k % 4) as i64).collect();
        let x = inputs(vec![("logits", randn(&[1, 4, 3, 3, 4], 2, 1.0)), ("targets", i(&[1, 3, 3, 4], &labels[..36]))]);
        assert_gradcheck(ID, None, &params(json!({"dim": 3, "classes": 4})), &x);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let mut x = batch(4);
            x.insert("logits".into(), randn(&[2, 3, 4, 5], 5, scale));
            assert_finite(ID, None, &params(json!({"distance_type": "l2"})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({"classes": 3, "dim": 2}));
        let mut x = batch(1);
        x.insert("targets".into(), i(&[2, 4, 5], &[3; 40]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let mut x = batch(1);
        x.insert("targets".into(), i(&[2, 4, 4], &[0; 32]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"classes": 4, "dim": 2})), &batch(1), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"dim": 3})), &batch(1), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"dim": 1})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"kernel_ops": "median"})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"distance_type": "l3"})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"alpha": -1.0})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"kernel_size": 0})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"kernel_ops": "gaussian", "sigma": -1.0})), &batch(1), ErrorKind::Param);
        let mut x = batch(1);
        x.insert("targets".into(), f(&[2, 4, 5], &[0.0; 40]));
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        let x = inputs(vec![("logits", f(&[0, 3, 4, 5], &[])), ("targets", i(&[0, 4, 5], &[]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Empty);
    }
}
