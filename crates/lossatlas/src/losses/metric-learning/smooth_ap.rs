//! Smooth-AP: average precision made differentiable by replacing the rank indicator with a sigmoid
//! of similarity differences.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, HostTensor};
use crate::numerics::pml_lists::{bools_like, check_batch, cosine_self, default_distance_only, pml_form, read_batch};
use crate::numerics::{self, LossTensor};

const ID: &str = "smooth-ap";
const DISTANCE: &str = "CosineSimilarity(normalize_embeddings=True, p=2, power=1)";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Smooth-AP",
    aliases: &["Smooth-AP Loss"],
    kind: Kind::Loss,
    domains: &["metric-learning", "recommendation"],
    year: 2020,
    paper: Paper {
        title: "Smooth-AP: Smoothing the Path Towards Large-Scale Image Retrieval",
        authors: "Brown, A., Xie, W., Kalogeiton, V., Zisserman, A.",
        venue: "ECCV",
        year: 2020,
        url: "https://arxiv.org/abs/2007.12163",
    },
    summary: "Computes each positive's rank among all items and among the positives with sigmoids of similarity differences at a small temperature, forms the ratio that defines average precision, and minimizes 1 - AP averaged over queries. It optimizes the retrieval metric itself and works with large batches. PML requires every class in the batch to have the same number of samples (else it raises an error), and then takes as positives of a query the contiguous block of C batch rows (C = number of classes in the batch) that contains it, without looking at the labels again: the blocks are the classes only when the batch is ordered as in the original code's sampler, so batch order matters.",
    formula: r"L = \frac{1}{N}\sum_q \ell_q,\quad \ell_q = 1 - \frac{1}{|P_q|}\sum_{i \in P_q}\frac{1 + \sum_{j \in P_q,\,j \ne i}\sigma\big((s_{qj} - s_{qi})/\tau\big)}{1 + \sum_{j \ne i}\sigma\big((s_{qj} - s_{qi})/\tau\big)}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class labels; every class present must have the same count" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.01), range: Range::POSITIVE, meaning: "sigmoid temperature" },
        Param { name: "distance", symbol: "", default: Value::Str("CosineSimilarity(normalize_embeddings=True, p=2, power=1)"), range: Range::Any, meaning: "PML distance object used to compare embeddings (the case files name it as a string)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.SmoothAPLoss",
    ],
    related: &["fast-ap", "pnp"],
    forms: &[
        Form { name: "pml", description: "PML SmoothAPLoss: cosine similarities; unequal class sizes are an error (ValueError in PML); the positive set P_q of query q is the block of C consecutive rows holding q (C classes in the batch, N/C blocks), and the sums over j != i include the query itself, as in the original Smooth-AP code; 1 - AP averaged over all queries (MeanReducer)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two rows of class 0 (the first at angle 0, the second at angle x) then two of class 1 at
/// angles pi / 2 and 3 pi / 4: blocks of two consecutive rows, as PML forms them.
fn plot_at(x: f64) -> PlotInput {
    let (c, s) = (std::f64::consts::FRAC_1_SQRT_2, std::f64::consts::FRAC_1_SQRT_2);
    PlotInput {
        form: None,
        params: serde_json::json!({"temperature": 0.1}),
        inputs: vec![
            ("embeddings", HostTensor::from_f64(vec![4, 2], vec![1.0, 0.0, x.cos(), x.sin(), 0.0, 1.0, -c, s])),
            ("labels", HostTensor::from_i64(vec![4], vec![0, 0, 1, 1])),
        ],
        wrt: "embeddings",
        index: 3,
    }
}

/// Options of PML's `SmoothAPLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SmoothApConfig {
    /// Temperature of the sigmoid that replaces the rank indicator.
    pub temperature: f64,
}

impl Default for SmoothApConfig {
    fn default() -> Self {
        SmoothApConfig { temperature: 0.01 }
    }
}

/// Checks PML's precondition (every class present has the same count) and returns the number
/// C of classes in the batch, which is the size of PML's positive blocks.
fn classes_in_batch(labels: &[i64]) -> Result<usize, LossError> {
    if let Some(bad) = labels.iter().find(|&&l| l < 0) {
        return Err(LossError::value(ID, "labels", "non-negative class indices (PML counts them with bincount)", format!("{bad}")));
    }
    let mut counts = std::collections::BTreeMap::new();
    for &l in labels {
        *counts.entry(l).or_insert(0usize) += 1;
    }
    let sizes: Vec<usize> = counts.values().copied().collect();
    if sizes.iter().any(|&s| s != sizes[0]) {
        return Err(LossError::value(ID, "labels", "the same number of elements for every class", format!("class sizes {sizes:?}")));
    }
    Ok(sizes.len())
}

/// PML `SmoothAPLoss(temperature)(embeddings, labels)`: with s the cosine matrix and
/// `R(q, i, J) = 1 + sum_{j in J, j != i} sigmoid((s_qj - s_qi) / T)`, the loss of query q is
/// `1 - (1/C) sum_{i in B_q} R(q, i, B_q) / R(q, i, all)`, where `B_q` is the block of C
/// consecutive rows holding q; the mean over all queries.
pub fn smooth_ap(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &SmoothApConfig) -> Result<LossTensor, LossError> {
    check_batch(ID, &embeddings.dims(), &labels.dims())?;
    numerics::positive_param(ID, "temperature", cfg.temperature)?;
    let g = classes_in_batch(&numerics::host_i64(&labels))?;
    let n = embeddings.dims()[0];
    let s = cosine_self(embeddings);
    // diff[q, i, j] = s[q, j] - s[q, i]
    let diff = s.clone().reshape([n, 1, n]) - s.reshape([n, n, 1]);
    let sig = numerics::sigmoid(diff.mul_scalar(1.0 / cfg.temperature));
    let mut other = vec![false; n * n];
    let mut block_other = vec![false; n * n];
    let mut same_block = vec![false; n * n];
    for i in 0..n {
        for j in 0..n {
            other[i * n + j] = i != j;
            block_other[i * n + j] = i != j && i / g == j / g;
            same_block[i * n + j] = i / g == j / g;
        }
    }
    let all_rank = (sig.clone() * bools_like(&sig, &other, [1, n, n])).sum_dim(2).reshape([n, n]).add_scalar(1.0);
    let pos_rank = (sig.clone() * bools_like(&sig, &block_other, [1, n, n])).sum_dim(2).reshape([n, n]).add_scalar(1.0);
    let ratio = (pos_rank / all_rank) * bools_like(&sig, &same_block, [n, n]);
    let ap = ratio.sum_dim(1).mul_scalar(1.0 / g as f64);
    Ok(LossTensor::scalar(ap.neg().add_scalar(1.0).mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    pml_form(c)?;
    default_distance_only(c, DISTANCE)?;
    let cfg = SmoothApConfig { temperature: c.f64("temperature", 0.01)? };
    let (x, y) = read_batch(c)?;
    smooth_ap(x, y, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[6, 3], seed, 1.0)), ("labels", i(&[6], &[0, 0, 1, 1, 2, 2]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Two classes of one row each: C = 2, one block {0, 1}. Rows e1 and e2: s = [[1, 0], [0, 1]].
        // Query 0: i = 0: R(block) = 1 + sig((0 - 1)/T), R(all) the same -> ratio 1;
        // i = 1: R(block) = 1 + sig((1 - 0)/T) = R(all) -> 1. AP = (1 + 1) / 2 = 1, loss 0;
        // the same for query 1.
        let x = inputs(vec![("embeddings", f(&[2, 2], &[1.0, 0.0, 0.0, 2.0])), ("labels", i(&[2], &[0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"temperature": 0.5})), &x);
        assert!(ev.loss.floats[0].abs() < 1e-12, "{:?}", ev.loss.floats);
        // One class of two rows: C = 1, blocks {0}, {1}. Query 0, i = 0: R(block) = 1,
        // R(all) = 1 + sig((s01 - 1)/T); s01 = 0 (orthogonal), T = 0.5: AP = 1 / (1 + sig(-2)).
        let x = inputs(vec![("embeddings", f(&[2, 2], &[1.0, 0.0, 0.0, 2.0])), ("labels", i(&[2], &[4, 4]))]);
        let ev = eval64(ID, None, &params(json!({"temperature": 0.5})), &x);
        let sig = 1.0 / (1.0 + 2f64.exp());
        let want = 1.0 - 1.0 / (1.0 + sig);
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for seed in [1, 5, 9] {
            assert_gradcheck(ID, None, &params(json!({"temperature": 0.5})), &batch(seed));
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e4)), ("labels", i(&[4], &[0, 1, 0, 1]))]);
        assert_finite(ID, None, &params(json!({"temperature": 1e-4})), &x);
        let x = inputs(vec![("embeddings", randn(&[4, 3], 3, 1e-4)), ("labels", i(&[4], &[0, 1, 0, 1]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("embeddings", randn(&[5, 3], 1, 1.0)), ("labels", i(&[5], &[0, 0, 0, 1, 1]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let x = inputs(vec![("embeddings", randn(&[2, 3], 1, 1.0)), ("labels", i(&[2], &[-1, 0]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        let x = inputs(vec![("embeddings", randn(&[4, 3], 1, 1.0)), ("labels", i(&[3], &[0, 0, 1]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"temperature": 0.0})), &batch(1), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
