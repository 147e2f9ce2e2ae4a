//! Bi-tempered logistic loss: logistic loss with two temperatures. `t1 < 1` makes the loss
//! bounded (outliers far on the wrong side cannot dominate) and `t2 > 1` gives the tempered
//! softmax heavier tails (mislabelled examples near the boundary are not forced across it). It
//! is the Bregman divergence of tempered exponential families, and t1 = t2 = 1 is ordinary
//! softmax cross-entropy.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce};
use crate::numerics::focal::one_hot;

const ID: &str = "bi-tempered-logistic";

/// Bisection steps for the tempered normalization: the bracket `[0, -log_t(1/C)]` is halved
/// until it is below one unit in the last place of f64.
const BISECTION_STEPS: usize = 100;

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Bi-Tempered Logistic Loss",
    aliases: &["Bi-Tempered Loss", "Robust Bi-Tempered Logistic Loss"],
    kind: Kind::Loss,
    domains: &["classification"],
    year: 2019,
    paper: Paper {
        title: "Robust Bi-Tempered Logistic Loss Based on Bregman Divergences",
        authors: "Amid, E. et al.",
        venue: "NeurIPS",
        year: 2019,
        url: "https://arxiv.org/abs/1906.03361",
    },
    summary: "Replaces the log and exp of softmax cross-entropy by tempered versions: the tempered softmax p = exp_t2(x - lambda(x)) (lambda normalizes it, found iteratively) and the loss sum_c [q log_t1 q - q log_t1 p - (q^{2-t1} - p^{2-t1}) / (2 - t1)]. With t1 < 1 the loss is bounded, so grossly mislabelled examples stop dominating; with t2 > 1 the heavy-tailed softmax tolerates label noise near the decision boundary; t1 = t2 = 1 is cross-entropy. Suited to noisy labels; the normalization costs extra iterations and the two temperatures need tuning (e.g. t1 = 0.8, t2 = 1.2).",
    formula: r"\ell = \sum_{c}\Big[q_c\big(\log_{t_1} q_c - \log_{t_1} p_c\big) - \frac{q_c^{2-t_1} - p_c^{2-t_1}}{2-t_1}\Big],\quad p_c = \exp_{t_2}\big(x_c - \lambda_{t_2}(x)\big),\ \sum_c p_c = 1,\quad \log_t u = \frac{u^{1-t}-1}{1-t},\ \exp_t u = [1 + (1-t)u]_+^{1/(1-t)}",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "activations (class axis last)" },
        Input { name: "targets", shape: "[N] (i64) or [N, C]", meaning: "class indices or label distributions" },
    ],
    params: &[
        Param { name: "t1", symbol: "t_1", default: Value::Null, range: Range::Real { min: 0.0, max: 2.0, open_min: false, open_max: true }, meaning: "required: temperature of the loss (< 1: bounded loss)" },
        Param { name: "t2", symbol: "t_2", default: Value::Null, range: Range::Real { min: 0.0, max: f64::INFINITY, open_min: true, open_max: true }, meaning: "required: temperature of the tempered softmax (> 1: heavy tails, < 1: finite support)" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::Real { min: 0.0, max: 1.0, open_min: false, open_max: true }, meaning: "targets become (1 - C/(C-1) eps) q + eps/(C-1)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Unknown,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["cross-entropy", "generalized-cross-entropy", "symmetric-cross-entropy", "taylor-cross-entropy", "label-smoothing"],
    forms: &[Form { name: "google", description: "google/bi-tempered-loss (jax/loss.py) with the tempered normalization solved to convergence (the reference iterates a fixed point for t2 > 1 and bisects for t2 < 1 a fixed number of times): here bisection to f64 precision for every t2 != 1, then one implicit-function step so that autodiff gives the reference's custom gradient (p - q) p^{t2-t1} - escort * sum((p - q) p^{t2-t1}). t1 = t2 = 1 is the reference's cross-entropy branch, sum q (log(q + 1e-15) - log_softmax(x))." }],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the true class (others 0)", from: -6.0, to: 6.0, at: |x| crate::plot::true_class_logit(x, None, serde_json::json!({"t1": 0.8, "t2": 1.2})) }),
    ..Entry::BLANK
};

/// `log_t(u) = (u^(1-t) - 1) / (1 - t)`, `log` at t = 1.
pub fn log_t<const D: usize>(u: Tensor<D>, t: f64) -> Tensor<D> {
    if t == 1.0 { u.log() } else { u.powf_scalar(1.0 - t).sub_scalar(1.0).mul_scalar(1.0 / (1.0 - t)) }
}

/// `exp_t(u) = max(1 + (1 - t) u, 0)^(1 / (1 - t))`, `exp` at t = 1.
pub fn exp_t<const D: usize>(u: Tensor<D>, t: f64) -> Tensor<D> {
    if t == 1.0 { u.exp() } else { u.mul_scalar(1.0 - t).add_scalar(1.0).clamp_min(0.0).powf_scalar(1.0 / (1.0 - t)) }
}

/// The normalizer `lambda` with `sum_c exp_t(x_c - lambda) = 1` along the last axis of `[N, C]`
/// (`[N, 1]`). Solved by bisection on detached values, then written as
/// `lambda* + (S(x, lambda*) - 1) / sum_c p_c^t` so that its gradient is the escort
/// distribution `p^t / sum p^t` given by the implicit function theorem.
pub fn tempered_normalization(x: Tensor<2>, t: f64) -> Tensor<2> {
    if t == 1.0 {
        return numerics::logsumexp(x, 1);
    }
    let [n, c] = x.dims();
    let mu = x.clone().detach().max_dim(1);
    let a0 = x.clone().detach() - mu.clone();
    let effective = if t < 1.0 {
        // Entries at or below -1/(1 - t) have exp_t = 0 for every lambda >= 0.
        numerics::mask_to_float(a0.clone().greater_elem(-1.0 / (1.0 - t)), &x).sum_dim(1)
    } else {
        numerics::full_like(&x, [n, 1], c as f64)
    };
    let mut lower = numerics::full_like(&x, [n, 1], 0.0);
    let mut upper = log_t(effective.recip(), t).neg();
    for _ in 0..BISECTION_STEPS {
        let mid = (lower.clone() + upper.clone()).mul_scalar(0.5);
        let below = exp_t(a0.clone() - mid.clone(), t).sum_dim(1).lower_elem(1.0);
        upper = upper.mask_where(below.clone(), mid.clone());
        lower = mid.mask_where(below, lower);
    }
    let lambda = (lower + upper).mul_scalar(0.5) + mu;
    let p = exp_t(x - lambda.clone(), t);
    let escort_norm = p.clone().detach().powf_scalar(t).sum_dim(1);
    lambda + (p.sum_dim(1).sub_scalar(1.0)) / escort_norm
}

/// The tempered softmax `exp_t(x - lambda(x))` along the last axis of `[N, C]`.
pub fn tempered_softmax(x: Tensor<2>, t: f64) -> Tensor<2> {
    let lambda = tempered_normalization(x.clone(), t);
    exp_t(x - lambda, t)
}

/// Options of the bi-tempered logistic loss.
#[derive(Debug, Clone, PartialEq)]
pub struct BiTemperedConfig {
    pub t1: f64,
    pub t2: f64,
    pub label_smoothing: f64,
    pub reduction: Reduction,
}

/// Bi-tempered logistic loss on logits `[N, C]` and label distributions `[N, C]`.
pub fn bi_tempered_logistic(logits: Tensor<2>, labels: Tensor<2>, cfg: &BiTemperedConfig) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &labels.dims(), "logits", &[n, c])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    if !(cfg.t1 >= 0.0 && cfg.t1 < 2.0) {
        return Err(LossError::param(ID, "t1", "a number in [0, 2)", format!("{}", cfg.t1)));
    }
    if !(cfg.t2 > 0.0) || !cfg.t2.is_finite() {
        return Err(LossError::param(ID, "t2", "a finite number > 0", format!("{}", cfg.t2)));
    }
    if !(0.0..1.0).contains(&cfg.label_smoothing) {
        return Err(LossError::param(ID, "label_smoothing", "a number in [0, 1)", format!("{}", cfg.label_smoothing)));
    }
    let mut q = labels;
    if cfg.label_smoothing > 0.0 {
        if c < 2 {
            return Err(LossError::shape(ID, "logits", "at least 2 classes for label smoothing", format!("{c}")));
        }
        let ls = cfg.label_smoothing;
        q = q.mul_scalar(1.0 - c as f64 / (c as f64 - 1.0) * ls).add_scalar(ls / (c as f64 - 1.0));
    }
    let per = if cfg.t1 == 1.0 && cfg.t2 == 1.0 {
        let logp = numerics::log_softmax(logits, 1);
        (q.clone() * (q.add_scalar(1e-15).log() - logp)).sum_dim(1)
    } else {
        let p = tempered_softmax(logits, cfg.t2);
        let t1 = cfg.t1;
        // q log_t(p): where q = 0 the term is 0 and log_t(p) (infinite slope at p = 0) is
        // evaluated at 1 instead, so no 0 * inf reaches the gradient.
        let zero_q = q.clone().equal_elem(0.0);
        let p_safe = p.clone().mask_fill(zero_q, 1.0);
        let cross = q.clone() * (log_t(q.clone().add_scalar(1e-10), t1) - log_t(p_safe, t1));
        let powers = (q.powf_scalar(2.0 - t1) - p.powf_scalar(2.0 - t1)).mul_scalar(1.0 / (2.0 - t1));
        (cross - powers).sum_dim(1)
    };
    Ok(reduce(per.reshape([n]), cfg.reduction))
}

