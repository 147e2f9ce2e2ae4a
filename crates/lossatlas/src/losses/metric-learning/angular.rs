//! Angular loss: a triplet-style metric loss that bounds the angle at the negative point of the
//! triangle (anchor, positive, negative) instead of a distance margin, which makes it scale invariant.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::distance::l2_normalize;
use crate::numerics::pairs::check_embeddings;
use crate::numerics::pmlA_metric::{PairLists, angle_probe, index_tensor, masked_logsumexp};
use crate::numerics::{self, LossTensor};

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
    check_embeddings(ID, &embeddings.dims(), &labels.dims())?;
    numerics::non_empty(ID, "embeddings", &embeddings.dims())?;
    numerics::finite_param(ID, "alpha", cfg.alpha)?;
    let pairs = PairLists::from_tensor(&labels);
    if pairs.pos.is_empty() || pairs.neg.is_empty() {
        return Ok(LossTensor::scalar(numerics::full_like(&embeddings, [1], 0.0)));
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
    match c.form() {
        None | Some("pml") => {}
        Some(_) => return Err(c.unknown_form(&["pml"])),
    }
    let cfg = AngularConfig { alpha: c.f64("alpha", 40.0)? };
    check_embeddings(ID, c.shape("embeddings")?, c.shape("labels")?)?;
    angular(c.float::<2>("embeddings")?, c.int::<1>("labels")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch(seed: u64, scale: f64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("embeddings", randn(&[7, 3], seed, scale)), ("labels", i(&[7], &[0, 1, 0, 2, 1, 0, 3]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // x0 = (1, 0), x1 = (0, 2) with label 0, x2 = (0, -3) with label 1, alpha = 45 deg (tan^2 = 1).
        // Pair (0, 1): a + p = (1, 1), a.p = 0: log(1 + exp(4 * (1, 1).(0, -3))) = log(1 + e^-12).
        // Pair (1, 0): the same. Mean: log(1 + e^-12).
        let x = inputs(vec![("embeddings", f(&[3, 2], &[1.0, 0.0, 0.0, 2.0, 0.0, -3.0])), ("labels", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"alpha": 45.0})), &x);
        let want = (-12.0f64).exp().ln_1p();
        assert!((ev.loss.floats[0] - want).abs() < 1e-15, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (seed, alpha) in [(1, 40.0), (5, 20.0), (9, 60.0)] {
            assert_gradcheck(ID, None, &params(json!({"alpha": alpha})), &batch(seed, 1.0));
        }
    }

    #[test]
    fn degenerate_batches_give_zero() {
        for labels in [[4i64, 4, 4, 4], [0, 1, 2, 3]] {
            let x = inputs(vec![("embeddings", randn(&[4, 3], 2, 1.0)), ("labels", i(&[4], &labels))]);
            let ev = assert_finite(ID, None, &params(json!({})), &x);
            assert_eq!(ev.loss.floats[0], 0.0);
        }
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e-8, 1e2] {
            assert_finite(ID, None, &params(json!({"alpha": 80.0})), &batch(3, scale));
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
        assert_error(ID, None, &params(json!({"alpha": "nan"})), &batch(1, 1.0), ErrorKind::Param);
        let empty = inputs(vec![("embeddings", f(&[0, 3], &[])), ("labels", i(&[0], &[]))]);
        assert_error(ID, None, &p, &empty, ErrorKind::Empty);
    }
}
