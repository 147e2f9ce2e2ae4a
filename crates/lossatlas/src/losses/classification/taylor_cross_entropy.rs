//! Taylor cross-entropy: the first terms of the Taylor series of `-log p_y` around `p_y = 1`,
//! `sum_{k=1}^{t} (1 - p_y)^k / k`. Few terms behave like the bounded, noise-robust mean
//! absolute error; many terms approach cross-entropy, so the order trades fitting ability
//! against robustness to label noise.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::focal::target_log_probs;
use crate::numerics::{LossTensor, Reduction, reduce};

const ID: &str = "taylor-cross-entropy";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Taylor Cross-Entropy Loss",
    aliases: &["Taylor CE", "Taylor Cross Entropy"],
    kind: Kind::Loss,
    domains: &["classification"],
    year: 2020,
    paper: Paper {
        title: "Can Cross Entropy Loss Be Robust to Label Noise?",
        authors: "Feng, L. et al.",
        venue: "IJCAI",
        year: 2020,
        url: "https://www.ijcai.org/proceedings/2020/305",
    },
    summary: "Truncates the Taylor expansion of cross-entropy in (1 - p_y) after t terms: sum_{k=1}^{t} (1 - p_y)^k / k. The order 1 is the mean absolute error between the softmax and the one-hot target (bounded, robust to label noise but slow to fit); as t grows the loss approaches cross-entropy. Intermediate orders (e.g. 2 to 6) keep the loss bounded, by sum 1/k, while fitting clean data better than MAE. The order must be tuned to the noise rate.",
    formula: r"\ell = \sum_{k=1}^{t} \frac{(1 - p_y)^k}{k},\quad p = \operatorname{softmax}(x)",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "unnormalized class scores" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "class indices" },
    ],
    params: &[
        Param { name: "order", symbol: "t", default: Value::Null, range: Range::Integer { min: 1, max: i64::MAX }, meaning: "required: number of Taylor terms (1: MAE, large: cross-entropy)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["cross-entropy", "generalized-cross-entropy", "symmetric-cross-entropy", "poly", "l1"],
    forms: &[Form { name: "feng", description: "Feng et al. 2020, Eq. (5): sum_{k=1}^{order} (1 - softmax(x)_y)^k / k per sample, then mean, sum or none." }],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the true class (others 0)", from: -6.0, to: 6.0, at: |x| crate::plot::true_class_logit(x, None, serde_json::json!({"order": 2})) }),
    ..Entry::BLANK
};

/// Taylor cross-entropy of the given order on logits `[N, C]` and class indices `[N]`.
pub fn taylor_cross_entropy(logits: Tensor<2>, targets: Tensor<1, Int>, order: usize, reduction: Reduction) -> Result<LossTensor, LossError> {
    if order == 0 {
        return Err(LossError::param(ID, "order", "an integer >= 1", "0"));
    }
    let (_, logp_y) = target_log_probs(ID, logits, targets)?;
    let q = logp_y.exp().neg().add_scalar(1.0);
    let mut per = q.clone();
    let mut power = q.clone();
    for k in 2..=order {
        power = power * q.clone();
        per = per + power.clone().mul_scalar(1.0 / k as f64);
    }
    Ok(reduce(per, reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if let Some(f) = c.form()
        && f != "feng"
    {
        return Err(c.unknown_form(&["feng"]));
    }
    let order = c.i64_opt("order")?.ok_or_else(|| LossError::param(ID, "order", "an integer >= 1 (required)", "nothing"))?;
    if order < 1 {
        return Err(LossError::param(ID, "order", "an integer >= 1", format!("{order}")));
    }
    taylor_cross_entropy(c.float::<2>("logits")?, c.int::<1>("targets")?, order as usize, c.reduction(Reduction::Mean)?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch() -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("logits", randn(&[5, 4], 131, 2.0)), ("targets", i(&[5], &[0, 3, 2, 1, 1]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for order in [1, 2, 6] {
            assert_gradcheck(ID, None, &params(json!({"order": order, "reduction": "sum"})), &batch());
        }
    }

    #[test]
    fn value_is_the_formula_and_tends_to_cross_entropy() {
        // p_y = 3/4: order 2 gives 1/4 + 1/32; order 200 is ln(4/3) to 1e-15.
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 3f64.ln()])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, None, &params(json!({"order": 2})), &x);
        assert!((ev.loss.floats[0] - (0.25 + 0.03125)).abs() < 1e-15);
        let ev = eval64(ID, None, &params(json!({"order": 200})), &x);
        assert!((ev.loss.floats[0] - (4.0f64 / 3.0).ln()).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[s, -s, 0.0, -s, s, s])), ("targets", i(&[2], &[1, 0]))]);
            let ev = assert_finite(ID, None, &params(json!({"order": 3, "reduction": "none"})), &x);
            // A confidently wrong sample reaches the bound 1 + 1/2 + 1/3.
            assert!((ev.loss.floats[0] - 11.0 / 6.0).abs() < 1e-12);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_error(ID, None, &params(json!({})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"order": 0})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"order": 1.5})), &batch(), ErrorKind::Param);
        let mut x = batch();
        x.insert("targets".into(), i(&[5], &[0, 4, 2, 1, 1]));
        assert_error(ID, None, &params(json!({"order": 2})), &x, ErrorKind::Value);
        x.insert("targets".into(), i(&[4], &[0, 1, 2, 1]));
        assert_error(ID, None, &params(json!({"order": 2})), &x, ErrorKind::Shape);
        x.insert("targets".into(), f(&[5], &[0.0; 5]));
        assert_error(ID, None, &params(json!({"order": 2})), &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({"order": 2})), &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
