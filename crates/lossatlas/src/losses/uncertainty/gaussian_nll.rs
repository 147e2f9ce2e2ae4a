//! Gaussian negative log-likelihood with a predicted variance: the model outputs a mean and a
//! variance per target, and learns to report large variance where it is unsure.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::elementwise::{self, float_input};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "gaussian-nll";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "NLL with Learned Variance",
    aliases: &["Gaussian NLL", "Gaussian Negative Log-Likelihood", "GaussianNLLLoss", "Heteroscedastic Gaussian NLL"],
    kind: Kind::Loss,
    domains: &["uncertainty", "time-series", "regression"],
    year: 1994,
    paper: Paper {
        title: "Estimating the Mean and Variance of the Target Probability Distribution",
        authors: "Nix & Weigend",
        venue: "IEEE International Conference on Neural Networks (ICNN'94)",
        year: 1994,
        url: "https://ieeexplore.ieee.org/document/374138",
    },
    summary: "The negative log-likelihood of the target under a normal distribution whose mean and variance the network predicts: half the log-variance plus the squared error divided by the variance. Minimizing it lets the model attenuate the error on noisy targets by predicting a larger variance, and gives calibrated aleatoric uncertainty when it works. It can be unstable: the variance must be positive (softplus or exp of an output), is clamped below at eps, and early in training the model may inflate variances instead of fitting the mean (beta-NLL and warm-starting the mean with MSE are common remedies).",
    formula: r"\ell_i = \frac{1}{2}\left(\log \tilde{\sigma}_i^2 + \frac{(\hat{y}_i - y_i)^2}{\tilde{\sigma}_i^2}\right) + [\text{full}]\,\frac{1}{2}\log 2\pi,\qquad \tilde{\sigma}_i^2 = \max(\sigma_i^2, \epsilon)",
    inputs: &[
        Input { name: "pred", shape: "[*, K]", meaning: "predicted means" },
        Input { name: "target", shape: "[*, K] (as pred)", meaning: "targets" },
        Input { name: "var", shape: "[*, K], [*, 1] or [*]", meaning: "predicted variances >= 0: one per element, or one per row shared by its K values (homoscedastic)" },
    ],
    params: &[
        Param { name: "full", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "add the constant log(2 pi) / 2" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-6), range: Range::NON_NEGATIVE, meaning: "lower clamp of the variance (the gradient passes through the clamp, as in PyTorch)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::Yes,
        operand: Operand::Values,
    },
    equivalents: &[
        "torch.nn.GaussianNLLLoss",
        "torch.nn.functional.gaussian_nll_loss",
        "burn::nn::loss::GaussianNLLLoss",
    ],
    related: &["mse", "poisson-nll", "crps", "deep-ensembles", "evidential", "mc-dropout"],
    forms: &[Form { name: "torch", description: "PyTorch gaussian_nll_loss(full, eps): var of pred's shape, of pred's shape without the last axis, or with last axis 1 (shared along it); negative var is an error; var is clamped at eps under no_grad, so its gradient is that of the formula at the clamped value passed straight through; reduction mean (default), sum or none (pred's shape)." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of PyTorch's `gaussian_nll_loss`; `Default` equals PyTorch's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GaussianNllConfig {
    pub full: bool,
    pub eps: f64,
    pub reduction: Reduction,
}

impl Default for GaussianNllConfig {
    fn default() -> Self {
        GaussianNllConfig { full: false, eps: 1e-6, reduction: Reduction::Mean }
    }
}

/// How `var` relates to `pred`: the shape `var` is read with (rank of `pred`), or an error. As
/// PyTorch: the same shape; pred's shape without its last axis (a trailing 1 is added); or
/// pred's leading axes and a last axis of 1.
pub fn var_shape(loss: &str, pred: &[usize], var: &[usize]) -> Result<Vec<usize>, LossError> {
    let lead = &pred[..pred.len().saturating_sub(1)];
    if var == pred {
        return Ok(var.to_vec());
    }
    if var == lead {
        let mut v = lead.to_vec();
        v.push(1);
        return Ok(v);
    }
    if !var.is_empty() && &var[..var.len() - 1] == lead && var[var.len() - 1] == 1 {
        return Ok(var.to_vec());
    }
    Err(LossError::shape(
        loss,
        "var",
        format!("shape {}, {} or {} (the shape of pred, without its last axis, or with last axis 1)", fmt_shape(pred), fmt_shape(lead), fmt_shape(&[lead, &[1]].concat())),
        fmt_shape(var),
    ))
}

/// PyTorch `gaussian_nll_loss`. `var` has pred's shape or pred's shape with last axis 1 (use
/// [`var_shape`] to bring a variance without the last axis to that form).
pub fn gaussian_nll<const D: usize>(pred: Tensor<D>, target: Tensor<D>, var: Tensor<D>, cfg: &GaussianNllConfig) -> Result<LossTensor, LossError> {
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let dims = pred.dims();
    let vdims = var_shape(ID, &dims, &var.dims())?;
    let p = elementwise::Pair::new(ID, pred, target)?;
    let host = numerics::host_f64(&var);
    if let Some(v) = host.iter().find(|v| **v < 0.0) {
        return Err(LossError::value(ID, "var", "variances >= 0", format!("{v}")));
    }
    let k = dims[D - 1];
    let m = dims.iter().product::<usize>() / k;
    let var = var.reshape([m, vdims[D - 1]]).expand([m, k]).reshape([m * k]);
    // PyTorch clamps a clone of var in place under no_grad: the value is max(var, eps), the
    // gradient flows to var unchanged.
    let clamped = var.clone() + (var.clone().clamp_min(cfg.eps) - var).detach();
    let mut per = (clamped.clone().log() + p.residual().square() / clamped).mul_scalar(0.5);
    if cfg.full {
        per = per.add_scalar(0.5 * (2.0 * std::f64::consts::PI).ln());
    }
    Ok(p.reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("torch") {
        "torch" => {
            let cfg = GaussianNllConfig { full: c.bool("full", false)?, eps: c.f64("eps", 1e-6)?, reduction: c.reduction(Reduction::Mean)? };
            elementwise::check_same_input_shape(c, "pred", "target")?;
            let shape = c.shape("pred")?.to_vec();
            let vshape = var_shape(ID, &shape, c.shape("var")?)?;
            by_rank!(c, "pred", shape.len(), |R| {
                let var = c.float_reshaped::<R>("var", vshape.clone().try_into().expect("rank of pred"))?;
                gaussian_nll(float_input::<R>(c, "pred")?, c.float::<R>("target")?, var, &cfg)
            })
        }
        _ => Err(elementwise::unknown_form(c, &ENTRY)),
    }
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
        let x = inputs(vec![("pred", randn(&[3, 4], 33, 1.0)), ("target", randn(&[3, 4], 34, 1.0)), ("var", uniform(&[3, 4], 35, 0.1, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"full": true, "reduction": "sum"})), &x);
        for vshape in [vec![3], vec![3, 1]] {
            let x = inputs(vec![("pred", randn(&[3, 4], 33, 1.0)), ("target", randn(&[3, 4], 34, 1.0)), ("var", uniform(&vshape, 36, 0.1, 2.0))]);
            assert_gradcheck(ID, None, &params(json!({})), &x);
        }
        // 1-D pred with a single shared variance [1].
        let x = inputs(vec![("pred", randn(&[5], 37, 1.0)), ("target", randn(&[5], 38, 1.0)), ("var", f(&[1], &[0.7]))]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "none"})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // var = 4, r = 2: 0.5 (ln 4 + 1); d/dvar = 0.5 (1/4 - 4/16) = 0; d/dpred = r / var = 0.5.
        let x = inputs(vec![("pred", f(&[1, 1], &[3.0])), ("target", f(&[1, 1], &[1.0])), ("var", f(&[1, 1], &[4.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - 0.5 * (4f64.ln() + 1.0)).abs() < 1e-15);
        assert!(ev.grads["var"].floats[0].abs() < 1e-15);
        assert!((ev.grads["pred"].floats[0] - 0.5).abs() < 1e-15);
        let ev = eval64(ID, None, &params(json!({"full": true})), &x);
        assert!((ev.loss.floats[0] - 0.5 * (4f64.ln() + 1.0 + (2.0 * std::f64::consts::PI).ln())).abs() < 1e-15);
    }

    #[test]
    fn clamp_passes_the_gradient_through() {
        // var = 1e-9 < eps = 1e-6: the value uses 1e-6, and d/dvar is the formula's derivative at
        // 1e-6 (PyTorch's no_grad clamp), not 0 as a differentiable clamp would give.
        let x = inputs(vec![("pred", f(&[1], &[1e-3])), ("target", f(&[1], &[0.0])), ("var", f(&[1], &[1e-9]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        let v = 1e-6f64;
        assert!((ev.loss.floats[0] - 0.5 * (v.ln() + 1e-6 / v)).abs() < 1e-12);
        let dv = 0.5 * (1.0 / v - 1e-6 / (v * v));
        assert!((ev.grads["var"].floats[0] - dv).abs() <= 1e-9 * dv.abs().max(1.0));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("pred", f(&[4], &[1e-12, 1e12, -1e12, 0.0])), ("target", f(&[4], &[0.0; 4])), ("var", f(&[4], &[0.0, 1.0, 1e12, 1e-300]))]);
        assert_finite(ID, None, &params(json!({"reduction": "none"})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let pt = || vec![("pred", randn(&[3, 4], 1, 1.0)), ("target", randn(&[3, 4], 2, 1.0))];
        let with_var = |v| {
            let mut x = pt();
            x.push(("var", v));
            inputs(x)
        };
        let p = params(json!({}));
        assert_error(ID, None, &p, &with_var(f(&[3], &[1.0, -0.5, 1.0])), ErrorKind::Value);
        assert_error(ID, None, &p, &with_var(f(&[4], &[1.0; 4])), ErrorKind::Shape);
        assert_error(ID, None, &p, &with_var(f(&[3, 2], &[1.0; 6])), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"eps": -1.0})), &with_var(f(&[3], &[1.0; 3])), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"eps": "nan"})), &with_var(f(&[3], &[1.0; 3])), ErrorKind::Param);
        assert_error(ID, None, &p, &inputs(pt()), ErrorKind::Missing);
        let x = inputs(vec![("pred", randn(&[3, 4], 1, 1.0)), ("target", randn(&[3, 3], 2, 1.0)), ("var", f(&[3], &[1.0; 3]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Shape);
        let x = inputs(vec![("pred", f(&[0, 4], &[])), ("target", f(&[0, 4], &[])), ("var", f(&[0], &[]))]);
        assert_error(ID, None, &p, &x, ErrorKind::Empty);
    }
}
