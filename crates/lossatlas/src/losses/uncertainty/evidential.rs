//! Evidential deep learning: the network outputs non-negative evidence that parameterizes a
//! Dirichlet over class probabilities, and the loss is the Bayes risk (or marginal likelihood) of
//! the one-hot target under that Dirichlet plus an annealed KL term that removes evidence for
//! wrong classes.

use burn::tensor::{Bool, Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce, special};

const ID: &str = "evidential";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Evidential Deep Learning Loss",
    aliases: &["EDL Loss", "Evidential Loss", "Dirichlet Loss"],
    kind: Kind::Loss,
    domains: &["uncertainty", "classification", "calibration-fairness"],
    year: 2018,
    paper: Paper {
        title: "Evidential Deep Learning to Quantify Classification Uncertainty",
        authors: "Sensoy et al.",
        venue: "NeurIPS",
        year: 2018,
        url: "https://arxiv.org/abs/1806.01768",
    },
    summary: "Reads the logits as evidence e = g(logits) >= 0 (ReLU, softplus or a clamped exp) of a Dirichlet with alpha = e + 1, and minimizes the expected squared error of the one-hot target under that Dirichlet (the variant used in the paper's experiments), or its expected cross-entropy / negative log marginal likelihood, plus an annealed KL(Dir(alpha~) || Dir(1)) that pushes the evidence of wrong classes to zero. A single forward pass then gives an uncertainty mass K / sum(alpha). Anneal the KL coefficient from 0 to 1 over the first epochs (min(1, epoch / 10) in the paper); with ReLU evidence, classes whose logit is negative get no gradient.",
    formula: r"\ell_i = \sum_{j}\Big[(y_{ij} - \hat p_{ij})^2 + \frac{\hat p_{ij}(1-\hat p_{ij})}{S_i + 1}\Big] + \lambda_t\, \mathrm{KL}\big(\mathrm{Dir}(\tilde\alpha_i)\,\Vert\,\mathrm{Dir}(\mathbf 1)\big),\quad \alpha_i = g(z_i) + 1,\ S_i = \textstyle\sum_j \alpha_{ij},\ \hat p_i = \alpha_i / S_i,\ \tilde\alpha_i = y_i + (1 - y_i)\odot\alpha_i",
    inputs: &[
        Input { name: "logits", shape: "[N, K]", meaning: "network outputs turned into evidence by `evidence`" },
        Input { name: "targets", shape: "[N] (i64) or [N, K]", meaning: "class indices, or one-hot (soft) targets y" },
    ],
    params: &[
        Param { name: "evidence", symbol: "g", default: Value::Str("relu"), range: Range::Choice { values: &["relu", "softplus", "exp"] }, meaning: "evidence function: relu, softplus, or exp of the logits clamped to [-10, 10]" },
        Param { name: "annealing", symbol: r"\lambda_t", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "coefficient of the KL term (the paper anneals it as min(1, epoch / 10))" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Unknown,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["cross-entropy", "mse", "kl-divergence", "mc-dropout", "deep-ensembles"],
    forms: &[
        Form { name: "mse", description: "Eq. (5) of the paper: expected squared error sum_j (y_j - p_j)^2 + p_j (1 - p_j) / (S + 1), plus the annealed KL term." },
        Form { name: "log", description: "Eq. (3): negative log of the Dirichlet marginal likelihood, sum_j y_j (log S - log alpha_j), plus the annealed KL term." },
        Form { name: "digamma", description: "Eq. (4): expected cross-entropy, sum_j y_j (digamma(S) - digamma(alpha_j)), plus the annealed KL term." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Evidence function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Evidence {
    #[default]
    Relu,
    Softplus,
    /// `exp(clamp(x, -10, 10))`.
    Exp,
}

/// Data term of the loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EvidentialForm {
    #[default]
    Mse,
    Log,
    Digamma,
}

/// Options of the evidential loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EvidentialConfig {
    pub form: EvidentialForm,
    pub evidence: Evidence,
    /// KL coefficient λ_t >= 0.
    pub annealing: f64,
    pub reduction: Reduction,
}

impl Default for EvidentialConfig {
    fn default() -> Self {
        EvidentialConfig { form: EvidentialForm::Mse, evidence: Evidence::Relu, annealing: 1.0, reduction: Reduction::Mean }
    }
}

fn evidence(x: Tensor<2>, g: Evidence) -> Tensor<2> {
    match g {
        // Masked rather than clamp_min, so that a logit at exactly 0 gets gradient 0 (torch.relu).
        Evidence::Relu => {
            let off: Tensor<2, Bool> = x.clone().lower_equal_elem(0.0);
            x.mask_fill(off, 0.0)
        }
        Evidence::Softplus => numerics::softplus(x),
        Evidence::Exp => x.clamp(-10.0, 10.0).exp(),
    }
}

/// KL(Dir(alpha) || Dir(1)) per row, `alpha` `[N, K]` with entries >= 1.
pub(crate) fn kl_dirichlet_uniform(alpha: Tensor<2>) -> Tensor<1> {
    let [n, k] = alpha.dims();
    let s = alpha.clone().sum_dim(1);
    let first = special::lgamma(s.clone()) - special::lgamma(alpha.clone()).sum_dim(1);
    let second = (alpha.clone().add_scalar(-1.0) * (special::digamma(alpha) - special::digamma(s))).sum_dim(1);
    (first + second).add_scalar(-special::lgamma_f64(k as f64)).reshape([n])
}

/// Evidential loss with one-hot (or soft) targets `y` `[N, K]`.
pub fn evidential(logits: Tensor<2>, y: Tensor<2>, cfg: &EvidentialConfig) -> Result<LossTensor, LossError> {
    let [n, k] = logits.dims();
    numerics::same_shape(ID, "targets", &y.dims(), "logits", &[n, k])?;
    numerics::non_empty(ID, "logits", &[n, k])?;
    numerics::non_negative_param(ID, "annealing", cfg.annealing)?;
    let alpha = evidence(logits, cfg.evidence).add_scalar(1.0);
    let s = alpha.clone().sum_dim(1);
    let data = match cfg.form {
        EvidentialForm::Mse => {
            let p = alpha.clone() / s.clone();
            let err = (y.clone() - p.clone()).powi_scalar(2);
            let var = p.clone() * p.neg().add_scalar(1.0) / s.add_scalar(1.0);
            (err + var).sum_dim(1)
        }
        EvidentialForm::Log => (y.clone() * (s.log() - alpha.clone().log())).sum_dim(1),
        EvidentialForm::Digamma => (y.clone() * (special::digamma(s) - special::digamma(alpha.clone()))).sum_dim(1),
    }
    .reshape([n]);
    let alpha_tilde = y.clone() + y.neg().add_scalar(1.0) * alpha;
    let per = data + kl_dirichlet_uniform(alpha_tilde).mul_scalar(cfg.annealing);
    Ok(reduce(per, cfg.reduction))
}

/// Evidential loss with class-index targets `[N]`.
pub fn evidential_indices(logits: Tensor<2>, targets: Tensor<1, Int>, cfg: &EvidentialConfig) -> Result<LossTensor, LossError> {
    let [n, k] = logits.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "the batch of logits", &[n])?;
    numerics::non_empty(ID, "logits", &[n, k])?;
    numerics::labels_in_range(ID, "targets", &numerics::host_i64(&targets), k, None)?;
    let y = numerics::onehot::one_hot(targets, k, &logits);
    evidential(logits, y, cfg)
}

fn config(c: &Call) -> Result<EvidentialConfig, LossError> {
    let form = match c.form() {
        None | Some("mse") => EvidentialForm::Mse,
        Some("log") => EvidentialForm::Log,
        Some("digamma") => EvidentialForm::Digamma,
        Some(_) => return Err(c.unknown_form(&ENTRY.forms.iter().map(|f| f.name).collect::<Vec<_>>())),
    };
    let evidence = match c.str("evidence", "relu")? {
        "relu" => Evidence::Relu,
        "softplus" => Evidence::Softplus,
        "exp" => Evidence::Exp,
        other => return Err(LossError::param(ID, "evidence", "relu, softplus or exp", format!("{other:?}"))),
    };
    Ok(EvidentialConfig { form, evidence, annealing: c.f64("annealing", 1.0)?, reduction: c.reduction(Reduction::Mean)? })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let cfg = config(c)?;
    let logits = c.float::<2>("logits")?;
    let t = c.host("targets")?;
    if t.dtype.is_float() {
        if t.shape.len() != 2 {
            return Err(LossError::shape(ID, "targets", "shape [N, K] for one-hot targets (or [N] class indices)", fmt_shape(&t.shape)));
        }
        evidential(logits, c.float::<2>("targets")?, &cfg)
    } else {
        evidential_indices(logits, c.int::<1>("targets")?, &cfg)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::numerics::special::{digamma_f64, lgamma_f64};
    use crate::testing::*;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        // Logits kept away from 0 so that ReLU has no kink under the finite difference.
        let mut z = randn(&[5, 4], 1, 2.0);
        for v in &mut z.floats {
            if v.abs() < 0.05 {
                *v += 0.2;
            }
        }
        let y = i(&[5], &[0, 3, 1, 2, 3]);
        for form in ["mse", "log", "digamma"] {
            for ev in ["relu", "softplus", "exp"] {
                let x = inputs(vec![("logits", z.clone()), ("targets", y.clone())]);
                assert_gradcheck(ID, Some(form), &params(json!({"evidence": ev, "annealing": 0.3})), &x);
            }
        }
        // Soft targets get a gradient too.
        let x = inputs(vec![("logits", z), ("targets", uniform(&[5, 4], 3, 0.0, 1.0))]);
        assert_gradcheck(ID, Some("log"), &params(json!({"evidence": "softplus"})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // K = 2, ReLU evidence (3, 0) -> alpha = (4, 1), S = 5, target 0.
        // mse: (1 - 0.8)^2 + (0.2)^2 + 2 * 0.8 * 0.2 / 6; alpha~ = (1, 1): KL = 0.
        let x = inputs(vec![("logits", f(&[1, 2], &[3.0, -1.0])), ("targets", i(&[1], &[0]))]);
        let ev = eval64(ID, Some("mse"), &params(json!({})), &x);
        let d = (ev.loss.floats[0] - (0.04 + 0.04 + 0.32 / 6.0)).abs();
        assert!(d < 1e-13, "{d}");
        // log: log 5 - log 4; digamma: psi(5) - psi(4) = 1/4.
        let ev = eval64(ID, Some("log"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (5f64.ln() - 4f64.ln())).abs() < 1e-13);
        let ev = eval64(ID, Some("digamma"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.25).abs() < 1e-13);
        // Target 1: alpha~ = (4, 1), KL(Dir(4,1) || Dir(1,1)) = lgamma(5) - lgamma(4) - lgamma(2)
        //   + 3 (psi(4) - psi(5)) = ln 4 - 3/4.
        let x = inputs(vec![("logits", f(&[1, 2], &[3.0, -1.0])), ("targets", i(&[1], &[1]))]);
        let ev = eval64(ID, Some("log"), &params(json!({"annealing": 1.0})), &x);
        let kl = lgamma_f64(5.0) - lgamma_f64(4.0) - lgamma_f64(2.0) + 3.0 * (digamma_f64(4.0) - digamma_f64(5.0));
        assert!((kl - (4f64.ln() - 0.75)).abs() < 1e-13);
        assert!((ev.loss.floats[0] - (5f64.ln() + kl)).abs() < 1e-13);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            for ev in ["relu", "softplus", "exp"] {
                let x = inputs(vec![("logits", f(&[2, 3], &[scale, -scale, 0.5, -scale, scale, scale])), ("targets", i(&[2], &[1, 2]))]);
                assert_finite(ID, Some("digamma"), &params(json!({"evidence": ev})), &x);
                assert_finite(ID, Some("mse"), &params(json!({"evidence": ev})), &x);
            }
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let z = randn(&[3, 4], 5, 1.0);
        let y = i(&[3], &[0, 1, 2]);
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[2], &[0, 1]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[3], &[0, 4, 1]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", f(&[3], &[0.0, 1.0, 2.0]))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"annealing": -0.1})), &inputs(vec![("logits", z.clone()), ("targets", y.clone())]), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"evidence": "tanh"})), &inputs(vec![("logits", z.clone()), ("targets", y.clone())]), ErrorKind::Param);
        assert_error(ID, Some("kl"), &p, &inputs(vec![("logits", z), ("targets", y)]), ErrorKind::Unsupported);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[]))]), ErrorKind::Empty);
    }
}
