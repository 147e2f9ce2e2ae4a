//! Bradley-Terry reward-model loss: train a scalar reward model so that the chosen response of
//! each preference pair scores higher than the rejected one.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor};
use crate::numerics::{self, LossTensor};

const ID: &str = "bradley-terry";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Reward Model Loss / Bradley-Terry",
    aliases: &["Reward Model Loss", "Bradley-Terry Loss", "Pairwise Reward Loss"],
    kind: Kind::Loss,
    domains: &["llm-alignment", "recommendation"],
    year: 2022,
    paper: Paper {
        title: "Training language models to follow instructions with human feedback",
        authors: "Ouyang et al.",
        venue: "NeurIPS 2022",
        year: 2022,
        url: "https://arxiv.org/abs/2203.02155",
    },
    summary: "The negative log-likelihood of the Bradley-Terry model (1952), P(chosen beats rejected) = sigma(r_chosen - r_rejected), used to train the reward model of RLHF pipelines such as InstructGPT (which averaged over all K-choose-2 comparisons of a prompt). Only reward differences are identified, so the scale and offset drift; TRL's RewardTrainer optionally adds center_rewards_coefficient times the mean squared sum of the two rewards to keep them centred, and accepts a per-pair margin subtracted inside the sigmoid (as in Llama 2). Reward models trained this way are easily over-optimized by the policy.",
    formula: r"\mathcal{L} = -\frac{1}{N}\sum_{i}\log\sigma\big(r_{c,i} - r_{r,i} - m_i\big) + \eta\,\frac{1}{N}\sum_i \big(r_{c,i} + r_{r,i}\big)^2",
    inputs: &[
        Input { name: "rewards_chosen", shape: "[N]", meaning: "reward-model scores of the chosen responses" },
        Input { name: "rewards_rejected", shape: "[N]", meaning: "reward-model scores of the rejected responses" },
        Input { name: "margin", shape: "[N]", meaning: "optional per-pair margin m (0 when absent)" },
    ],
    params: &[
        Param { name: "center_rewards_coefficient", symbol: r"\eta", default: Value::Null, range: Range::NON_NEGATIVE, meaning: "weight eta of the reward-centring term mean((r_c + r_r)^2) (TRL RewardConfig; None = off)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &["trl RewardTrainer"],
    related: &["dpo", "ppo-rlhf", "margin-ranking", "bpr", "ranking-softmax"],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "reward of the chosen response (rejected reward 0, no margin)", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("rewards_chosen", HostTensor::from_f64(vec![1], vec![x])), ("rewards_rejected", HostTensor::from_f64(vec![1], vec![0.0]))],
        wrt: "rewards_chosen",
        index: 0,
    }
}

/// Options of TRL's `RewardTrainer` loss; `Default` is TRL's (no centring term).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BradleyTerryConfig {
    /// Weight of `mean((r_c + r_r)^2)`; `None` leaves the term out.
    pub center_rewards_coefficient: Option<f64>,
}

/// TRL `RewardTrainer.compute_loss`: `-mean(log sigmoid(r_c - r_r - m)) + eta * mean((r_c + r_r)^2)`
/// on `[N]` rewards, with an optional `[N]` margin.
pub fn bradley_terry(rewards_chosen: Tensor<1>, rewards_rejected: Tensor<1>, margin: Option<Tensor<1>>, cfg: &BradleyTerryConfig) -> Result<LossTensor, LossError> {
    let dims = rewards_chosen.dims();
    numerics::same_shape(ID, "rewards_rejected", &rewards_rejected.dims(), "rewards_chosen", &dims)?;
    if let Some(m) = &margin {
        numerics::same_shape(ID, "margin", &m.dims(), "rewards_chosen", &dims)?;
    }
    if dims[0] == 0 {
        return Err(LossError::empty(ID, "rewards_chosen", "a non-empty batch of preference pairs"));
    }
    let eta = match cfg.center_rewards_coefficient {
        Some(v) => Some(numerics::non_negative_param(ID, "center_rewards_coefficient", v)?),
        None => None,
    };
    let mut diff = rewards_chosen.clone() - rewards_rejected.clone();
    if let Some(m) = margin {
        diff = diff - m;
    }
    let mut loss = numerics::log_sigmoid(diff).mean().neg();
    if let Some(eta) = eta {
        let s = rewards_chosen + rewards_rejected;
        loss = loss + (s.clone() * s).mean().mul_scalar(eta);
    }
    Ok(LossTensor::scalar(loss))
}

