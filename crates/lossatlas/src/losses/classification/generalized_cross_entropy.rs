//! Generalized cross-entropy (GCE): the negative Box-Cox transform of the target probability,
//! `(1 - p_y^q) / q`, interpolating between cross-entropy (q -> 0) and mean absolute error
//! (q = 1) to trade convergence speed for robustness to noisy labels.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::focal::target_log_probs;
use crate::numerics::{LossTensor, Reduction, reduce};

const ID: &str = "generalized-cross-entropy";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Generalized Cross-Entropy (GCE)",
    aliases: &["GCE", "Lq Loss", "Generalized Cross Entropy"],
    kind: Kind::Loss,
    domains: &["classification"],
    year: 2018,
    paper: Paper {
        title: "Generalized Cross Entropy Loss for Training Deep Neural Networks with Noisy Labels",
        authors: "Zhang, Z. & Sabuncu, M.R.",
        venue: "NeurIPS",
        year: 2018,
        url: "https://arxiv.org/abs/1805.07836",
    },
    summary: "Uses L_q(p_y) = (1 - p_y^q) / q of the softmax probability of the labelled class. As q -> 0 it tends to cross-entropy (fast to train, sensitive to noisy labels); at q = 1 it is the mean absolute error on probabilities (bounded and noise-robust, but slow to fit). Intermediate q (0.7 in the paper) gains most of MAE's robustness to label noise while keeping trainability. Its gradient is CE's weighted by p_y^q, so hard (possibly mislabelled) examples get less weight; the paper's truncated variant is not included.",
    formula: r"\ell = \frac{1 - p_y^{\,q}}{q}\ \ (q \to 0:\ -\log p_y),\quad p = \operatorname{softmax}(x)",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "unnormalized class scores" },
        Input { name: "targets", shape: "[N] (i64)", meaning: "class indices" },
    ],
    params: &[
        Param { name: "q", symbol: "q", default: Value::Float(0.7), range: Range::UNIT, meaning: "exponent in [0, 1]: 0 gives cross-entropy (the limit), 1 gives MAE; the paper recommends 0.7" },
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
    related: &["cross-entropy", "taylor-cross-entropy", "symmetric-cross-entropy", "bi-tempered-logistic", "l1"],
    forms: &[Form { name: "zhang-sabuncu", description: "Zhang & Sabuncu 2018, Eq. (6): (1 - softmax(x)_y^q) / q per sample, computed as (1 - exp(q log p_y)) / q; q = 0 returns the limit -log p_y; then mean, sum or none." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// GCE on logits `[N, C]` and class indices `[N]`.
pub fn generalized_cross_entropy(logits: Tensor<2>, targets: Tensor<1, Int>, q: f64, reduction: Reduction) -> Result<LossTensor, LossError> {
    if !(0.0..=1.0).contains(&q) {
        return Err(LossError::param(ID, "q", "a number in [0, 1]", format!("{q}")));
    }
    let (_, logp_y) = target_log_probs(ID, logits, targets)?;
    let per = if q == 0.0 { logp_y.neg() } else { logp_y.mul_scalar(q).exp().neg().add_scalar(1.0).mul_scalar(1.0 / q) };
    Ok(reduce(per, reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if let Some(f) = c.form()
        && f != "zhang-sabuncu"
    {
        return Err(c.unknown_form(&["zhang-sabuncu"]));
    }
    generalized_cross_entropy(c.float::<2>("logits")?, c.int::<1>("targets")?, c.f64("q", 0.7)?, c.reduction(Reduction::Mean)?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch() -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("logits", randn(&[5, 4], 141, 2.0)), ("targets", i(&[5], &[0, 3, 2, 1, 1]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for q in [0.0, 0.3, 0.7, 1.0] {
            assert_gradcheck(ID, None, &params(json!({"q": q, "reduction": "sum"})), &batch());
        }
    }

    #[test]
    fn value_is_the_formula() {
        // p_y = 3/4, q = 1/2: (1 - sqrt(3)/2) * 2; q = 1: 1/4 (MAE on the probability).
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 3f64.ln()])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, None, &params(json!({"q": 0.5})), &x);
        assert!((ev.loss.floats[0] - 2.0 * (1.0 - 3f64.sqrt() / 2.0)).abs() < 1e-15);
        let ev = eval64(ID, None, &params(json!({"q": 1.0})), &x);
        assert!((ev.loss.floats[0] - 0.25).abs() < 1e-15);
    }

    #[test]
    fn small_q_tends_to_cross_entropy() {
        let x = batch();
        let ce = eval64("cross-entropy", None, &params(json!({"reduction": "none"})), &x);
        let exact = eval64(ID, None, &params(json!({"q": 0.0, "reduction": "none"})), &x);
        for (a, b) in exact.loss.floats.iter().zip(&ce.loss.floats) {
            assert!((a - b).abs() < 1e-14);
        }
        for q in [1e-3, 1e-5, 1e-7] {
            let ev = eval64(ID, None, &params(json!({"q": q, "reduction": "none"})), &x);
            for (a, b) in ev.loss.floats.iter().zip(&ce.loss.floats) {
                // (1 - e^{q l}) / q = -l - q l^2 / 2 + ...: the gap shrinks linearly in q.
                assert!((a - b).abs() <= q * b * b + 1e-8, "q = {q}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[s, -s, 0.0, -s, s, s])), ("targets", i(&[2], &[1, 0]))]);
            let ev = assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
            assert!((ev.loss.floats[0] - 1.0 / 0.7).abs() < 1e-12);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert_error(ID, None, &params(json!({"q": -0.1})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"q": 1.5})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"reduction": "avg"})), &batch(), ErrorKind::Param);
        let mut x = batch();
        x.insert("targets".into(), i(&[5], &[0, -1, 2, 1, 1]));
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Value);
        x.insert("targets".into(), f(&[5], &[0.0; 5]));
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::DType);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
