//! The negative evidence lower bound of a variational autoencoder: reconstruction error plus
//! the KL divergence from the approximate posterior to the prior.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor};
use crate::numerics::{self, LossTensor, Reduction, inputs, reduce};

const ID: &str = "elbo";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "ELBO",
    aliases: &["VAE Loss", "Evidence Lower Bound", "Negative ELBO"],
    kind: Kind::Loss,
    domains: &["vae", "uncertainty"],
    year: 2013,
    paper: Paper {
        title: "Auto-Encoding Variational Bayes",
        authors: "Kingma, D.P. & Welling, M.",
        venue: "ICLR",
        year: 2013,
        url: "https://arxiv.org/abs/1312.6114",
    },
    summary: "Minimizes the negative evidence lower bound of a VAE with a diagonal Gaussian encoder and a standard normal prior: the negative log-likelihood of the input under the decoder's output for one reparameterized sample z = mu + sigma * eps (drawn by the caller), summed over the input's elements, plus beta times the closed-form KL divergence from N(mu, sigma^2) to N(0, I), summed over latent dimensions; both are per sample, then averaged (or summed) over the batch. With a Bernoulli decoder the reconstruction term is binary cross-entropy on logits (PyTorch's VAE example sums it over pixels and batch); with a Gaussian decoder it is the full Gaussian NLL with a fixed variance or a predicted log-variance, which differs from a plain squared error by the variance scaling and the log-normalizer. beta = 1 gives the ELBO (beta > 1 is the beta-VAE); posterior collapse (KL near zero, latents ignored) is the common failure, countered by KL warm-up or free bits.",
    formula: r"\ell_n = -\sum_{j}\log p\bigl(x_{nj} \mid \hat x_{nj}\bigr) + \beta\,\frac{1}{2}\sum_{d}\bigl(\mu_{nd}^2 + e^{v_{nd}} - 1 - v_{nd}\bigr),\quad -\log p = \begin{cases} \operatorname{softplus}(\hat x) - x\,\hat x & \text{bernoulli (logits)} \\ \frac{1}{2}\log(2\pi\sigma^2) + \frac{(x - \hat x)^2}{2\sigma^2} & \text{gaussian} \end{cases},\quad v = \log\sigma_z^2",
    inputs: &[
        Input { name: "pred", shape: "[N, *]", meaning: "decoder output for the sampled z: logits of a Bernoulli decoder (form bernoulli) or the mean of a Gaussian decoder (form gaussian)" },
        Input { name: "target", shape: "[N, *] (shape of pred)", meaning: "the input x (in [0, 1] for the Bernoulli decoder)" },
        Input { name: "mu", shape: "[N, d]", meaning: "encoder means of q(z | x)" },
        Input { name: "logvar", shape: "[N, d] (shape of mu)", meaning: "encoder log-variances log sigma_z^2" },
        Input { name: "pred_logvar", shape: "[N, *] (shape of pred)", meaning: "form gaussian, optional: the decoder's predicted log-variance log sigma^2 per element (instead of the fixed variance)" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the KL term (1 gives the ELBO; beta-VAE uses beta > 1; KL warm-up anneals it from 0)" },
        Param { name: "variance", symbol: r"\sigma^2", default: Value::Float(1.0), range: Range::POSITIVE, meaning: "form gaussian: fixed decoder variance when pred_logvar is not given" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::REDUCTION, meaning: "how the per-sample negative ELBOs are combined: mean over the batch, sum (PyTorch's VAE example), or none" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["pyro.infer.Trace_ELBO", "torch.distributions.kl_divergence"],
    related: &["beta-vae", "kl-divergence", "mse", "binary-cross-entropy", "vq-vae", "wae", "gaussian-nll"],
    forms: &[
        Form { name: "bernoulli", description: "Bernoulli decoder on logits: sum_j softplus(pred) - target * pred (binary cross-entropy with logits) plus beta * KL, per sample." },
        Form { name: "gaussian", description: "Gaussian decoder with mean pred: sum_j 0.5 log(2 pi sigma^2) + (target - pred)^2 / (2 sigma^2), sigma^2 = variance or exp(pred_logvar), plus beta * KL, per sample." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "encoder mean mu_1 (other latent and the reconstruction fixed)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: Some("gaussian"),
        params: serde_json::json!({}),
        inputs: vec![
            ("pred", HostTensor::from_f64(vec![1, 2], vec![0.2, 0.8])),
            ("target", HostTensor::from_f64(vec![1, 2], vec![0.0, 1.0])),
            ("mu", HostTensor::from_f64(vec![1, 2], vec![x, 0.5])),
            ("logvar", HostTensor::from_f64(vec![1, 2], vec![-1.0, 0.0])),
        ],
        wrt: "mu",
        index: 0,
    }
}

/// The decoder's likelihood.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Likelihood {
    /// Bernoulli with logits `pred`; targets in `[0, 1]`.
    Bernoulli,
    /// Gaussian with mean `pred` and this fixed variance (ignored when a predicted log-variance
    /// is given).
    Gaussian { variance: f64 },
}

/// ELBO options.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ElboConfig {
    pub likelihood: Likelihood,
    pub beta: f64,
    pub reduction: Reduction,
}

impl Default for ElboConfig {
    fn default() -> Self {
        ElboConfig { likelihood: Likelihood::Bernoulli, beta: 1.0, reduction: Reduction::Mean }
    }
}

/// The negative ELBO per sample, reduced. `pred`, `target` (and `pred_logvar`) are `[N, M]`
/// (the input flattened per sample), `mu`, `logvar` are `[N, d]`. With `Reduction::None`,
/// shape `[N]`.
pub fn elbo(pred: Tensor<2>, target: Tensor<2>, mu: Tensor<2>, logvar: Tensor<2>, pred_logvar: Option<Tensor<2>>, cfg: &ElboConfig) -> Result<LossTensor, LossError> {
    let ps = pred.dims();
    numerics::same_shape(ID, "target", &target.dims(), "pred", &ps)?;
    numerics::same_shape(ID, "logvar", &logvar.dims(), "mu", &mu.dims())?;
    if mu.dims()[0] != ps[0] {
        return Err(LossError::shape(ID, "mu", format!("batch {} (the batch of pred)", ps[0]), fmt_shape(&mu.dims())));
    }
    numerics::non_empty(ID, "pred", &ps)?;
    numerics::non_empty(ID, "mu", &mu.dims())?;
    let beta = numerics::non_negative_param(ID, "beta", cfg.beta)?;
    let n = ps[0];
    let recon = match cfg.likelihood {
        Likelihood::Bernoulli => {
            if pred_logvar.is_some() {
                return Err(LossError::unsupported(ID, "pred_logvar", "no decoder variance for a Bernoulli decoder (form gaussian)", "pred_logvar"));
            }
            let xs = numerics::host_f64(&target);
            if let Some(v) = xs.iter().find(|v| !(**v >= 0.0 && **v <= 1.0)) {
                return Err(LossError::value(ID, "target", "values in [0, 1] for a Bernoulli decoder", format!("{v}")));
            }
            numerics::softplus(pred.clone()) - target * pred
        }
        Likelihood::Gaussian { variance } => {
            numerics::finite_values(ID, "target", &numerics::host_f64(&target))?;
            let sq = (target - pred).square();
            match pred_logvar {
                Some(lv) => {
                    numerics::same_shape(ID, "pred_logvar", &lv.dims(), "pred", &ps)?;
                    (sq * lv.clone().neg().exp() + lv).add_scalar((2.0 * std::f64::consts::PI).ln()).mul_scalar(0.5)
                }
                None => {
                    let var = numerics::positive_param(ID, "variance", variance)?;
                    sq.mul_scalar(0.5 / var).add_scalar(0.5 * (2.0 * std::f64::consts::PI * var).ln())
                }
            }
        }
    };
    let kl = (mu.clone().square() + logvar.clone().exp() - logvar).sub_scalar(1.0).sum_dim(1).mul_scalar(0.5);
    let per = (recon.sum_dim(1) + kl.mul_scalar(beta)).reshape([n]);
    Ok(reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let gaussian = match c.form() {
        None | Some("bernoulli") => false,
        Some("gaussian") => true,
        _ => return Err(c.unknown_form(&["bernoulli", "gaussian"])),
    };
    let beta = c.f64("beta", 1.0)?;
    let reduction = c.reduction(Reduction::Mean)?;
    let likelihood = if gaussian {
        let variance = c.f64("variance", 1.0)?;
        numerics::positive_param(ID, "variance", variance)?;
        Likelihood::Gaussian { variance }
    } else {
        if c.has_param("variance") {
            return Err(LossError::param(ID, "variance", "no variance for a Bernoulli decoder (form gaussian)", "variance"));
        }
        Likelihood::Bernoulli
    };
    numerics::same_shape(ID, "target", c.shape("target")?, "pred", c.shape("pred")?)?;
    numerics::same_shape(ID, "logvar", c.shape("logvar")?, "mu", c.shape("mu")?)?;
    let pred_logvar = if c.has("pred_logvar") {
        if !gaussian {
            return Err(LossError::unsupported(ID, "pred_logvar", "no decoder variance for a Bernoulli decoder (form gaussian)", "pred_logvar"));
        }
        numerics::same_shape(ID, "pred_logvar", c.shape("pred_logvar")?, "pred", c.shape("pred")?)?;
        Some(inputs::per_sample_rows(c, "pred_logvar")?)
    } else {
        c.host_opt("pred_logvar");
        None
    };
    let cfg = ElboConfig { likelihood, beta, reduction };
    elbo(inputs::per_sample_rows(c, "pred")?, inputs::per_sample_rows(c, "target")?, inputs::per_sample_rows(c, "mu")?, inputs::per_sample_rows(c, "logvar")?, pred_logvar, &cfg)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::f64::consts::PI;

    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    fn x(pred: HostTensor, target: HostTensor, mu: HostTensor, logvar: HostTensor) -> BTreeMap<String, HostTensor> {
        inputs(vec![("pred", pred), ("target", target), ("mu", mu), ("logvar", logvar)])
    }

    #[test]
    fn gradients_match_finite_differences() {
        let xs = x(randn(&[3, 2, 4], 61, 2.0), uniform(&[3, 2, 4], 62, 0.0, 1.0), randn(&[3, 5], 63, 1.0), randn(&[3, 5], 64, 0.5));
        assert_gradcheck(ID, None, &params(json!({})), &xs);
        assert_gradcheck(ID, Some("gaussian"), &params(json!({"beta": 4.0, "variance": 0.3, "reduction": "none"})), &xs);
        let mut with_lv = xs.clone();
        with_lv.insert("pred_logvar".into(), randn(&[3, 2, 4], 65, 0.5));
        assert_gradcheck(ID, Some("gaussian"), &params(json!({"reduction": "sum"})), &with_lv);
        // Logits at 0 and targets at exactly 0 and 1 (the targets themselves cannot be
        // perturbed outside [0, 1]).
        let edge = x(f(&[1, 3], &[0.0, 1e-4, -1e-4]), f(&[1, 3], &[0.0, 1.0, 0.5]), f(&[1, 1], &[0.0]), f(&[1, 1], &[0.0]));
        assert_gradcheck_only(ID, None, &params(json!({})), &edge, Some(&["pred", "mu", "logvar"]));
    }

    #[test]
    fn value_is_the_formula() {
        // Bernoulli: logits (0, ln 3), targets (1, 0): -log(1/2) - log(1/4) = ln 8.
        // KL of mu = (1, 0), logvar = (0, ln 2): 0.5 * ((1 + 1 - 1 - 0) + (0 + 2 - 1 - ln 2)).
        let xs = x(f(&[1, 2], &[0.0, 3f64.ln()]), f(&[1, 2], &[1.0, 0.0]), f(&[1, 2], &[1.0, 0.0]), f(&[1, 2], &[0.0, 2f64.ln()]));
        let kl = 0.5 * (1.0 + (1.0 - 2f64.ln()));
        let ev = eval64(ID, None, &params(json!({"beta": 2.0})), &xs);
        assert!((ev.loss.floats[0] - (8f64.ln() + 2.0 * kl)).abs() < 1e-12, "{:?}", ev.loss.floats);
        // Gaussian, variance 0.5: residuals (-1, ln 3): sum 0.5 ln(pi) + r^2.
        let ev = eval64(ID, Some("gaussian"), &params(json!({"variance": 0.5})), &xs);
        let want = 2.0 * 0.5 * PI.ln() + 1.0 + 3f64.ln().powi(2) + kl;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
        // The same through a predicted log-variance ln 0.5.
        let mut lv = xs.clone();
        lv.insert("pred_logvar".into(), f(&[1, 2], &[0.5f64.ln(), 0.5f64.ln()]));
        let ev = eval64(ID, Some("gaussian"), &params(json!({})), &lv);
        assert!((ev.loss.floats[0] - want).abs() < 1e-12);
        // The KL term alone vanishes at the prior, and its gradient w.r.t. mu is beta * mu.
        let prior = x(f(&[2, 1], &[0.0, 0.0]), f(&[2, 1], &[0.5, 0.5]), f(&[2, 2], &[0.0, 3.0, 0.0, 0.0]), f(&[2, 2], &[0.0; 4]));
        let ev = eval64(ID, None, &params(json!({"beta": 1.5, "reduction": "none"})), &prior);
        assert!((ev.loss.floats[0] - (2f64.ln() + 1.5 * 4.5)).abs() < 1e-12 && (ev.loss.floats[1] - 2f64.ln()).abs() < 1e-12);
        assert!((ev.grads["mu"].floats[1] - 4.5).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let xs = x(f(&[2, 2], &[1e4, -1e4, 1e2, -1e2]), f(&[2, 2], &[0.0, 1.0, 1.0, 0.0]), f(&[2, 2], &[1e6, -1e-12, 0.0, 1e-12]), f(&[2, 2], &[-30.0, 30.0, 0.0, -1e-12]));
        assert_finite(ID, None, &params(json!({})), &xs);
        assert_finite(ID, Some("gaussian"), &params(json!({"variance": 1e-12})), &xs);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let good = || x(randn(&[2, 3], 1, 1.0), uniform(&[2, 3], 2, 0.0, 1.0), randn(&[2, 2], 3, 1.0), randn(&[2, 2], 4, 1.0));
        assert_error(ID, None, &params(json!({"beta": -1.0})), &good(), ErrorKind::Param);
        assert_error(ID, Some("gaussian"), &params(json!({"variance": 0.0})), &good(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"variance": 2.0})), &good(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"reduction": "batchmean"})), &good(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &x(randn(&[2, 3], 1, 1.0), f(&[2, 3], &[0.0, 1.0, 1.5, 0.0, 0.0, 0.0]), randn(&[2, 2], 3, 1.0), randn(&[2, 2], 4, 1.0)), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &x(randn(&[2, 3], 1, 1.0), uniform(&[2, 4], 2, 0.0, 1.0), randn(&[2, 2], 3, 1.0), randn(&[2, 2], 4, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &x(randn(&[2, 3], 1, 1.0), uniform(&[2, 3], 2, 0.0, 1.0), randn(&[3, 2], 3, 1.0), randn(&[3, 2], 4, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &x(randn(&[2, 3], 1, 1.0), uniform(&[2, 3], 2, 0.0, 1.0), randn(&[2, 2], 3, 1.0), randn(&[2, 3], 4, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &x(f(&[0, 3], &[]), f(&[0, 3], &[]), f(&[0, 2], &[]), f(&[0, 2], &[])), ErrorKind::Empty);
        let mut lv = good();
        lv.insert("pred_logvar".into(), randn(&[2, 3], 5, 1.0));
        assert_error(ID, None, &params(json!({})), &lv, ErrorKind::Unsupported);
        lv.insert("pred_logvar".into(), randn(&[2, 2], 5, 1.0));
        assert_error(ID, Some("gaussian"), &params(json!({})), &lv, ErrorKind::Shape);
    }
}
