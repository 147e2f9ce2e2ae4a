//! STFT magnitude loss: an L1 or squared distance between (optionally log-scaled) magnitude
//! spectrograms.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::with_pair;
use crate::numerics::{self, LossTensor, Reduction, audio_stft};

const ID: &str = "stft-magnitude";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "STFT Magnitude Loss",
    aliases: &["Log STFT Magnitude Loss", "Log-Magnitude Spectral Loss"],
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
    summary: "Compares magnitude spectrograms element by element, by default as the mean absolute difference of their logarithms, which weights quiet and loud time-frequency bins more evenly than spectral convergence. It ignores phase, so it suits vocoders and enhancement models whose phase is free. The logarithm requires strictly positive magnitudes; STFT losses clamp the squared magnitude at eps before the square root for that reason.",
    formula: r"\ell = \operatorname{reduce}\, d\bigl(g(X), g(Y)\bigr),\quad g = \log \text{ (or identity)},\quad d(a, b) = |a - b| \text{ (L1) or } (a - b)^2 \text{ (L2)}",
    inputs: &[
        Input { name: "estimate", shape: "[B, F, frames]", meaning: "magnitude spectrogram of the estimate" },
        Input { name: "reference", shape: "[B, F, frames]", meaning: "magnitude spectrogram of the reference" },
    ],
    params: &[
        Param { name: "log", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "compare log-magnitudes (true) or linear magnitudes" },
        Param { name: "distance", symbol: "", default: Value::Str("L1"), range: Range::Choice { values: &["L1", "L2"] }, meaning: "L1 (torch L1Loss) or L2 (torch MSELoss)" },
        Param::REDUCTION_MEAN,
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
    equivalents: &["auraloss.freq.STFTMagnitudeLoss"],
    related: &["spectral-convergence", "stft", "multi-resolution-stft", "l1", "mse"],
    forms: &[
        Form { name: "auraloss", description: "auraloss.freq.STFTMagnitudeLoss(log, distance, reduction)(estimate, reference) on magnitude tensors (auraloss 0.4.0 has no log epsilon: zero magnitudes give -inf)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "log of the first estimate magnitude (reference magnitudes (1, 0.5, 2, 1), other bins exact)", from: -2.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("estimate", HostTensor::from_f64(vec![1, 2, 2], vec![x.exp(), 0.5, 2.0, 1.0])), ("reference", HostTensor::from_f64(vec![1, 2, 2], vec![1.0, 0.5, 2.0, 1.0]))],
        wrt: "estimate",
        index: 0,
    }
}

/// Options of auraloss `STFTMagnitudeLoss`; `Default` equals auraloss' defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StftMagnitudeConfig {
    pub log: bool,
    pub distance: audio_stft::MagDistance,
    pub reduction: Reduction,
}

impl Default for StftMagnitudeConfig {
    fn default() -> Self {
        StftMagnitudeConfig { log: true, distance: audio_stft::MagDistance::L1, reduction: Reduction::Mean }
    }
}

/// auraloss `STFTMagnitudeLoss(log, distance, reduction)(estimate, reference)` on magnitude
/// tensors: `L1Loss` / `MSELoss` of the (log-)magnitudes.
pub fn stft_magnitude<const D: usize>(estimate: Tensor<D>, reference: Tensor<D>, cfg: &StftMagnitudeConfig) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "reference", &reference.dims(), "estimate", &estimate.dims())?;
    numerics::non_empty(ID, "estimate", &estimate.dims())?;
    Ok(audio_stft::magnitude_distance(estimate, reference, cfg.log, 0.0, 1.0, cfg.distance, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "auraloss") {
        return Err(c.unknown_form(&["auraloss"]));
    }
    let cfg = StftMagnitudeConfig { log: c.bool("log", true)?, distance: audio_stft::MagDistance::parse(ID, "distance", c.str("distance", "L1")?)?, reduction: c.reduction(Reduction::Mean)? };
    with_pair!(c, "estimate", "reference", |x, y| stft_magnitude(x, y, &cfg))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn mags(shape: &[usize], seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("estimate", uniform(shape, seed, 0.1, 3.0)), ("reference", uniform(shape, seed + 1, 0.1, 3.0))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for p in [json!({}), json!({"log": false, "distance": "L2", "reduction": "sum"}), json!({"distance": "L2", "reduction": "none"}), json!({"log": false})] {
            assert_gradcheck(ID, None, &params(p), &mags(&[2, 4, 3], 121));
        }
    }

    #[test]
    fn value_is_the_formula() {
        // log, L1: mean(|log 1 - log e|, |log e^2 - log 1|) = (1 + 2) / 2.
        let e = std::f64::consts::E;
        let x = inputs(vec![("estimate", f(&[1, 2], &[1.0, e * e])), ("reference", f(&[1, 2], &[e, 1.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 1.5).abs() < 1e-15);
        // linear, L2, sum: (1 - e)^2 + (e^2 - 1)^2.
        let ev = eval64(ID, None, &params(json!({"log": false, "distance": "L2", "reduction": "sum"})), &x);
        assert!((ev.loss.floats[0] - ((1.0 - e).powi(2) + (e * e - 1.0).powi(2))).abs() < 1e-12);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(ev.loss.shape, vec![1, 2]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for (lo, hi) in [(1e-12, 2e-12), (1e12, 2e12)] {
            let x = inputs(vec![("estimate", uniform(&[2, 3], 123, lo, hi)), ("reference", uniform(&[2, 3], 124, lo, hi))]);
            assert_finite(ID, None, &params(json!({})), &x);
            assert_finite(ID, None, &params(json!({"log": false, "distance": "L2"})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("estimate", uniform(&[2, 3], 1, 0.1, 1.0)), ("reference", uniform(&[3, 2], 2, 0.1, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("estimate", f(&[2, 0], &[])), ("reference", f(&[2, 0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("estimate", i(&[2], &[1, 2])), ("reference", f(&[2], &[1.0, 2.0]))]), ErrorKind::DType);
        for bad in [json!({"distance": "L3"}), json!({"log": "yes"}), json!({"reduction": "batchmean"})] {
            assert_error(ID, None, &params(bad), &mags(&[2, 3], 3), ErrorKind::Param);
        }
    }
}
