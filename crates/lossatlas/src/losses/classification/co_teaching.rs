//! Co-teaching: two networks trained together on noisy labels, each selecting the small-loss
//! (probably clean) examples of the batch for the other to learn from. The computational core, the
//! exchange of small-loss selections, is implemented here on per-example losses.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "co-teaching";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Co-teaching",
    aliases: &["Co-teaching Loss", "Small-Loss Cross Training"],
    kind: Kind::Method,
    domains: &["classification"],
    year: 2018,
    paper: Paper {
        title: "Co-teaching: Robust Training of Deep Neural Networks with Extremely Noisy Labels",
        authors: "Bo Han, Quanming Yao, Xingrui Yu, Gang Niu, Miao Xu, Weihua Hu, Ivor W. Tsang, Masashi Sugiyama",
        venue: "NeurIPS",
        year: 2018,
        url: "https://arxiv.org/abs/1804.06872",
    },
    summary: "Trains two networks on the same noisy-label batches. Each network ranks the batch by its own per-example cross-entropy and keeps the R(T) = 1 - forget_rate fraction with the smallest losses (deep networks fit clean labels before noisy ones, so small-loss examples are probably clean); each network is then updated on the examples its peer selected, which stops one network's selection errors from reinforcing themselves. The forget rate ramps from 0 to the estimated noise rate over the first epochs (R(T) = 1 - tau min(T / T_k, 1)). The function here takes the two networks' per-example losses and returns the two training losses; the selection is not differentiated.",
    formula: r"\mathcal{L}_1 = \frac{1}{k}\sum_{i \in S_2} \ell^{(1)}_i,\quad \mathcal{L}_2 = \frac{1}{k}\sum_{i \in S_1} \ell^{(2)}_i,\quad S_j = \operatorname{arg\,min}_{|S| = k} \sum_{i \in S} \ell^{(j)}_i,\quad k = \lfloor (1 - \tau) N \rfloor",
    inputs: &[
        Input { name: "losses_1", shape: "[N]", meaning: "per-example losses of network 1 (cross-entropy with reduction none)" },
        Input { name: "losses_2", shape: "[N]", meaning: "per-example losses of network 2 on the same batch" },
    ],
    params: &[Param { name: "forget_rate", symbol: r"\tau", default: Value::Float(0.0), range: Range::Real { min: 0.0, max: 1.0, open_min: false, open_max: true }, meaning: "fraction of the batch dropped as probably noisy (the current value of the schedule)" }],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::Values,
    },
    related: &["cross-entropy", "generalized-cross-entropy", "symmetric-cross-entropy", "jtt"],
    uses: &["cross-entropy"],
    forms: &[
        Form { name: "mean", description: "Each network's loss is the mean of its own per-example losses over the k examples its peer selected; returns [loss_1, loss_2]." },
        Form { name: "official", description: "As bhanML/Co-teaching loss_coteaching: the cross-entropy over the selection is already a mean and is divided by k once more (sum(mean) / num_remember); only the scale differs." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the co-teaching exchange.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CoTeachingConfig {
    pub forget_rate: f64,
    /// Divide once more by k, as the official code does.
    pub official_scale: bool,
}

/// Indices of the `k` smallest values (ties broken by index).
fn smallest(values: &[f64], k: usize) -> Vec<i64> {
    let mut idx: Vec<usize> = (0..values.len()).collect();
    idx.sort_by(|&a, &b| values[a].total_cmp(&values[b]).then(a.cmp(&b)));
    idx.into_iter().take(k).map(|i| i as i64).collect()
}

/// The two training losses of co-teaching, `[loss of network 1, loss of network 2]`, from the
/// per-example losses of both networks (`[N]` each).
pub fn co_teaching(losses_1: Tensor<1>, losses_2: Tensor<1>, cfg: &CoTeachingConfig) -> Result<LossTensor, LossError> {
    let [n] = losses_1.dims();
    numerics::same_shape(ID, "losses_2", &losses_2.dims(), "losses_1", &[n])?;
    numerics::non_empty(ID, "losses_1", &[n])?;
    numerics::param_in(ID, "forget_rate", cfg.forget_rate, 0.0, 1.0)?;
    let k = ((1.0 - cfg.forget_rate) * n as f64) as usize;
    if k == 0 {
        return Err(LossError::param(ID, "forget_rate", format!("a rate that keeps at least one of the {n} examples"), format!("{}", cfg.forget_rate)));
    }
    let (h1, h2) = (numerics::host_f64(&losses_1), numerics::host_f64(&losses_2));
    numerics::finite_values(ID, "losses_1", &h1)?;
    numerics::finite_values(ID, "losses_2", &h2)?;
    let s1 = numerics::ints_like(&losses_1, smallest(&h1, k), [k]);
    let s2 = numerics::ints_like(&losses_1, smallest(&h2, k), [k]);
    let scale = if cfg.official_scale { 1.0 / (k * k) as f64 } else { 1.0 / k as f64 };
    let l1 = losses_1.select(0, s2).sum().mul_scalar(scale);
    let l2 = losses_2.select(0, s1).sum().mul_scalar(scale);
    Ok(LossTensor::elements(Tensor::cat(vec![l1, l2], 0)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let official_scale = match c.form() {
        None | Some("mean") => false,
        Some("official") => true,
        Some(_) => return Err(c.unknown_form(&["mean", "official"])),
    };
    for name in ["losses_1", "losses_2"] {
        let s = c.shape(name)?;
        if s.len() != 1 {
            return Err(LossError::shape(ID, name, "shape [N]", fmt_shape(s)));
        }
    }
    let cfg = CoTeachingConfig { forget_rate: c.f64("forget_rate", 0.0)?, official_scale };
    co_teaching(c.float::<1>("losses_1")?, c.float::<1>("losses_2")?, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn x() -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![("losses_1", f(&[5], &[0.3, 2.0, 0.1, 5.0, 0.7])), ("losses_2", f(&[5], &[4.0, 0.2, 0.6, 0.1, 3.0]))])
    }

    #[test]
    fn selections_are_exchanged() {
        // forget_rate 0.4 keeps k = 3. Network 1's smallest: {2, 0, 4}; network 2's: {3, 1, 2}.
        // loss_1 = mean of losses_1 over {3, 1, 2} = (5 + 2 + 0.1) / 3;
        // loss_2 = mean of losses_2 over {2, 0, 4} = (0.6 + 4 + 3) / 3.
        let ev = eval64(ID, None, &params(json!({"forget_rate": 0.4})), &x());
        assert_eq!(ev.loss.shape, vec![2]);
        assert!((ev.loss.floats[0] - 7.1 / 3.0).abs() < 1e-14);
        assert!((ev.loss.floats[1] - 7.6 / 3.0).abs() < 1e-14);
        let third = 1.0 / 3.0;
        assert_eq!(ev.grads["losses_1"].floats, vec![0.0, third, third, third, 0.0]);
        assert_eq!(ev.grads["losses_2"].floats, vec![third, 0.0, third, 0.0, third]);
        // The official scaling divides once more by k.
        let ev = eval64(ID, Some("official"), &params(json!({"forget_rate": 0.4})), &x());
        assert!((ev.loss.floats[0] - 7.1 / 9.0).abs() < 1e-14);
        // No forgetting: plain means.
        let ev = eval64(ID, None, &params(json!({})), &x());
        assert!((ev.loss.floats[0] - 8.1 / 5.0).abs() < 1e-14);
    }

    #[test]
    fn gradients_match_finite_differences() {
        // Away from ties the selection is locally constant.
        assert_gradcheck(ID, None, &params(json!({"forget_rate": 0.4})), &x());
        assert_gradcheck(ID, Some("official"), &params(json!({"forget_rate": 0.2})), &x());
    }

    #[test]
    fn finite_at_extreme_losses() {
        let x = inputs(vec![("losses_1", f(&[4], &[1e12, 1e-12, 0.0, 3.0])), ("losses_2", f(&[4], &[0.0, 1e12, 1e-12, 2.0]))]);
        assert_finite(ID, None, &params(json!({"forget_rate": 0.5})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({"forget_rate": 0.2}));
        assert_error(ID, None, &p, &inputs(vec![("losses_1", f(&[3], &[1.0, 2.0, 3.0])), ("losses_2", f(&[2], &[1.0, 2.0]))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"forget_rate": 1.0})), &x(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"forget_rate": -0.1})), &x(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"forget_rate": 0.9})), &x(), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(vec![("losses_1", f(&[2], &[1.0, f64::NAN])), ("losses_2", f(&[2], &[1.0, 2.0]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("losses_1", f(&[0], &[])), ("losses_2", f(&[0], &[]))]), ErrorKind::Empty);
    }
}
