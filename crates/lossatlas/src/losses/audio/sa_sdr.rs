//! Source-aggregated SDR: sums target and error energies over all sources of a mixture before
//! taking the ratio, instead of averaging per-source SDRs, so silent sources do not make the loss
//! undefined.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor, audio_signal};

const ID: &str = "sa-sdr";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Source-Aggregated SDR Loss",
    aliases: &["SA-SDR Loss"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2022,
    paper: Paper {
        title: "SA-SDR: A novel loss function for separation of meeting style data",
        authors: "Thilo von Neumann, Keisuke Kinoshita, Christoph Boeddeker, Marc Delcroix, Reinhold Haeb-Umbach",
        venue: "ICASSP",
        year: 2022,
        url: "https://arxiv.org/abs/2110.15581",
    },
    summary: "Computes one SDR per mixture from the energies of all sources together: with scale_invariant, a single gain shared by all sources rescales the references, then minus 10 log10 of total target energy over total error energy. Aggregating keeps the loss finite when some references are silent (single-speaker segments in meeting data), which breaks per-source SDR and SI-SDR. Loud sources dominate the sum, so quiet ones get less weight than under per-source averaging.",
    formula: r"\alpha = \frac{\sum_{s}\langle \hat y_s, y_s \rangle + \epsilon}{\sum_{s} \lVert y_s \rVert^2 + \epsilon},\quad \ell = -10\log_{10}\frac{\sum_{s} \lVert \alpha y_s \rVert^2 + \epsilon}{\sum_{s} \lVert \alpha y_s - \hat y_s \rVert^2 + \epsilon}",
    inputs: &[
        Input { name: "estimate", shape: "[B, S, T]", meaning: "estimated sources (sources on axis -2, time last)" },
        Input { name: "reference", shape: "[B, S, T]", meaning: "reference sources, in matching order" },
    ],
    params: &[
        Param { name: "scale_invariant", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "rescale all references by one shared least-squares gain alpha (alpha = 1 when off)" },
        Param { name: "zero_mean", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "subtract each signal's mean over time first" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["torchmetrics.functional.audio.source_aggregated_signal_distortion_ratio", "torchmetrics.audio.SourceAggregatedSignalDistortionRatio"],
    related: &["sdr", "si-snr", "pit"],
    forms: &[
        Form { name: "torchmetrics", description: "minus torchmetrics.functional.audio.source_aggregated_signal_distortion_ratio(estimate, reference, scale_invariant, zero_mean); eps = machine epsilon of the dtype; one value per mixture (batch element)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "first estimate sample of source 1 (two sources, other samples near their references)", from: -2.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("estimate", HostTensor::from_f64(vec![1, 2, 3], vec![x, -1.0, 0.5, 0.2, 0.3, -1.0])),
            ("reference", HostTensor::from_f64(vec![1, 2, 3], vec![1.0, -1.0, 0.5, 0.0, 0.5, -1.0])),
        ],
        wrt: "estimate",
        index: 0,
    }
}

/// Options of torchmetrics `source_aggregated_signal_distortion_ratio`; `Default` equals its
/// defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SaSdrConfig {
    pub scale_invariant: bool,
    pub zero_mean: bool,
}

impl Default for SaSdrConfig {
    fn default() -> Self {
        SaSdrConfig { scale_invariant: true, zero_mean: false }
    }
}

/// Minus torchmetrics' SA-SDR on `[..., S, T]` signals: one value per leading index (a scalar
/// for `[S, T]`).
pub fn sa_sdr<const D: usize>(estimate: Tensor<D>, reference: Tensor<D>, cfg: &SaSdrConfig) -> Result<LossTensor, LossError> {
    let dims = estimate.dims();
    numerics::same_shape(ID, "reference", &reference.dims(), "estimate", &dims)?;
    if D < 2 {
        return Err(LossError::shape(ID, "estimate", "a tensor [..., sources, time] of rank 2 or more", format!("rank {D}")));
    }
    numerics::non_empty(ID, "estimate", &dims)?;
    let (s, t) = (dims[D - 2], dims[D - 1]);
    let g = dims.iter().product::<usize>() / (s * t);
    let v = audio_signal::sa_sdr_torchmetrics(estimate.reshape([g, s, t]), reference.reshape([g, s, t]), cfg.scale_invariant, cfg.zero_mean);
    Ok(LossTensor::with_shape(v.neg(), dims[..D - 2].to_vec()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "torchmetrics") {
        return Err(c.unknown_form(&["torchmetrics"]));
    }
    let cfg = SaSdrConfig { scale_invariant: c.bool("scale_invariant", true)?, zero_mean: c.bool("zero_mean", false)? };
    numerics::elementwise::with_pair!(c, "estimate", "reference", |x, y| sa_sdr(x, y, &cfg))
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
        for p in [json!({}), json!({"scale_invariant": false, "zero_mean": true}), json!({"zero_mean": true})] {
            assert_gradcheck(ID, None, &params(p), &pair(&[2, 3, 8], 131));
        }
        assert_gradcheck(ID, None, &params(json!({})), &pair(&[3, 8], 133));
    }

    #[test]
    fn value_is_the_formula() {
        // Two sources, scale_invariant off: targets (1, 0) and (0, 2), estimates (1, 1) and
        // (0, 2): target energy 5, error energy 1: -10 log10(5) (machine-epsilon terms aside).
        let x = inputs(vec![("estimate", f(&[2, 2], &[1.0, 1.0, 0.0, 2.0])), ("reference", f(&[2, 2], &[1.0, 0.0, 0.0, 2.0]))]);
        let ev = eval64(ID, None, &params(json!({"scale_invariant": false})), &x);
        assert!(ev.loss.shape.is_empty());
        assert!((ev.loss.floats[0] + 10.0 * 5f64.log10()).abs() < 1e-12);
        // scale_invariant: alpha = (1 + 4) / 5 = 1, the same value.
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] + 10.0 * 5f64.log10()).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e12] {
            let mut x = pair(&[2, 2, 6], 135);
            for t in x.values_mut() {
                t.floats.iter_mut().for_each(|v| *v *= scale);
            }
            assert_finite(ID, None, &params(json!({})), &x);
        }
        // One silent reference source does not break the aggregated ratio.
        let x = inputs(vec![("estimate", randn(&[1, 2, 4], 136, 1.0)), ("reference", f(&[1, 2, 4], &[1.0, -1.0, 0.5, 0.2, 0.0, 0.0, 0.0, 0.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("estimate", randn(&[2, 3, 4], 1, 1.0)), ("reference", randn(&[2, 3, 5], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &pair(&[4], 1), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("estimate", f(&[2, 0], &[])), ("reference", f(&[2, 0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("estimate", i(&[1, 2], &[1, 2])), ("reference", f(&[1, 2], &[1.0, 2.0]))]), ErrorKind::DType);
        assert_error(ID, None, &params(json!({"scale_invariant": 2})), &pair(&[2, 3], 3), ErrorKind::Param);
        assert_error(ID, Some("asteroid"), &p, &pair(&[2, 3], 3), ErrorKind::Unsupported);
    }
}
