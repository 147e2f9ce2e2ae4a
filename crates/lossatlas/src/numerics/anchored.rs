//! Importance-weighted quadratic anchors, shared by the continual-learning penalties (EWC, MAS,
//! synaptic intelligence): `scale * sum_k sum_i w_ki (theta_i - theta*_ki)^2`, where each of `K`
//! previous tasks contributes its own anchor parameters `theta*_k` and importances `w_k`. The
//! entries differ only in where the importances come from and in the constant `scale`.

use burn::tensor::Tensor;

use crate::error::{LossError, fmt_shape};
use crate::eval::Call;

/// The anchor and importance inputs of a penalty on `parameters` of shape `param_shape`: either
/// the same shape (one previous task) or `[K, *param_shape]` (K tasks, one penalty each).
/// Returns K.
pub fn anchor_tasks(loss: &str, anchor_name: &str, anchor_shape: &[usize], importance_name: &str, importance_shape: &[usize], param_shape: &[usize]) -> Result<usize, LossError> {
    super::non_empty(loss, "parameters", param_shape)?;
    let k = if anchor_shape == param_shape {
        1
    } else if anchor_shape.len() == param_shape.len() + 1 && &anchor_shape[1..] == param_shape {
        anchor_shape[0]
    } else {
        return Err(LossError::shape(
            loss,
            anchor_name,
            format!("shape {} (the shape of parameters), or that shape after a leading task axis K", fmt_shape(param_shape)),
            fmt_shape(anchor_shape),
        ));
    };
    super::non_empty(loss, anchor_name, anchor_shape)?;
    super::same_shape(loss, importance_name, importance_shape, anchor_name, anchor_shape)?;
    Ok(k)
}

/// Importances must be finite and, when `non_negative`, `>= 0` (a Fisher diagonal, a mean
/// absolute gradient and SI's rectified path integral all are).
pub fn check_importance(loss: &str, name: &str, values: &[f64], non_negative: bool) -> Result<(), LossError> {
    super::finite_values(loss, name, values)?;
    if non_negative {
        if let Some(v) = values.iter().find(|v| **v < 0.0) {
            return Err(LossError::value(loss, name, "non-negative importances", format!("{v}")));
        }
    }
    Ok(())
}

/// `scale * sum_k sum_i importance_ki (parameters_i - anchors_ki)^2` for flat `parameters`
/// `[P]` and `anchors`, `importance` `[K, P]`; a `[1]` scalar.
pub fn anchored_quadratic(parameters: Tensor<1>, anchors: Tensor<2>, importance: Tensor<2>, scale: f64) -> Tensor<1> {
    let p = parameters.dims()[0];
    let diff = parameters.reshape([1, p]) - anchors;
    (importance * diff.square()).sum().mul_scalar(scale)
}

/// Reads `parameters` (any shape), the anchors and the importances of a penalty from the
/// evaluator, flattened to `[P]`, `[K, P]`, `[K, P]`, after checking shapes and importances.
pub fn read_anchored(c: &Call, anchor_name: &str, importance_name: &str, non_negative: bool) -> Result<(Tensor<1>, Tensor<2>, Tensor<2>), LossError> {
    let ps = c.shape("parameters")?.to_vec();
    let k = anchor_tasks(c.loss, anchor_name, c.shape(anchor_name)?, importance_name, c.shape(importance_name)?, &ps)?;
    check_importance(c.loss, importance_name, &c.host(importance_name)?.as_f64(), non_negative)?;
    let p: usize = ps.iter().product();
    Ok((c.float_reshaped("parameters", [p])?, c.float_reshaped(anchor_name, [k, p])?, c.float_reshaped(importance_name, [k, p])?))
}

/// The typed entry point shared by the penalties: `parameters` of rank `D`, anchors and
/// importances of rank `D` (one task) or `D + 1` (K tasks stacked on axis 0).
pub fn anchored_penalty<const D: usize, const E: usize>(
    loss: &str,
    parameters: Tensor<D>,
    anchors: Tensor<E>,
    importance: Tensor<E>,
    importance_name: &str,
    non_negative: bool,
    scale: f64,
) -> Result<Tensor<1>, LossError> {
    let ps = parameters.dims().to_vec();
    let k = anchor_tasks(loss, "anchor_parameters", &anchors.dims(), importance_name, &importance.dims(), &ps)?;
    check_importance(loss, importance_name, &super::host_f64(&importance), non_negative)?;
    let p: usize = ps.iter().product();
    Ok(anchored_quadratic(parameters.reshape([p]), anchors.reshape([k, p]), importance.reshape([k, p]), scale))
}

/// Which constant a continual-learning penalty puts in front of its sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AnchoredForm {
    /// The paper's constant.
    #[default]
    Paper,
    /// Avalanche's plugin's constant.
    Avalanche,
}

/// What distinguishes EWC, MAS and SI as evaluated penalties: the name of the strength param,
/// the importance input, and the factor in front of the sum in each form.
#[derive(Debug, Clone, Copy)]
pub struct AnchoredSpec {
    pub loss: &'static str,
    /// Name of the strength hyperparameter (`ewc_lambda`, `lambda_reg`, `c`); default 1.
    pub strength: &'static str,
    /// Name of the importance input (`fisher`, `importance`).
    pub importance: &'static str,
    /// Factor times the strength in form paper.
    pub paper_factor: f64,
    /// Factor times the strength in form avalanche.
    pub avalanche_factor: f64,
    /// Whether form avalanche also requires importances `>= 0` (form paper always does).
    pub avalanche_non_negative: bool,
}

impl AnchoredSpec {
    /// The penalty with strength `strength` in `form` (see [`anchored_penalty`] for shapes).
    pub fn penalty<const D: usize, const E: usize>(&self, parameters: Tensor<D>, anchors: Tensor<E>, importance: Tensor<E>, strength: f64, form: AnchoredForm) -> Result<super::LossTensor, LossError> {
        let s = super::non_negative_param(self.loss, self.strength, strength)?;
        let (factor, non_negative) = match form {
            AnchoredForm::Paper => (self.paper_factor, true),
            AnchoredForm::Avalanche => (self.avalanche_factor, self.avalanche_non_negative),
        };
        Ok(super::LossTensor::scalar(anchored_penalty(self.loss, parameters, anchors, importance, self.importance, non_negative, factor * s)?))
    }

    /// The evaluator entry point: forms `paper` (default) and `avalanche`, the strength param,
    /// and the inputs `parameters`, `anchor_parameters` and the importances.
    pub fn eval(&self, c: &Call) -> Result<super::LossTensor, LossError> {
        let form = match c.form() {
            None | Some("paper") => AnchoredForm::Paper,
            Some("avalanche") => AnchoredForm::Avalanche,
            _ => return Err(c.unknown_form(&["paper", "avalanche"])),
        };
        let strength = c.f64(self.strength, 1.0)?;
        super::non_negative_param(self.loss, self.strength, strength)?;
        let non_negative = form == AnchoredForm::Paper || self.avalanche_non_negative;
        let (p, a, w) = read_anchored(c, "anchor_parameters", self.importance, non_negative)?;
        self.penalty(p, a, w, strength, form)
    }
}
