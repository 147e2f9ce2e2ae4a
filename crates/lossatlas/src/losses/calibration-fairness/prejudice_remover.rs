//! Prejudice remover: logistic loss plus the prejudice index, a batch estimate of the mutual
//! information between the predicted label and the sensitive attribute, so that training trades
//! accuracy against indirect discrimination.

use burn::tensor::{Bool, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, groups};

const ID: &str = "prejudice-remover";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Prejudice Remover Regularizer",
    aliases: &["Prejudice Remover", "Prejudice Index", "PR Regularizer"],
    kind: Kind::Loss,
    domains: &["calibration-fairness", "classification"],
    year: 2012,
    paper: Paper {
        title: "Fairness-Aware Classifier with Prejudice Remover Regularizer",
        authors: "Toshihiro Kamishima, Shotaro Akaho, Hideki Asoh, Jun Sakuma",
        venue: "ECML PKDD",
        year: 2012,
        url: "https://doi.org/10.1007/978-3-642-33486-3_3",
    },
    summary: "Adds to the binary logistic loss eta times the prejudice index: the mutual information between the predicted label and the sensitive attribute, estimated from the batch by plugging the model's own probabilities into P(y | s) (group means) and P(y) (overall mean). Minimizing it removes indirect prejudice, the dependence of decisions on the sensitive attribute through correlated features; eta (1.0 in AIF360's PrejudiceRemover) sets the fairness-accuracy trade-off. Gradients flow through the group and overall means as well as through each example's probability; Kamishima's code sums over examples and adds an L2 penalty (C/2)||theta||^2 on the parameters, which is left to the caller here.",
    formula: r"\mathcal{L} = -\sum_i \big[y_i \log \sigma(z_i) + (1-y_i)\log \sigma(-z_i)\big] + \eta \sum_i \sum_{v \in \{0,1\}} M_v(z_i) \log \frac{\hat P(v \mid s_i)}{\hat P(v)},\quad M_1 = \sigma(z),\ M_0 = \sigma(-z),\ \hat P(v \mid s) = \frac{\sum_{j: s_j = s} M_v(z_j)}{n_s},\ \hat P(v) = \frac{1}{N}\sum_j M_v(z_j)",
    inputs: &[
        Input { name: "logits", shape: "[N]", meaning: "logits z_i of the positive class" },
        Input { name: "targets", shape: "[N]", meaning: "binary labels y_i (0/1, integers or floats)" },
        Input { name: "groups", shape: "[N] (i64)", meaning: "value of the sensitive attribute of each example, >= 0" },
    ],
    params: &[
        Param { name: "eta", symbol: r"\eta", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the prejudice index (AIF360 PrejudiceRemover default 1.0)" },
        Param { name: "reduction", symbol: "", default: Value::Str("sum"), range: Range::Choice { values: &["sum", "mean"] }, meaning: "sum over examples (Kamishima's objective) or mean (both terms divided by N)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["aif360.algorithms.inprocessing.PrejudiceRemover"],
    related: &["binary-cross-entropy", "demographic-parity", "equalized-odds", "mutual-information", "adversarial-debiasing"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the prejudice remover objective.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrejudiceRemoverConfig {
    pub eta: f64,
    /// `Sum` (Kamishima) or `Mean`.
    pub reduction: Reduction,
}

impl Default for PrejudiceRemoverConfig {
    fn default() -> Self {
        PrejudiceRemoverConfig { eta: 1.0, reduction: Reduction::Sum }
    }
}

/// Per-group log of the mean of `exp(logm)` `[n]`: `[groups]`, from log-probabilities so that it
/// stays finite when probabilities underflow. Groups without members give -inf (never read).
fn log_group_means(logm: Tensor<1>, ids: &[i64], g: usize) -> Tensor<1> {
    let n = ids.len();
    let log_counts: Vec<f64> = groups::counts(ids, g).into_iter().map(|c| c.max(1.0).ln()).collect();
    let log_counts = numerics::tensor_like(&logm, log_counts, [g]);
    let outside: Tensor<2, Bool> = groups::membership(&logm, ids, g).equal_elem(0.0);
    let x = logm.reshape([1, n]).expand([g, n]).mask_fill(outside, f64::NEG_INFINITY);
    numerics::logsumexp(x, 1).reshape([g]) - log_counts
}

/// Logistic loss plus eta times the prejudice index. `logits`, `targets` `[N]`; `group_ids` `[N]`.
pub fn prejudice_remover(logits: Tensor<1>, targets: Tensor<1>, group_ids: &[i64], cfg: &PrejudiceRemoverConfig) -> Result<LossTensor, LossError> {
    let [n] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &[n])?;
    numerics::same_shape(ID, "groups", &[group_ids.len()], "logits", &[n])?;
    numerics::non_empty(ID, "logits", &[n])?;
    numerics::non_negative_param(ID, "eta", cfg.eta)?;
    if cfg.reduction == Reduction::None {
        return Err(LossError::param(ID, "reduction", "sum or mean (the prejudice index is a batch statistic)", "none"));
    }
    let g = groups::group_count(ID, "groups", group_ids, 1)?;
    let log_p1 = numerics::log_sigmoid(logits.clone());
    let log_p0 = numerics::log_sigmoid(logits.neg());
    let nll = (targets.clone() * log_p1.clone() + targets.neg().add_scalar(1.0) * log_p0.clone()).sum().neg();
    let idx = numerics::ints_like(&log_p1, group_ids.to_vec(), [n]);
    let nf = (n as f64).ln();
    let mut pi = nll.clone().mul_scalar(0.0);
    for logm in [log_p1, log_p0] {
        let lq = log_group_means(logm.clone(), group_ids, g).select(0, idx.clone());
        let lr = numerics::logsumexp(logm.clone().reshape([1, n]), 1).reshape([1]).add_scalar(-nf);
        pi = pi + (logm.exp() * (lq - lr.expand([n]))).sum();
    }
    let total = nll + pi.mul_scalar(cfg.eta);
    Ok(LossTensor::scalar(if cfg.reduction == Reduction::Mean { total.mul_scalar(1.0 / (n as f64)) } else { total }))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let reduction = c.reduction(Reduction::Sum)?;
    let cfg = PrejudiceRemoverConfig { eta: c.f64("eta", 1.0)?, reduction };
    for name in ["logits", "targets", "groups"] {
        let s = c.shape(name)?;
        if s.len() != 1 {
            return Err(LossError::shape(ID, name, "shape [N]", fmt_shape(s)));
        }
    }
    prejudice_remover(c.float::<1>("logits")?, c.float::<1>("targets")?, c.int_values("groups")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn sig(x: f64) -> f64 {
        1.0 / (1.0 + (-x).exp())
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("logits", randn(&[8], 1, 2.0)), ("targets", f(&[8], &[0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0])), ("groups", i(&[8], &[0, 1, 0, 1, 2, 2, 0, 1]))]);
        assert_gradcheck_only(ID, None, &params(json!({"eta": 2.5})), &x, Some(&["logits"]));
        assert_gradcheck(ID, None, &params(json!({"eta": 0.5, "reduction": "mean"})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // Logits (0, ln 3, -ln 3), groups (0, 0, 1), targets (1, 0, 0); transcribed on the host.
        let z = [0.0, 3f64.ln(), -(3f64.ln())];
        let y = [1.0, 0.0, 0.0];
        let s = [0usize, 0, 1];
        let p: Vec<f64> = z.iter().map(|&v| sig(v)).collect();
        let nll: f64 = -(0..3).map(|i| y[i] * p[i].ln() + (1.0 - y[i]) * (1.0 - p[i]).ln()).sum::<f64>();
        let q = [(p[0] + p[1]) / 2.0, p[2]];
        let r = p.iter().sum::<f64>() / 3.0;
        let pi: f64 = (0..3).map(|i| p[i] * (q[s[i]] / r).ln() + (1.0 - p[i]) * ((1.0 - q[s[i]]) / (1.0 - r)).ln()).sum();
        let x = inputs(vec![("logits", f(&[3], &z)), ("targets", i(&[3], &[1, 0, 0])), ("groups", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"eta": 2.0})), &x);
        assert!((ev.loss.floats[0] - (nll + 2.0 * pi)).abs() < 1e-14);
        // With a single group the index is exactly 0: plain logistic loss.
        let x = inputs(vec![("logits", f(&[3], &z)), ("targets", i(&[3], &[1, 0, 0])), ("groups", i(&[3], &[4, 4, 4]))]);
        let ev = eval64(ID, None, &params(json!({"eta": 2.0, "reduction": "mean"})), &x);
        assert!((ev.loss.floats[0] - nll / 3.0).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[4], &[scale, -scale, scale, scale])), ("targets", i(&[4], &[1, 0, 0, 1])), ("groups", i(&[4], &[0, 0, 1, 1]))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let z = f(&[3], &[0.1, 0.2, 0.3]);
        let y = i(&[3], &[0, 1, 1]);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[2], &[0, 1])), ("groups", i(&[3], &[0, 1, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", y.clone()), ("groups", i(&[3], &[0, -1, 1]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", y.clone()), ("groups", f(&[3], &[0.0, 1.0, 1.0]))]), ErrorKind::DType);
        assert_error(ID, None, &params(json!({"eta": -1.0})), &inputs(vec![("logits", z.clone()), ("targets", y.clone()), ("groups", i(&[3], &[0, 1, 1]))]), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"reduction": "none"})), &inputs(vec![("logits", z), ("targets", y), ("groups", i(&[3], &[0, 1, 1]))]), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0], &[])), ("targets", i(&[0], &[])), ("groups", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
