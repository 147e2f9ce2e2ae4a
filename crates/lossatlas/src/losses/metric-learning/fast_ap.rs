//! FastAP: a differentiable approximation of average precision computed from soft histograms of
//! squared distances, optimizing a ranking metric directly.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pml_lists::{cumsum_rows, two_class_plot, bools_like, check_batch, default_distance_only, host_pair_masks, normalized_lp, pml_form, read_batch};
use crate::numerics::{self, LossTensor};
use crate::numerics::relu;

const ID: &str = "fast-ap";
const DISTANCE: &str = "LpDistance(normalize_embeddings=True, p=2, power=2)";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "FastAP",
    aliases: &["FastAP Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning", "recommendation"],
    year: 2019,
    paper: Paper {
        title: "Deep Metric Learning to Rank",
        authors: "Cakir, F., He, K., Xia, X., Kulis, B., Sclaroff, S.",
        venue: "CVPR",
        year: 2019,
        url: "https://arxiv.org/abs/1906.05402",
    },
    summary: "Bins the distances from each query to its positives and negatives with triangular (linear-interpolation) kernels and computes average precision from the cumulative histograms, so mean average precision can be optimized over a whole minibatch at once. Useful for retrieval where the ranking metric matters more than pairwise margins. The number of bins trades resolution against smoothness; queries with no positive are skipped.",
    formula: r"L = \frac{1}{|Q|}\sum_{q \in Q}\ell_q,\quad \ell_q = 1 - \frac{1}{N_q^+}\sum_{z} \frac{h_z^+\,H_z^+}{H_z},\quad h_z^{\pm} = \sum_{j \in \pm(q)} \big[1 - |d_{qj} - c_z|/\Delta\big]_+,\ H_z^+ = \sum_{z' \le z} h_{z'}^+,\ H_z = \sum_{z' \le z} (h_{z'}^+ + h_{z'}^-)",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "num_bins", symbol: "", default: Value::Int(10), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of histogram bins on [0, 4] (squared L2 distance of unit vectors)" },
        Param { name: "distance", symbol: "", default: Value::Str("LpDistance(normalize_embeddings=True, p=2, power=2)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.FastAPLoss",
    ],
    related: &["smooth-ap", "pnp", "histogram"],
    forms: &[
        Form { name: "pml", description: "PML FastAPLoss: squared L2 distance of normalized embeddings, bin centers linspace(0, 4, num_bins + 1); bins z with h_z^+ H_z^+ = 0 contribute 0; per-query losses averaged by MeanReducer over the queries Q that have positives (0 when no query has one, or when no bin has h_z^+ H_z^+ > 0)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two rows of class 0 (angles 0 and x) and one of class 1 at angle pi / 2.
fn plot_at(x: f64) -> PlotInput {
    two_class_plot(x, serde_json::json!({}))
}

/// Options of PML's `FastAPLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct FastApConfig {
    /// Number of histogram bins on `[0, 4]`.
    pub num_bins: usize,
}

impl Default for FastApConfig {
    fn default() -> Self {
        FastApConfig { num_bins: 10 }
    }
}

/// PML `FastAPLoss(num_bins)(embeddings, labels)`: squared distances of normalized embeddings
/// binned by triangular kernels centred on `linspace(0, 4, num_bins + 1)`; per query q with
/// positives, `1 - (1/N_q) sum_z h+_z H+_z / H_z` over the bins where `h+_z H+_z > 0`; the mean.
pub fn fast_ap(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &FastApConfig) -> Result<LossTensor, LossError> {
    check_batch(ID, &embeddings.dims(), &labels.dims())?;
    if cfg.num_bins == 0 {
        return Err(LossError::param(ID, "num_bins", "an integer >= 1", "0"));
    }
    let y = numerics::host_i64(&labels);
    let n = y.len();
    let (pos, neg) = host_pair_masks(&y);
    let n_pos: Vec<usize> = (0..n).map(|a| (0..n).filter(|&b| pos[a * n + b]).count()).collect();
    let queries: Vec<usize> = (0..n).filter(|&a| n_pos[a] > 0).collect();
    let d = normalized_lp(embeddings.clone(), embeddings, 2);
    if queries.is_empty() {
        return Ok(LossTensor::scalar(d.sum().mul_scalar(0.0)));
    }
    let bins = cfg.num_bins;
    let k = bins + 1;
    // histogram_max = 2^power = 4 for squared distances of unit vectors.
    let delta = 4.0 / bins as f64;
    let mid = numerics::tensor_like(&d, linspace(0.0, 4.0, k), [k, 1, 1]);
    let pulse = relu((d.clone().reshape([1, n, n]) - mid).abs().mul_scalar(-1.0 / delta).add_scalar(1.0));
    let hist = |mask: &[bool]| (pulse.clone() * bools_like(&d, mask, [1, n, n])).sum_dim(2).reshape([k, n]).transpose();
    let pos_hist = hist(&pos);
    let neg_hist = hist(&neg);
    let total_pos = cumsum_rows(pos_hist.clone());
    let total = cumsum_rows(pos_hist.clone() + neg_hist);
    let h = pos_hist * total_pos;
    let safe = h.clone().greater_elem(0.0).bool_and(total.clone().greater_elem(0.0));
    if !numerics::host_f64(&numerics::mask_to_float(safe.clone(), &d)).iter().any(|&v| v > 0.0) {
        return Ok(LossTensor::scalar(d.sum().mul_scalar(0.0)));
    }
    let unsafe_ = safe.bool_not();
    let ratio = (h / total.mask_fill(unsafe_.clone(), 1.0)).mask_fill(unsafe_, 0.0);
    let ap = ratio.sum_dim(1).reshape([n]);
    let idx = numerics::ints_like(&d, queries.iter().map(|&q| q as i64).collect(), [queries.len()]);
    let inv = numerics::tensor_like(&d, queries.iter().map(|&q| 1.0 / n_pos[q] as f64).collect(), [queries.len()]);
    let ap = ap.select(0, idx) * inv;
    Ok(LossTensor::scalar(ap.neg().add_scalar(1.0).mean()))
}

/// `torch.linspace(start, end, steps)` value by value (it fills the first half forwards from
/// `start` and the second half backwards from `end`).
fn linspace(start: f64, end: f64, steps: usize) -> Vec<f64> {
    if steps == 1 {
        return vec![start];
    }
    let step = (end - start) / (steps - 1) as f64;
    let half = steps / 2;
    (0..steps).map(|i| if i < half { start + step * i as f64 } else { end - step * (steps - 1 - i) as f64 }).collect()
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    pml_form(c)?;
    default_distance_only(c, DISTANCE)?;
    let bins = c.i64("num_bins", 10)?;
    if bins < 1 {
        return Err(LossError::param(ID, "num_bins", "an integer >= 1", format!("{bins}")));
    }
    let (x, y) = read_batch(c)?;
    fast_ap(x, y, &FastApConfig { num_bins: bins as usize })
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
        // Rows e1, e2 (class 0) and -e1 (class 1); squared distances d01 = 2, d02 = 4, d12 = 2.
        // Two bins: centres 0, 2, 4, width 2. Query 0: h+ = (0, 1, 0), h- = (0, 0, 1),
        // H+ = (0, 1, 1), H = (0, 1, 2): AP = 1 * 1 / 1 = 1. Query 1: h+ = h- = (0, 1, 0),
        // H = (0, 2, 2): AP = 1 / 2. Query 2 has no positive. Loss = ((1 - 1) + (1 - 0.5)) / 2.
        let x = inputs(vec![("embeddings", f(&[3, 2], &[1.0, 0.0, 0.0, 3.0, -2.0, 0.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"num_bins": 2})), &x);
        assert!((ev.loss.floats[0] - 0.25).abs() < 1e-12, "{:?}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, bins) in [(1, 10), (5, 5), (9, 3)] {
            assert_gradcheck(ID, None, &params(json!({"num_bins": bins})), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs_and_zero_without_positives() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 0, 1]))]);
        assert_finite(ID, None, &params(json!({"num_bins": 100})), &x);
        // Duplicated rows sit on the kinks of the triangular kernels.
        let x = inputs(vec![("embeddings", f(&[3, 2], &[1.0, 1.0, 1.0, 1.0, -1e-12, 1e12])), ("labels", i(&[3], &[0, 0, 1]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        let x = inputs(vec![("embeddings", randn(&[3, 3], 3, 1.0)), ("labels", i(&[3], &[0, 1, 2]))]);
        assert_eq!(assert_finite(ID, None, &params(json!({})), &x).loss.floats[0], 0.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("embeddings", randn(&[4, 3], 1, 1.0)), ("labels", i(&[3], &[0, 0, 1]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"num_bins": 0})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"distance": "LpDistance(power=1)"})), &batch(1), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
