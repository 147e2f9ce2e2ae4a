//! Permutation invariant training: a separation loss evaluated under the best assignment of
//! estimated sources to reference sources, so the network need not output speakers in a fixed
//! order.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor, audio_signal, ints_like};

const ID: &str = "pit";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "PIT Loss (Permutation Invariant Training)",
    aliases: &["Permutation Invariant Training"],
    kind: Kind::Loss,
    domains: &["audio"],
    year: 2017,
    paper: Paper {
        title: "Permutation Invariant Training of Deep Models for Speaker-Independent Multi-talker Speech Separation",
        authors: "Dong Yu, Morten Kolbæk, Zheng-Hua Tan, Jesper Jensen",
        venue: "ICASSP",
        year: 2017,
        url: "https://arxiv.org/abs/1607.00325",
    },
    summary: "Wraps a per-source metric (SI-SNR, SNR, ...) and, for each mixture, takes the best mean over sources across all permutations of the outputs, so the arbitrary order of speakers does not matter. The gradient flows through the chosen assignment only; the choice itself is not differentiated. Exhaustive search costs S! evaluations; the speaker-wise mode instead fills an S x S metric matrix and solves an assignment problem (Hungarian algorithm for three or more sources in torchmetrics).",
    formula: r"\ell_b = -\max_{\pi \in \mathfrak{S}_S} \frac{1}{S}\sum_{s=1}^{S} m\bigl(\hat y_{b,\pi(s)}, y_{b,s}\bigr)",
    inputs: &[
        Input { name: "estimate", shape: "[B, S, T]", meaning: "estimated sources" },
        Input { name: "reference", shape: "[B, S, T]", meaning: "reference sources in any order" },
    ],
    params: &[
        Param { name: "metric_func", symbol: "m", default: Value::Str("scale_invariant_signal_noise_ratio"), range: Range::Choice { values: &["scale_invariant_signal_noise_ratio", "scale_invariant_signal_distortion_ratio", "signal_noise_ratio", "signal_distortion_ratio", "source_aggregated_signal_distortion_ratio"] }, meaning: "torchmetrics metric function to optimize (the form names it too)" },
        Param { name: "zero_mean", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "forwarded to signal_noise_ratio, scale_invariant_signal_distortion_ratio, signal_distortion_ratio and source_aggregated_signal_distortion_ratio" },
        Param { name: "filter_length", symbol: "", default: Value::Int(512), range: Range::Integer { min: 1, max: 2147483648 }, meaning: "forwarded to signal_distortion_ratio" },
        Param { name: "load_diag", symbol: "", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "forwarded to signal_distortion_ratio" },
        Param { name: "scale_invariant", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "forwarded to source_aggregated_signal_distortion_ratio" },
        Param { name: "mode", symbol: "", default: Value::Str("speaker-wise"), range: Range::Choice { values: &["speaker-wise", "permutation-wise"] }, meaning: "speaker-wise: metric on every (estimate, reference) pair, then best assignment; permutation-wise: metric on each permuted stack" },
        Param { name: "eval_func", symbol: "", default: Value::Str("max"), range: Range::Choice { values: &["max", "min"] }, meaning: "whether the metric is better when larger (max) or smaller (min)" },
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
    equivalents: &["torchmetrics.functional.audio.permutation_invariant_training", "torchmetrics.audio.PermutationInvariantTraining", "asteroid.losses.PITLossWrapper"],
    related: &["si-snr", "snr", "sa-sdr", "sdr"],
    forms: &[
        Form { name: "scale_invariant_signal_noise_ratio", description: "minus torchmetrics permutation_invariant_training(estimate, reference, scale_invariant_signal_noise_ratio, mode, eval_func)[0]: best mean SI-SNR over permutations, one value per mixture." },
        Form { name: "signal_noise_ratio", description: "the same with torchmetrics signal_noise_ratio (zero_mean forwarded, default off) as the metric." },
        Form { name: "scale_invariant_signal_distortion_ratio", description: "the same with torchmetrics scale_invariant_signal_distortion_ratio (zero_mean forwarded, default off)." },
        Form { name: "signal_distortion_ratio", description: "the same with torchmetrics signal_distortion_ratio (filter_length, zero_mean, load_diag forwarded)." },
        Form { name: "source_aggregated_signal_distortion_ratio", description: "permutation-wise only: torchmetrics source_aggregated_signal_distortion_ratio of each permuted stack (scale_invariant, zero_mean forwarded)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "first estimate sample of source 1 (two sources, swapped order)", from: -2.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("estimate", HostTensor::from_f64(vec![1, 2, 3], vec![x, -1.0, 0.5, 0.2, 0.3, -1.0])),
            ("reference", HostTensor::from_f64(vec![1, 2, 3], vec![0.0, 0.5, -1.0, 1.0, -1.0, 0.5])),
        ],
        wrt: "estimate",
        index: 0,
    }
}

