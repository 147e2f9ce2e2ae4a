//! KTO: align a policy from unpaired desirable / undesirable examples with a prospect-theory
//! value function of the policy/reference log-ratio, measured against a KL reference point.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::{self, LossTensor};

const ID: &str = "kto";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "KTO Loss",
    aliases: &["Kahneman-Tversky Optimization"],
    kind: Kind::Loss,
    domains: &["llm-alignment"],
    year: 2024,
    paper: Paper {
        title: "KTO: Model Alignment as Prospect Theoretic Optimization",
        authors: "Ethayarajh et al.",
        venue: "ICML 2024",
        year: 2024,
        url: "https://arxiv.org/abs/2402.01306",
    },
    summary: "Needs only a binary signal per completion (desirable or undesirable), not preference pairs. Each completion's implied reward beta * log(pi/pi_ref) is compared with a reference point z0, a batch estimate of KL(pi || pi_ref) from mismatched prompt-completion pairs, clamped at 0 and detached; desirable completions are pushed above it and undesirable ones below it through a saturating sigmoid, echoing Kahneman-Tversky loss aversion. desirable_weight and undesirable_weight rebalance the two sets (the paper suggests keeping lambda_D n_D / (lambda_U n_U) in [1, 4/3]). TRL averages the concatenated weighted losses with nanmean (NaN if the batch holds neither kind).",
    formula: r"z_0 = \max\Big(0,\ \operatorname{mean}\big(\log\pi_\theta(y'|x') - \log\pi_{\text{ref}}(y'|x')\big)\Big),\quad \ell_D = \lambda_D\big(1 - \sigma(\beta(r_w - z_0))\big),\quad \ell_U = \lambda_U\big(1 - \sigma(\beta(z_0 - r_l))\big)",
    inputs: &[
        Input { name: "policy_chosen_logps", shape: "[N_D]", meaning: "policy log-probabilities of the desirable completions (summed over tokens)" },
        Input { name: "policy_rejected_logps", shape: "[N_U]", meaning: "policy log-probabilities of the undesirable completions" },
        Input { name: "reference_chosen_logps", shape: "[N_D]", meaning: "reference log-probabilities of the desirable completions" },
        Input { name: "reference_rejected_logps", shape: "[N_U]", meaning: "reference log-probabilities of the undesirable completions" },
        Input { name: "policy_kl_logps", shape: "[M]", meaning: "policy log-probabilities of mismatched (prompt, completion) pairs used for the KL estimate (no gradient through z0)" },
        Input { name: "reference_kl_logps", shape: "[M]", meaning: "reference log-probabilities of the same mismatched pairs" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.1), range: Range::POSITIVE, meaning: "scale of the implied reward (TRL default 0.1)" },
        Param { name: "desirable_weight", symbol: r"\lambda_D", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the desirable-example losses" },
        Param { name: "undesirable_weight", symbol: r"\lambda_U", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the undesirable-example losses" },
        Param { name: "loss_type", symbol: "", default: Value::Str("kto"), range: Range::Choice { values: &["kto", "apo_zero_unpaired"] }, meaning: "TRL KTOConfig loss_type" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::LogProbabilities,
    },
    equivalents: &["trl KTOTrainer(loss_type=\"kto\")", "trl KTOTrainer(loss_type=\"apo_zero_unpaired\")"],
    related: &["dpo", "bco-pair", "apo-zero", "orpo"],
    forms: &[
        Form { name: "kto", description: "TRL loss_type kto: the formula; loss = nanmean(cat(lambda_D * l_D, lambda_U * l_U)) with z0 detached." },
        Form { name: "apo-zero-unpaired", description: "TRL loss_type apo_zero_unpaired: z0 = 0; desirable 1 - sigmoid(beta r), undesirable sigmoid(beta r), weighted and averaged the same way; no KL inputs." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "log-ratio log pi - log pi_ref of one desirable completion (one undesirable at 0, z0 = 0)", from: -40.0, to: 40.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("kto"),
        params: serde_json::json!({}),
        inputs: vec![
            ("policy_chosen_logps", HostTensor::from_f64(vec![1], vec![x - 50.0])),
            ("reference_chosen_logps", HostTensor::from_f64(vec![1], vec![-50.0])),
            ("policy_rejected_logps", HostTensor::from_f64(vec![1], vec![-50.0])),
            ("reference_rejected_logps", HostTensor::from_f64(vec![1], vec![-50.0])),
            ("policy_kl_logps", HostTensor::from_f64(vec![1], vec![-50.0])),
            ("reference_kl_logps", HostTensor::from_f64(vec![1], vec![-50.0])),
        ],
        wrt: "policy_chosen_logps",
        index: 0,
    }
}

/// TRL `KTOConfig.loss_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KtoLossType {
    /// Prospect-theoretic value against the detached KL reference point z0.
    Kto,
    /// APO-zero for unpaired data: z0 = 0, undesirable term sigmoid(beta r).
    ApoZeroUnpaired,
}

/// Options of TRL's KTO loss; `Default` equals TRL's `KTOConfig` defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KtoConfig {
    pub beta: f64,
    pub desirable_weight: f64,
    pub undesirable_weight: f64,
    pub loss_type: KtoLossType,
}

