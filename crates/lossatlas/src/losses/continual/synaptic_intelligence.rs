//! Synaptic intelligence: like EWC, a quadratic penalty toward previous parameters, but with
//! importances accumulated online along the training trajectory from each parameter's contribution
//! to the decrease of the loss.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, HostTensor};
use crate::numerics::LossTensor;
use crate::numerics::anchored::{AnchoredForm, AnchoredSpec};

const ID: &str = "synaptic-intelligence";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Synaptic Intelligence (SI) Loss",
    aliases: &["SI", "Synaptic Intelligence"],
    kind: Kind::Penalty,
    domains: &["continual", "regularization"],
    year: 2017,
    paper: Paper {
        title: "Continual Learning Through Synaptic Intelligence",
        authors: "Friedemann Zenke, Ben Poole, Surya Ganguli",
        venue: "ICML",
        year: 2017,
        url: "https://arxiv.org/abs/1703.04200",
    },
    summary: "Tracks, during training on each task, the path integral of minus gradient times parameter update for every parameter, which measures how much that parameter contributed to lowering the loss; after the task it divides this by the squared total change of the parameter plus a damping xi and adds it to the parameter's importance Omega (the authors' code rectifies the sum at 0). New tasks pay c * sum_k Omega_k (theta_k - theta~_k)^2 toward the parameters at the end of the previous task; the caller accumulates Omega during training and passes it in. The importance comes for free during training, unlike EWC's Fisher pass, but depends on the optimizer and on xi. Avalanche's SynapticIntelligencePlugin halves the penalty and clips Omega only from above, so its importances may be negative (form avalanche).",
    formula: r"\mathcal{R}(\theta) = c\sum_{k}\Omega_k\bigl(\theta_k - \tilde\theta_k\bigr)^2,\quad \Omega_k = \max\Bigl(0, \sum_{\nu < \mu}\frac{\omega_k^\nu}{(\Delta_k^\nu)^2 + \xi}\Bigr),\quad \omega_k^\nu = -\int_{t^{\nu - 1}}^{t^\nu} g_k(\theta(t))\,\theta_k'(t)\,dt",
    inputs: &[
        Input { name: "parameters", shape: "[*]", meaning: "current parameters theta (any shape)" },
        Input { name: "anchor_parameters", shape: "[*] or [K, *]", meaning: "parameters theta~ at the end of the previous task (or K anchors stacked on a leading axis)" },
        Input { name: "importance", shape: "shape of anchor_parameters", meaning: "accumulated importances Omega, computed by the caller from the path integrals (finite; >= 0 except in form avalanche)" },
    ],
    params: &[
        Param { name: "c", symbol: "c", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "penalty strength (no reference default: the paper tunes it per benchmark; 1 here; Avalanche's si_lambda in form avalanche)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Parameters,
    },
    equivalents: &["avalanche.training.plugins.SynapticIntelligencePlugin"],
    related: &["ewc", "mas"],
    forms: &[
        Form { name: "paper", description: "Zenke et al. (ganguli-lab/pathint): c * sum Omega (theta - theta~)^2 with Omega >= 0." },
        Form { name: "avalanche", description: "Avalanche SynapticIntelligencePlugin: si_lambda / 2 * sum Omega (theta - theta~)^2; Omega may be negative (Avalanche clips it only from above)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "parameter value (anchor 0, importance 1)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("parameters", HostTensor::from_f64(vec![2], vec![x, 0.5])),
            ("anchor_parameters", HostTensor::from_f64(vec![2], vec![0.0, 0.0])),
            ("importance", HostTensor::from_f64(vec![2], vec![1.0, 2.0])),
        ],
        wrt: "parameters",
        index: 0,
    }
}

const SPEC: AnchoredSpec = AnchoredSpec { loss: ID, strength: "c", importance: "importance", paper_factor: 1.0, avalanche_factor: 0.5, avalanche_non_negative: false };

