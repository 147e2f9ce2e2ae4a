//! Dynamic soft margin loss: weights each triplet's distance difference by the cumulative
//! distribution of recent differences, replacing a hand-set margin.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pml_lists::{cumsum_rows, two_class_plot, bools_like, check_batch, default_distance_only, host_pair_masks, normalized_lp, pml_form, read_batch};
use crate::numerics::{self, LossTensor};

const ID: &str = "dynamic-soft-margin";
const DISTANCE: &str = "LpDistance(normalize_embeddings=True, p=2, power=1)";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Dynamic Soft Margin Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2019,
    paper: Paper {
        title: "Learning Local Descriptors with a CDF-Based Dynamic Soft Margin",
        authors: "Zhang, L., Rusinkiewicz, S.",
        venue: "ICCV",
        year: 2019,
        url: "https://arxiv.org/abs/1908.05842",
    },
    summary: "Computes d(a,p) - d(a,n) for every triplet and multiplies it by the value of an empirical CDF of these differences, kept as a momentum-updated histogram across batches, so hard triplets get larger weights without a hand-tuned margin. It was designed for local image descriptors. The result depends on the module's running histogram: PML's first call (fresh histogram) is what the reference cases check.",
    formula: r"L = \frac{1}{|T|}\sum_{(a,p,n) \in T} F(\delta_{apn})\,\delta_{apn},\quad \delta_{apn} = d(x_a, x_p) - d(x_a, x_n),\ F(\delta) = \sum_{k \le \lfloor(\delta - \delta_{min})/\Delta\rfloor} h_k",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs. Optional: without labels PML compares the batch with itself (delta_i = 0 - distance to the nearest other row)" },
    ],
    params: &[
        Param { name: "min_val", symbol: r"\delta_{min}", default: Value::Float(-2.0), range: Range::Real { min: f64::NEG_INFINITY, max: 0.0, open_min: true, open_max: true }, meaning: "lower end of the histogram range [min_val, -min_val]" },
        Param { name: "num_bins", symbol: "", default: Value::Int(10), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "number of histogram bins" },
        Param { name: "momentum", symbol: "", default: Value::Float(0.01), range: Range::UNIT, meaning: "momentum of the running histogram (the first call uses 1)" },
        Param { name: "distance", symbol: "", default: Value::Str("LpDistance(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.DynamicSoftMarginLoss",
    ],
    related: &["triplet", "histogram"],
    forms: &[
        Form { name: "pml", description: "PML DynamicSoftMarginLoss, first call of a fresh module, with labels: Euclidean distances of L2-normalized embeddings, every (a, p, n) triplet of the batch; each delta splits a unit of mass between bins floor(u) and floor(u) + 1 of u = (delta - min_val) / Delta (Delta = 2 |min_val| / num_bins) by linear interpolation, the histogram h is normalized to sum 1 (a fresh module takes it whole, whatever the momentum), F is its cumulative sum read at bin floor(u), and the gradient flows through h as in PML; the plain mean over the triplets, 0 when there is none. Without labels (and without ref_emb) PML's unlabelled path is followed: delta_i = d_ii - min_{j != i} d_ij = -(distance to the nearest other row). A delta whose bin floor(u) + 1 falls outside [0, num_bins) makes PML fail with an index error, and this entry with a Value error." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two rows of class 0 (angles 0 and x) and one of class 1 at angle pi / 2 (min_val -2.5, so
/// that every delta in [-2, 2] has both of its bins).
fn plot_at(x: f64) -> PlotInput {
    two_class_plot(x, serde_json::json!({"min_val": -2.5, "num_bins": 20}))
}

/// Options of PML's `DynamicSoftMarginLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct DynamicSoftMarginConfig {
    /// Lower end of the histogram range.
    pub min_val: f64,
    /// Number of histogram bins.
    pub num_bins: usize,
    /// Weight of the current batch in the running histogram (a fresh module uses 1).
    pub momentum: f64,
}

impl Default for DynamicSoftMarginConfig {
    fn default() -> Self {
        DynamicSoftMarginConfig { min_val: -2.0, num_bins: 10, momentum: 0.01 }
    }
}

fn check_config(cfg: &DynamicSoftMarginConfig) -> Result<f64, LossError> {
    numerics::finite_param(ID, "min_val", cfg.min_val)?;
    numerics::finite_param(ID, "momentum", cfg.momentum)?;
    if cfg.min_val == 0.0 {
        return Err(LossError::param(ID, "min_val", "a non-zero number (the bin width is 2 |min_val| / num_bins)", "0"));
    }
    if cfg.num_bins == 0 {
        return Err(LossError::param(ID, "num_bins", "an integer >= 1", "0"));
    }
    Ok(2.0 * cfg.min_val.abs() / cfg.num_bins as f64)
}

/// PML `DynamicSoftMarginLoss(min_val, num_bins, momentum)(embeddings, labels)` on its first
/// call: `mean_t F(delta_t) delta_t` over all triplets, with F the CDF of the batch's own soft
/// histogram.
pub fn dynamic_soft_margin(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &DynamicSoftMarginConfig) -> Result<LossTensor, LossError> {
    check_batch(ID, &embeddings.dims(), &labels.dims())?;
    check_config(cfg)?;
    let y = numerics::host_i64(&labels);
    let n = y.len();
    let (pos, neg) = host_pair_masks(&y);
    // All triplets in torch.where order: anchor, then positive, then negative.
    let mut ap = vec![];
    let mut an = vec![];
    for a in 0..n {
        for p in 0..n {
            if !pos[a * n + p] {
                continue;
            }
            for q in 0..n {
                if neg[a * n + q] {
                    ap.push((a * n + p) as i64);
                    an.push((a * n + q) as i64);
                }
            }
        }
    }
    let d = normalized_lp(embeddings.clone(), embeddings, 1);
    if ap.is_empty() {
        return Ok(LossTensor::scalar(d.sum().mul_scalar(0.0)));
    }
    let t = ap.len();
    let flat = d.reshape([n * n]);
    let data = flat.clone().select(0, numerics::ints_like(&flat, ap, [t])) - flat.clone().select(0, numerics::ints_like(&flat, an, [t]));
    Ok(LossTensor::scalar(cdf_weighted_mean(data, cfg)?))
}

/// PML `DynamicSoftMarginLoss(...)(embeddings)` without labels (and without `ref_emb`, so the
/// batch is compared with itself): `d_pos` is the zero self-distance and `d_neg` the distance
/// to the nearest other row, so every delta is `-min_{j != i} d_ij`.
pub fn dynamic_soft_margin_unlabelled(embeddings: Tensor<2>, cfg: &DynamicSoftMarginConfig) -> Result<LossTensor, LossError> {
    let dims = embeddings.dims();
    numerics::non_empty(ID, "embeddings", &dims)?;
    check_config(cfg)?;
    let n = dims[0];
    if n < 2 {
        return Err(LossError::shape(ID, "embeddings", "at least 2 rows (each row's nearest other row is its negative)", crate::error::fmt_shape(&dims)));
    }
    let d = normalized_lp(embeddings.clone(), embeddings, 1);
    let mut eye = vec![false; n * n];
    for i in 0..n {
        eye[i * n + i] = true;
    }
    let eye = bools_like(&d, &eye, [n, n]).equal_elem(1.0);
    let d_pos = (d.clone() * numerics::mask_to_float(eye.clone(), &d)).sum_dim(1).reshape([n]);
    let d_neg = d.mask_fill(eye, f64::INFINITY).min_dim(1).reshape([n]);
    Ok(LossTensor::scalar(cdf_weighted_mean(d_pos - d_neg, cfg)?))
}

/// The histogram part shared by both calls: `mean_t F(delta_t) delta_t`.
fn cdf_weighted_mean(data: Tensor<1>, cfg: &DynamicSoftMarginConfig) -> Result<Tensor<1>, LossError> {
    let delta = check_config(cfg)?;
    let bins = cfg.num_bins;
    let t = data.dims()[0];
    let dv = numerics::host_f64(&data);
    let mut idx = vec![0usize; t];
    let mut to_lower = vec![0.0; bins * t];
    let mut to_upper = vec![0.0; bins * t];
    let mut floor = vec![0.0; t];
    for (k, &v) in dv.iter().enumerate() {
        let u = ((v - cfg.min_val) / delta).floor();
        if !(u >= 0.0) || u + 1.0 >= bins as f64 {
            return Err(LossError::value(
                ID,
                "embeddings",
                format!("triplet distance differences d(a,p) - d(a,n) in [{}, {}) (both histogram bins in range; PML indexes out of range otherwise)", cfg.min_val, cfg.min_val + delta * (bins as f64 - 1.0)),
                format!("{v}"),
            ));
        }
        let u = u as usize;
        idx[k] = u;
        floor[k] = u as f64;
        to_lower[u * t + k] = 1.0;
        to_upper[(u + 1) * t + k] = 1.0;
    }
    // alpha = frac((data - min_val) / delta), with gradient 1 / delta.
    let frac = data.clone().sub_scalar(cfg.min_val).mul_scalar(1.0 / delta) - numerics::tensor_like(&data, floor, [t]);
    let lower = numerics::tensor_like(&data, to_lower, [bins, t]);
    let upper = numerics::tensor_like(&data, to_upper, [bins, t]);
    let hist = lower.matmul(frac.clone().neg().add_scalar(1.0).reshape([t, 1])) + upper.matmul(frac.reshape([t, 1]));
    let hist = hist.clone() / hist.sum().reshape([1, 1]);
    let cdf = cumsum_rows(hist.reshape([1, bins])).reshape([bins]);
    let weights = cdf.select(0, numerics::ints_like(&data, idx.iter().map(|&u| u as i64).collect(), [t]));
    Ok((weights * data).mean())
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    pml_form(c)?;
    default_distance_only(c, DISTANCE)?;
    let bins = c.i64("num_bins", 10)?;
    if bins < 1 {
        return Err(LossError::param(ID, "num_bins", "an integer >= 1", format!("{bins}")));
    }
    let cfg = DynamicSoftMarginConfig { min_val: c.f64("min_val", -2.0)?, num_bins: bins as usize, momentum: c.f64("momentum", 0.01)? };
    if !c.has("labels") {
        let x = c.float::<2>("embeddings")?;
        return dynamic_soft_margin_unlabelled(x, &cfg);
    }
    let (x, y) = read_batch(c)?;
    dynamic_soft_margin(x, y, &cfg)
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
        // Rows e1, e2 (class 0) and e1 (class 1): triplets (0, 1, 2): d01 - d02 = sqrt2 - 0 and
        // (1, 0, 2): d10 - d12 = sqrt2 - sqrt2 = 0. min_val -3, 6 bins: Delta = 1, u = delta + 3:
        // u1 = 4.414 (bins 4, 5; alpha 0.414), u2 = 3 (bins 3, 4; alpha 0).
        // h = (0, 0, 0, 1, 1 - 0.414, 0.414) / 2; F(u1) = (1 + 0.586) / 2, F(u2) = 1 / 2.
        // L = (F(u1) sqrt2 + F(u2) 0) / 2.
        let r2 = 2f64.sqrt();
        let x = inputs(vec![("embeddings", f(&[3, 2], &[1.0, 0.0, 0.0, 1.0, 2.0, 0.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"min_val": -3.0, "num_bins": 6})), &x);
        let a = r2 + 3.0 - 4.0;
        let want = ((1.0 + (1.0 - a)) / 2.0 * r2) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn unlabelled_deltas_are_minus_the_nearest_distance() {
        // Rows e1, e2, -e1 (unit): nearest distances sqrt2, sqrt2, sqrt2: deltas all -sqrt2.
        // min_val -2, 10 bins (Delta 0.4): u = (2 - sqrt2) / 0.4 = 1.464 -> bins 1, 2; h = (0, 0.536,
        // 0.464, 0, ...), F(u) = 0.536; loss = 0.536 * -sqrt2.
        let r2 = 2f64.sqrt();
        let x = inputs(vec![("embeddings", f(&[3, 2], &[1.0, 0.0, 0.0, 1.0, -1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        let u = (2.0 - r2) / 0.4;
        let want = (1.0 - (u - u.floor())) * -r2;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
        assert_gradcheck(ID, None, &params(json!({})), &inputs(vec![("embeddings", randn(&[5, 3], 2, 1.0))]));
        assert_error(ID, None, &params(json!({})), &inputs(vec![("embeddings", randn(&[1, 3], 2, 1.0))]), ErrorKind::Shape);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, p) in [(1, json!({})), (5, json!({"min_val": -2.5, "num_bins": 20, "momentum": 0.1})), (9, json!({"min_val": -3.0, "num_bins": 7}))] {
            assert_gradcheck(ID, None, &params(p), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs_and_zero_without_triplets() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 0, 1]))]);
        assert_finite(ID, None, &params(json!({"min_val": -2.5})), &x);
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e-12)), ("labels", i(&[4], &[0, 1, 0, 1]))]);
        assert_finite(ID, None, &params(json!({"min_val": -2.5})), &x);
        let x = inputs(vec![("embeddings", randn(&[3, 3], 3, 1.0)), ("labels", i(&[3], &[0, 1, 2]))]);
        assert_eq!(assert_finite(ID, None, &params(json!({})), &x).loss.floats[0], 0.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &params(json!({"num_bins": 0})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"min_val": 0.0})), &batch(1), ErrorKind::Param);
        // min_val -0.5 cannot hold differences below -0.5: PML's scatter index is negative.
        let x = inputs(vec![("embeddings", f(&[3, 2], &[1.0, 0.0, 1.0, 0.0, -1.0, 0.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        assert_error(ID, None, &params(json!({"min_val": -0.5})), &x, ErrorKind::Value);
        let x = inputs(vec![("embeddings", randn(&[4, 3], 1, 1.0)), ("labels", i(&[3], &[0, 0, 1]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
