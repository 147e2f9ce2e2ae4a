//! Supervised contrastive loss: InfoNCE where every other sample with the same label is a positive,
//! averaging the log-probabilities of all positives of each anchor.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::distance::l2_normalize;
use crate::numerics::pairs::{avg_non_zero, check_embeddings, pair_masks};
use crate::numerics::{self, LossTensor};

const ID: &str = "supcon";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Supervised Contrastive Loss (SupCon)",
    aliases: &["SupCon", "Supervised Contrastive Loss"],
    kind: Kind::Loss,
    domains: &["self-supervised", "metric-learning", "classification"],
    year: 2020,
    paper: Paper {
        title: "Supervised Contrastive Learning",
        authors: "Khosla et al.",
        venue: "NeurIPS",
        year: 2020,
        url: "https://arxiv.org/abs/2004.11362",
    },
    summary: "For each anchor, a softmax over temperature-scaled similarities to all other samples, and the loss is minus the mean log-probability of the anchor's positives (all same-label samples). It extends SimCLR's NT-Xent to labeled data, is robust to augmentations and hyperparameters, and is typically followed by a linear classifier. Small temperatures sharpen the softmax but can destabilize training.",
    formula: r"\ell_i = -\frac{1}{|P(i)|}\sum_{p \in P(i)}\log\frac{e^{s_{ip}/\tau}}{\sum_{a \ne i} e^{s_{ia}/\tau}},\quad P(i) = \{p \ne i : y_p = y_i\},\quad s_{ij} = \frac{x_i^\top x_j}{\lVert x_i\rVert\,\lVert x_j\rVert},\quad L = \operatorname{mean}\{\ell_i : \ell_i > 0\}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "temperature", symbol: r"\tau", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "softmax temperature" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[
        "pytorch_metric_learning.losses.SupConLoss",
    ],
    related: &["nt-xent", "infonce", "instance", "circle"],
    forms: &[
        Form { name: "pml", description: "PML SupConLoss with its default CosineSimilarity (embeddings L2-normalized): anchors without positives give 0; a batch without any positive or any negative pair gives 0; losses averaged by PML's AvgNonZeroReducer over those > 0 (0 when none is). Other PML distances are not supported." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

/// Two samples of class 0 (one at angle 0, one at angle x) and one of class 1 at angle pi / 2.
fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("embeddings", crate::eval::HostTensor::from_f64(vec![3, 2], vec![1.0, 0.0, x.cos(), x.sin(), 0.0, 1.0])),
            ("labels", crate::eval::HostTensor::from_i64(vec![3], vec![0, 0, 1])),
        ],
        wrt: "embeddings",
        index: 3,
    }
}


/// Options of PML's `SupConLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SupConConfig {
    pub temperature: f64,
}

impl Default for SupConConfig {
    fn default() -> Self {
        SupConConfig { temperature: 0.1 }
    }
}

/// PML `SupConLoss(temperature)(embeddings, labels)`: cosine similarities over the batch, for
/// every anchor minus the mean log-softmax (over the other samples) of its positives, then the
/// mean over anchors whose loss is positive.
pub fn supcon(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &SupConConfig) -> Result<LossTensor, LossError> {
    check_embeddings(ID, &embeddings.dims(), &labels.dims())?;
    numerics::non_empty(ID, "embeddings", &embeddings.dims())?;
    numerics::positive_param(ID, "temperature", cfg.temperature)?;
    let n = embeddings.dims()[0];
    let x = l2_normalize(embeddings, 1e-12);
    let sim = x.clone().matmul(x.transpose()).mul_scalar(1.0 / cfg.temperature);
    let (pos, neg) = pair_masks(&labels, &sim);
    let host = numerics::host_i64(&labels);
    let any_pos = (0..n).any(|a| (0..n).any(|b| a != b && host[a] == host[b]));
    let any_neg = host.iter().any(|l| *l != host[0]);
    if !any_pos || !any_neg {
        // PML returns zero losses when the batch has no positive pair or no negative pair.
        return Ok(LossTensor::scalar(numerics::full_like(&sim, [1], 0.0)));
    }
    // The softmax of each anchor runs over every other sample.
    let others = (pos.clone() + neg).equal_elem(0.0);
    let denom = numerics::logsumexp(sim.clone().mask_fill(others, f64::NEG_INFINITY), 1);
    let log_prob = sim - denom;
    let count = pos.clone().sum_dim(1).clamp_min(1.0);
    let per = ((pos * log_prob).sum_dim(1) / count).neg().reshape([n]);
    let ones = numerics::full_like(&per, [n], 1.0);
    Ok(LossTensor::scalar(avg_non_zero(per, ones)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("pml") => {}
        Some(_) => return Err(c.unknown_form(&["pml"])),
    }
    let cfg = SupConConfig { temperature: c.f64("temperature", 0.1)? };
    check_embeddings(ID, c.shape("embeddings")?, c.shape("labels")?)?;
    supcon(c.float::<2>("embeddings")?, c.int::<1>("labels")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[7, 3], seed, 1.0)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 3]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Three unit vectors at 0, 90 and 180 degrees, labels (0, 0, 1), tau = 1:
        // anchor 0: positive 1 (s = 0) against {1 (s = 0), 2 (s = -1)}: -log(1 / (1 + e^-1));
        // anchor 1: positive 0 (s = 0) against {0 (s = 0), 2 (s = 0)}: log 2;
        // anchor 2 has no positive (0, not counted). Mean of the two positive losses.
        let x = inputs(vec![("embeddings", f(&[3, 2], &[2.0, 0.0, 0.0, 3.0, -1.0, 0.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"temperature": 1.0})), &x);
        let want = ((1.0 + (-1.0f64).exp()).ln() + 2f64.ln()) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, t) in [(1, 0.1), (5, 0.5), (9, 1.0)] {
            assert_gradcheck(ID, None, &params(json!({"temperature": t})), &batch(seed));
        }
    }

    #[test]
    fn degenerate_batches_give_zero() {
        // No negative pair (one class) or no positive pair (all labels distinct): 0, as PML.
        for labels in [[4i64, 4, 4, 4], [0, 1, 2, 3]] {
            let x = inputs(vec![("embeddings", randn(&[4, 3], 2, 1.0)), ("labels", i(&[4], &labels))]);
            let ev = assert_finite(ID, None, &params(json!({})), &x);
            assert_eq!(ev.loss.floats[0], 0.0);
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-8, 1e4] {
            let x = inputs(vec![("embeddings", randn(&[7, 3], 3, scale)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 3]))]);
            assert_finite(ID, None, &params(json!({"temperature": 1e-3})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let x = inputs(vec![("embeddings", randn(&[7, 3], 3, 1.0)), ("labels", i(&[6], &[0, 1, 0, 2, 1, 0]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("embeddings", randn(&[7], 3, 1.0)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 3]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("embeddings", randn(&[3, 3], 3, 1.0)), ("labels", f(&[3], &[0.0, 1.0, 0.0]))]);
        assert_error(ID, None, &p, &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"temperature": 0.0})), &batch(1), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"temperature": "nan"})), &batch(1), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
