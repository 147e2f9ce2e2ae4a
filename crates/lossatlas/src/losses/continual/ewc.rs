//! Elastic weight consolidation: a quadratic penalty that anchors each parameter to its value after
//! the previous task, weighted by the diagonal Fisher information, so parameters important for old
//! tasks move less.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, HostTensor};
use crate::numerics::LossTensor;
use crate::numerics::anchored::{AnchoredForm, AnchoredSpec};

const ID: &str = "ewc";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Elastic Weight Consolidation (EWC) Loss",
    aliases: &["Elastic Weight Consolidation"],
    kind: Kind::Penalty,
    domains: &["continual", "regularization"],
    year: 2017,
    paper: Paper {
        title: "Overcoming Catastrophic Forgetting in Neural Networks",
        authors: "James Kirkpatrick, Razvan Pascanu, Neil Rabinowitz, Joel Veness, Guillaume Desjardins, Andrei A. Rusu, Kieran Milan, John Quan, Tiago Ramalho, Agnieszka Grabska-Barwinska, Demis Hassabis, Claudia Clopath, Dharshan Kumaran, Raia Hadsell",
        venue: "PNAS",
        year: 2017,
        url: "https://arxiv.org/abs/1612.00796",
    },
    summary: "Approximates the posterior after task A by a Gaussian centred at the learned parameters with precision given by the diagonal of the Fisher information, and adds lambda/2 * sum_i F_i (theta_i - theta*_A,i)^2 to the new task's loss; with several previous tasks each contributes its own anchor and Fisher term. It needs no old data, only the anchors and Fisher diagonals, which the caller estimates (mean squared gradients of the log-likelihood on the old task) and passes in. Avalanche's EWCPlugin omits the 1/2 (form avalanche), so its ewc_lambda is half the paper's lambda. The diagonal approximation ignores parameter interactions, lambda must be tuned, and in class-incremental settings it performs poorly without replay.",
    formula: r"\mathcal{R}(\theta) = \frac{\lambda}{2}\sum_{k=1}^{K}\sum_{i} F_{k,i}\bigl(\theta_i - \theta^*_{k,i}\bigr)^2",
    inputs: &[
        Input { name: "parameters", shape: "[*]", meaning: "current parameters theta (any shape, e.g. one layer or all parameters flattened)" },
        Input { name: "anchor_parameters", shape: "[*] or [K, *]", meaning: "parameters theta* after each previous task (the shape of parameters, or K of them stacked on a leading axis)" },
        Input { name: "fisher", shape: "shape of anchor_parameters", meaning: "diagonal Fisher information F of each previous task (finite, >= 0), estimated by the caller" },
    ],
    params: &[
        Param { name: "ewc_lambda", symbol: r"\lambda", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "penalty strength (no reference default: tuned per benchmark; 1 here)" },
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
    equivalents: &["avalanche.training.plugins.EWCPlugin"],
    related: &["synaptic-intelligence", "mas", "l2-regularization", "lwf"],
    forms: &[
        Form { name: "paper", description: "Kirkpatrick et al.: lambda/2 * sum_k sum_i F_ki (theta_i - theta*_ki)^2." },
        Form { name: "avalanche", description: "Avalanche EWCPlugin (mode separate): ewc_lambda * sum_k sum_i F_ki (theta_i - theta*_ki)^2, without the 1/2." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "parameter value (anchor 0, Fisher 1)", from: -3.0, to: 3.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({}),
        inputs: vec![
            ("parameters", HostTensor::from_f64(vec![2], vec![x, 0.5])),
            ("anchor_parameters", HostTensor::from_f64(vec![2], vec![0.0, 0.0])),
            ("fisher", HostTensor::from_f64(vec![2], vec![1.0, 2.0])),
        ],
        wrt: "parameters",
        index: 0,
    }
}

const SPEC: AnchoredSpec = AnchoredSpec { loss: ID, strength: "ewc_lambda", importance: "fisher", paper_factor: 0.5, avalanche_factor: 1.0, avalanche_non_negative: true };

/// The EWC penalty. `parameters` has any shape; `anchor_parameters` and `fisher` have the same
/// shape (one previous task) or that shape after a leading axis of K previous tasks (rank
/// `E = D + 1`), each task contributing its own term: `ewc_lambda / 2` times the sum in form
/// paper, `ewc_lambda` times it in form avalanche. Returns a scalar.
pub fn ewc<const D: usize, const E: usize>(parameters: Tensor<D>, anchor_parameters: Tensor<E>, fisher: Tensor<E>, ewc_lambda: f64, form: AnchoredForm) -> Result<LossTensor, LossError> {
    SPEC.penalty(parameters, anchor_parameters, fisher, ewc_lambda, form)
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
        let x = inputs(vec![("parameters", randn(&[3, 4], 1, 1.0)), ("anchor_parameters", randn(&[3, 4], 2, 1.0)), ("fisher", uniform(&[3, 4], 3, 0.0, 2.0))]);
        assert_gradcheck(ID, None, &params(json!({"ewc_lambda": 0.7})), &x);
        // Three previous tasks stacked on a leading axis.
        let x = inputs(vec![("parameters", randn(&[5], 4, 1.0)), ("anchor_parameters", randn(&[3, 5], 5, 1.0)), ("fisher", uniform(&[3, 5], 6, 0.0, 2.0))]);
        assert_gradcheck(ID, Some("avalanche"), &params(json!({"ewc_lambda": 2.0})), &x);
        // At the anchor the penalty and its gradient vanish.
        let at = randn(&[4], 7, 1.0);
        let ev = eval64(ID, None, &params(json!({})), &inputs(vec![("parameters", at.clone()), ("anchor_parameters", at), ("fisher", uniform(&[4], 8, 0.0, 2.0))]));
        assert_eq!(ev.loss.floats, vec![0.0]);
        assert!(ev.grads["parameters"].floats.iter().all(|g| *g == 0.0));
    }

    #[test]
    fn value_is_the_formula() {
        // theta = (1, -2), theta* = (0, 1), F = (2, 0.5), lambda = 3:
        // 3/2 * (2 * 1 + 0.5 * 9) = 9.75; Avalanche: 19.5.
        let x = inputs(vec![("parameters", f(&[2], &[1.0, -2.0])), ("anchor_parameters", f(&[2], &[0.0, 1.0])), ("fisher", f(&[2], &[2.0, 0.5]))]);
        assert_eq!(eval64(ID, None, &params(json!({"ewc_lambda": 3.0})), &x).loss.floats, vec![9.75]);
        assert_eq!(eval64(ID, Some("avalanche"), &params(json!({"ewc_lambda": 3.0})), &x).loss.floats, vec![19.5]);
        // Two tasks: the second adds 3/2 * (1 * (1-1)^2 + 1 * (-2-0)^2) = 6.
        let x = inputs(vec![("parameters", f(&[2], &[1.0, -2.0])), ("anchor_parameters", f(&[2, 2], &[0.0, 1.0, 1.0, 0.0])), ("fisher", f(&[2, 2], &[2.0, 0.5, 1.0, 1.0]))]);
        assert_eq!(eval64(ID, None, &params(json!({"ewc_lambda": 3.0})), &x).loss.floats, vec![15.75]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("parameters", f(&[3], &[1e12, -1e-12, 0.0])), ("anchor_parameters", f(&[3], &[-1e12, 1e-12, 0.0])), ("fisher", f(&[3], &[1e-12, 1e12, 0.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = randn(&[3], 1, 1.0);
        let good = |fisher: HostTensor| inputs(vec![("parameters", p.clone()), ("anchor_parameters", randn(&[3], 2, 1.0)), ("fisher", fisher)]);
        let fi = uniform(&[3], 3, 0.0, 1.0);
        assert_error(ID, None, &params(json!({"ewc_lambda": -1.0})), &good(fi.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"ewc_lambda": "nan"})), &good(fi.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"lambda": 1.0})), &good(fi.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &good(f(&[3], &[1.0, -0.5, 0.0])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &good(f(&[3], &[1.0, f64::NAN, 0.0])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &good(uniform(&[4], 3, 0.0, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("parameters", p.clone()), ("anchor_parameters", randn(&[2, 4], 2, 1.0)), ("fisher", uniform(&[2, 4], 3, 0.0, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("parameters", f(&[0], &[])), ("anchor_parameters", f(&[0], &[])), ("fisher", f(&[0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("parameters", p.clone()), ("anchor_parameters", f(&[0, 3], &[])), ("fisher", f(&[0, 3], &[]))]), ErrorKind::Empty);
        assert_error(ID, Some("online"), &params(json!({})), &good(fi), ErrorKind::Unsupported);
    }
}
