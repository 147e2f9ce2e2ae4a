//! Sum-and-difference STFT loss: the multi-resolution STFT loss applied to the sum (mid) and the
//! difference (side) of the two channels of stereo audio, so the stereo image is trained as well as
//! each channel's spectrum.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::LossTensor;
use crate::numerics::audio_stft::{self, MultiResolution};

const ID: &str = "sum-and-difference-stft";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Sum-and-Difference STFT Loss",
    aliases: &["Mid-Side STFT Loss", "SumAndDifferenceSTFTLoss"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2021,
    paper: Paper {
        title: "Automatic multitrack mixing with a differentiable mixing console of neural audio effects",
        authors: "Christian J. Steinmetz, Jordi Pons, Santiago Pascual, Joan Serrà",
        venue: "ICASSP",
        year: 2021,
        url: "https://arxiv.org/abs/2010.10291",
    },
    summary: "Converts stereo estimate and reference to sum (L + R) and difference (L - R) signals and averages weighted multi-resolution STFT losses on both. Comparing channels separately cannot tell a mix that has the right spectra but the wrong panning or width; the difference signal carries exactly that information. It requires inputs with two channels.",
    formula: r"\ell = \frac{1}{2}\Bigl(w_{sum}\,\mathcal{L}_{MR}\bigl(\hat y_L + \hat y_R,\ y_L + y_R\bigr) + w_{diff}\,\mathcal{L}_{MR}\bigl(\hat y_L - \hat y_R,\ y_L - y_R\bigr)\Bigr)",
    inputs: &[
        Input { name: "estimate", shape: "[B, 2, T]", meaning: "estimated stereo signal (left, right)" },
        Input { name: "reference", shape: "[B, 2, T]", meaning: "reference stereo signal" },
    ],
    params: &[
        Param { name: "fft_sizes", symbol: "", default: Value::Null, range: Range::Reals { min: 1.0, max: f64::INFINITY }, meaning: "FFT size of each resolution (required by auraloss)" },
        Param { name: "hop_sizes", symbol: "", default: Value::Null, range: Range::Reals { min: 1.0, max: f64::INFINITY }, meaning: "hop size of each resolution (required)" },
        Param { name: "win_lengths", symbol: "", default: Value::Null, range: Range::Reals { min: 1.0, max: f64::INFINITY }, meaning: "window length of each resolution (required)" },
        Param { name: "window", symbol: "", default: Value::Str("hann_window"), range: Range::Choice { values: &["hann_window", "bartlett_window", "blackman_window", "hamming_window", "kaiser_window"] }, meaning: "torch window function of length win_length (periodic); zero-padded to fft_size when shorter" },
        Param { name: "w_sum", symbol: "w_{sum}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the loss on the sum signal" },
        Param { name: "w_diff", symbol: "w_{diff}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the loss on the difference signal" },
        Param { name: "w_sc", symbol: "w_{sc}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the spectral-convergence term of every STFT loss" },
        Param { name: "w_log_mag", symbol: "w_{log}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the log-magnitude term" },
        Param { name: "w_lin_mag", symbol: "w_{lin}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of the linear-magnitude term" },
        Param { name: "w_phs", symbol: "w_{phs}", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "weight of auraloss' phase term; only 0 is implemented (other values are an error)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-08), range: Range::NON_NEGATIVE, meaning: "floor of the squared magnitude before the square root" },
        Param { name: "mag_distance", symbol: "", default: Value::Str("L1"), range: Range::Choice { values: &["L1", "L2"] }, meaning: "distance of the magnitude terms: L1 (mean absolute) or L2 (mean squared)" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::Choice { values: &["mean", "sum"] }, meaning: "how the log- and linear-magnitude terms reduce their bins: mean or sum" },
        Param { name: "scale_invariance", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "rescale the reference magnitudes by the least-squares gain <|X|, |Y|> / |Y|^2 first (auraloss' broadcast only allows one signal, or as many signals as bins)" },
        Param { name: "scale", symbol: "", default: Value::Null, range: Range::Choice { values: &["mel"] }, meaning: "optional frequency scaling of the magnitudes: 'mel' (librosa Slaney filterbank; auraloss' 'chroma' is not implemented)" },
        Param { name: "sample_rate", symbol: "", default: Value::Null, range: Range::POSITIVE, meaning: "sample rate in Hz (required by scale = 'mel')" },
        Param { name: "n_bins", symbol: "", default: Value::Null, range: Range::Any, meaning: "number of mel bands: one for all resolutions or one per resolution (required by scale = 'mel')" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["auraloss.freq.SumAndDifferenceSTFTLoss"],
    related: &["multi-resolution-stft", "stft"],
    forms: &[
        Form { name: "auraloss", description: "auraloss.freq.SumAndDifferenceSTFTLoss(fft_sizes, hop_sizes, win_lengths, window, w_sum, w_diff): sum = x[:, 0] + x[:, 1] and diff = x[:, 0] - x[:, 1] as [B, 1, T] signals, each scored by auraloss MultiResolutionSTFTLoss (term options such as w_sc, w_log_mag, w_lin_mag, eps, mag_distance are forwarded to it); inputs with other than 2 channels are rejected." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "first left-channel estimate sample (reference: 32-sample sines; fft 16, hop 4)", from: -2.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    audio_stft::plot_first_sample(x, 2, serde_json::json!({"fft_sizes": [16], "hop_sizes": [4], "win_lengths": [16]}))
}

/// Options of auraloss `SumAndDifferenceSTFTLoss`: the multi-resolution loss applied to the
/// sum and difference signals, and their weights (auraloss defaults 1 and 1).
#[derive(Debug, Clone, PartialEq)]
pub struct SumAndDifferenceConfig {
    pub mrstft: MultiResolution,
    pub w_sum: f64,
    pub w_diff: f64,
}

/// auraloss `SumAndDifferenceSTFTLoss` on stereo `[B, 2, T]` signals:
/// `(w_sum * MRSTFT(L + R) + w_diff * MRSTFT(L - R)) / 2`.
pub fn sum_and_difference_stft(estimate: Tensor<3>, reference: Tensor<3>, cfg: &SumAndDifferenceConfig) -> Result<LossTensor, LossError> {
    let dims = estimate.dims();
    audio_stft::signals_bct(ID, &dims, &reference.dims())?;
    if dims[1] != 2 {
        return Err(LossError::shape(ID, "estimate", "stereo signals [B, 2, T]", format!("{} channel(s)", dims[1])));
    }
    crate::numerics::finite_param(ID, "w_sum", cfg.w_sum)?;
    crate::numerics::finite_param(ID, "w_diff", cfg.w_diff)?;
    let [b, _, t] = dims;
    let split = |s: Tensor<3>| {
        let l = s.clone().narrow(1, 0, 1).reshape([b, t]);
        let r = s.narrow(1, 1, 1).reshape([b, t]);
        (l.clone() + r.clone(), l - r)
    };
    let (xs, xd) = split(estimate);
    let (ys, yd) = split(reference);
    let sum = audio_stft::multi_resolution_loss(ID, xs, ys, &cfg.mrstft)?;
    let diff = audio_stft::multi_resolution_loss(ID, xd, yd, &cfg.mrstft)?;
    Ok(LossTensor::scalar((sum.mul_scalar(cfg.w_sum) + diff.mul_scalar(cfg.w_diff)).mul_scalar(0.5)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "auraloss") {
        return Err(c.unknown_form(&["auraloss"]));
    }
    let cfg = SumAndDifferenceConfig { mrstft: audio_stft::read_multi_resolution(c, None)?, w_sum: c.f64("w_sum", 1.0)?, w_diff: c.f64("w_diff", 1.0)? };
    audio_stft::signals_bct(ID, c.shape("estimate")?, c.shape("reference")?)?;
    let x = crate::numerics::elementwise::float_input::<3>(c, "estimate");
    let y = c.float::<3>("reference");
    sum_and_difference_stft(x?, y?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::losses::audio::esr::signal_tests::pair;
    use crate::testing::*;

    fn small() -> serde_json::Value {
        json!({"fft_sizes": [16, 8], "hop_sizes": [4, 2], "win_lengths": [12, 8]})
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(small()), &pair(&[2, 2, 40], 101));
        let mut p = small();
        p["w_sum"] = json!(2.0);
        p["w_diff"] = json!(0.25);
        p["w_lin_mag"] = json!(1.0);
        assert_gradcheck(ID, None, &params(p), &pair(&[1, 2, 40], 103));
    }

    #[test]
    fn value_is_the_formula() {
        // The loss is (w_sum MRSTFT(L+R) + w_diff MRSTFT(L-R)) / 2; check against the
        // multi-resolution entry on hand-made sum and difference signals.
        let x = pair(&[1, 2, 40], 105);
        let (e, r) = (&x["estimate"].floats, &x["reference"].floats);
        let mk = |v: &Vec<f64>, sign: f64| HostTensor::from_f64(vec![1, 1, 40], (0..40).map(|t| v[t] + sign * v[40 + t]).collect());
        let s = eval64("multi-resolution-stft", None, &params(small()), &inputs(vec![("estimate", mk(e, 1.0)), ("reference", mk(r, 1.0))]));
        let d = eval64("multi-resolution-stft", None, &params(small()), &inputs(vec![("estimate", mk(e, -1.0)), ("reference", mk(r, -1.0))]));
        let mut p = small();
        p["w_sum"] = json!(3.0);
        let ev = eval64(ID, None, &params(p), &x);
        assert!((ev.loss.floats[0] - (3.0 * s.loss.floats[0] + d.loss.floats[0]) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e12] {
            let mut x = pair(&[1, 2, 40], 107);
            for t in x.values_mut() {
                t.floats.iter_mut().for_each(|v| *v *= scale);
            }
            assert_finite(ID, None, &params(small()), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_error(ID, None, &params(small()), &pair(&[1, 3, 40], 1), ErrorKind::Shape);
        assert_error(ID, None, &params(small()), &pair(&[2, 40], 1), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &pair(&[1, 2, 40], 1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"fft_sizes": [16], "hop_sizes": [4, 2], "win_lengths": [16]})), &pair(&[1, 2, 40], 1), ErrorKind::Param);
    }
}
