//! AdaFocal: focal loss whose gamma is set per confidence bin and adapted every epoch from the
//! calibration of a validation set, switching to an inverse-focal loss (which raises rather than
//! lowers the weight of confident examples) where the model has become under-confident.

use burn::tensor::{Int, Tensor};

use super::flsd_53::{class_rows, target_log_prob};
use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "adafocal";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Focal Calibration Loss (AdaFocal)",
    aliases: &["AdaFocal", "Calibration-Aware Adaptive Focal Loss"],
    kind: Kind::Loss,
    domains: &["calibration-fairness", "classification"],
    year: 2022,
    paper: Paper {
        title: "AdaFocal: Calibration-aware Adaptive Focal Loss",
        authors: "Arindam Ghosh, Thomas Schaaf, Matt Gormley",
        venue: "NeurIPS",
        year: 2022,
        url: "https://arxiv.org/abs/2211.11838",
    },
    summary: "A focal loss whose focusing parameter is chosen per example from the confidence bin its true-class probability falls in, with one gamma per bin adapted after every epoch from the validation calibration gap of that bin: gamma grows multiplicatively where validation predictions are over-confident and shrinks where they are under-confident, and when |gamma| falls below a threshold the bin switches to the inverse-focal loss -(1 + p)^|gamma| log p, which pushes confidence up. The loss itself, given the per-example gamma, is what this entry computes (summed over the batch, as the reference code); the bin bookkeeping and the update rule are documented in the formula and the forms and run between epochs.",
    formula: r"\ell_i = -\big(1 - \operatorname{sgn}(\gamma_i)\,p_{i,y_i} + 10^{-20}\big)^{|\gamma_i|}\log p_{i,y_i};\quad \gamma_b \leftarrow \operatorname{clip}_{[\gamma_{\min},\gamma_{\max}]}\Big(\gamma_b\, e^{\pm\lambda (C_b - A_b)}\Big),\ \text{switching sign when } |\gamma_b| < S_{th}",
    inputs: &[
        Input { name: "logits", shape: "[N, C, *]", meaning: "class scores, class axis 1" },
        Input { name: "targets", shape: "[N, *] (i64)", meaning: "class indices" },
        Input { name: "gamma", shape: "[N, *]", meaning: "per-example gamma: the current gamma of the bin the example's true-class probability falls in (no gradient); negative values select the inverse-focal loss" },
    ],
    params: &[Param {
        name: "reduction",
        symbol: "",
        default: Value::Str("sum"),
        range: Range::REDUCTION,
        meaning: "sum (the reference code), mean, or none",
    }],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[],
    related: &["focal", "flsd-53", "mmce", "cross-entropy", "temperature-scaling"],
    forms: &[Form {
        name: "official",
        description: "3mcloud/AdaFocal: loss = sum_i -((1 - sign(gamma_i) p_i + 1e-20)^|gamma_i|) log p_i. Between epochs each of the 15 equal-mass bins updates gamma_b <- gamma_b exp(lambda (C_b - A_b)) if gamma_b > 0 else gamma_b exp(-lambda (C_b - A_b)), where C_b - A_b is the validation calibration gap (mean confidence minus accuracy) of the bin; if |gamma_b| < switch_pt it becomes -switch_pt (from positive) or +switch_pt (from negative); then it is clipped to [gamma_min, gamma_max]. Reference defaults: lambda = 1, initial gamma 1, switch_pt 0.2, gamma_min -2, gamma_max 20 (see AdaFocalUpdate).",
    }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of the AdaFocal loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdaFocalConfig {
    pub reduction: Reduction,
}

impl Default for AdaFocalConfig {
    fn default() -> Self {
        AdaFocalConfig { reduction: Reduction::Sum }
    }
}

/// Hyperparameters of the between-epoch gamma update (reference defaults).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdaFocalUpdate {
    pub lambda: f64,
    pub switch_pt: f64,
    pub gamma_min: f64,
    pub gamma_max: f64,
}

impl Default for AdaFocalUpdate {
    fn default() -> Self {
        AdaFocalUpdate { lambda: 1.0, switch_pt: 0.2, gamma_min: -2.0, gamma_max: 20.0 }
    }
}

/// The gamma of one bin after an epoch, from its previous gamma and the bin's validation
/// calibration gap (mean confidence minus accuracy).
pub fn adafocal_update_gamma(prev: f64, calibration_gap: f64, u: &AdaFocalUpdate) -> f64 {
    let mut next = if prev > 0.0 { prev * (u.lambda * calibration_gap).exp() } else { prev * (-u.lambda * calibration_gap).exp() };
    if next.abs() < u.switch_pt {
        next = if next > 0.0 { -u.switch_pt } else { u.switch_pt };
    }
    next.min(u.gamma_max).max(u.gamma_min)
}

