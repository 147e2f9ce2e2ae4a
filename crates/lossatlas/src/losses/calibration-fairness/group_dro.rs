//! Group DRO: minimize the worst expected loss over known groups by an online mirror-ascent
//! game. Each step the per-group mean losses raise the adversary's group weights by an
//! exponentiated-gradient update, and the model is trained on the weighted sum of group losses.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, groups};

const ID: &str = "group-dro";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Group DRO Loss",
    aliases: &["Group Distributionally Robust Optimization", "GroupDRO", "Worst-Group Loss"],
    kind: Kind::Loss,
    domains: &["calibration-fairness", "domain-adaptation", "classification"],
    year: 2020,
    paper: Paper {
        title: "Distributionally Robust Neural Networks for Group Shifts: On the Importance of Regularization for Worst-Case Generalization",
        authors: "Shiori Sagawa, Pang Wei Koh, Tatsunori B. Hashimoto, Percy Liang",
        venue: "ICLR",
        year: 2020,
        url: "https://arxiv.org/abs/1911.08731",
    },
    summary: "Trains for the worst group rather than the average: per-example losses are averaged within each known group (for example label x spurious attribute), the adversary's group weights q are updated multiplicatively, q_g <- q_g exp(eta (L_g + C / sqrt(n_g))), renormalized, and the model minimizes sum_g q_g L_g with q treated as a constant. Use it when group labels are available for training and worst-group accuracy matters; the paper shows it only pays off with strong regularization (large weight decay or early stopping), and the group adjustment C counters small-group overfitting. The weights q are state carried between steps: pass the previous ones in and keep the updated ones.",
    formula: r"L_g = \frac{\sum_{i: g_i = g} \ell_i}{\max(n_g, 1)},\quad q_g \propto q^{\text{prev}}_g \exp\!\big(\eta\,(L_g + C/\sqrt{n_g})\big),\quad \mathcal{L} = \sum_g \operatorname{sg}(q_g)\, L_g",
    inputs: &[
        Input { name: "losses", shape: "[N]", meaning: "per-example losses (e.g. cross-entropy with reduction none)" },
        Input { name: "groups", shape: "[N] (i64)", meaning: "group index of each example, in [0, G)" },
        Input { name: "group_weights", shape: "[G]", meaning: "the adversary's group weights q from the previous step (start uniform, 1/G); no gradient" },
        Input { name: "group_counts", shape: "[G]", meaning: "optional group sizes n_g for the adjustment C / sqrt(n_g) (the official code uses training-set counts; default: counts in the batch)" },
    ],
    params: &[
        Param { name: "step_size", symbol: r"\eta", default: Value::Float(0.01), range: Range::NON_NEGATIVE, meaning: "step size of the exponentiated-gradient update of q (official default 0.01)" },
        Param { name: "adj", symbol: "C", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "group adjustment; applied only when > 0, as in the official code" },
        Param { name: "normalize_loss", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "divide the adjusted group losses by their sum before the update (official option)" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[],
    related: &["jtt", "v-rex", "irm-v1", "cross-entropy", "fairness-lagrangian"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the Group DRO loss (names of the official `LossComputer`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupDroConfig {
    pub step_size: f64,
    pub adj: f64,
    pub normalize_loss: bool,
}

impl Default for GroupDroConfig {
    fn default() -> Self {
        GroupDroConfig { step_size: 0.01, adj: 0.0, normalize_loss: false }
    }
}

/// The robust loss `sum_g q_g L_g` and the updated group weights `q` (detached), given per-example
/// `losses` `[N]`, group ids `groups` `[N]` in `[0, G)`, the previous weights `[G]` and,
/// optionally, the group sizes used by the adjustment.
pub fn group_dro(
    losses: Tensor<1>,
    group_ids: Tensor<1, Int>,
    group_weights: Tensor<1>,
    group_counts: Option<Tensor<1>>,
    cfg: &GroupDroConfig,
) -> Result<(LossTensor, Tensor<1>), LossError> {
    let [n] = losses.dims();
    let [g] = group_weights.dims();
    numerics::same_shape(ID, "groups", &group_ids.dims(), "losses", &[n])?;
    numerics::non_empty(ID, "losses", &[n])?;
    numerics::non_empty(ID, "group_weights", &[g])?;
    numerics::non_negative_param(ID, "step_size", cfg.step_size)?;
    numerics::non_negative_param(ID, "adj", cfg.adj)?;
    let ids = numerics::host_i64(&group_ids);
    numerics::labels_in_range(ID, "groups", &ids, g, None)?;
    let w = numerics::host_f64(&group_weights);
    if let Some(bad) = w.iter().find(|v| !(v.is_finite() && **v >= 0.0)) {
        return Err(LossError::value(ID, "group_weights", "finite non-negative weights", format!("{bad}")));
    }
    let batch_counts = groups::counts(&ids, g);
    // Empty groups get mean 0 (the official code divides by max(count, 1)).
    let denom: Vec<f64> = batch_counts.iter().map(|&c| if c == 0.0 { 1.0 } else { c }).collect();
    let m = groups::membership(&losses, &ids, g);
    let group_loss = groups::group_sums(losses.clone(), m) / numerics::tensor_like(&losses, denom, [g]);

    let mut adjusted = group_loss.clone().detach();
    if cfg.adj > 0.0 {
        let sizes = match group_counts {
            Some(c) => {
                numerics::same_shape(ID, "group_counts", &c.dims(), "group_weights", &[g])?;
                c.detach()
            }
            None => numerics::tensor_like(&losses, batch_counts, [g]),
        };
        adjusted = adjusted + sizes.sqrt().recip().mul_scalar(cfg.adj);
    }
    if cfg.normalize_loss {
        adjusted = adjusted.clone() / adjusted.sum();
    }
    let q = group_weights.detach() * adjusted.mul_scalar(cfg.step_size).exp();
    let q = q.clone() / q.sum();
    let loss = (group_loss * q.clone()).sum();
    Ok((LossTensor::scalar(loss), q))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = GroupDroConfig {
        step_size: c.f64("step_size", 0.01)?,
        adj: c.f64("adj", 0.0)?,
        normalize_loss: c.bool("normalize_loss", false)?,
    };
    let losses = c.float::<1>("losses")?;
    let shape = c.shape("groups")?;
    if shape.len() != 1 {
        return Err(LossError::shape(ID, "groups", "shape [N]", fmt_shape(shape)));
    }
    let counts = c.float_opt::<1>("group_counts")?;
    group_dro(losses, c.int::<1>("groups")?, c.float::<1>("group_weights")?, counts, &cfg).map(|(l, _)| l)
}

#[cfg(test)]
mod tests {
    use burn::tensor::{DType, Device, Int, Tensor, TensorData};
    use serde_json::json;

    use super::{GroupDroConfig, ID, group_dro};
    use crate::ErrorKind;
    use crate::numerics::host_f64;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_gradient_and_update_by_hand() {
        // Two groups: losses (1, 3 | 2), q_prev = (0.5, 0.5), eta = ln 2: L = (2, 2)... use
        // eta = 0.5 ln 3 and losses (1, 3 | 0): L = (2, 0), q ∝ (0.5 * 3, 0.5 * 1) = (3/4, 1/4).
        let x = inputs(vec![("losses", f(&[3], &[1.0, 3.0, 0.0])), ("groups", i(&[3], &[0, 0, 1])), ("group_weights", f(&[2], &[0.5, 0.5]))]);
        let ev = eval64(ID, None, &params(json!({"step_size": 0.5 * 3f64.ln()})), &x);
        assert!((ev.loss.floats[0] - 1.5).abs() < 1e-14);
        // d loss / d l_i = q_g / n_g with q detached: (3/8, 3/8, 1/4).
        for (g, w) in ev.grads["losses"].floats.iter().zip([0.375, 0.375, 0.25]) {
            assert!((g - w).abs() < 1e-14);
        }
        assert_eq!(ev.grads["group_weights"].floats, vec![0.0, 0.0]);
        // The typed function returns the updated weights.
        let d = Device::flex();
        let t = |v: Vec<f64>| Tensor::<1>::from_data(TensorData::new(v.clone(), [v.len()]), (&d, DType::F64));
        let ids = Tensor::<1, Int>::from_data(TensorData::new(vec![0i64, 0, 1], [3]), &d);
        let (_, q) = group_dro(t(vec![1.0, 3.0, 0.0]), ids, t(vec![0.5, 0.5]), None, &GroupDroConfig { step_size: 0.5 * 3f64.ln(), ..Default::default() }).unwrap();
        let q = host_f64(&q);
        assert!((q[0] - 0.75).abs() < 1e-14 && (q[1] - 0.25).abs() < 1e-14);
    }

    #[test]
    fn adjustment_and_normalization() {
        // adj = 2, counts (4, 1): adjusted = (2 + 1, 0 + 2) = (3, 2); eta = ln 2:
        // q ∝ (0.5 * 8, 0.5 * 4) = (2/3, 1/3); loss = L . q = 4/3 (adjustment not in the value).
        let x = inputs(vec![
            ("losses", f(&[3], &[1.0, 3.0, 0.0])),
            ("groups", i(&[3], &[0, 0, 1])),
            ("group_weights", f(&[2], &[0.5, 0.5])),
            ("group_counts", f(&[2], &[4.0, 1.0])),
        ]);
        let ev = eval64(ID, None, &params(json!({"step_size": 2f64.ln(), "adj": 2.0})), &x);
        assert!((ev.loss.floats[0] - 4.0 / 3.0).abs() < 1e-14);
        // normalize_loss: adjusted / sum = (3/5, 2/5); eta = 5 ln 2 -> q ∝ (8, 4) again.
        let ev = eval64(ID, None, &params(json!({"step_size": 5.0 * 2f64.ln(), "adj": 2.0, "normalize_loss": true})), &x);
        assert!((ev.loss.floats[0] - 4.0 / 3.0).abs() < 1e-13);
    }

    #[test]
    fn finite_at_extreme_losses() {
        let x = inputs(vec![("losses", f(&[4], &[1e12, 1e-12, 0.0, 3.0])), ("groups", i(&[4], &[0, 1, 1, 2])), ("group_weights", f(&[3], &[1.0 / 3.0; 3]))]);
        assert_finite(ID, None, &params(json!({"step_size": 1e-14})), &x);
        // A group without examples has mean 0 and keeps its relative weight.
        let x = inputs(vec![("losses", f(&[2], &[1.0, 2.0])), ("groups", i(&[2], &[0, 0])), ("group_weights", f(&[2], &[0.5, 0.5]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let l = f(&[3], &[1.0, 2.0, 3.0]);
        let w = f(&[2], &[0.5, 0.5]);
        assert_error(ID, None, &p, &inputs(vec![("losses", l.clone()), ("groups", i(&[2], &[0, 1])), ("group_weights", w.clone())]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("losses", l.clone()), ("groups", i(&[3], &[0, 2, 1])), ("group_weights", w.clone())]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("losses", l.clone()), ("groups", f(&[3], &[0.0, 1.0, 1.0])), ("group_weights", w.clone())]), ErrorKind::DType);
        assert_error(ID, None, &p, &inputs(vec![("losses", l.clone()), ("groups", i(&[3], &[0, 1, 1])), ("group_weights", f(&[2], &[-0.5, 1.5]))]), ErrorKind::Value);
        assert_error(ID, None, &params(json!({"step_size": -1.0})), &inputs(vec![("losses", l.clone()), ("groups", i(&[3], &[0, 1, 1])), ("group_weights", w.clone())]), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"adj": "nan"})), &inputs(vec![("losses", l), ("groups", i(&[3], &[0, 1, 1])), ("group_weights", w.clone())]), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(vec![("losses", f(&[0], &[])), ("groups", i(&[0], &[])), ("group_weights", w)]), ErrorKind::Empty);
    }
}
