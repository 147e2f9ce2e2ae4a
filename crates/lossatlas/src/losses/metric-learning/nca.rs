//! NCA loss: the negative log-probability that a soft nearest neighbour (softmax over negative
//! squared distances) of each point has the same label.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::pml_pairs::{angle_probe, labelled_batch, read_batch, index_tensor, lp_matrix, masked_logsumexp, zero_loss};
use crate::numerics::{self, LossTensor};

const ID: &str = "nca";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Neighbourhood Components Analysis Loss",
    aliases: &["NCA Loss", "NCA"],
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2004,
    paper: Paper {
        title: "Neighbourhood Components Analysis",
        authors: "Goldberger, J., Roweis, S., Hinton, G., Salakhutdinov, R.",
        venue: "NeurIPS",
        year: 2004,
        url: "https://www.cs.toronto.edu/~hinton/absps/nca.pdf",
    },
    summary: "Each point picks a neighbour with probability proportional to exp(-scale * squared distance), excluding itself; the loss is minus the log of the probability mass on same-label neighbours. It directly optimizes leave-one-out soft kNN accuracy and is the ancestor of proxy-NCA. Points whose label appears only once in the batch have no same-label neighbour and are left out of the mean; a batch where no point has one is an error (PML returns the NaN of an empty mean).",
    formula: r"\ell_i = -\log \frac{\sum_{j \ne i,\ y_j = y_i} e^{-s\,d_{ij}}}{\sum_{k \ne i} e^{-s\,d_{ik}}},\quad d_{ij} = \Big\lVert \tfrac{x_i}{\lVert x_i\rVert} - \tfrac{x_j}{\lVert x_j\rVert}\Big\rVert_2^2,\quad L = \operatorname{mean}_{i:\ \exists j \ne i,\ y_j = y_i}\ \ell_i",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "softmax_scale", symbol: "s", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "multiplies the distances inside the softmax" },
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
        "pytorch_metric_learning.losses.NCALoss",
    ],
    related: &["proxy-nca", "nca-pair"],
    forms: &[
        Form { name: "pml", description: "PML NCALoss with its default LpDistance(p=2, power=2) (squared Euclidean distance of L2-normalized embeddings), computed from log-sum-exps; points without a same-label neighbour are dropped and the rest averaged (MeanReducer); a batch of one gives 0; a larger batch with no same-label pair is an error (PML: NaN). Other PML distances are not supported." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: angle_probe }),
    ..Entry::BLANK
};

/// Options of PML's `NCALoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct NcaConfig {
    pub softmax_scale: f64,
}

impl Default for NcaConfig {
    fn default() -> Self {
        NcaConfig { softmax_scale: 1.0 }
    }
}

/// PML `NCALoss(softmax_scale)(embeddings, labels)`.
pub fn nca(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &NcaConfig) -> Result<LossTensor, LossError> {
    let pairs = labelled_batch(ID, &embeddings, &labels, &[])?;
    // PML masks the diagonal with the most negative float before scaling, which only excludes
    // self-matches for a positive scale.
    numerics::positive_param(ID, "softmax_scale", cfg.softmax_scale)?;
    let n = pairs.n;
    if n <= 1 {
        return Ok(zero_loss(&embeddings));
    }
    let logits = lp_matrix(embeddings, 2).mul_scalar(-cfg.softmax_scale);
    let others: Vec<bool> = (0..n * n).map(|k| k / n != k % n).collect();
    let pos = pairs.pos_flags();
    let cnt_pos = pairs.counts().0;
    let rows: Vec<usize> = (0..n).filter(|&a| cnt_pos[a] > 0).collect();
    if rows.is_empty() {
        return Err(LossError::value(ID, "labels", "at least two embeddings sharing a label (PML averages over none and returns NaN)", "all labels distinct"));
    }
    let per = masked_logsumexp(logits.clone(), &others, false) - masked_logsumexp(logits, &pos, false);
    let idx = index_tensor(&per, rows.into_iter());
    let per = per.select(0, idx);
    Ok(LossTensor::scalar(per.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (x, y) = read_batch(c, ID)?;
    nca(x, y, &NcaConfig { softmax_scale: c.f64("softmax_scale", 1.0)? })
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
        // three_points, scale 1: squared distances d01 = 2, d02 = 4, d12 = 2.
        // Row 0: -log(e^-2 / (e^-2 + e^-4)); row 1: -log(e^-2 / (2 e^-2)) = log 2;
        // row 2 has no same-label neighbour and is left out.
        let ev = eval64(ID, None, &params(json!({})), &three_points());
        assert_close(ev.loss.floats[0], ((-2f64).exp().ln_1p() + 2f64.ln()) / 2.0, 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, s) in [(1, 1.0), (5, 4.0), (9, 16.0)] {
            assert_gradcheck(ID, None, &params(json!({"softmax_scale": s})), &batch(seed, 1.0, 3));
        }
    }

    #[test]
    fn degenerate_and_extreme_batches() {
        // A single embedding: 0. All labels distinct: no point has a neighbour of its class, an
        // error (PML: NaN).
        let one = inputs(vec![("embeddings", randn(&[1, 3], 2, 1.0)), ("labels", i(&[1], &[3]))]);
        assert_eq!(eval64(ID, None, &params(json!({})), &one).loss.floats[0], 0.0);
        let x = inputs(vec![("embeddings", randn(&[4, 3], 2, 1.0)), ("labels", i(&[4], &[0, 1, 2, 3]))]);
        assert_error(ID, None, &params(json!({})), &x, crate::ErrorKind::Value);
        assert_finite_at_scales(ID, &params(json!({"softmax_scale": 1e3})), 3);
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_rejects_bad_inputs(ID, &[json!({"softmax_scale": 0.0}), json!({"softmax_scale": "nan"})]);
    }
}