/// The per-source metric PIT maximizes (torchmetrics functions, with their options).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PitMetric {
    /// `scale_invariant_signal_noise_ratio` (SI-SDR with zero-mean).
    SiSnr,
    /// `scale_invariant_signal_distortion_ratio(zero_mean)`.
    SiSdr { zero_mean: bool },
    /// `signal_noise_ratio(zero_mean)`.
    Snr { zero_mean: bool },
    /// `signal_distortion_ratio(filter_length, zero_mean, load_diag)` (BSS-eval SDR).
    Sdr { filter_length: usize, zero_mean: bool, load_diag: Option<f64> },
    /// `source_aggregated_signal_distortion_ratio(scale_invariant, zero_mean)`: aggregates over
    /// the sources, so only the permutation-wise mode applies.
    SaSdr { scale_invariant: bool, zero_mean: bool },
}

impl PitMetric {
    pub const NAMES: [&'static str; 5] = ["scale_invariant_signal_noise_ratio", "scale_invariant_signal_distortion_ratio", "signal_noise_ratio", "signal_distortion_ratio", "source_aggregated_signal_distortion_ratio"];
}

/// How permutations are scored (torchmetrics' `mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PitMode {
    /// The metric of every (estimate, reference) pair, then the best assignment.
    SpeakerWise,
    /// The metric of each permuted stack of estimates.
    PermutationWise,
}

/// Options of torchmetrics `permutation_invariant_training`; `Default`: SI-SNR, speaker-wise, max.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PitConfig {
    pub metric: PitMetric,
    pub mode: PitMode,
    /// `eval_func = "max"` (true) or `"min"`.
    pub maximize: bool,
}

impl Default for PitConfig {
    fn default() -> Self {
        PitConfig { metric: PitMetric::SiSnr, mode: PitMode::SpeakerWise, maximize: true }
    }
}

/// All permutations of `0..n` in lexicographic order (Python's `itertools.permutations`).
fn permutations(n: usize) -> Vec<Vec<usize>> {
    let mut p: Vec<usize> = (0..n).collect();
    let mut out = vec![p.clone()];
    loop {
        let Some(i) = (1..n).rev().find(|&i| p[i - 1] < p[i]) else { return out };
        let j = (i..n).rev().find(|&j| p[j] > p[i - 1]).expect("a larger element exists");
        p.swap(i - 1, j);
        p[i..].reverse();
        out.push(p.clone());
    }
}

/// Per-signal metric on `[m, T]` pairs (not for SA-SDR).
fn pair_metric(metric: PitMetric, x: Tensor<2>, y: Tensor<2>) -> Tensor<1> {
    match metric {
        PitMetric::SiSnr => audio_signal::si_sdr_torchmetrics(x, y, true),
        PitMetric::SiSdr { zero_mean } => audio_signal::si_sdr_torchmetrics(x, y, zero_mean),
        PitMetric::Snr { zero_mean } => audio_signal::snr_torchmetrics(x, y, zero_mean),
        PitMetric::Sdr { filter_length, zero_mean, load_diag } => audio_signal::sdr_torchmetrics(x, y, filter_length, zero_mean, load_diag),
        PitMetric::SaSdr { .. } => unreachable!("SA-SDR is scored per permuted stack"),
    }
}

