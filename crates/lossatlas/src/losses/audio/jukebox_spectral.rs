//! Jukebox spectral loss: the mean squared difference between the Fourier amplitudes of a
//! reconstruction and its target, which pushes an autoencoder to keep high-frequency content that a
//! waveform loss lets it blur.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::audio_stft::{self, FftNorm};
use crate::numerics::elementwise::with_pair;
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "jukebox-spectral";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Jukebox Spectral Loss",
    aliases: &["JukeboxLoss", "FFT Amplitude Loss"],
    kind: Kind::Loss,
    domains: &["audio", "medical"],
    year: 2020,
    paper: Paper {
        title: "Jukebox: A Generative Model for Music",
        authors: "Prafulla Dhariwal, Heewoo Jun, Christine Payne, Jong Wook Kim, Alec Radford, Ilya Sutskever",
        venue: "",
        year: 2020,
        url: "https://arxiv.org/abs/2005.00341",
    },
    summary: "Compares the magnitudes of the discrete Fourier transforms of prediction and target with a squared error. Jukebox added such a spectral term to its VQ-VAE objective so reconstructions keep high frequencies; MONAI generalizes it to images and volumes for generative medical models. In MONAI the FFT runs over the channel axis as well as the spatial axes, and fft_norm='ortho' makes the transform unitary. It ignores phase.",
    formula: r"A(x) = \bigl|\mathcal{F}_{1, \dots, d+1}(x)\bigr|,\quad \ell = \operatorname{reduce}\bigl(A(\hat x) - A(x)\bigr)^2",
    inputs: &[
        Input { name: "pred", shape: "[B, C, *spatial]", meaning: "prediction (signal, image or volume)" },
        Input { name: "target", shape: "[B, C, *spatial]", meaning: "target of the same shape" },
    ],
    params: &[
        Param { name: "spatial_dims", symbol: "d", default: Value::Null, range: Range::Integer { min: 1, max: 3 }, meaning: "number of spatial dimensions (required); the FFT runs over axes 1 to d + 1, i.e. channels and space" },
        Param { name: "fft_signal_size", symbol: "", default: Value::Null, range: Range::Any, meaning: "signal size per transformed axis (channel first), as torch.fft.fftn's s: crop or zero-pad" },
        Param { name: "fft_norm", symbol: "", default: Value::Str("ortho"), range: Range::Choice { values: &["forward", "backward", "ortho"] }, meaning: "normalization of torch.fft.fftn" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["monai.losses.JukeboxLoss"],
    related: &["focal-frequency", "mse", "stft-magnitude", "vq-vae"],
    forms: &[
        Form { name: "monai", description: "monai.losses.JukeboxLoss(spatial_dims, fft_signal_size, fft_norm, reduction): amplitude sqrt(re^2 + im^2) of torch.fft.fftn over dims 1..spatial_dims+1, then F.mse_loss(target_amplitude, input_amplitude) with the reduction." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "first pred sample (1-D signal, target (1, 2, -0.5, 1), other samples exact)", from: -2.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({"spatial_dims": 1}),
        // No DFT amplitude of pred vanishes for x in [-2, 3] (DC x + 2.5, Nyquist x - 3.5, the
        // other bins have imaginary part -1): MONAI's sqrt has no floor.
        inputs: vec![("pred", HostTensor::from_f64(vec![1, 1, 4], vec![x, 2.0, -0.5, 1.0])), ("target", HostTensor::from_f64(vec![1, 1, 4], vec![1.0, 2.0, -0.5, 1.0]))],
        wrt: "pred",
        index: 0,
    }
}

/// Options of MONAI `JukeboxLoss`; `Default` is `spatial_dims = 2` (MONAI requires it) with
/// MONAI's other defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct JukeboxConfig {
    pub spatial_dims: usize,
    /// `torch.fft.fftn`'s `s`, one size per transformed axis (channel first); `-1` keeps an axis.
    pub fft_signal_size: Option<Vec<i64>>,
    pub fft_norm: FftNorm,
    pub reduction: Reduction,
}

impl Default for JukeboxConfig {
    fn default() -> Self {
        JukeboxConfig { spatial_dims: 2, fft_signal_size: None, fft_norm: FftNorm::Ortho, reduction: Reduction::Mean }
    }
}

/// MONAI `JukeboxLoss`: squared difference of the DFT amplitudes over axes `1..=spatial_dims + 1`
/// (channels and space), then the reduction (`none` keeps the amplitude shape).
pub fn jukebox_spectral<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &JukeboxConfig) -> Result<LossTensor, LossError> {
    let dims = pred.dims();
    numerics::same_shape(ID, "target", &target.dims(), "pred", &dims)?;
    numerics::non_empty(ID, "pred", &dims)?;
    if cfg.spatial_dims == 0 || cfg.spatial_dims + 2 > D {
        return Err(LossError::shape(ID, "pred", format!("a tensor [B, C, *spatial] with spatial_dims = {} spatial axes", cfg.spatial_dims), format!("shape {}", fmt_shape(&dims))));
    }
    let axes: Vec<usize> = (1..cfg.spatial_dims + 2).collect();
    let sizes: Vec<usize> = match &cfg.fft_signal_size {
        None => axes.iter().map(|&a| dims[a]).collect(),
        Some(s) => {
            if s.len() != axes.len() {
                return Err(LossError::param(ID, "fft_signal_size", format!("{} sizes (channel and spatial axes)", axes.len()), format!("{} sizes", s.len())));
            }
            s.iter().zip(&axes).map(|(&v, &a)| match v {
                -1 => Ok(dims[a]),
                v if v > 0 => Ok(v as usize),
                v => Err(LossError::param(ID, "fft_signal_size", "positive sizes (or -1)", v.to_string())),
            }).collect::<Result<_, _>>()?
        }
    };
    let a = audio_stft::fftn_amplitude(pred, &axes, &sizes, cfg.fft_norm);
    let b = audio_stft::fftn_amplitude(target, &axes, &sizes, cfg.fft_norm);
    Ok(numerics::reduce((b - a).square(), cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "monai") {
        return Err(c.unknown_form(&["monai"]));
    }
    let sd = c.i64_opt("spatial_dims")?.ok_or_else(|| LossError::param(ID, "spatial_dims", "the number of spatial dimensions (required)", "none"))?;
    if sd < 1 {
        return Err(LossError::param(ID, "spatial_dims", "a positive integer", sd.to_string()));
    }
    let cfg = JukeboxConfig {
        spatial_dims: sd as usize,
        fft_signal_size: c.i64_list_opt("fft_signal_size")?,
        fft_norm: FftNorm::parse(ID, c.str("fft_norm", "ortho")?)?,
        reduction: c.reduction(Reduction::Mean)?,
    };
    with_pair!(c, |x, y| jukebox_spectral(x, y, &cfg))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn pair(shape: &[usize], seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("pred", randn(shape, seed, 1.0)), ("target", randn(shape, seed + 1, 1.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({"spatial_dims": 1})), &pair(&[2, 2, 7], 151));
        assert_gradcheck(ID, None, &params(json!({"spatial_dims": 2, "fft_norm": "backward", "reduction": "sum"})), &pair(&[1, 2, 3, 4], 153));
        assert_gradcheck(ID, None, &params(json!({"spatial_dims": 1, "fft_signal_size": [3, 8], "fft_norm": "forward", "reduction": "none"})), &pair(&[2, 2, 6], 155));
        assert_gradcheck(ID, None, &params(json!({"spatial_dims": 1, "fft_signal_size": [-1, 4]})), &pair(&[1, 3, 6], 157));
    }

    #[test]
    fn value_is_the_formula() {
        // One sample, one channel, 2 points (spatial_dims 1): pred (1, 1), target (1, -1).
        // Orthonormal DFT over (channel, time): pred -> (sqrt2, 0), target -> (0, sqrt2); the
        // squared amplitude differences are (2, 2): mean 2, sum 4.
        let x = inputs(vec![("pred", f(&[1, 1, 2], &[1.0, 1.0])), ("target", f(&[1, 1, 2], &[1.0, -1.0]))]);
        let ev = eval64(ID, None, &params(json!({"spatial_dims": 1})), &x);
        assert!((ev.loss.floats[0] - 2.0).abs() < 1e-14);
        let ev = eval64(ID, None, &params(json!({"spatial_dims": 1, "reduction": "sum", "fft_norm": "backward"})), &x);
        // Unnormalized: amplitudes (2, 0) and (0, 2): 4 + 4.
        assert!((ev.loss.floats[0] - 8.0).abs() < 1e-14);
        let ev = eval64(ID, None, &params(json!({"spatial_dims": 1, "reduction": "none"})), &x);
        assert_eq!(ev.loss.shape, vec![1, 1, 2]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e12] {
            let mut x = pair(&[2, 1, 5], 159);
            for t in x.values_mut() {
                t.floats.iter_mut().for_each(|v| *v *= scale);
            }
            assert_finite(ID, None, &params(json!({"spatial_dims": 1})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({"spatial_dims": 1}));
        assert_error(ID, None, &p, &inputs(vec![("pred", randn(&[1, 2, 4], 1, 1.0)), ("target", randn(&[1, 2, 5], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"spatial_dims": 2})), &pair(&[1, 2, 4], 1), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("pred", f(&[1, 0, 4], &[])), ("target", f(&[1, 0, 4], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("pred", i(&[1, 1, 2], &[1, 2])), ("target", f(&[1, 1, 2], &[1.0, 2.0]))]), ErrorKind::DType);
        let good = pair(&[1, 2, 4], 3);
        for bad in [json!({}), json!({"spatial_dims": 0}), json!({"spatial_dims": 1, "fft_norm": "unit"}), json!({"spatial_dims": 1, "fft_signal_size": [4]}), json!({"spatial_dims": 1, "fft_signal_size": [2, 0]}), json!({"spatial_dims": 1, "reduction": "batchmean"})] {
            assert_error(ID, None, &params(bad), &good, ErrorKind::Param);
        }
    }
}
