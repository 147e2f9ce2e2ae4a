//! Histogram loss: the probability that a random negative pair is more similar than a random
//! positive pair, estimated from soft histograms of cosine similarities.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, HostTensor};
use crate::numerics::pml_lists::{cumsum_rows, check_batch, cosine_self, default_distance_only, host_pair_masks, pml_form, read_batch};
use crate::numerics::{self, LossTensor};

const ID: &str = "histogram";
const DISTANCE: &str = "CosineSimilarity(normalize_embeddings=True, p=2, power=1)";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Histogram Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2016,
    paper: Paper {
        title: "Learning Deep Embeddings with Histogram Loss",
        authors: "Ustinova, E., Lempitsky, V.",
        venue: "NeurIPS",
        year: 2016,
        url: "https://arxiv.org/abs/1611.00822",
    },
    summary: "Builds soft (linearly interpolated) histograms of the cosine similarities of positive and negative pairs on [-1, 1] and returns the estimated probability that a negative pair scores higher than a positive pair. It has a single hyperparameter, the bin width, and no margin to tune. The loss is a sum over histogram bins and is zero once the two distributions separate.",
    formula: r"L = \sum_{r} h_r^- \sum_{q \le r} h_q^+,\quad h_r^{\pm} = \frac{1}{|S^{\pm}|}\sum_{(i,j) \in S^{\pm}} \big[1 - |s_{ij} - t_r|/\Delta\big]_+,\ t_r = -1 + r\Delta",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "n_bins", symbol: "", default: Value::Int(100), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of bins; PML uses 100 when neither n_bins nor delta is given" },
        Param { name: "delta", symbol: r"\Delta", default: Value::Null, range: Range::POSITIVE, meaning: "bin width; must equal 2 / n_bins when both are given" },
        Param { name: "distance", symbol: "", default: Value::Str("CosineSimilarity(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.HistogramLoss",
    ],
    related: &["fast-ap", "dynamic-soft-margin"],
    forms: &[
        Form { name: "pml", description: "PML HistogramLoss: cosine similarity; the unordered positive and negative pairs that occur in some (anchor, positive, negative) triplet of the batch, each once; the bin of a similarity is floor((s + 1) / delta) computed in float32 and the two neighbouring nodes get the linear-interpolation weights; histograms have round(1 + 2 / delta) nodes; 0 when the batch has no triplet. A similarity of exactly 1 falls outside the last node: PML fails with an index error, and so does this entry." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.2, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two rows of class 0 (angles 0 and x) and two of class 1 at angles 1.3 and 2.2 (away from the
/// bin nodes for the default 100 bins).
fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({"n_bins": 10}),
        inputs: vec![
            ("embeddings", HostTensor::from_f64(vec![4, 2], vec![1.0, 0.0, x.cos(), x.sin(), 1.3f64.cos(), 1.3f64.sin(), 2.2f64.cos(), 2.2f64.sin()])),
            ("labels", HostTensor::from_i64(vec![4], vec![0, 0, 1, 1])),
        ],
        wrt: "embeddings",
        index: 3,
    }
}

/// Options of PML's `HistogramLoss`: the bin width `delta` (PML: `2 / n_bins`, 100 bins when
/// neither is given).
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramConfig {
    /// Bin width on the cosine scale `[-1, 1]`.
    pub delta: f64,
}

impl Default for HistogramConfig {
    fn default() -> Self {
        HistogramConfig { delta: 2.0 / 100.0 }
    }
}

impl HistogramConfig {
    /// PML's constructor: `n_bins` and `delta` (both optional; when both are given they must
    /// satisfy `delta == 2 / n_bins` exactly).
    pub fn new(n_bins: Option<i64>, delta: Option<f64>) -> Result<Self, LossError> {
        if let Some(b) = n_bins {
            if b < 1 {
                return Err(LossError::param(ID, "n_bins", "an integer >= 1", format!("{b}")));
            }
        }
        if let Some(d) = delta {
            numerics::positive_param(ID, "delta", d)?;
        }
        match (n_bins, delta) {
            (Some(b), Some(d)) if d != 2.0 / b as f64 => Err(LossError::param(ID, "delta", format!("2 / n_bins = {} (PML asserts it)", 2.0 / b as f64), format!("{d}"))),
            (_, Some(d)) => Ok(HistogramConfig { delta: d }),
            (Some(b), None) => Ok(HistogramConfig { delta: 2.0 / b as f64 }),
            (None, None) => Ok(HistogramConfig::default()),
        }
    }
}

/// The unordered pairs `(i < j)` that PML's `filter_pairs` keeps: positive pairs whose members
/// have a negative, and negative pairs one of whose members has a positive.
fn pairs_in_triplets(labels: &[i64]) -> (Vec<(usize, usize)>, Vec<(usize, usize)>) {
    let n = labels.len();
    let (pos, neg) = host_pair_masks(labels);
    let has_pos: Vec<bool> = (0..n).map(|a| (0..n).any(|b| pos[a * n + b])).collect();
    let has_neg: Vec<bool> = (0..n).map(|a| (0..n).any(|b| neg[a * n + b])).collect();
    let mut ap = vec![];
    let mut an = vec![];
    for i in 0..n {
        for j in i + 1..n {
            if pos[i * n + j] && has_neg[i] {
                ap.push((i, j));
            }
            if neg[i * n + j] && (has_pos[i] || has_pos[j]) {
                an.push((i, j));
            }
        }
    }
    (ap, an)
}

/// PML `compute_density`: the soft histogram (nodes `-1 + r delta`) of the similarities `s [P]`
/// at pairs `idx`, as a `[nodes]` tensor.
fn density(s: &[f64], sims: Tensor<1>, delta: f64, nodes: usize) -> Result<Tensor<1>, LossError> {
    let p = s.len();
    let mut to_upper = vec![0.0; nodes * p];
    let mut to_lower = vec![0.0; nodes * p];
    let mut r_star = vec![0.0; p];
    for (k, &v) in s.iter().enumerate() {
        // PML computes the bin index in float32: floor((s.float() + 1) / delta).
        let r = ((v as f32 + 1.0f32) / delta as f32).floor();
        if !(r >= 0.0) || r as usize + 1 >= nodes {
            return Err(LossError::value(ID, "embeddings", format!("cosine similarities whose bin index (s + 1) / delta lies in [0, {}) (PML indexes out of range otherwise)", nodes - 1), format!("similarity {v} (bin {r})")));
        }
        let r = r as usize;
        to_upper[(r + 1) * p + k] = 1.0;
        to_lower[r * p + k] = 1.0;
        r_star[k] = r as f64;
    }
    let r_star = numerics::tensor_like(&sims, r_star, [p]);
    // weight of the upper node (s + 1 - r delta) / delta and of the lower ((r + 1) delta - 1 - s) / delta
    let a = (sims.clone().add_scalar(1.0) - r_star.clone().mul_scalar(delta)).mul_scalar(1.0 / delta);
    let b = (r_star.add_scalar(1.0).mul_scalar(delta).sub_scalar(1.0) - sims).mul_scalar(1.0 / delta);
    let up = numerics::tensor_like(&a, to_upper, [nodes, p]);
    let lo = numerics::tensor_like(&a, to_lower, [nodes, p]);
    let d = up.matmul(a.reshape([p, 1])) + lo.matmul(b.reshape([p, 1]));
    Ok(d.reshape([nodes]).mul_scalar(1.0 / p as f64))
}

/// PML `HistogramLoss(n_bins, delta)(embeddings, labels)`: soft histograms `h+`, `h-` of the
/// cosine similarities of the positive and negative pairs, and `sum_r h-_r sum_{q <= r} h+_q`.
pub fn histogram(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &HistogramConfig) -> Result<LossTensor, LossError> {
    check_batch(ID, &embeddings.dims(), &labels.dims())?;
    numerics::positive_param(ID, "delta", cfg.delta)?;
    let (ap, an) = pairs_in_triplets(&numerics::host_i64(&labels));
    let s = cosine_self(embeddings);
    if ap.is_empty() {
        // No triplet: PML's zero loss.
        return Ok(LossTensor::scalar(s.sum().mul_scalar(0.0)));
    }
    let n = s.dims()[0];
    let nodes = (1.0 + 2.0 / cfg.delta).round() as usize;
    let flat = s.reshape([n * n]);
    let pick = |pairs: &[(usize, usize)]| {
        let idx = numerics::ints_like(&flat, pairs.iter().map(|&(i, j)| (i * n + j) as i64).collect(), [pairs.len()]);
        flat.clone().select(0, idx)
    };
    let sp = pick(&ap);
    let sn = pick(&an);
    let p_pos = density(&numerics::host_f64(&sp), sp, cfg.delta, nodes)?;
    let p_neg = density(&numerics::host_f64(&sn), sn, cfg.delta, nodes)?;
    let phi = cumsum_rows(p_pos.reshape([1, nodes])).reshape([nodes]);
    Ok(LossTensor::scalar((p_neg * phi).sum()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    pml_form(c)?;
    default_distance_only(c, DISTANCE)?;
    let cfg = HistogramConfig::new(c.i64_opt("n_bins")?, c.f64_opt("delta")?)?;
    let (x, y) = read_batch(c)?;
    histogram(x, y, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[7, 3], seed, 1.0)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 2]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // n_bins 2 (delta 1, nodes -1, 0, 1). Rows at angles 0, 1.2 (class 0) and pi / 2 (class 1):
        // positive similarity cos(1.2) = c in [0, 1): h+ = (0, 1 - c, c). Negative similarities
        // cos(pi/2) = 0 (bin 1: weights (0, 1, 0)) and cos(pi/2 - 1.2) = sin(1.2) = t in [0, 1):
        // h- = (0, (1 + 1 - t) / 2, t / 2). phi = cumsum(h+) = (0, 1 - c, 1).
        // L = (2 - t) / 2 * (1 - c) + t / 2.
        let a = 1.2f64;
        let x = inputs(vec![("embeddings", f(&[3, 2], &[1.0, 0.0, a.cos(), a.sin(), 0.0, 1.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"n_bins": 2})), &x);
        let (c, t) = (a.cos(), a.sin());
        let want = (2.0 - t) / 2.0 * (1.0 - c) + t / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, bins) in [(1, 100), (5, 20), (9, 7)] {
            assert_gradcheck(ID, None, &params(json!({"n_bins": bins})), &batch(seed));
        }
        assert_gradcheck(ID, None, &params(json!({"delta": 0.3})), &batch(2));
    }

    #[test]
    fn finite_at_extreme_inputs_and_zero_without_triplets() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 0, 1]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e-12)), ("labels", i(&[4], &[0, 1, 0, 1]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("embeddings", randn(&[3, 3], 3, 1.0)), ("labels", i(&[3], &[2, 2, 2]))]);
        assert_eq!(assert_finite(ID, None, &params(json!({})), &x).loss.floats[0], 0.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &params(json!({"n_bins": 10, "delta": 0.3})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"n_bins": 0})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"delta": -0.1})), &batch(1), ErrorKind::Param);
        // Two identical rows of one class: similarity 1 falls past the last node (PML: index error).
        let x = inputs(vec![("embeddings", f(&[3, 2], &[1.0, 0.0, 2.0, 0.0, 0.0, 1.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let x = inputs(vec![("embeddings", randn(&[4, 3], 1, 1.0)), ("labels", i(&[3], &[0, 0, 1]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