/// As [`bi_tempered_logistic`] with class-index targets `[N]`.
pub fn bi_tempered_logistic_indices(logits: Tensor<2>, targets: Tensor<1, Int>, cfg: &BiTemperedConfig) -> Result<LossTensor, LossError> {
    let [n, c] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of logits", &[n])?;
    numerics::non_empty(ID, "logits", &[n, c])?;
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), c, None)?;
    let q = one_hot(targets, c, &logits);
    bi_tempered_logistic(logits, q, cfg)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if let Some(f) = c.form()
        && f != "google"
    {
        return Err(c.unknown_form(&["google"]));
    }
    let t1 = c.f64_opt("t1")?.ok_or_else(|| LossError::param(ID, "t1", "a temperature (required)", "nothing"))?;
    let t2 = c.f64_opt("t2")?.ok_or_else(|| LossError::param(ID, "t2", "a temperature (required)", "nothing"))?;
    let cfg = BiTemperedConfig { t1, t2, label_smoothing: c.f64("label_smoothing", 0.0)?, reduction: c.reduction(Reduction::Mean)? };
    if c.host("targets")?.dtype.is_float() {
        bi_tempered_logistic(c.float::<2>("logits")?, c.float::<2>("targets")?, &cfg)
    } else {
        bi_tempered_logistic_indices(c.float::<2>("logits")?, c.int::<1>("targets")?, &cfg)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn batch() -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("logits", randn(&[4, 5], 101, 2.0)), ("targets", i(&[4], &[0, 3, 4, 1]))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (t1, t2) in [(0.8, 1.2), (0.5, 0.9), (1.0, 1.5), (0.3, 1.0), (1.0, 1.0)] {
            assert_gradcheck(ID, None, &params(json!({"t1": t1, "t2": t2, "label_smoothing": 0.1})), &batch());
        }
        let soft = inputs(vec![("logits", randn(&[3, 4], 102, 1.0)), ("targets", uniform(&[3, 4], 103, 0.1, 1.0))]);
        assert_gradcheck_only(ID, None, &params(json!({"t1": 0.7, "t2": 1.3})), &soft, Some(&["logits"]));
    }

    #[test]
    fn tempered_softmax_normalizes() {
        use burn::tensor::{DType, Device, Tensor, TensorData};
        // Probabilities sum to 1 for heavy tails (t > 1) and for finite support (t < 1, where
        // the smallest activation gets exactly 0).
        let dev = Device::flex();
        let x = Tensor::<2>::from_data(TensorData::new(vec![3.0, 0.0, -4.0, -9.0], [1, 4]), (&dev, DType::F64));
        for t in [0.5, 0.9, 1.0, 1.2, 2.0, 4.0] {
            let p = crate::numerics::host_f64(&super::tempered_softmax(x.clone(), t));
            assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-14, "t = {t}: {p:?}");
            assert!(p.windows(2).all(|w| w[0] >= w[1]));
            if t == 0.5 {
                assert_eq!(p[3], 0.0);
            }
        }
    }

    #[test]
    fn value_is_the_formula() {
        // t1 = t2 = 1 is cross-entropy: logits (0, ln 3), target 1 -> ln(4/3).
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 3f64.ln()])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, None, &params(json!({"t1": 1.0, "t2": 1.0})), &x);
        assert!((ev.loss.floats[0] - (4.0f64 / 3.0).ln()).abs() < 1e-14);
        // t2 = 1, t1 = 0 (log_0 u = u - 1): with softmax p = (1/4, 3/4), target 1:
        // (0 - (3/4 - 1)) - (1/2)(1 - (1/16 + 9/16)) = 1/4 - 3/16 = 1/16.
        let ev = eval64(ID, None, &params(json!({"t1": 0.0, "t2": 1.0})), &x);
        assert!((ev.loss.floats[0] - (0.0625 + 1e-10)).abs() < 1e-15, "{}", ev.loss.floats[0]);
        // t2 = 2 on two classes (0, 0): symmetric, p = (1/2, 1/2); t1 = 1: ln(1 + 1e-10) - ln(1/2)
        // - ((1 - 1/2) + (0 - 1/2)).
        let x = inputs(vec![("logits", f(&[1, 2], &[0.0, 0.0])), ("targets", i(&[1], &[0]))]);
        let ev = eval64(ID, None, &params(json!({"t1": 1.0, "t2": 2.0})), &x);
        assert!((ev.loss.floats[0] - (2f64.ln() + 1e-10)).abs() < 1e-14, "{}", ev.loss.floats[0]);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[s, -s, 0.0, -s, s, s])), ("targets", i(&[2], &[1, 0]))]);
            for (t1, t2) in [(0.8, 1.2), (0.5, 0.9)] {
                assert_finite(ID, None, &params(json!({"t1": t1, "t2": t2, "label_smoothing": 0.1})), &x);
            }
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({"t1": 0.8, "t2": 1.2}));
        assert_error(ID, None, &params(json!({"t2": 1.2})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"t1": 0.8, "t2": 0.0})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"t1": 2.0, "t2": 1.0})), &batch(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"t1": 0.8, "t2": 1.2, "label_smoothing": 1.0})), &batch(), ErrorKind::Param);
        let mut x = batch();
        x.insert("targets".into(), i(&[4], &[0, 5, 1, 1]));
        assert_error(ID, None, &p, &x, ErrorKind::Value);
        x.insert("targets".into(), i(&[3], &[0, 1, 1]));
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0, 3], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
