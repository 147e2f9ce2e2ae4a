//! Angular loss: a triplet-style metric loss that bounds the angle at the negative point of the
//! triangle (anchor, positive, negative) instead of a distance margin, which makes it scale invariant.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::distance::l2_normalize;
use crate::numerics::LossTensor;
use crate::numerics::pml_pairs::{angle_probe, index_tensor, labelled_batch, masked_logsumexp, read_batch, zero_loss};

const ID: &str = "angular";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Angular Loss",
    kind: Kind::Loss,
    domains: &["metric-learning"],
    year: 2017,
    paper: Paper {
        title: "Deep Metric Learning with Angular Loss",
        authors: "Wang, J., Zhou, F., Wen, S., Liu, X., Lin, Y.",
        venue: "ICCV",
        year: 2017,
        url: "https://arxiv.org/abs/1708.01682",
    },
    summary: "Pushes each negative away from the midpoint of an anchor-positive pair by constraining the angle at the negative to at most alpha, summed over all negatives with a log-sum-exp. Because it works on angles it needs no absolute distance margin and is insensitive to the scale of the embedding. PML takes every positive pair in the batch and the alpha angle in degrees; anchors and positives are L2-normalized, the negatives enter as given (unnormalized), which makes the loss depend on their norms.",
    formula: r"\ell_{a,p} = \log\Big(1 + \sum_{n:\,y_n \ne y_a} \exp\big(4\tan^2\alpha\,(\hat x_a + \hat x_p)^\top x_n - 2(1+\tan^2\alpha)\,\hat x_a^\top \hat x_p\big)\Big),\quad \hat x = \frac{x}{\lVert x\rVert},\quad L = \operatorname{mean}_{(a,p):\,y_a = y_p,\ a \ne p} \ell_{a,p}",
    inputs: &[
        Input { name: "embeddings", shape: "[N, D]", meaning: "one embedding per row" },
        Input { name: "labels", shape: "[N] (i64)", meaning: "class label of each embedding; equal labels make positive pairs" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(40.0), range: Range::Real { min: 0.0, max: 90.0, open_min: true, open_max: true }, meaning: "angle bound in degrees" },
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
        "pytorch_metric_learning.losses.AngularLoss",
    ],
    related: &["n-pair", "triplet", "lifted-structure"],
    forms: &[
        Form { name: "pml", description: "PML AngularLoss (its required distance LpDistance(p=2, power=1, normalize_embeddings=True)): every ordered positive pair (a, p) of the batch, negatives are every embedding with another label, taken unnormalized; per-pair losses averaged by PML's MeanReducer; 0 when the batch has no positive or no negative pair." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "angle between the two embeddings of class 0 (radians)", from: 0.0, to: 3.0, at: angle_probe }),
    ..Entry::BLANK
};

/// Options of PML's `AngularLoss`; `Default` equals PML's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct AngularConfig {
    /// Angle bound in degrees.
    pub alpha: f64,
}

impl Default for AngularConfig {
    fn default() -> Self {
        AngularConfig { alpha: 40.0 }
    }
}

/// PML `AngularLoss(alpha)(embeddings, labels)`.
pub fn angular(embeddings: Tensor<2>, labels: Tensor<1, Int>, cfg: &AngularConfig) -> Result<LossTensor, LossError> {
    let pairs = labelled_batch(ID, &embeddings, &labels, &[("alpha", cfg.alpha)])?;
    if pairs.pos.is_empty() || pairs.neg.is_empty() {
        return Ok(zero_loss(&embeddings));
    }
    let n = pairs.n;
    let k = pairs.pos.len();
    let sq_tan = cfg.alpha.to_radians().tan().powi(2);
    let a = l2_normalize(embeddings.clone().select(0, index_tensor(&embeddings, pairs.pos.iter().map(|p| p.0))), 1e-12);
    let p = l2_normalize(embeddings.clone().select(0, index_tensor(&embeddings, pairs.pos.iter().map(|p| p.1))), 1e-12);
    let ap_dot = (a.clone() * p.clone()).sum_dim(1); // [K, 1]
    let to_all = (a + p).matmul(embeddings.transpose()); // [K, N]
    let z = to_all.mul_scalar(4.0 * sq_tan) - ap_dot.mul_scalar(2.0 * (1.0 + sq_tan));
    let keep: Vec<bool> = (0..k * n).map(|i| pairs.labels[pairs.pos[i / n].0] != pairs.labels[i % n]).collect();
    let per = masked_logsumexp(z, &keep, true);
    Ok(LossTensor::scalar(per.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let (x, y) = read_batch(c, ID)?;
    angular(x, y, &AngularConfig { alpha: c.f64("alpha", 40.0)? })
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
        // three_points with alpha = 45 deg (tan^2 = 1). Pair (0, 1): x_a + x_p = (1, 1), x_a.x_p = 0,
        // the negative enters unnormalized as (-1, 0): log(1 + exp(4 * -1)). Pair (1, 0): the same.
        let ev = eval64(ID, None, &params(json!({"alpha": 45.0})), &three_points());
        assert_close(ev.loss.floats[0], (-4.0f64).exp().ln_1p(), 1e-15);
        // The negative's norm matters: (-3, 0) instead of (-1, 0) gives log(1 + exp(-12)).
        let x = inputs(vec![("embeddings", f(&[3, 2], &[2.0, 0.0, 0.0, 3.0, -3.0, 0.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        assert_close(eval64(ID, None, &params(json!({"alpha": 45.0})), &x).loss.floats[0], (-12.0f64).exp().ln_1p(), 1e-15);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, alpha) in [(1, 40.0), (5, 20.0), (9, 60.0)] {
            assert_gradcheck(ID, None, &params(json!({"alpha": alpha})), &batch(seed, 1.0, 3));
        }
    }

    #[test]
    fn degenerate_and_extreme_batches() {
        assert_degenerate_zero(ID, &params(json!({})));
        assert_finite(ID, None, &params(json!({"alpha": 80.0})), &batch(3, 1e-8, 3));
        assert_finite(ID, None, &params(json!({"alpha": 80.0})), &batch(3, 1e2, 3));
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_rejects_bad_inputs(ID, &[json!({"alpha": "nan"}), json!({"alpha": "inf"})]);
    }
}
