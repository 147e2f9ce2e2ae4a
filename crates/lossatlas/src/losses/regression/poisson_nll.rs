//! Poisson negative log-likelihood: the loss for count or rate targets, with the prediction
//! given as a log-rate (default) or a rate, as in PyTorch's `poisson_nll_loss`.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::numerics::elementwise::{self, with_pair};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "poisson-nll";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Poisson Negative Log-Likelihood",
    aliases: &["Poisson NLL", "Poisson Loss", "PoissonNLLLoss", "Poisson Deviance Loss"],
    kind: Kind::Loss,
    domains: &["regression", "time-series"],
    year: 1972,
    paper: Paper {
        title: "Generalized Linear Models",
        authors: "Nelder, J.A. & Wedderburn, R.W.M.",
        venue: "Journal of the Royal Statistical Society, Series A",
        year: 1972,
        url: "https://doi.org/10.2307/2344614",
    },
    summary: "The negative log-likelihood of a count target under a Poisson distribution whose rate the model predicts, dropping the constant log(y!) unless full is set (then Stirling's approximation is added for targets above 1). With log_input (the default) the prediction is the log-rate, which keeps the rate positive and the loss convex: exp(x) - y x. It suits counts and non-negative rates (events, photon counts, demand); with log_input = False the prediction must stay positive and eps guards the logarithm at zero.",
    formula: r"\ell_i = \begin{cases} e^{x_i} - y_i x_i & \text{log\_input} \\ x_i - y_i \log(x_i + \epsilon) & \text{otherwise} \end{cases} \;+\; [\text{full} \wedge y_i > 1]\left(y_i \log y_i - y_i + \tfrac{1}{2}\log(2\pi y_i)\right)",
    inputs: &[
        Input { name: "pred", shape: "[*]", meaning: "predicted log-rate (log_input) or rate x" },
        Input { name: "target", shape: "[*] (as pred)", meaning: "observed counts or rates y >= 0" },
    ],
    params: &[
        Param { name: "log_input", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "pred is the log of the rate (true) or the rate itself (false)" },
        Param { name: "full", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "add the Stirling approximation of log(y!) for targets > 1" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-8), range: Range::NON_NEGATIVE, meaning: "added to the rate inside the logarithm when log_input is false" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "torch.nn.PoissonNLLLoss",
        "torch.nn.functional.poisson_nll_loss",
        "keras.losses.Poisson",
        "burn::nn::loss::PoissonNllLoss",
    ],
    related: &["tweedie-deviance", "gaussian-nll", "nll", "mse"],
    forms: &[Form { name: "torch", description: "PyTorch poisson_nll_loss(log_input, full, eps): exp(x) - y x or x - y log(x + eps), plus y log y - y + log(2 pi y) / 2 where y > 1 if full; reduction mean (default), sum or none." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of PyTorch's `poisson_nll_loss`; `Default` equals PyTorch's defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PoissonNllConfig {
    pub log_input: bool,
    pub full: bool,
    pub eps: f64,
    pub reduction: Reduction,
}

impl Default for PoissonNllConfig {
    fn default() -> Self {
        PoissonNllConfig { log_input: true, full: false, eps: 1e-8, reduction: Reduction::Mean }
    }
}

/// PyTorch `poisson_nll_loss`, reduced. The Stirling term is computed on targets replaced by 1
/// where they are <= 1 and then zeroed there, so those targets get neither a NaN value nor a
/// NaN gradient.
pub fn poisson_nll<const D: usize>(pred: Tensor<D>, target: Tensor<D>, cfg: &PoissonNllConfig) -> Result<LossTensor, LossError> {
    numerics::non_negative_param(ID, "eps", cfg.eps)?;
    let p = elementwise::Pair::new(ID, pred, target)?;
    let (x, y) = (p.pred.clone(), p.target.clone());
    let mut per = if cfg.log_input { x.clone().exp() - y.clone() * x } else { x.clone() - y.clone() * x.add_scalar(cfg.eps).log() };
    if cfg.full {
        let small = y.clone().lower_equal_elem(1.0);
        let ys = y.mask_fill(small.clone(), 1.0);
        let stirling = ys.clone() * ys.clone().log() - ys.clone() + ys.mul_scalar(2.0 * std::f64::consts::PI).log().mul_scalar(0.5);
        per = per + stirling.mask_fill(small, 0.0);
    }
    Ok(p.reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("torch") {
        "torch" => {
            let cfg = PoissonNllConfig {
                log_input: c.bool("log_input", true)?,
                full: c.bool("full", false)?,
                eps: c.f64("eps", 1e-8)?,
                reduction: c.reduction(Reduction::Mean)?,
            };
            with_pair!(c, |p, t| poisson_nll(p, t, &cfg))
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
        // No target at exactly 1: with full, the Stirling term switches on there (a jump).
        let y = f(&[2, 4], &[0.0, 0.8, 2.0, 5.0, 0.5, 3.0, 1.5, 7.0]);
        let x = inputs(vec![("pred", randn(&[2, 4], 31, 1.0)), ("target", y.clone())]);
        assert_gradcheck(ID, None, &params(json!({"reduction": "sum"})), &x);
        assert_gradcheck(ID, None, &params(json!({"full": true})), &x);
        let x = inputs(vec![("pred", uniform(&[2, 4], 32, 0.2, 5.0)), ("target", y)]);
        assert_gradcheck(ID, None, &params(json!({"log_input": false, "full": true, "reduction": "none"})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // log_input: x = ln 2, y = 3 -> 2 - 3 ln 2; d/dx = e^x - y = -1.
        let x = inputs(vec![("pred", f(&[1], &[2f64.ln()])), ("target", f(&[1], &[3.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (2.0 - 3.0 * 2f64.ln())).abs() < 1e-15);
        assert!((ev.grads["pred"].floats[0] + 1.0).abs() < 1e-15);
        // full adds 3 ln 3 - 3 + ln(6 pi) / 2 for y = 3, nothing for y = 1.
        let ev = eval64(ID, None, &params(json!({"full": true})), &x);
        let stirling = 3.0 * 3f64.ln() - 3.0 + 0.5 * (6.0 * std::f64::consts::PI).ln();
        assert!((ev.loss.floats[0] - (2.0 - 3.0 * 2f64.ln() + stirling)).abs() < 1e-14);
        // Rate input: x = 2, y = 1, eps = 0 -> 2 - ln 2 (no Stirling term at y = 1).
        let x = inputs(vec![("pred", f(&[1], &[2.0])), ("target", f(&[1], &[1.0]))]);
        let ev = eval64(ID, None, &params(json!({"log_input": false, "full": true, "eps": 0.0})), &x);
        assert!((ev.loss.floats[0] - (2.0 - 2f64.ln())).abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        // Zero targets with full (no NaN from 0 log 0), large log-rates, a zero rate with eps.
        let x = inputs(vec![("pred", f(&[4], &[-700.0, 700.0, 1e-12, 0.0])), ("target", f(&[4], &[0.0, 1e12, 0.0, 2.0]))]);
        assert_finite(ID, None, &params(json!({"full": true, "reduction": "none"})), &x);
        let x = inputs(vec![("pred", f(&[3], &[0.0, 1e-12, 1e12])), ("target", f(&[3], &[3.0, 0.0, 1e12]))]);
        assert_finite(ID, None, &params(json!({"log_input": false, "full": true})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let good = || inputs(vec![("pred", randn(&[3], 1, 1.0)), ("target", f(&[3], &[1.0, 2.0, 0.0]))]);
        let cases = [
            (good(), params(json!({"eps": -1e-8})), ErrorKind::Param),
            (good(), params(json!({"eps": "nan"})), ErrorKind::Param),
            (good(), params(json!({"log_input": "yes"})), ErrorKind::Param),
            (good(), params(json!({"full": 1})), ErrorKind::Param),
        ];
        for (x, p, kind) in cases {
            assert_error(ID, None, &p, &x, kind);
        }
    }
}
