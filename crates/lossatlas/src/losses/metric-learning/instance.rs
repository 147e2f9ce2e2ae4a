//! Instance loss: treats each label (originally each image-text instance) as its own class and
//! applies cross-entropy over scaled cosine similarities to the batch.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pml_pairs::{angle_probe, cosine_matrix, labelled_batch, read_batch};
use crate::numerics::{self, LossTensor};

const ID: &str = "instance";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Instance Loss",
    kind: Kind::Loss,
    domains: &["metric-learning", "anomaly-multimodal"],
    year: 2017,
    paper: Paper {
        title: "Dual-Path Convolutional Image-Text Embeddings with Instance Loss",
        authors: "Zheng, Z., Zheng, L., Garrett, M., Yang, Y., Xu, M., Shen, Y.-D.",
        venue: "ACM TOMM",
        year: 2017,
        url: "https://arxiv.org/abs/1711.05535",
    },
    summary: "Scores every embedding against every embedding in the batch (itself included) with gamma times the cosine similarity and applies cross-entropy. The paper trains an instance-level classifier for image-text embeddings in which every training pair is its own class. PML's batch version uses the batch as the classifier: the target of row i is column c(y_i), the rank of its label among the batch's distinct labels, so with labels 0..N-1 every embedding is its own class (instance discrimination), while with repeated labels the target is whichever batch member sits at that index. A large gamma makes the softmax nearly hard.",
    formula: r"\ell_i = -\log \frac{e^{\gamma\, s_{i,\,c(y_i)}}}{\sum_{j=1}^{N} e^{\gamma\, s_{ij}}},\quad s_{ij} = \frac{x_i^\top x_j}{\lVert x_i\rVert\,\lVert x_j\rVert},\quad c(y) = \#\{y' \in \operatorname{unique}(y_{1..N}) : y' < y\},\quad L = \frac{1}{N}\sum_i \ell_i",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "label of each embedding; its rank among the distinct labels is the target column" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(64.0), range: Range::REAL, meaning: "scale of the cosine similarities" },
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
        "pytorch_metric_learning.losses.InstanceLoss",
    ],
    related: &["normalized-softmax", "supcon", "nt-xent"],
    forms: &[
        Form { name: "pml", description: "PML InstanceLoss with its required CosineSimilarity (embeddings L2-normalized): target of row i is the index of y_i among the sorted unique labels (torch.unique(return_inverse=True)), a column of the batch similarity matrix; cross-entropy averaged over the N rows (MeanReducer)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: angle_probe }),
    ..Entry::BLANK
};

/// Options of PML's `InstanceLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceConfig {
    pub gamma: f64,
}

impl Default for InstanceConfig {
    fn default() -> Self {
        InstanceConfig { gamma: 64.0 }
    }
}

/// PML `InstanceLoss(gamma)(embeddings, labels)`.
pub fn instance(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &InstanceConfig) -> Result<LossTensor, LossError> {
    let host = labelled_batch(ID, &embeddings, &labels, &[("gamma", cfg.gamma)])?.labels;
    let n = host.len();
    let mut unique = host.clone();
    unique.sort_unstable();
    unique.dedup();
    let target: Vec<i64> = host.iter().map(|y| unique.partition_point(|u| u < y) as i64).collect();
    let logits = cosine_matrix(embeddings).mul_scalar(cfg.gamma);
    let picked = logits.clone().gather(1, numerics::ints_like(&logits, target, [n, 1]));
    let per = numerics::logsumexp(logits, 1) - picked;
    Ok(LossTensor::scalar(per.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (x, y) = read_batch(c, ID)?;
    instance(x, y, &InstanceConfig { gamma: c.f64("gamma", 64.0)? })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::numerics::pml_pairs::test_support::*;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // three_points relabelled (7, 7, 9) -> targets (0, 0, 1), gamma = 1.
        // Row 0: s = (1, 0, -1), target 0: log(e + 1 + e^-1) - 1.
        // Row 1: s = (0, 1, 0), target 0: log(2 + e) - 0.
        // Row 2: s = (-1, 0, 1), target 1: log(e^-1 + 1 + e) - 0. Mean of the three.
        let mut x = three_points();
        x.insert("labels".into(), i(&[3], &[7, 7, 9]));
        let ev = eval64(ID, None, &params(json!({"gamma": 1.0})), &x);
        let e = std::f64::consts::E;
        let z = (e + 1.0 + 1.0 / e).ln();
        assert_close(ev.loss.floats[0], ((z - 1.0) + (2.0 + e).ln() + z) / 3.0, 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, g) in [(1, 64.0), (5, 16.0), (9, 1.0)] {
            assert_gradcheck(ID, None, &params(json!({"gamma": g})), &batch(seed, 1.0, 3));
        }
    }

    #[test]
    fn degenerate_and_extreme_batches() {
        // A batch of one: its only logit is its target, loss 0.
        let one = inputs(vec![("embeddings", randn(&[1, 3], 2, 1.0)), ("labels", i(&[1], &[5]))]);
        assert_eq!(assert_finite(ID, None, &params(json!({})), &one).loss.floats[0], 0.0);
        assert_finite_at_scales(ID, &params(json!({"gamma": 1e4})), 3);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_rejects_bad_inputs(ID, &[json!({"gamma": "nan"})]);
    }
}