impl Default for KtoConfig {
    fn default() -> Self {
        KtoConfig { beta: 0.1, desirable_weight: 1.0, undesirable_weight: 1.0, loss_type: KtoLossType::Kto }
    }
}

/// Log-ratios of one side (`None` when that side has no examples).
pub struct KtoSide {
    pub policy: Tensor<1>,
    pub reference: Tensor<1>,
}

/// TRL `KTOTrainer` loss: `nanmean(cat(lambda_D l_D, lambda_U l_U))` (NaN when both sides are
/// empty). `kl` is the reference point z0 (already clamped at 0 and detached; 0 for
/// apo_zero_unpaired). Returns a scalar.
pub fn kto(chosen: Option<KtoSide>, rejected: Option<KtoSide>, kl: f64, cfg: &KtoConfig) -> Result<LossTensor, LossError> {
    numerics::finite_param(ID, "beta", cfg.beta)?;
    numerics::finite_param(ID, "desirable_weight", cfg.desirable_weight)?;
    numerics::finite_param(ID, "undesirable_weight", cfg.undesirable_weight)?;
    let mut parts: Vec<Tensor<1>> = vec![];
    if let Some(s) = chosen {
        numerics::same_shape(ID, "reference_chosen_logps", &s.reference.dims(), "policy_chosen_logps", &s.policy.dims())?;
        let r = s.policy - s.reference;
        // 1 - sigmoid(beta (r - z0)) = sigmoid(-beta (r - z0)).
        let l = numerics::sigmoid(r.sub_scalar(kl).mul_scalar(-cfg.beta));
        parts.push(l.mul_scalar(cfg.desirable_weight));
    }
    if let Some(s) = rejected {
        numerics::same_shape(ID, "reference_rejected_logps", &s.reference.dims(), "policy_rejected_logps", &s.policy.dims())?;
        let r = s.policy - s.reference;
        let l = match cfg.loss_type {
            // 1 - sigmoid(beta (z0 - r)) = sigmoid(beta (r - z0)).
            KtoLossType::Kto => numerics::sigmoid(r.sub_scalar(kl).mul_scalar(cfg.beta)),
            KtoLossType::ApoZeroUnpaired => numerics::sigmoid(r.mul_scalar(cfg.beta)),
        };
        parts.push(l.mul_scalar(cfg.undesirable_weight));
    }
    if parts.is_empty() {
        return Err(LossError::empty(ID, "policy_chosen_logps", "at least one desirable or undesirable example"));
    }
    let all = Tensor::cat(parts, 0);
    // nanmean: NaN entries are left out of the sum and the count.
    let nan = all.clone().is_nan();
    let count = numerics::host_f64(&numerics::mask_to_float(nan.clone(), &all)).iter().filter(|v| **v == 0.0).count();
    let total = all.mask_fill(nan, 0.0).sum();
    Ok(LossTensor::scalar(total.mul_scalar(if count == 0 { f64::NAN } else { 1.0 / count as f64 })))
}

/// Reads one side: `None` when both tensors are empty (their gradients are still reported).
fn read_side(c: &Call, policy: &str, reference: &str) -> Result<Option<KtoSide>, LossError> {
    for name in [policy, reference] {
        let t = c.host(name)?;
        if !t.dtype.is_float() {
            return Err(LossError::dtype(ID, name, "floating-point values", format!("{} values", t.dtype.as_str())));
        }
        if t.shape.len() != 1 {
            return Err(LossError::shape(ID, name, "shape [N]", crate::error::fmt_shape(&t.shape)));
        }
    }
    numerics::same_shape(ID, reference, c.shape(reference)?, policy, c.shape(policy)?)?;
    let p = c.float::<1>(policy)?;
    let r = c.float::<1>(reference)?;
    Ok(if c.shape(policy)?[0] == 0 { None } else { Some(KtoSide { policy: p, reference: r }) })
}

