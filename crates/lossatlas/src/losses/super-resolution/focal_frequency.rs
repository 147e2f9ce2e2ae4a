//! Focal frequency loss: a squared distance between 2-D Fourier spectra, weighted towards the
//! frequencies the model currently reconstructs worst.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "focal-frequency";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Focal Frequency Loss",
    aliases: &["FFL"],
    kind: Kind::Loss,
    domains: &["super-resolution", "image-translation", "gan", "vae"],
    year: 2021,
    paper: Paper {
        title: "Focal Frequency Loss for Image Reconstruction and Synthesis",
        authors: "Jiang et al.",
        venue: "ICCV",
        year: 2021,
        url: "https://arxiv.org/abs/2012.12821",
    },
    summary: "Transforms prediction and target (optionally split into patches) with an orthonormal 2-D FFT and averages the squared magnitude of their complex difference, with a per-frequency weight equal to that difference's magnitude to the power alpha, scaled to [0, 1] by its maximum and detached from the graph. The weight acts like focal loss in the frequency domain: hard, usually high, frequencies that pixel losses under-fit get more attention. It is meant as an addition to pixel or perceptual losses in autoencoders, GANs and super-resolution.",
    formula: r"\Delta(u, v) = F_{\hat y}(u, v) - F_{y}(u, v),\quad w(u, v) = \operatorname{sg}\!\left(\frac{|\Delta(u, v)|^{\alpha}}{\max_{u',v'}|\Delta(u', v')|^{\alpha}}\right),\quad \mathcal{L} = \lambda\,\operatorname{mean}_{u,v}\ w(u, v)\,|\Delta(u, v)|^2",
    inputs: &[
        Input { name: "pred", shape: "[N, C, H, W]", meaning: "predicted images" },
        Input { name: "target", shape: "[N, C, H, W]", meaning: "reference images" },
        Input { name: "matrix", shape: "[N, P, C, H / p, W / p] (P = patch_factor^2)", meaning: "optional predefined spectrum weight matrix in [0, 1] (detached), replacing the online weight" },
    ],
    params: &[
        Param { name: "loss_weight", symbol: r"\lambda", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "overall scale of the loss" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "exponent of the spectrum weight (0 gives a plain spectral MSE)" },
        Param { name: "patch_factor", symbol: "", default: Value::Int(1), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "split H and W into this many patches each before the FFT (must divide them)" },
        Param { name: "ave_spectrum", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "average the spectra over the batch before comparing" },
        Param { name: "log_matrix", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "use log(1 + |difference|^alpha) as the unnormalized weight" },
        Param { name: "batch_matrix", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "normalize the weight by its maximum over the whole batch instead of per spectrum" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["focal_frequency_loss.FocalFrequencyLoss"],
    related: &["mse", "focal", "perceptual", "stft"],
    forms: &[
        Form { name: "ffl", description: "focal_frequency_loss.FocalFrequencyLoss(loss_weight, alpha, patch_factor, ave_spectrum, log_matrix, batch_matrix): torch.fft.fft2(norm='ortho') per patch and channel; squared distance = real^2 + imag^2 of the difference; weight = distance^(alpha/2), optional log(1 + .), divided by its max per spectrum (or per batch), NaN set to 0, clamped to [0, 1], detached; loss = mean(weight * distance) * loss_weight." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "one predicted pixel (others equal to the target)", from: -2.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

/// Options of `focal_frequency_loss.FocalFrequencyLoss`; `Default` equals the library's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FocalFrequencyConfig {
    pub loss_weight: f64,
    pub alpha: f64,
    pub patch_factor: usize,
    pub ave_spectrum: bool,
    pub log_matrix: bool,
    pub batch_matrix: bool,
}

impl Default for FocalFrequencyConfig {
    fn default() -> Self {
        FocalFrequencyConfig { loss_weight: 1.0, alpha: 1.0, patch_factor: 1, ave_spectrum: false, log_matrix: false, batch_matrix: false }
    }
}

/// Orthonormal DFT matrices `cos(2 pi k m / n) / sqrt(n)` and `sin(2 pi k m / n) / sqrt(n)`.
fn dft<const E: usize>(like: &Tensor<E>, n: usize) -> (Tensor<2>, Tensor<2>) {
    let s = 1.0 / (n as f64).sqrt();
    let angle = |k: usize, m: usize| 2.0 * std::f64::consts::PI * ((k * m) % n) as f64 / n as f64;
    let cos = (0..n * n).map(|i| angle(i / n, i % n).cos() * s).collect();
    let sin = (0..n * n).map(|i| angle(i / n, i % n).sin() * s).collect();
    (numerics::tensor_like(like, cos, [n, n]), numerics::tensor_like(like, sin, [n, n]))
}

/// `y @ m` for `y` `[M, a, b]` and symmetric `m` `[b, b]`.
fn right(y: Tensor<3>, m: Tensor<2>) -> Tensor<3> {
    let [k, a, b] = y.dims();
    y.reshape([k * a, b]).matmul(m).reshape([k, a, b])
}

/// `m @ y` for symmetric `m` `[a, a]` and `y` `[M, a, b]`.
fn left(m: Tensor<2>, y: Tensor<3>) -> Tensor<3> {
    let [k, a, b] = y.dims();
    y.swap_dims(1, 2).reshape([k * b, a]).matmul(m).reshape([k, b, a]).swap_dims(1, 2)
}

/// Patches of `[N, C, H, W]` as `[N, P, C, H / p, W / p]` (row-major patch order).
fn patches(x: Tensor<4>, p: usize) -> Tensor<5> {
    let [n, c, h, w] = x.dims();
    let (ph, pw) = (h / p, w / p);
    let mut parts = vec![];
    for i in 0..p {
        for j in 0..p {
            parts.push(x.clone().narrow(2, i * ph, ph).narrow(3, j * pw, pw).reshape([n, 1, c, ph, pw]));
        }
    }
    Tensor::cat(parts, 1)
}

/// `FocalFrequencyLoss(...)(pred, target, matrix)` on `[N, C, H, W]` images.
pub fn focal_frequency(pred: Tensor<4>, target: Tensor<4>, matrix: Option<Tensor<5>>, cfg: &FocalFrequencyConfig) -> Result<LossTensor, LossError> {
    let dims = pred.dims();
    numerics::same_shape(ID, "target", &target.dims(), "pred", &dims)?;
    numerics::non_empty(ID, "pred", &dims)?;
    let p = cfg.patch_factor;
    if p == 0 || dims[2] % p != 0 || dims[3] % p != 0 {
        return Err(LossError::shape(ID, "pred", format!("height and width divisible by patch_factor {p}"), fmt_shape(&dims)));
    }
    numerics::finite_param(ID, "alpha", cfg.alpha)?;
    numerics::finite_param(ID, "loss_weight", cfg.loss_weight)?;
    let [n, c, h, w] = dims;
    let (ph, pw) = (h / p, w / p);
    let np = p * p;
    // The spectra are linear in the images: transform the difference once.
    let mut diff = patches(pred - target, p);
    let mut batch = n;
    if cfg.ave_spectrum {
        diff = diff.mean_dim(0);
        batch = 1;
    }
    let m = batch * np * c;
    let y = diff.reshape([m, ph, pw]);
    let (ch, sh) = dft(&y, ph);
    let (cw, sw) = dft(&y, pw);
    let re = left(ch.clone(), right(y.clone(), cw.clone())) - left(sh.clone(), right(y.clone(), sw.clone()));
    let im = (left(sh, right(y.clone(), cw)) + left(ch, right(y, sw))).neg();
    let dist = re.clone() * re + im.clone() * im;
    let weight: Tensor<3> = match matrix {
        Some(mx) => {
            let want = [batch, np, c, ph, pw];
            numerics::same_shape(ID, "matrix", &mx.dims(), "the spectra", &want)?;
            let v = numerics::host_f64(&mx);
            if v.iter().any(|x| !(0.0..=1.0).contains(x)) {
                return Err(LossError::value(ID, "matrix", "weights in [0, 1]", "values outside [0, 1]"));
            }
            mx.detach().reshape([m, ph, pw])
        }
        None => {
            let mut wt = dist.clone().detach().sqrt().powf_scalar(cfg.alpha);
            if cfg.log_matrix {
                wt = wt.add_scalar(1.0).log();
            }
            let max = if cfg.batch_matrix { wt.clone().max().reshape([1, 1, 1]).expand([m, ph, pw]) } else { wt.clone().reshape([m, ph * pw]).max_dim(1).reshape([m, 1, 1]).expand([m, ph, pw]) };
            let wt = wt / max;
            let wt = wt.clone().mask_fill(wt.is_nan(), 0.0);
            wt.clamp(0.0, 1.0)
        }
    };
    Ok(LossTensor::scalar((weight * dist).mean().mul_scalar(cfg.loss_weight)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("ffl") => {}
        _ => return Err(c.unknown_form(&["ffl"])),
    }
    let pf = c.i64("patch_factor", 1)?;
    let cfg = FocalFrequencyConfig {
        loss_weight: c.f64("loss_weight", 1.0)?,
        alpha: c.f64("alpha", 1.0)?,
        patch_factor: usize::try_from(pf).ok().filter(|v| *v > 0).ok_or_else(|| LossError::param(ID, "patch_factor", "a positive integer", format!("{pf}")))?,
        ave_spectrum: c.bool("ave_spectrum", false)?,
        log_matrix: c.bool("log_matrix", false)?,
        batch_matrix: c.bool("batch_matrix", false)?,
    };
    let (ps, ts) = (c.shape("pred")?, c.shape("target")?);
    if ps.len() != 4 {
        return Err(LossError::shape(ID, "pred", "images [N, C, H, W]", fmt_shape(ps)));
    }
    numerics::same_shape(ID, "target", ts, "pred", ps)?;
    let matrix = if c.has("matrix") {
        let ms = c.shape("matrix")?;
        if ms.len() != 5 {
            return Err(LossError::shape(ID, "matrix", "[N, P, C, H / p, W / p]", fmt_shape(ms)));
        }
        let v = c.host("matrix")?;
        let dims: [usize; 5] = ms.try_into().expect("rank checked");
        // The weight matrix takes no gradient (the library detaches it).
        Some(Tensor::<5>::from_data(burn::tensor::TensorData::new(v.as_f64(), dims), (c.device(), burn::tensor::DType::F64)).cast(c.dtype()))
    } else {
        c.host_opt("matrix");
        None
    };
    focal_frequency(c.float::<4>("pred")?, c.float::<4>("target")?, matrix, &cfg)
}

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    let target = vec![0.1, 0.5, 0.3, 0.8, 0.2, 0.6, 0.9, 0.4, 0.7, 0.0, 0.5, 0.3, 0.6, 0.2, 0.8, 0.1];
    let mut pred = target.iter().map(|v| v + 0.1).collect::<Vec<_>>();
    pred[5] = x;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("pred", HostTensor::from_f64(vec![1, 1, 4, 4], pred)), ("target", HostTensor::from_f64(vec![1, 1, 4, 4], target))],
        wrt: "pred",
        index: 5,
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

    fn pair(shape: &[usize], seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("pred", uniform(shape, seed, 0.0, 1.0)), ("target", uniform(shape, seed + 5, 0.0, 1.0))])
    }

    #[test]
    fn gradients_match_finite_differences() {
        // The spectrum weight is detached, so finite differences agree with autodiff only when it
        // is constant: alpha = 0 (weight 1) or a predefined matrix.
        let x = pair(&[2, 2, 4, 6], 1);
        assert_gradcheck(ID, None, &params(json!({"alpha": 0.0, "patch_factor": 2, "loss_weight": 0.5})), &x);
        assert_gradcheck(ID, None, &params(json!({"alpha": 0.0, "ave_spectrum": true})), &x);
        let mut x = pair(&[1, 1, 4, 4], 2);
        x.insert("matrix".into(), uniform(&[1, 1, 1, 4, 4], 3, 0.0, 1.0));
        assert_gradcheck_only(ID, None, &params(json!({})), &x, Some(&["pred", "target"]));
    }

    #[test]
    fn value_is_the_formula() {
        // A constant residual d on an H x W image has one nonzero orthonormal DFT coefficient,
        // d sqrt(HW), with weight 1: loss = d^2 H W / (H W) = d^2.
        let x = inputs(vec![("pred", f(&[1, 1, 2, 3], &[0.5; 6])), ("target", f(&[1, 1, 2, 3], &[0.2; 6]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.09).abs() < 1e-15, "{:?}", ev.loss.floats);
        let ev = eval64(ID, None, &params(json!({"log_matrix": true, "batch_matrix": true, "alpha": 2.0})), &x);
        assert!((ev.loss.floats[0] - 0.09).abs() < 1e-15, "{:?}", ev.loss.floats);
    }

    #[test]
    fn identical_images_are_finite_and_zero() {
        // 0 / 0 in the weight normalization is set to 0, as in the library.
        let t = uniform(&[1, 1, 4, 4], 1, 0.0, 1.0);
        let ev = assert_finite(ID, None, &params(json!({})), &inputs(vec![("pred", t.clone()), ("target", t)]));
        assert_eq!(ev.loss.floats[0], 0.0);
        let x = inputs(vec![("pred", f(&[1, 1, 2, 2], &[1e6, -1e6, 1e-12, 0.0])), ("target", f(&[1, 1, 2, 2], &[0.0; 4]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_rejected() {
        let x = pair(&[1, 1, 4, 6], 1);
        assert_error(ID, None, &params(json!({"patch_factor": 4})), &x, ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"patch_factor": 0})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"alpha": "nan"})), &x, ErrorKind::Param);
        let x = inputs(vec![("pred", uniform(&[1, 1, 4, 4], 1, 0.0, 1.0)), ("target", uniform(&[1, 1, 4, 3], 2, 0.0, 1.0))]);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Shape);
        let mut x = pair(&[1, 1, 4, 4], 2);
        x.insert("matrix".into(), uniform(&[1, 1, 1, 4, 4], 3, 1.5, 2.0));
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Value);
    }
}