/// Minus torchmetrics `permutation_invariant_training(estimate, reference, metric, mode,
/// eval_func)[0]` on `[B, S, T]`: per mixture, the best (max or min) over source permutations of
/// the metric averaged over sources. The choice of permutation is not differentiated.
pub fn pit(estimate: Tensor<3>, reference: Tensor<3>, cfg: &PitConfig) -> Result<LossTensor, LossError> {
    let dims = estimate.dims();
    numerics::same_shape(ID, "reference", &reference.dims(), "estimate", &dims)?;
    numerics::non_empty(ID, "estimate", &dims)?;
    let [b, s, t] = dims;
    if s > 8 {
        return Err(LossError::shape(ID, "estimate", "at most 8 sources (the search is exhaustive)", format!("{s} sources")));
    }
    let perms = permutations(s);
    let np = perms.len();
    let xf = estimate.clone().reshape([b * s, t]);
    let yf = reference.reshape([b * s, t]);
    // Scores [b, permutations] and, for speaker-wise, the pair matrix they are built from.
    let scores: Tensor<2> = match (cfg.mode, cfg.metric) {
        (PitMode::SpeakerWise, PitMetric::SaSdr { .. }) => {
            return Err(LossError::unsupported(ID, "metric_func", "a per-source metric in speaker-wise mode (SA-SDR aggregates the sources: use permutation-wise)", "source_aggregated_signal_distortion_ratio"));
        }
        (PitMode::SpeakerWise, m) => {
            // pair (bi, target j, estimate k) at row (bi * s + j) * s + k.
            let (mut xi, mut yi) = (Vec::with_capacity(b * s * s), Vec::with_capacity(b * s * s));
            for bi in 0..b {
                for j in 0..s {
                    for k in 0..s {
                        xi.push((bi * s + k) as i64);
                        yi.push((bi * s + j) as i64);
                    }
                }
            }
            let xp = xf.clone().select(0, ints_like(&xf, xi, [b * s * s]));
            let yp = yf.clone().select(0, ints_like(&xf, yi, [b * s * s]));
            let mtx = pair_metric(m, xp, yp);
            let mut idx = Vec::with_capacity(b * np * s);
            for bi in 0..b {
                for p in &perms {
                    for (j, k) in p.iter().enumerate() {
                        idx.push(((bi * s + j) * s + k) as i64);
                    }
                }
            }
            mtx.clone().select(0, ints_like(&xf, idx, [b * np * s])).reshape([b, np, s]).mean_dim(2).reshape([b, np])
        }
        (PitMode::PermutationWise, m) => {
            let mut xi = Vec::with_capacity(b * np * s);
            for bi in 0..b {
                for p in &perms {
                    for k in p {
                        xi.push((bi * s + k) as i64);
                    }
                }
            }
            let xp = xf.clone().select(0, ints_like(&xf, xi, [b * np * s]));
            let yp = yf.reshape([b, 1, s * t]).repeat_dim(1, np).reshape([b * np * s, t]);
            match m {
                PitMetric::SaSdr { scale_invariant, zero_mean } => audio_signal::sa_sdr_torchmetrics(xp.reshape([b * np, s, t]), yp.reshape([b * np, s, t]), scale_invariant, zero_mean).reshape([b, np]),
                m => pair_metric(m, xp, yp).reshape([b, np, s]).mean_dim(2).reshape([b, np]),
            }
        }
    };
    // torch.max / torch.min: the first best index.
    let host = numerics::host_f64(&scores);
    let mut best = Vec::with_capacity(b);
    for bi in 0..b {
        let row = &host[bi * np..(bi + 1) * np];
        let mut k = 0;
        for (i, v) in row.iter().enumerate() {
            let better = if cfg.maximize { *v > row[k] } else { *v < row[k] };
            if better || (row[k].is_nan() && !v.is_nan()) {
                k = i;
            }
        }
        best.push((bi * np + k) as i64);
    }
    let chosen = scores.reshape([b * np]).select(0, ints_like(&estimate, best, [b]));
    Ok(LossTensor::with_shape(chosen.neg(), vec![b]))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let name = match (c.form(), c.str_opt("metric_func")?) {
        (Some(f), Some(m)) if f != m => return Err(LossError::param(ID, "metric_func", format!("the metric of the form ({f})"), m.to_string())),
        (Some(f), _) => f,
        (None, Some(m)) => m,
        (None, None) => "scale_invariant_signal_noise_ratio",
    };
    let metric = match name {
        "scale_invariant_signal_noise_ratio" => PitMetric::SiSnr,
        "scale_invariant_signal_distortion_ratio" => PitMetric::SiSdr { zero_mean: c.bool("zero_mean", false)? },
        "signal_noise_ratio" => PitMetric::Snr { zero_mean: c.bool("zero_mean", false)? },
        "signal_distortion_ratio" => {
            let fl = c.i64("filter_length", 512)?;
            if fl <= 0 {
                return Err(LossError::param(ID, "filter_length", "a positive filter length", fl.to_string()));
            }
            PitMetric::Sdr { filter_length: fl as usize, zero_mean: c.bool("zero_mean", false)?, load_diag: c.f64_opt("load_diag")? }
        }
        "source_aggregated_signal_distortion_ratio" => PitMetric::SaSdr { scale_invariant: c.bool("scale_invariant", true)?, zero_mean: c.bool("zero_mean", false)? },
        other => return Err(LossError::unsupported(ID, "metric_func", format!("one of {}", PitMetric::NAMES.join(", ")), other.to_string())),
    };
    let mode = match c.str("mode", "speaker-wise")? {
        "speaker-wise" => PitMode::SpeakerWise,
        "permutation-wise" => PitMode::PermutationWise,
        other => return Err(LossError::param(ID, "mode", "\"speaker-wise\" or \"permutation-wise\"", format!("{other:?}"))),
    };
    let maximize = match c.str("eval_func", "max")? {
        "max" => true,
        "min" => false,
        other => return Err(LossError::param(ID, "eval_func", "\"max\" or \"min\"", format!("{other:?}"))),
    };
    let xs = c.shape("estimate")?.to_vec();
    let ys = c.shape("reference")?.to_vec();
    if xs.len() != 3 {
        return Err(LossError::shape(ID, "estimate", "[batch, sources, time]", format!("rank {}", xs.len())));
    }
    numerics::same_shape(ID, "reference", &ys, "estimate", &xs)?;
    numerics::non_empty(ID, "estimate", &xs)?;
    let x = numerics::elementwise::float_input::<3>(c, "estimate")?;
    let y = c.float::<3>("reference")?;
    pit(x, y, &PitConfig { metric, mode, maximize })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::losses::audio::esr::signal_tests::pair;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn permutations_are_lexicographic() {
        assert_eq!(super::permutations(3), vec![vec![0, 1, 2], vec![0, 2, 1], vec![1, 0, 2], vec![1, 2, 0], vec![2, 0, 1], vec![2, 1, 0]]);
        assert_eq!(super::permutations(1), vec![vec![0]]);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (form, p) in [
            ("scale_invariant_signal_noise_ratio", json!({})),
            ("signal_noise_ratio", json!({"mode": "permutation-wise", "zero_mean": true})),
            ("scale_invariant_signal_distortion_ratio", json!({"eval_func": "min"})),
            ("source_aggregated_signal_distortion_ratio", json!({"mode": "permutation-wise"})),
            ("signal_distortion_ratio", json!({"filter_length": 3})),
        ] {
            assert_gradcheck(ID, Some(form), &params(p), &pair(&[2, 3, 8], 141));
        }
    }

    #[test]
    fn value_is_the_formula() {
        // Sources swapped: estimate = (reference 1, reference 0) + small noise. The best
        // permutation pairs them back, and both modes agree with the per-source SNR entry.
        let r = randn(&[1, 2, 16], 143, 1.0);
        let n = randn(&[1, 2, 16], 144, 0.1);
        let e: Vec<f64> = (0..32).map(|i| r.floats[(i + 16) % 32] + n.floats[i]).collect();
        let x = inputs(vec![("estimate", HostTensor::from_f64(vec![1, 2, 16], e.clone())), ("reference", r.clone())]);
        let a = eval64(ID, Some("signal_noise_ratio"), &params(json!({})), &x);
        let b = eval64(ID, Some("signal_noise_ratio"), &params(json!({"mode": "permutation-wise"})), &x);
        let swapped: Vec<f64> = (0..32).map(|i| e[(i + 16) % 32]).collect();
        let s = eval64("snr", Some("torchmetrics"), &params(json!({})), &inputs(vec![("estimate", HostTensor::from_f64(vec![2, 16], swapped)), ("reference", HostTensor::from_f64(vec![2, 16], r.floats.clone()))]));
        let want = (s.loss.floats[0] + s.loss.floats[1]) / 2.0;
        assert!((a.loss.floats[0] - want).abs() < 1e-12 && (b.loss.floats[0] - want).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-12, 1e12] {
            let mut x = pair(&[2, 2, 6], 145);
            for t in x.values_mut() {
                t.floats.iter_mut().for_each(|v| *v *= scale);
            }
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("estimate", randn(&[2, 3, 4], 1, 1.0)), ("reference", randn(&[2, 2, 4], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &pair(&[2, 4], 1), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("estimate", f(&[2, 0, 3], &[])), ("reference", f(&[2, 0, 3], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("estimate", i(&[1, 1, 2], &[1, 2])), ("reference", f(&[1, 1, 2], &[1.0, 2.0]))]), ErrorKind::DType);
        let good = pair(&[2, 2, 4], 3);
        assert_error(ID, None, &params(json!({"eval_func": "mean"})), &good, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"mode": "all"})), &good, ErrorKind::Param);
        assert_error(ID, Some("signal_noise_ratio"), &params(json!({"metric_func": "scale_invariant_signal_noise_ratio"})), &good, ErrorKind::Param);
        assert_error(ID, Some("perceptual_evaluation_speech_quality"), &p, &good, ErrorKind::Unsupported);
        assert_error(ID, Some("source_aggregated_signal_distortion_ratio"), &p, &good, ErrorKind::Unsupported);
    }
}
