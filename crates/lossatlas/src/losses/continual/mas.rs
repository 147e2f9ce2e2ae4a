//! Memory aware synapses: an EWC-style quadratic penalty whose importances are the average gradient
//! magnitudes of the squared L2 norm of the network's output, computable without labels.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{Call, HostTensor};
use crate::numerics::LossTensor;
use crate::numerics::anchored::{AnchoredForm, AnchoredSpec};

const ID: &str = "mas";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Memory Aware Synapses (MAS) Loss",
    aliases: &["Memory Aware Synapses"],
    kind: Kind::Penalty,
    domains: &["continual", "regularization"],
    year: 2018,
    paper: Paper {
        title: "Memory Aware Synapses: Learning What (not) to Forget",
        authors: "Rahaf Aljundi, Francesca Babiloni, Mohamed Elhoseiny, Marcus Rohrbach, Tinne Tuytelaars",
        venue: "ECCV",
        year: 2018,
        url: "https://arxiv.org/abs/1711.09601",
    },
    summary: "Measures the importance Omega of each parameter as the mean absolute gradient of the squared L2 norm of the network's output with respect to that parameter, over data points; because it needs no labels or loss, importances can be estimated on any (even unlabelled, test-time) data and updated online. New tasks pay lambda * sum_i Omega_i (theta_i - theta*_i)^2; the caller estimates Omega and passes it in with the anchors. The authors' code adds 2 lambda Omega (theta - theta*) to the gradient, i.e. exactly this penalty, while Avalanche's MASPlugin (after FACIL) halves it (form avalanche). Like other importance-based penalties it struggles in class-incremental settings.",
    formula: r"\mathcal{R}(\theta) = \lambda\sum_{k=1}^{K}\sum_{i} \Omega_{k,i}\bigl(\theta_i - \theta^*_{k,i}\bigr)^2,\quad \Omega_{i} = \frac{1}{N}\sum_{n=1}^{N}\Bigl|\frac{\partial\,\lVert F(x_n; \theta) \rVert_2^2}{\partial \theta_{i}}\Bigr|",
    inputs: &[
        Input { name: "parameters", shape: "[*]", meaning: "current parameters theta (any shape)" },
        Input { name: "anchor_parameters", shape: "[*] or [K, *]", meaning: "parameters theta* after the previous task (or K anchors stacked on a leading axis)" },
        Input { name: "importance", shape: "shape of anchor_parameters", meaning: "importances Omega (finite, >= 0), estimated by the caller" },
    ],
    params: &[
        Param { name: "lambda_reg", symbol: r"\lambda", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "penalty strength (Avalanche's default 1)" },
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
    equivalents: &["avalanche.training.plugins.MASPlugin"],
    related: &["ewc", "synaptic-intelligence"],
    forms: &[
        Form { name: "paper", description: "Aljundi et al. (and their code's gradient 2 lambda Omega (theta - theta*)): lambda * sum Omega (theta - theta*)^2." },
        Form { name: "avalanche", description: "Avalanche MASPlugin (after FACIL): lambda_reg * sum Omega (theta - theta*)^2 / 2." },
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

const SPEC: AnchoredSpec = AnchoredSpec { loss: ID, strength: "lambda_reg", importance: "importance", paper_factor: 1.0, avalanche_factor: 0.5, avalanche_non_negative: true };

/// The MAS penalty. `parameters` has any shape; `anchor_parameters` and `importance` have the
/// same shape, or that shape after a leading axis of K anchors (rank `E = D + 1`), each
/// contributing a term: `lambda_reg` times the sum in form paper, half that in form avalanche.
/// Returns a scalar.
pub fn mas<const D: usize, const E: usize>(parameters: Tensor<D>, anchor_parameters: Tensor<E>, importance: Tensor<E>, lambda_reg: f64, form: AnchoredForm) -> Result<LossTensor, LossError> {
    SPEC.penalty(parameters, anchor_parameters, importance, lambda_reg, form)
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
        assert_gradcheck(ID, None, &params(json!({"lambda_reg": 0.7})), &x);
        // Three previous tasks stacked on a leading axis.
        let x = inputs(vec![("parameters", randn(&[5], 4, 1.0)), ("anchor_parameters", randn(&[3, 5], 5, 1.0)), ("importance", uniform(&[3, 5], 6, 0.0, 2.0))]);
        assert_gradcheck(ID, Some("avalanche"), &params(json!({"lambda_reg": 2.0})), &x);
        // At the anchor the penalty and its gradient vanish.
        let at = randn(&[4], 7, 1.0);
        let ev = eval64(ID, None, &params(json!({})), &inputs(vec![("parameters", at.clone()), ("anchor_parameters", at), ("importance", uniform(&[4], 8, 0.0, 2.0))]));
        assert_eq!(ev.loss.floats, vec![0.0]);
        assert!(ev.grads["parameters"].floats.iter().all(|g| *g == 0.0));
    }

    #[test]
    fn value_is_the_formula() {
        // theta = (1, -2), theta* = (0, 1), Omega = (2, 0.5), lambda = 3:
        // 3 * (2 * 1 + 0.5 * 9) = 19.5; Avalanche halves it: 9.75.
        let x = inputs(vec![("parameters", f(&[2], &[1.0, -2.0])), ("anchor_parameters", f(&[2], &[0.0, 1.0])), ("importance", f(&[2], &[2.0, 0.5]))]);
        assert_eq!(eval64(ID, None, &params(json!({"lambda_reg": 3.0})), &x).loss.floats, vec![19.5]);
        assert_eq!(eval64(ID, Some("avalanche"), &params(json!({"lambda_reg": 3.0})), &x).loss.floats, vec![9.75]);
        // Two anchors: the second adds 3 * (1 * (1-1)^2 + 1 * (-2-0)^2) = 12.
        let x = inputs(vec![("parameters", f(&[2], &[1.0, -2.0])), ("anchor_parameters", f(&[2, 2], &[0.0, 1.0, 1.0, 0.0])), ("importance", f(&[2, 2], &[2.0, 0.5, 1.0, 1.0]))]);
        assert_eq!(eval64(ID, None, &params(json!({"lambda_reg": 3.0})), &x).loss.floats, vec![31.5]);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("parameters", f(&[3], &[1e12, -1e-12, 0.0])), ("anchor_parameters", f(&[3], &[-1e12, 1e-12, 0.0])), ("importance", f(&[3], &[1e-12, 1e12, 0.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = randn(&[3], 1, 1.0);
        let good = |importance: HostTensor| inputs(vec![("parameters", p.clone()), ("anchor_parameters", randn(&[3], 2, 1.0)), ("importance", importance)]);
        let fi = uniform(&[3], 3, 0.0, 1.0);
        assert_error(ID, None, &params(json!({"lambda_reg": -1.0})), &good(fi.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"lambda_reg": "nan"})), &good(fi.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"lambda": 1.0})), &good(fi.clone()), ErrorKind::Param);
        assert_error(ID, None, &params(json!({})), &good(f(&[3], &[1.0, -0.5, 0.0])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &good(f(&[3], &[1.0, f64::NAN, 0.0])), ErrorKind::Value);
        assert_error(ID, None, &params(json!({})), &good(uniform(&[4], 3, 0.0, 1.0)), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("parameters", p.clone()), ("anchor_parameters", randn(&[2, 4], 2, 1.0)), ("importance", uniform(&[2, 4], 3, 0.0, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("parameters", f(&[0], &[])), ("anchor_parameters", f(&[0], &[])), ("importance", f(&[0], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("parameters", p.clone()), ("anchor_parameters", f(&[0, 3], &[])), ("importance", f(&[0, 3], &[]))]), ErrorKind::Empty);
        assert_error(ID, Some("online"), &params(json!({})), &good(fi), ErrorKind::Unsupported);
    }
}
