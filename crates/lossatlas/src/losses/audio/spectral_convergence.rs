//! Spectral convergence: the Frobenius norm of the difference of two magnitude spectrograms
//! relative to the norm of the reference spectrogram.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::with_pair;
use crate::numerics::{self, LossTensor, audio_stft};

const ID: &str = "spectral-convergence";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Spectral Convergence Loss",
    aliases: &["Spectral Convergence"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2019,
    paper: Paper {
        title: "Fast Spectrogram Inversion using Multi-head Convolutional Neural Networks",
        authors: "Sercan Ö. Arık, Heewoo Jun, Gregory Diamos",
        venue: "IEEE Signal Processing Letters",
        year: 2019,
        url: "https://arxiv.org/abs/1808.06719",
    },
    summary: "Measures the relative error between estimated and reference magnitude spectrograms, ||Y - X||_F / ||Y||_F, which emphasizes the large spectral components. It is one term of the STFT losses used to train neural vocoders and spectrogram inverters, usually next to a log-magnitude term that covers the quiet components. In auraloss the two norms run over the whole input tensor, so a batch gives one ratio, not a mean of per-example ratios.",
    formula: r"\ell = \frac{\lVert Y - X \rVert_F}{\lVert Y \rVert_F},\quad \text{norms over all elements of the batch}",
    inputs: &[
        Input { name: "estimate", shape: "[B, F, frames]", meaning: "magnitude spectrogram of the estimate" },
        Input { name: "reference", shape: "[B, F, frames]", meaning: "magnitude spectrogram of the reference" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["auraloss.freq.SpectralConvergenceLoss"],
    related: &["stft", "stft-magnitude", "multi-resolution-stft", "esr"],
    forms: &[
        Form { name: "auraloss", description: "auraloss.freq.SpectralConvergenceLoss()(estimate, reference) on magnitude tensors: torch.norm(reference - estimate, p='fro') / torch.norm(reference, p='fro'), each norm over all elements." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "first estimate bin (reference magnitudes (1, 0.5, 2, 1), other bins exact)", from: -1.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("estimate", HostTensor::from_f64(vec![1, 2, 2], vec![x, 0.5, 2.0, 1.0])), ("reference", HostTensor::from_f64(vec![1, 2, 2], vec![1.0, 0.5, 2.0, 1.0]))],
        wrt: "estimate",
        index: 0,
    }
}

/// auraloss `SpectralConvergenceLoss()(estimate, reference)`: `|Y - X|_F / |Y|_F` with both norms
/// over every element of the (magnitude) tensors.
pub fn spectral_convergence<const D: usize>(estimate: Tensor<D>, reference: Tensor<D>) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "reference", &reference.dims(), "estimate", &estimate.dims())?;
    numerics::non_empty(ID, "estimate", &estimate.dims())?;
    Ok(LossTensor::scalar(audio_stft::spectral_convergence(estimate, reference)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "auraloss") {
        return Err(c.unknown_form(&["auraloss"]));
    }
    with_pair!(c, "estimate", "reference", |x, y| spectral_convergence(x, y))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::losses::audio::esr::signal_tests::pair;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &pair(&[2, 4, 3], 111));
        assert_gradcheck(ID, None, &params(json!({})), &pair(&[5, 3], 113));
    }

    #[test]
    fn value_is_the_formula() {
        // Two examples [2, 1, 2]: reference (3, 4) and (0, 0), estimate (0, 4) and (0, 4): the
        // norms run over the whole batch: |(3, 0, 0, -4)| / |(3, 4, 0, 0)| = 5 / 5 = 1 (a
        // per-example mean would divide by zero).
        let x = inputs(vec![("estimate", f(&[2, 1, 2], &[0.0, 4.0, 0.0, 4.0])), ("reference", f(&[2, 1, 2], &[3.0, 4.0, 0.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 1.0).abs() < 1e-15);
        // d/dx = (x - y) / (|y - x| |y|): (-3, 0, 0, 4) / 25.
        let g = &ev.grads["estimate"].floats;
        assert!((g[0] + 3.0 / 25.0).abs() < 1e-15 && (g[3] - 4.0 / 25.0).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e12] {
            let mut x = pair(&[2, 3, 3], 115);
            for t in x.values_mut() {
                t.floats.iter_mut().for_each(|v| *v *= scale);
            }
            assert_finite(ID, None, &params(json!({})), &x);
        }
        // Equal spectrograms: 0 with gradient 0 (torch.norm's subgradient at 0).
        let y = randn(&[2, 3], 116, 1.0);
        let ev = assert_finite(ID, None, &params(json!({})), &inputs(vec![("estimate", y.clone()), ("reference", y)]));
        assert_eq!(ev.loss.floats[0], 0.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("estimate", randn(&[2, 3], 1, 1.0)), ("reference", randn(&[3, 2], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("estimate", f(&[2, 0], &[])), ("reference", f(&[2, 0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("estimate", i(&[2], &[1, 2])), ("reference", f(&[2], &[1.0, 2.0]))]), ErrorKind::DType);
        assert_error(ID, None, &params(json!({"eps": 1e-8})), &pair(&[2, 3], 3), ErrorKind::Param);
    }
}