/// The SI surrogate penalty. `parameters` has any shape; `anchor_parameters` and `importance`
/// have the same shape, or that shape after a leading axis of K anchors (rank `E = D + 1`):
/// `c` times the sum with importances `>= 0` in form paper, `c / 2` times it with importances of
/// any sign in form avalanche. Returns a scalar.
pub fn synaptic_intelligence<const D: usize, const E: usize>(parameters: Tensor<D>, anchor_parameters: Tensor<E>, importance: Tensor<E>, c: f64, form: AnchoredForm) -> Result<LossTensor, LossError> {
    SPEC.penalty(parameters, anchor_parameters, importance, c, form)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    SPEC.eval(c)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::eval::HostTensor;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("parameters", randn(&[3, 4], 1, 1.0)), ("anchor_parameters", randn(&[3, 4], 2, 1.0)), ("importance", uniform(&[3, 4], 3, 0.0, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"c": 0.7})), &x);
        // Three previous tasks stacked on a leading axis.
        let x = inputs(vec![("parameters", randn(&[5], 4, 1.0)), ("anchor_parameters", randn(&[3, 5], 5, 1.0)), ("importance", uniform(&[3, 5], 6, 0.0, 2.0))]);
        assert_gradcheck(ID, Some("avalanche"), &params(json!({"c": 2.0})), &x);
        // At the anchor the penalty and its gradient vanish.
        let at = randn(&[4], 7, 1.0);
        let ev = eval64(ID, None, &params(json!({})), &inputs(vec![("parameters", at.clone()), ("anchor_parameters", at), ("importance", uniform(&[4], 8, 0.0, 2.0))]));
        assert_eq!(ev.loss.floats, vec![0.0]);
        assert!(ev.grads["parameters"].floats.iter().all(|g| *g == 0.0));
    }

    #[test]
    fn value_is_the_formula() {
        // theta = (1, -2), theta~ = (0, 1), Omega = (2, 0.5), c = 3:
        // 3 * (2 * 1 + 0.5 * 9) = 19.5; Avalanche halves it: 9.75.
        let x = inputs(vec![("parameters", f(&[2], &[1.0, -2.0])), ("anchor_parameters", f(&[2], &[0.0, 1.0])), ("importance", f(&[2], &[2.0, 0.5]))]);
        assert_eq!(eval64(ID, None, &params(json!({"c": 3.0})), &x).loss.floats, vec![19.5]);
        assert_eq!(eval64(ID, Some("avalanche"), &params(json!({"c": 3.0})), &x).loss.floats, vec![9.75]);
        // Two anchors: the second adds 3 * (1 * (1-1)^2 + 1 * (-2-0)^2) = 12.
        let x = inputs(vec![("parameters", f(&[2], &[1.0, -2.0])), ("anchor_parameters", f(&[2, 2], &[0.0, 1.0, 1.0, 0.0])), ("importance", f(&[2, 2], &[2.0, 0.5, 1.0, 1.0]))]);
        assert_eq!(eval64(ID, None, &params(json!({"c": 3.0})), &x).loss.floats, vec![31.5]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("parameters", f(&[3], &[1e12, -1e-12, 0.0])), ("anchor_parameters", f(&[3], &[-1e12, 1e-12, 0.0])), ("importance", f(&[3], &[1e-12, 1e12, 0.0]))]);
        // Avalanche's importances may be negative.
        let neg = inputs(vec![("parameters", f(&[2], &[1.0, 2.0])), ("anchor_parameters", f(&[2], &[0.0, 0.0])), ("importance", f(&[2], &[-1.0, 0.5]))]);
        assert_eq!(eval64(ID, Some("avalanche"), &params(json!({"c": 2.0})), &neg).loss.floats, vec![1.0]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = randn(&[3], 1, 1.0);
        let good = |importance: HostTensor| inputs(vec![("parameters", p.clone()), ("anchor_parameters", randn(&[3], 2, 1.0)), ("importance", importance)]);
        let fi = uniform(&[3], 3, 0.0, 1.0);
        assert_error(ID, None, &params(json!({"c": -1.0})), &good(fi.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"c": "nan"})), &good(fi.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"xi": 0.1})), &good(fi.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &good(f(&[3], &[1.0, -0.5, 0.0])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &good(f(&[3], &[1.0, f64::NAN, 0.0])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &good(uniform(&[4], 3, 0.0, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("parameters", p.clone()), ("anchor_parameters", randn(&[2, 4], 2, 1.0)), ("importance", uniform(&[2, 4], 3, 0.0, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("parameters", f(&[0], &[])), ("anchor_parameters", f(&[0], &[])), ("importance", f(&[0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("parameters", p.clone()), ("anchor_parameters", f(&[0, 3], &[])), ("importance", f(&[0, 3], &[]))]), ErrorKind::Empty);
        assert_error(ID, Some("online"), &params(json!({})), &good(fi), ErrorKind::Unsupported);
    }
}
