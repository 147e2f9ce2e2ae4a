//! Homoscedastic uncertainty weighting: combine task losses with learned weights derived from a
//! per-task observation noise, plus a log-noise term that keeps the weights from vanishing.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "uncertainty-weighting";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Uncertainty Weighting / Homoscedastic Uncertainty",
    aliases: &["Uncertainty Weighting", "Homoscedastic Uncertainty Weighting", "Kendall Multi-Task Loss"],
    kind: Kind::Loss,
    domains: &["multi-task", "uncertainty"],
    year: 2018,
    paper: Paper {
        title: "Multi-Task Learning Using Uncertainty to Weigh Losses",
        authors: "Kendall et al.",
        venue: "CVPR 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1705.07115",
    },
    summary: "Treats each task's loss as the negative log-likelihood of an output with a learned, input-independent noise sigma_t: a regression task contributes L_t / (2 sigma_t^2) + log sigma_t (a classification task L_t / sigma_t^2 + log sigma_t), so noisy tasks are down-weighted automatically and the log term stops sigma from growing without bound. Implementations learn s_t = log sigma_t^2 for stability: the widely used simplified form sums exp(-s_t) L_t + s_t (default here), while the Gaussian-likelihood form of the paper's regression tasks, also LibMTL's UW, sums (exp(-s_t) L_t + s_t) / 2 (form regression); each task's optimum is s_t = log L_t in both. The total can go negative and its value is not comparable across runs; the weights adapt only to loss scale, not to gradient conflict.",
    formula: r"\mathcal{L} = \sum_{t=1}^{T} c\,\bigl(e^{-s_t}\,\mathcal{L}_t + s_t\bigr),\quad s_t = \log\sigma_t^2,\quad c = \begin{cases} 1 & \text{simplified} \\ \tfrac{1}{2} & \text{regression} \end{cases}",
    inputs: &[
        Input { name: "losses", shape: "[T]", meaning: "the task losses L_t (already reduced over each task's batch)" },
        Input { name: "log_vars", shape: "[T]", meaning: "learned log variances s_t = log sigma_t^2, one per task" },
    ],
    params: &[
        Param { name: "reduction", symbol: "", default: Value::Str("sum"), range: Range::REDUCTION, meaning: "how the per-task terms are combined: sum (the paper), mean, or none" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["LibMTL.weighting.UW"],
    related: &["gradnorm", "mgda", "pcgrad", "cagrad", "nash-mtl", "gaussian-nll"],
    forms: &[
        Form { name: "simplified", description: "sum_t exp(-s_t) L_t + s_t, the form most implementations use." },
        Form { name: "regression", description: "sum_t (exp(-s_t) L_t + s_t) / 2 = L_t / (2 sigma_t^2) + log sigma_t, the Gaussian likelihood of the paper's regression tasks and LibMTL's UW." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "log variance s of a task with loss 1", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![("losses", HostTensor::from_f64(vec![2], vec![1.0, 0.5])), ("log_vars", HostTensor::from_f64(vec![2], vec![x, 0.0]))],
        wrt: "log_vars",
        index: 0,
    }
}

/// The constant in front of each task's term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UncertaintyForm {
    /// `exp(-s) L + s`.
    #[default]
    Simplified,
    /// `(exp(-s) L + s) / 2` (Gaussian likelihood, LibMTL UW).
    Regression,
}

/// Uncertainty weighting of task `losses` `[T]` with log variances `log_vars` `[T]`; the
/// per-task terms are reduced (sum by default; `Reduction::None` keeps shape `[T]`).
pub fn uncertainty_weighting(losses: Tensor<1>, log_vars: Tensor<1>, form: UncertaintyForm, reduction: Reduction) -> Result<LossTensor, LossError> {
    numerics::same_shape(ID, "log_vars", &log_vars.dims(), "losses", &losses.dims())?;
    numerics::non_empty(ID, "losses", &losses.dims())?;
    let per = losses * log_vars.clone().neg().exp() + log_vars;
    let per = match form {
        UncertaintyForm::Simplified => per,
        UncertaintyForm::Regression => per.mul_scalar(0.5),
    };
    Ok(reduce(per, reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    let form = match c.form() {
        None | Some("simplified") => UncertaintyForm::Simplified,
        Some("regression") => UncertaintyForm::Regression,
        _ => return Err(c.unknown_form(&["simplified", "regression"])),
    };
    let reduction = c.reduction(Reduction::Sum)?;
    for name in ["losses", "log_vars"] {
        let s = c.shape(name)?;
        if s.len() != 1 {
            return Err(LossError::shape(ID, name, "shape [T] (one value per task)", fmt_shape(s)));
        }
    }
    numerics::same_shape(ID, "log_vars", c.shape("log_vars")?, "losses", c.shape("losses")?)?;
    uncertainty_weighting(c.float::<1>("losses")?, c.float::<1>("log_vars")?, form, reduction)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("losses", uniform(&[4], 71, 0.1, 3.0)), ("log_vars", randn(&[4], 72, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, Some("regression"), &params(json!({"reduction": "none"})), &x);
    }

    #[test]
    fn value_is_the_formula() {
        // losses (2, 0.5), s = (ln 2, 0): 2/2 + ln 2 + 0.5 + 0 = 1.5 + ln 2; regression halves it.
        let x = inputs(vec![("losses", f(&[2], &[2.0, 0.5])), ("log_vars", f(&[2], &[2f64.ln(), 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (1.5 + 2f64.ln())).abs() < 1e-12);
        // d/ds = 1 - exp(-s) L: 0 at s = ln L (the task's optimum), 0.5 for the second task.
        let g = &ev.grads["log_vars"].floats;
        assert!(g[0].abs() < 1e-12 && (g[1] - 0.5).abs() < 1e-12, "{g:?}");
        // d/dL = exp(-s).
        assert!((ev.grads["losses"].floats[0] - 0.5).abs() < 1e-12);
        let ev = eval64(ID, Some("regression"), &params(json!({"reduction": "mean"})), &x);
        assert!((ev.loss.floats[0] - (1.5 + 2f64.ln()) / 4.0).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("losses", f(&[4], &[1e12, 1e-12, 0.0, 3.0])), ("log_vars", f(&[4], &[30.0, -30.0, 1e2, -1e2]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let l = f(&[3], &[1.0, 2.0, 3.0]);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("losses", l.clone()), ("log_vars", f(&[2], &[0.0, 0.0]))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("losses", f(&[1, 3], &[1.0, 2.0, 3.0])), ("log_vars", f(&[1, 3], &[0.0; 3]))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("losses", f(&[0], &[])), ("log_vars", f(&[0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"reduction": "batchmean"})), &inputs(vec![("losses", l.clone()), ("log_vars", f(&[3], &[0.0; 3]))]), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"weights": [1.0]})), &inputs(vec![("losses", l.clone()), ("log_vars", f(&[3], &[0.0; 3]))]), ErrorKind::Param);
        assert_error(ID, Some("classification"), &params(json!({})), &inputs(vec![("losses", l), ("log_vars", f(&[3], &[0.0; 3]))]), ErrorKind::Unsupported);
    }
}
