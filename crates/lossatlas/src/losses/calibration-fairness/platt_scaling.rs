//! Platt scaling: post-hoc calibration of a binary score by a fitted logistic curve
//! sigmoid(a·s + b). The objective is the binary cross-entropy of that curve on held-out data,
//! as a function of the two fitted numbers a and b.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "platt-scaling";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Platt Scaling Loss",
    aliases: &["Platt Scaling", "Sigmoid Calibration"],
    kind: Kind::Loss,
    domains: &["calibration-fairness", "classification"],
    year: 1999,
    paper: Paper {
        title: "Probabilistic Outputs for Support Vector Machines and Comparisons to Regularized Likelihood Methods",
        authors: "John C. Platt",
        venue: "Advances in Large Margin Classifiers (MIT Press)",
        year: 1999,
        url: "https://home.cs.colorado.edu/~mozer/Teaching/syllabi/6622/papers/Platt1999.pdf",
    },
    summary: "Turns an uncalibrated binary score s (an SVM margin, a logit) into a probability sigmoid(a·s + b), fitting a and b by minimizing the binary cross-entropy on a held-out set; the score model itself is frozen. Platt recommends fitting on data not used to train the scorer and replacing the 0/1 targets by (N+ + 1)/(N+ + 2) and 1/(N- + 2) to avoid overfitting, which this objective accepts as soft targets. Platt's paper writes the curve as 1/(1 + exp(A s + B)), i.e. a = -A, b = -B; scikit-learn's CalibratedClassifierCV(method='sigmoid') fits the same model.",
    formula: r"\mathcal{L}(a, b) = \frac{1}{N}\sum_{i=1}^{N} \Big[\log\big(1 + e^{z_i}\big) - t_i z_i\Big],\quad z_i = a\,s_i + b",
    inputs: &[
        Input { name: "scores", shape: "[N]", meaning: "frozen uncalibrated scores s_i of the binary classifier" },
        Input { name: "targets", shape: "[N]", meaning: "targets t_i, normally in [0, 1]: 0/1 labels or Platt's smoothed targets (gets a gradient)" },
        Input { name: "a", shape: "[] or [1]", meaning: "fitted slope (gets a gradient)" },
        Input { name: "b", shape: "[] or [1]", meaning: "fitted intercept (gets a gradient)" },
    ],
    params: &[Param::REDUCTION_MEAN],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["sklearn.calibration.CalibratedClassifierCV(method=\"sigmoid\")"],
    related: &["binary-cross-entropy", "temperature-scaling", "dirichlet-calibration", "brier-score"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the Platt objective.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PlattScalingConfig {
    pub reduction: Reduction,
}

/// Binary cross-entropy of `sigmoid(a * scores + b)` against `targets` (both `[N]`); `a` and
/// `b` are one-element tensors. Convex in (a, b).
pub fn platt_scaling(scores: Tensor<1>, targets: Tensor<1>, a: Tensor<1>, b: Tensor<1>, cfg: &PlattScalingConfig) -> Result<LossTensor, LossError> {
    let [n] = scores.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "scores", &[n])?;
    numerics::non_empty(ID, "scores", &[n])?;
    for (name, t) in [("a", &a), ("b", &b)] {
        if t.dims() != [1] {
            return Err(LossError::shape(ID, name, "one value", fmt_shape(&t.dims())));
        }
        numerics::finite_values(ID, name, &numerics::host_f64(t))?;
    }
    // Like torch's binary_cross_entropy_with_logits, targets outside [0, 1] are not rejected:
    // the expression is linear in them (and finite differences step across 0 and 1).
    let z = scores * a + b;
    let per = numerics::softplus(z.clone()) - targets * z;
    Ok(reduce(per, cfg.reduction))
}

fn scalar_input(c: &Call, name: &str) -> Result<Tensor<1>, LossError> {
    let t = c.host(name)?;
    if t.numel() != 1 {
        return Err(LossError::shape(ID, name, "one value (shape [] or [1])", fmt_shape(&t.shape)));
    }
    c.float_reshaped::<1>(name, [1])
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = PlattScalingConfig { reduction: c.reduction(Reduction::Mean)? };
    platt_scaling(c.float::<1>("scores")?, c.float::<1>("targets")?, scalar_input(c, "a")?, scalar_input(c, "b")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn x(s: crate::eval::HostTensor, t: crate::eval::HostTensor, a: f64, b: f64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("scores", s), ("targets", t), ("a", f(&[], &[a])), ("b", f(&[], &[b]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        // Soft (Platt-smoothed) targets and 0/1 targets.
        assert_gradcheck(ID, None, &params(json!({})), &x(randn(&[7], 1, 3.0), uniform(&[7], 2, 0.0, 1.0), -1.3, 0.4));
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x(randn(&[5], 3, 2.0), f(&[5], &[0.0, 1.0, 1.0, 0.0, 1.0]), 0.7, -2.0));
    }

    #[test]
    fn value_is_the_formula() {
        // s = (0, 1), t = (0, 1), a = ln 3, b = 0: z = (0, ln 3); losses ln 2 and ln(4/3) - 0 ... :
        // softplus(0) = ln 2; softplus(ln 3) - ln 3 = ln 4 - ln 3.
        let ev = eval64(ID, None, &params(json!({})), &x(f(&[2], &[0.0, 1.0]), f(&[2], &[0.0, 1.0]), 3f64.ln(), 0.0));
        let want = (2f64.ln() + (4.0f64 / 3.0).ln()) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_scores() {
        for scale in [1e2, 1e3, 1e4] {
            assert_finite(ID, None, &params(json!({})), &x(f(&[3], &[scale, -scale, 0.0]), f(&[3], &[0.0, 1.0, 1.0]), 1.0, 0.0));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        assert_error(ID, None, &p, &x(randn(&[3], 1, 1.0), f(&[2], &[0.0, 1.0]), 1.0, 0.0), ErrorKind::Shape);
        assert_error(ID, None, &p, &x(randn(&[3], 1, 1.0), f(&[3], &[0.0, 1.0, 1.0]), 1.0, f64::INFINITY), ErrorKind::Value);
        assert_error(ID, None, &p, &x(randn(&[3], 1, 1.0), f(&[3], &[0.0, 1.0, 1.0]), f64::NAN, 0.0), ErrorKind::Value);
        assert_error(ID, None, &p, &x(f(&[0], &[]), f(&[0], &[]), 1.0, 0.0), ErrorKind::Empty);
        let two = inputs(vec![("scores", randn(&[3], 1, 1.0)), ("targets", f(&[3], &[0.0, 1.0, 1.0])), ("a", f(&[2], &[1.0, 1.0])), ("b", f(&[], &[0.0]))]);
        assert_error(ID, None, &p, &two, ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"reduction": "avg"})), &x(randn(&[3], 1, 1.0), f(&[3], &[0.0, 1.0, 1.0]), 1.0, 0.0), ErrorKind::Param);
    }
}