/// AdaFocal on rows: `logits` `[M, C]`, `targets` `[M]`, per-row `gamma` `[M]` (detached).
pub fn adafocal(logits: Tensor<2>, targets: Tensor<1, Int>, gamma: Tensor<1>, cfg: &AdaFocalConfig) -> Result<LossTensor, LossError> {
    let m = logits.dims()[0];
    numerics::same_shape(ID, "gamma", &gamma.dims(), "the rows of logits", &[m])?;
    numerics::finite_values(ID, "gamma", &numerics::host_f64(&gamma))?;
    let logpt = target_log_prob(ID, logits, targets)?;
    let gamma = gamma.detach();
    let pt = logpt.clone().exp() * gamma.clone().sign();
    let base = pt.neg().add_scalar(1.0 + 1e-20);
    let per = base.powf(gamma.abs()) * logpt.neg();
    Ok(reduce(per, cfg.reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("official") => {}
        Some(_) => return Err(c.unknown_form(&["official"])),
    }
    let cfg = AdaFocalConfig { reduction: c.reduction(Reduction::Sum)? };
    let (x, y, shape) = class_rows(c, ID)?;
    let gshape = c.shape("gamma")?;
    if gshape != shape.as_slice() {
        return Err(LossError::shape(ID, "gamma", format!("shape {} (one gamma per target)", fmt_shape(&shape)), fmt_shape(gshape)));
    }
    let m = x.dims()[0];
    let out = adafocal(x, y, c.float_reshaped::<1>("gamma", [m])?, &cfg)?;
    Ok(if cfg.reduction == Reduction::None { LossTensor { value: out.value, shape } } else { out })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{AdaFocalUpdate, ID, adafocal_update_gamma};
    use crate::ErrorKind;
    use crate::testing::*;

    #[test]
    fn gradients_match_finite_differences() {
        let x = inputs(vec![("logits", randn(&[6, 4], 1, 2.0)), ("targets", i(&[6], &[0, 1, 2, 3, 0, 1])), ("gamma", f(&[6], &[1.0, -0.5, 3.0, 0.0, 20.0, -2.0]))]);
        assert_gradcheck_only(ID, None, &params(json!({})), &x, Some(&["logits"]));
        assert_gradcheck_only(ID, None, &params(json!({"reduction": "mean"})), &x, Some(&["logits"]));
    }

    #[test]
    fn value_is_the_formula() {
        // p = 1/4: gamma 2 -> (3/4)^2 ln 4; gamma -2 -> (5/4)^2 ln 4; gamma 0 -> ln 4.
        let x = inputs(vec![("logits", f(&[3, 2], &[0.0, 3f64.ln(), 0.0, 3f64.ln(), 0.0, 3f64.ln()])), ("targets", i(&[3], &[0, 0, 0])), ("gamma", f(&[3], &[2.0, -2.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        let l4 = 4f64.ln();
        for (g, w) in ev.loss.floats.iter().zip([0.5625 * l4, 1.5625 * l4, l4]) {
            assert!((g - w).abs() < 1e-14, "{g} vs {w}");
        }
        assert_eq!(ev.grads["gamma"].floats, vec![0.0; 3]);
    }

    #[test]
    fn update_rule() {
        let u = AdaFocalUpdate::default();
        // Over-confident bin: gamma 1 -> e^0.1.
        assert!((adafocal_update_gamma(1.0, 0.1, &u) - 0.1f64.exp()).abs() < 1e-15);
        // Under-confident bin shrinking below the switch point flips to inverse focal.
        assert_eq!(adafocal_update_gamma(0.21, -0.1, &u), -0.2);
        // A negative gamma grows in magnitude when under-confident, clipped at gamma_min.
        assert!((adafocal_update_gamma(-1.0, -0.3, &u) + 0.3f64.exp()).abs() < 1e-15);
        assert_eq!(adafocal_update_gamma(-1.9, -0.5, &u), -2.0);
        // And flips back to +switch_pt when its magnitude falls below it.
        assert_eq!(adafocal_update_gamma(-0.21, 0.2, &u), 0.2);
        assert_eq!(adafocal_update_gamma(19.0, 1.0, &u), 20.0);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = inputs(vec![("logits", f(&[2, 3], &[scale, -scale, 0.0, -scale, scale, scale])), ("targets", i(&[2], &[0, 2])), ("gamma", f(&[2], &[3.0, -2.0]))]);
            assert_finite(ID, None, &params(json!({})), &x);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let p = params(json!({}));
        let z = randn(&[3, 4], 5, 1.0);
        let g = f(&[3], &[1.0, 1.0, 1.0]);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[3], &[0, 1, 2])), ("gamma", f(&[2], &[1.0, 1.0]))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[3], &[0, 4, 1])), ("gamma", g.clone())]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", f(&[3], &[0.0, 1.0, 2.0])), ("gamma", g.clone())]), ErrorKind::DType);
        assert_error(ID, None, &p, &inputs(vec![("logits", z.clone()), ("targets", i(&[3], &[0, 1, 2])), ("gamma", f(&[3], &[1.0, f64::INFINITY, 1.0]))]), ErrorKind::Value);
        assert_error(ID, None, &p, &inputs(vec![("logits", f(&[0, 4], &[])), ("targets", i(&[0], &[])), ("gamma", f(&[0], &[]))]), ErrorKind::Empty);
    }
}
