//! V-REx: variance risk extrapolation. The mean of the per-environment risks plus beta times
//! their variance, so that training equalizes the risk across environments and becomes robust to
//! extrapolated shifts between them.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, groups};

const ID: &str = "v-rex";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "V-REx Loss",
    aliases: &["V-REx", "Variance Risk Extrapolation", "REx"],
    kind: Kind::Loss,
    domains: &["domain-adaptation", "regularization", "classification"],
    year: 2021,
    paper: Paper {
        title: "Out-of-Distribution Generalization via Risk Extrapolation (REx)",
        authors: "David Krueger, Ethan Caballero, Joern-Henrik Jacobsen, Amy Zhang, Jonathan Binas, Dinghuai Zhang, Remi Le Priol, Aaron Courville",
        venue: "ICML",
        year: 2021,
        url: "https://arxiv.org/abs/2003.00688",
    },
    summary: "Averages the risks R_e of the training environments and adds beta times their variance: V-REx is the smooth variance form of risk extrapolation, which minimizes the worst risk over affine (extrapolated, possibly negative-weight) mixtures of the environments, and it pushes the model towards features whose predictive power is stable across environments. It needs environment labels and mini-batches that contain every environment; the penalty weight is usually kept small for a warm-up period and then raised (DomainBed: beta = 10 after 500 steps). The variance is the population variance (mean of squared deviations), as DomainBed computes it.",
    formula: r"\mathcal{L} = \frac{1}{E}\sum_{e} R_e + \beta\, \frac{1}{E}\sum_{e} \big(R_e - \bar R\big)^2,\quad R_e = \frac{1}{n_e}\sum_{i \in e} \ell_i,\ \bar R = \frac{1}{E}\sum_e R_e",
    inputs: &[
        Input { name: "losses", shape: "[N]", meaning: "per-example losses (e.g. cross-entropy with reduction none)" },
        Input { name: "environments", shape: "[N] (i64)", meaning: "training environment of each example, ids 0..E-1, each present" },
    ],
    params: &[Param { name: "penalty_weight", symbol: r"\beta", default: Value::Float(10.0), range: Range::NON_NEGATIVE, meaning: "weight of the variance of environment risks (DomainBed vrex_lambda, default 10)" }],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    related: &["irm-v1", "group-dro", "jtt", "cross-entropy"],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of V-REx.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VRexConfig {
    pub penalty_weight: f64,
}

impl Default for VRexConfig {
    fn default() -> Self {
        VRexConfig { penalty_weight: 10.0 }
    }
}

/// Mean plus `penalty_weight` times the variance of the per-environment mean losses.
pub fn v_rex(losses: Tensor<1>, envs: &[i64], cfg: &VRexConfig) -> Result<LossTensor, LossError> {
    let [n] = losses.dims();
    numerics::same_shape(ID, "environments", &[envs.len()], "losses", &[n])?;
    numerics::non_empty(ID, "losses", &[n])?;
    numerics::non_negative_param(ID, "penalty_weight", cfg.penalty_weight)?;
    let e = groups::group_count(ID, "environments", envs, 1)?;
    let counts = groups::counts(envs, e);
    if let Some(missing) = counts.iter().position(|&c| c == 0.0) {
        return Err(LossError::value(ID, "environments", format!("examples in every environment 0..{}", e - 1), format!("no example in environment {missing}")));
    }
    let risks = groups::group_sums(losses.clone(), groups::membership(&losses, envs, e)) / numerics::tensor_like(&losses, counts, [e]);
    let mean = risks.clone().mean();
    let var = (risks - mean.clone().expand([e])).powi_scalar(2).mean();
    Ok(LossTensor::scalar(mean + var.mul_scalar(cfg.penalty_weight)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = VRexConfig { penalty_weight: c.f64("penalty_weight", 10.0)? };
    for name in ["losses", "environments"] {
        let s = c.shape(name)?;
        if s.len() != 1 {
            return Err(LossError::shape(ID, name, "shape [N]", fmt_shape(s)));
        }
    }
    let envs = c.int_values("environments")?.to_vec();
    v_rex(c.float::<1>("losses")?, &envs, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("losses", uniform(&[9], 1, 0.0, 3.0)), ("environments", i(&[9], &[0, 1, 2, 0, 1, 2, 0, 0, 1]))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"penalty_weight": 0.5})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // Risks: env 0 = (1 + 3)/2 = 2, env 1 = 5: mean 3.5, variance 2.25; beta 2 -> 8.
        let x = inputs(vec![("losses", f(&[3], &[1.0, 3.0, 5.0])), ("environments", i(&[3], &[0, 0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"penalty_weight": 2.0})), &x);
        assert!((ev.loss.floats[0] - 8.0).abs() < 1e-14);
        // d/d l_i: env 0 members (1/2)(1/2 + 2 * 2 * (2 - 3.5) / 2) = -1.25; env 1: 1/2 + 2 * 1.5 = 3.5.
        let g = &ev.grads["losses"].floats;
        assert!((g[0] + 1.25).abs() < 1e-14 && (g[1] + 1.25).abs() < 1e-14 && (g[2] - 3.5).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_losses() {
        let x = inputs(vec![("losses", f(&[4], &[1e12, 1e-12, 0.0, 3.0])), ("environments", i(&[4], &[0, 1, 1, 2]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let l = f(&[3], &[1.0, 2.0, 3.0]);
        assert_error(ID, None, &p, &inputs(vec![("losses", l.clone()), ("environments", i(&[2], &[0, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("losses", l.clone()), ("environments", i(&[3], &[0, 2, 2]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("losses", l.clone()), ("environments", f(&[3], &[0.0, 1.0, 1.0]))]), ErrorKind::DType);
        assert_error(ID, None, &params(json!({"penalty_weight": -1.0})), &inputs(vec![("losses", l), ("environments", i(&[3], &[0, 1, 1]))]), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(vec![("losses", f(&[0], &[])), ("environments", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
