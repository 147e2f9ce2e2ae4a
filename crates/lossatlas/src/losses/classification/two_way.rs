//! Two-way multi-label loss: contrasts the hardest negative logit with the hardest positive
//! logit, with soft maxima (log-sum-exp), in two directions: across the classes of each sample
//! and across the samples of each class. Logits act as ranking scores rather than independent
//! sigmoid probabilities.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "two-way";

/// timm's fill value for masked logits: finite, so that a slice without valid entries gives
/// no `inf - inf` in the backward pass.
const MASK_VALUE: f64 = -1e4;

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Two-way Multi-Label Loss",
    aliases: &["TwoWayLoss"],
    kind: Kind::Loss,
    domains: &["classification"],
    year: 2023,
    paper: Paper {
        title: "Two-way Multi-Label Loss",
        authors: "Kobayashi, T.",
        venue: "CVPR",
        year: 2023,
        url: "https://staff.aist.go.jp/takumi.kobayashi/publication/2023/CVPR2023.pdf",
    },
    summary: "For multi-label classification: within each sample it penalizes softplus(hardest negative - hardest positive), where the hardest negative is a soft maximum (temperature tn) of the negative logits and the hardest positive a soft minimum (temperature tp) of the positive ones; the same is done within each class across the batch, and the two averages are added. It ranks positives above negatives without assuming calibrated independent probabilities. Only samples and classes with at least one positive contribute; the loss depends on the batch composition, and thresholds for prediction must be chosen on the logits.",
    formula: r"\ell = \operatorname{mean}_{i:\,P_i \ne \emptyset} \operatorname{softplus}\!\Big(t_n \log\!\sum_{j \notin P_i} e^{x_{ij}/t_n} + t_p \log\!\sum_{j \in P_i} e^{-x_{ij}/t_p}\Big) + \operatorname{mean}_{j:\,P^j \ne \emptyset} \operatorname{softplus}\!\Big(t_n \log\!\sum_{i \notin P^j} e^{x_{ij}/t_n} + t_p \log\!\sum_{i \in P^j} e^{-x_{ij}/t_p}\Big)",
    inputs: &[
        Input { name: "logits", shape: "[N, C]", meaning: "ranking scores" },
        Input { name: "targets", shape: "[N, C]", meaning: "multi-hot targets; entries above 0.5 are positives (no gradient)" },
    ],
    params: &[
        Param { name: "tp", symbol: "t_p", default: Value::Float(4.0), range: Range::POSITIVE, meaning: "temperature of the soft minimum over positive logits" },
        Param { name: "tn", symbol: "t_n", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "temperature of the soft maximum over negative logits" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["timm.loss.TwoWayLoss"],
    related: &["zlpr", "asymmetric", "multilabel-soft-margin", "binary-cross-entropy"],
    forms: &[Form { name: "timm", description: "timm TwoWayLoss(tp, tn): masked logits filled with -1e4, log-sum-exp along each axis, softplus, mean over the slices that contain a positive (sum / max(count, 1)), both directions added. timm casts to float32 (its cases carry a looser tolerance); this computes in the input's precision." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// timm `TwoWayLoss(tp, tn)` on logits `[N, C]` and dense targets `[N, C]` (positives > 0.5).
pub fn two_way(logits: Tensor<2>, targets: Tensor<2>, tp: f64, tn: f64) -> Result<LossTensor, LossError> {
    let dims = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "logits", &dims)?;
    numerics::non_empty(ID, "logits", &dims)?;
    numerics::positive_param(ID, "tp", tp)?;
    numerics::positive_param(ID, "tn", tn)?;
    let pos = targets.greater_elem(0.5);
    let posf = numerics::mask_to_float(pos.clone(), &logits);
    let pos_logits = logits.clone().mul_scalar(1.0 / (-tp)).mask_fill(pos.clone().bool_not(), MASK_VALUE);
    let neg_logits = logits.mul_scalar(1.0 / tn).mask_fill(pos, MASK_VALUE);
    let mut total: Option<Tensor<1>> = None;
    for dim in [0, 1] {
        let hard_pos = numerics::logsumexp(pos_logits.clone(), dim).mul_scalar(tp);
        let hard_neg = numerics::logsumexp(neg_logits.clone(), dim).mul_scalar(tn);
        let valid = posf.clone().sum_dim(dim).greater_elem(0.0);
        let validf = numerics::mask_to_float(valid, &posf);
        let term = (numerics::softplus(hard_neg + hard_pos) * validf.clone()).sum() / validf.sum().clamp_min(1.0);
        total = Some(match total {
            Some(t) => t + term,
            None => term,
        });
    }
    Ok(LossTensor::scalar(total.expect("two directions")))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if let Some(f) = c.form()
        && f != "timm"
    {
        return Err(c.unknown_form(&["timm"]));
    }
    two_way(c.float::<2>("logits")?, c.float::<2>("targets")?, c.f64("tp", 4.0)?, c.f64("tn", 1.0)?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn targets() -> crate::eval::HostTensor {
        f(&[3, 4], &[1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("logits", randn(&[3, 4], 71, 2.0)), ("targets", targets())]);
        assert_gradcheck_only(ID, None, &params(json!({})), &x, Some(&["logits"]));
        assert_gradcheck_only(ID, None, &params(json!({"tp": 0.5, "tn": 2.0})), &x, Some(&["logits"]));
    }

    #[test]
    fn value_is_the_formula() {
        // One sample, logits (a, b), a positive, b negative, tp = tn = 1: per direction over
        // classes softplus(b - a); over samples each class has one entry: class 0 is valid
        // (positive a, no negatives: tn log e^{-1e4} = -1e4) and gives softplus(-1e4 - a) ~ 0.
        let (a, b) = (0.3f64, -0.2f64);
        let x = inputs(vec![("logits", f(&[1, 2], &[a, b])), ("targets", f(&[1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"tp": 1.0, "tn": 1.0})), &x);
        let want = (1.0 + (b - a).exp()).ln() + (1.0 + (-1e4 - a).exp()).ln();
        assert!((ev.loss.floats[0] - want).abs() < 1e-14);
    }

    #[test]
    fn no_positive_gives_zero() {
        let x = inputs(vec![("logits", randn(&[2, 3], 72, 1.0)), ("targets", f(&[2, 3], &[0.0; 6]))]);
        let ev = assert_finite(ID, None, &params(json!({})), &x);
        assert_eq!(ev.loss.floats[0], 0.0);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for s in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[3, 4], &[s, -s, s, -s, -s, s, -s, s, 0.0, s, -s, 0.0])), ("targets", targets())]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[3, 4], 73, 1.0);
        assert_error(ID, None, &params(json!({"tp": 0.0})), &inputs(vec![("logits", x.clone()), ("targets", targets())]), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"tn": -1.0})), &inputs(vec![("logits", x.clone()), ("targets", targets())]), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", x), ("targets", f(&[2, 4], &[0.0; 8]))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", f(&[0, 4], &[]))]), ErrorKind::Empty);
    }
}