/// z0 = max(0, mean(policy_kl_logps - reference_kl_logps)), computed on the host: TRL detaches
/// it. NaN stays NaN (torch's clamp), and an empty KL batch gives NaN (the mean of nothing).
fn kl_reference_point(c: &Call) -> Result<f64, LossError> {
    let p = c.host("policy_kl_logps")?;
    let r = c.host("reference_kl_logps")?;
    for (name, t) in [("policy_kl_logps", p), ("reference_kl_logps", r)] {
        if !t.dtype.is_float() {
            return Err(LossError::dtype(ID, name, "floating-point values", format!("{} values", t.dtype.as_str())));
        }
    }
    numerics::same_shape(ID, "reference_kl_logps", &r.shape, "policy_kl_logps", &p.shape)?;
    // Registered as inputs so that their (zero) gradients are reported.
    let _ = c.float_reshaped::<1>("policy_kl_logps", [p.numel()])?;
    let _ = c.float_reshaped::<1>("reference_kl_logps", [r.numel()])?;
    let (pv, rv) = (p.as_f64(), r.as_f64());
    let mean = pv.iter().zip(&rv).map(|(a, b)| a - b).sum::<f64>() / pv.len() as f64;
    Ok(if mean.is_nan() { mean } else { mean.max(0.0) })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let default_type = match c.form() {
        None | Some("kto") => "kto",
        Some("apo-zero-unpaired") => "apo_zero_unpaired",
        Some(_) => return Err(c.unknown_form(&["kto", "apo-zero-unpaired"])),
    };
    let loss_type = match c.str("loss_type", default_type)? {
        t if t != default_type && c.form().is_some() => {
            return Err(LossError::param(ID, "loss_type", format!("{default_type} (the form)"), format!("{t:?}")));
        }
        "kto" => KtoLossType::Kto,
        "apo_zero_unpaired" => KtoLossType::ApoZeroUnpaired,
        other => return Err(LossError::param(ID, "loss_type", "kto or apo_zero_unpaired", format!("{other:?}"))),
    };
    let cfg = KtoConfig {
        beta: c.f64("beta", 0.1)?,
        desirable_weight: c.f64("desirable_weight", 1.0)?,
        undesirable_weight: c.f64("undesirable_weight", 1.0)?,
        loss_type,
    };
    let chosen = read_side(c, "policy_chosen_logps", "reference_chosen_logps")?;
    let rejected = read_side(c, "policy_rejected_logps", "reference_rejected_logps")?;
    let kl = match loss_type {
        KtoLossType::Kto => kl_reference_point(c)?,
        KtoLossType::ApoZeroUnpaired => {
            // TRL computes no KL term for this loss type; KL inputs, if given, are unused.
            for name in ["policy_kl_logps", "reference_kl_logps"] {
                if let Some(t) = c.host_opt(name) {
                    if t.dtype.is_float() {
                        let _ = c.float_reshaped::<1>(name, [t.numel()])?;
                    }
                }
            }
            0.0
        }
    };
    kto(chosen, rejected, kl, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn x(nd: usize, nu: usize, m: usize, seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        inputs(vec![
            ("policy_chosen_logps", uniform(&[nd], seed, -60.0, -10.0)),
            ("reference_chosen_logps", uniform(&[nd], seed + 1, -60.0, -10.0)),
            ("policy_rejected_logps", uniform(&[nu], seed + 2, -60.0, -10.0)),
            ("reference_rejected_logps", uniform(&[nu], seed + 3, -60.0, -10.0)),
            ("policy_kl_logps", uniform(&[m], seed + 4, -60.0, -10.0)),
            ("reference_kl_logps", uniform(&[m], seed + 5, -60.0, -10.0)),
        ])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        // z0 is detached: check the inputs whose autodiff gradient is the value's derivative.
        let only: &[&str] = &["policy_chosen_logps", "reference_chosen_logps", "policy_rejected_logps", "reference_rejected_logps"];
        let xs = x(3, 4, 7, 31);
        assert_gradcheck_only(ID, Some("kto"), &params(json!({"beta": 0.3, "desirable_weight": 1.5})), &xs, Some(only));
        assert_gradcheck(ID, Some("apo-zero-unpaired"), &params(json!({"beta": 0.2})), &inputs(xs.into_iter().filter(|(k, _)| !k.contains("kl")).map(|(k, v)| (if k.starts_with("policy_c") { "policy_chosen_logps" } else if k.starts_with("policy_r") { "policy_rejected_logps" } else if k.starts_with("reference_c") { "reference_chosen_logps" } else { "reference_rejected_logps" }, v)).collect()));
    }

    #[test]
    fn value_is_the_formula() {
        // Desirable r = 2, undesirable r = -1, KL mean 0.5 -> z0 = 0.5, beta 1:
        // (1 - sigma(1.5) + 1 - sigma(1.5)) / 2 = 1 - sigma(1.5).
        let xs = inputs(vec![
            ("policy_chosen_logps", f(&[1], &[-1.0])),
            ("reference_chosen_logps", f(&[1], &[-3.0])),
            ("policy_rejected_logps", f(&[1], &[-4.0])),
            ("reference_rejected_logps", f(&[1], &[-3.0])),
            ("policy_kl_logps", f(&[2], &[-1.0, -2.0])),
            ("reference_kl_logps", f(&[2], &[-2.0, -2.0])),
        ]);
        let ev = eval64(ID, Some("kto"), &params(json!({"beta": 1.0})), &xs);
        let want = 1.0 - 1.0 / (1.0 + (-1.5f64).exp());
        assert!((ev.loss.floats[0] - want).abs() < 1e-15, "{} vs {want}", ev.loss.floats[0]);
        assert_eq!(ev.grads["policy_kl_logps"].floats, vec![0.0, 0.0]);
        // A negative KL estimate is clamped to 0.
        let mut neg = xs.clone();
        neg.insert("policy_kl_logps".into(), f(&[2], &[-9.0, -9.0]));
        let want0 = (1.0 - 1.0 / (1.0 + (-2.0f64).exp()) + 1.0 - 1.0 / (1.0 + (-1.0f64).exp())) / 2.0;
        assert!((eval64(ID, Some("kto"), &params(json!({"beta": 1.0})), &neg).loss.floats[0] - want0).abs() < 1e-15);
        // No desirable examples: only the undesirable term.
        let mut nod = xs.clone();
        nod.insert("policy_chosen_logps".into(), f(&[0], &[]));
        nod.insert("reference_chosen_logps".into(), f(&[0], &[]));
        let ev = eval64(ID, Some("kto"), &params(json!({"beta": 1.0})), &nod);
        assert!((ev.loss.floats[0] - want).abs() < 1e-15);
        assert_eq!(ev.grads["policy_chosen_logps"].floats, Vec::<f64>::new());
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let xs = inputs(vec![
            ("policy_chosen_logps", f(&[2], &[-1e4, -1e-12])),
            ("reference_chosen_logps", f(&[2], &[-1e-12, -1e4])),
            ("policy_rejected_logps", f(&[2], &[-1e4, -1e-12])),
            ("reference_rejected_logps", f(&[2], &[-1e-12, -1e4])),
            ("policy_kl_logps", f(&[1], &[-1e-12])),
            ("reference_kl_logps", f(&[1], &[-1e4])),
        ]);
        assert_finite(ID, Some("kto"), &params(json!({"beta": 10.0})), &xs);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let xs = x(3, 2, 5, 3);
        let p = params(json!({}));
        let mut bad = xs.clone();
        bad.insert("reference_chosen_logps".into(), f(&[2], &[-1.0, -2.0]));
        assert_error(ID, Some("kto"), &p, &bad, ErrorKind::Shape);
        let mut bad = xs.clone();
        bad.insert("reference_kl_logps".into(), f(&[4], &[-1.0; 4]));
        assert_error(ID, Some("kto"), &p, &bad, ErrorKind::Shape);
        let mut bad = xs.clone();
        bad.insert("policy_rejected_logps".into(), i(&[2], &[0, 0]));
        assert_error(ID, Some("kto"), &p, &bad, ErrorKind::DType);
        let mut bad = xs.clone();
        bad.remove("policy_kl_logps");
        assert_error(ID, Some("kto"), &p, &bad, ErrorKind::Missing);
        let mut empty = xs.clone();
        for k in ["policy_chosen_logps", "reference_chosen_logps", "policy_rejected_logps", "reference_rejected_logps"] {
            empty.insert(k.into(), f(&[0], &[]));
        }
        assert_error(ID, Some("kto"), &p, &empty, ErrorKind::Empty);
        assert_error(ID, Some("kto"), &params(json!({"beta": "nan"})), &xs, ErrorKind::Param);
        assert_error(ID, Some("kto"), &params(json!({"loss_type": "apo_zero_unpaired"})), &xs, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"loss_type": "bco"})), &xs, ErrorKind::Param);
    }
}