fn rank1(c: &Call, name: &str) -> Result<Tensor<1>, LossError> {
    let shape = c.shape(name)?;
    if shape.len() != 1 {
        return Err(LossError::shape(ID, name, "shape [N] (one value per preference pair)", fmt_shape(shape)));
    }
    c.float::<1>(name)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some() {
        return Err(c.unknown_form(&[]));
    }
    let cfg = BradleyTerryConfig { center_rewards_coefficient: c.f64_opt("center_rewards_coefficient")? };
    let margin = if c.has("margin") { Some(rank1(c, "margin")?) } else { c.host_opt("margin"); None };
    bradley_terry(rank1(c, "rewards_chosen")?, rank1(c, "rewards_rejected")?, margin, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("rewards_chosen", randn(&[7], 1, 2.0)), ("rewards_rejected", randn(&[7], 2, 2.0)), ("margin", uniform(&[7], 3, 0.0, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"center_rewards_coefficient": 0.05})), &x);
        let x = inputs(vec![("rewards_chosen", randn(&[4], 4, 1.0)), ("rewards_rejected", randn(&[4], 5, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        // Equal rewards: the logistic term sits at its midpoint.
        let x = inputs(vec![("rewards_chosen", f(&[2], &[0.3, -1.0])), ("rewards_rejected", f(&[2], &[0.3, -1.0]))]);
        assert_gradcheck(ID, None, &params(json!({"center_rewards_coefficient": 1.0})), &x);
    }

    #[test]
    fn extreme_rewards_are_finite() {
        for big in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("rewards_chosen", f(&[2], &[big, -big])), ("rewards_rejected", f(&[2], &[-big, big]))]);
            assert_finite(ID, None, &params(json!({})), &x);
            assert_finite(ID, None, &params(json!({"center_rewards_coefficient": 0.01})), &x);
        }
    }

    #[test]
    fn value_is_the_formula() {
        // Rewards (1, 0) vs (0, 0.5), margin (0.5, 0): -(log sigmoid(0.5) + log sigmoid(-0.5))/2
        // = (log(1 + e^-0.5) + log(1 + e^0.5))/2; centring 0.1 * (1 + 0.25)/2.
        let x = inputs(vec![("rewards_chosen", f(&[2], &[1.0, 0.0])), ("rewards_rejected", f(&[2], &[0.0, 0.5])), ("margin", f(&[2], &[0.5, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"center_rewards_coefficient": 0.1})), &x);
        let want = 0.5 * ((-0.5f64).exp().ln_1p() + 0.5f64.exp().ln_1p()) + 0.1 * 1.25 / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-14);
    }

    #[test]
    fn bad_inputs() {
        let x = inputs(vec![("rewards_chosen", f(&[3], &[1.0, 0.0, 2.0])), ("rewards_rejected", f(&[2], &[0.0, 0.5]))]);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Shape);
        let x = inputs(vec![("rewards_chosen", f(&[2], &[1.0, 0.0])), ("rewards_rejected", f(&[2], &[0.0, 0.5])), ("margin", f(&[1], &[0.5]))]);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Shape);
        let x = inputs(vec![("rewards_chosen", f(&[1, 2], &[1.0, 0.0])), ("rewards_rejected", f(&[1, 2], &[0.0, 0.5]))]);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Shape);
        let x = inputs(vec![("rewards_chosen", f(&[0], &[])), ("rewards_rejected", f(&[0], &[]))]);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Empty);
        let x = inputs(vec![("rewards_chosen", f(&[2], &[1.0, 0.0])), ("rewards_rejected", f(&[2], &[0.0, 0.5]))]);
        for eta in [json!(-0.1), json!("nan"), json!("inf")] {
            assert_error(ID, None, &params(json!({"center_rewards_coefficient": eta})), &x, ErrorKind::Param);
        }
        assert_error(ID, None, &params(json!({"center_rewards_coefficient": "big"})), &x, ErrorKind::Param);
        assert_error(ID, Some("pairwise"), &params(json!({})), &x, ErrorKind::Unsupported);
    }
}
