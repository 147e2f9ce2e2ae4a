//! Focal Tversky loss: the Tversky loss raised to a power, to emphasize classes or images whose
//! Tversky index is still low.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::losses::segmentation::dice::{logits_bcs, smp_config, smp_targets};
use crate::numerics::overlap::{self as ov, SmpScore, SmpSetConfig, SmpTargets};
use crate::numerics::{self, LossTensor};

const ID: &str = "focal-tversky";


pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Focal Tversky Loss",
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2019,
    paper: Paper {
        title: "A Novel Focal Tversky Loss Function with Improved Attention U-Net for Lesion Segmentation",
        authors: "Abraham, N. & Khan, N.M.",
        venue: "ISBI",
        year: 2019,
        url: "https://arxiv.org/abs/1810.07842",
    },
    summary: "Raises 1 - Tversky index to the power gamma (1/gamma in the original paper's notation) so that well-segmented classes contribute little and hard, small lesions dominate. Combined with beta > alpha it targets recall on small structures. Libraries disagree on the exponent convention and on per-class handling: smp (0.6) raises the class-averaged 1 - TI to gamma, not each class; MONAI's asymmetric variant keeps the background term linear and exponentiates only the foreground with 1 - gamma.",
    formula: r"L = \Big(\operatorname{mean}_c\,(1 - TI_c)\Big)^{\gamma},\quad TI_c = \frac{TP_c + s}{TP_c + \alpha FP_c + \beta FN_c + s}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores (smp form)" },
        Input { name: "probs", shape: "[B, 2, *]", meaning: "probabilities (MONAI asymmetric form, binary)" },
        Input { name: "targets", shape: "[B, *] (i64) or [B, C, *]", meaning: "labels or one-hot targets" },
    ],
    params: &[
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "smp: false-positive weight" },
        Param { name: "beta", symbol: r"\beta", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "smp: false-negative weight" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "exponent (smp default 1.0; MONAI asymmetric default 0.75)" },
        Param { name: "delta", symbol: r"\delta", default: Value::Float(0.7), range: Range::UNIT, meaning: "MONAI asymmetric: weight of false negatives (false positives get 1 - delta)" },
        Param { name: "mode", symbol: "", default: Value::Null, range: Range::Choice { values: &["binary", "multilabel", "multiclass"] }, meaning: "smp task type" },
        Param { name: "smooth", symbol: "s", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "smp smoothing" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-07), range: Range::NON_NEGATIVE, meaning: "smp lower clamp / MONAI epsilon" },
        Param { name: "epsilon", symbol: "", default: Value::Float(1e-07), range: Range::NON_NEGATIVE, meaning: "MONAI asymmetric: probability clamp and smoothing constant" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "MONAI asymmetric: one-hot encode [B, 1, *] label targets" },
        Param { name: "classes", symbol: "", default: Value::Null, range: Range::Any, meaning: "smp: indices of the classes whose losses are averaged" },
        Param { name: "log_loss", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "smp: -log(max(TI, eps)) instead of 1 - TI" },
        Param { name: "from_logits", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "smp: apply the sigmoid / softmax inside" },
        Param { name: "ignore_index", symbol: "", default: Value::Null, range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "smp: pixels with this target leave the sums" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "segmentation_models_pytorch.losses.TverskyLoss",
        "monai.losses.unified_focal_loss.AsymmetricFocalTverskyLoss",
    ],
    related: &["tversky", "unified-focal", "asymmetric-focal", "dice"],
    forms: &[
        Form { name: "monai-asymmetric", description: "MONAI AsymmetricFocalTverskyLoss(delta, gamma): mTI_c = (tp + eps)/(tp + delta fn + (1 - delta) fp + eps) per (sample, class); background 1 - mTI_0, foreground (1 - mTI_1)^(1 - gamma); mean over the [B, 2] terms. Probabilities in, binary only." },
        Form { name: "smp", description: "segmentation_models_pytorch.losses.TverskyLoss(mode, classes, log_loss, from_logits, smooth, ignore_index, eps, alpha, beta, gamma): Tversky index per class over batch and spatial axes (denominator clamped below by eps), 1 - TI (or -log), classes without target pixels count 0, then the MEAN over classes raised to gamma (smp applies gamma after averaging; checked against its values)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of a foreground pixel (smp binary, gamma 0.75; targets (1, 0))", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("smp"),
        params: serde_json::json!({"mode": "binary", "gamma": 0.75}),
        inputs: vec![("logits", HostTensor::from_f64(vec![1, 1, 2], vec![x, -1.0])), ("targets", HostTensor::from_f64(vec![1, 1, 2], vec![1.0, 0.0]))],
        wrt: "logits",
        index: 0,
    }
}

/// smp `TverskyLoss(mode, classes, log_loss, from_logits, smooth, ignore_index, eps, alpha, beta,
/// gamma)` on `[B, C, S]` logits: per class `1 - (I + s) / max(I + alpha FP + beta FN + s, eps)`
/// over the batch and spatial axes (classes without target pixels count 0), the mean over (the selected) classes raised to gamma.
pub fn smp_focal_tversky(logits: Tensor<3>, targets: SmpTargets, cfg: &SmpSetConfig, alpha: f64, beta: f64, gamma: f64) -> Result<LossTensor, LossError> {
    for (n, v) in [("alpha", alpha), ("beta", beta), ("gamma", gamma)] {
        numerics::finite_param(ID, n, v)?;
    }
    let per = ov::smp_class_losses(ID, logits, targets, cfg, SmpScore::Tversky { alpha, beta })?;
    Ok(LossTensor::scalar(per.mean().powf_scalar(gamma)))
}

/// Options of MONAI's `AsymmetricFocalTverskyLoss`; `Default` equals MONAI's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct AsymmetricFocalTverskyConfig {
    pub to_onehot_y: bool,
    pub delta: f64,
    pub gamma: f64,
    pub epsilon: f64,
}

impl Default for AsymmetricFocalTverskyConfig {
    fn default() -> Self {
        AsymmetricFocalTverskyConfig { to_onehot_y: false, delta: 0.7, gamma: 0.75, epsilon: 1e-7 }
    }
}

/// MONAI's asymmetric focal Tversky terms on `[B, C, S]` probabilities and targets of the same
/// shape (C >= 2; channels 0 and 1 are background and foreground): probabilities clamped to
/// `[eps, 1 - eps]`, per (sample, class) `mTI = (tp + eps) / (tp + delta fn + (1 - delta) fp + eps)`,
/// then the `[B, 2]` matrix of `1 - mTI_0` and `(1 - mTI_1)^(1 - gamma)`.
pub fn asymmetric_focal_tversky_terms(loss: &str, probs: Tensor<3>, targets: Tensor<3>, delta: f64, gamma: f64, epsilon: f64) -> Result<Tensor<2>, LossError> {
    let [b, c, s] = probs.dims();
    numerics::same_shape(loss, "targets", &targets.dims(), "probs", &[b, c, s])?;
    numerics::non_empty(loss, "probs", &[b, c, s])?;
    if c < 2 {
        return Err(LossError::shape(loss, "probs", "at least two channels (background, foreground)", fmt_shape(&[b, c, s])));
    }
    for (n, v) in [("delta", delta), ("gamma", gamma), ("epsilon", epsilon)] {
        numerics::finite_param(loss, n, v)?;
    }
    let p = probs.narrow(1, 0, 2).clamp(epsilon, 1.0 - epsilon);
    let g = targets.narrow(1, 0, 2);
    let tp = (g.clone() * p.clone()).sum_dim(2).reshape([b, 2]);
    let fnn = (g.clone() * p.clone().neg().add_scalar(1.0)).sum_dim(2).reshape([b, 2]);
    let fp = (g.neg().add_scalar(1.0) * p).sum_dim(2).reshape([b, 2]);
    let dice = tp.clone().add_scalar(epsilon) / (tp + fnn.mul_scalar(delta) + fp.mul_scalar(1.0 - delta)).add_scalar(epsilon);
    let one_minus = dice.neg().add_scalar(1.0);
    let back = one_minus.clone().narrow(1, 0, 1);
    let fore = one_minus.narrow(1, 1, 1);
    // MONAI writes (1 - d) * (1 - d)^(-gamma); the product is (1 - d)^(1 - gamma).
    let fore = fore.clone() * fore.powf_scalar(-gamma);
    Ok(Tensor::cat(vec![back, fore], 1))
}

/// MONAI `AsymmetricFocalTverskyLoss(to_onehot_y, delta, gamma, epsilon)` on `[B, C, *]`
/// probabilities: the mean of [`asymmetric_focal_tversky_terms`] (MONAI ignores `reduction`).
pub fn monai_asymmetric_focal_tversky<const D: usize>(probs: Tensor<D>, targets: Tensor<D>, cfg: &AsymmetricFocalTverskyConfig) -> Result<LossTensor, LossError> {
    ov::check_channels_first(ID, "probs", &probs.dims())?;
    let p = ov::flatten_spatial(probs);
    let mut t = ov::flatten_spatial(targets);
    let c = p.dims()[1];
    if cfg.to_onehot_y && c > 1 {
        t = ov::monai_one_hot(ID, t, c)?;
    }
    let terms = asymmetric_focal_tversky_terms(ID, p, t, cfg.delta, cfg.gamma, cfg.epsilon)?;
    Ok(LossTensor::scalar(terms.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("smp") {
        "smp" => {
            let cfg = smp_config(c)?;
            let alpha = c.f64("alpha", 0.5)?;
            let beta = c.f64("beta", 0.5)?;
            let gamma = c.f64("gamma", 1.0)?;
            let x = logits_bcs(c, "logits")?;
            let t = smp_targets(c, cfg.mode, x.dims()[0])?;
            smp_focal_tversky(x, t, &cfg, alpha, beta, gamma)
        }
        "monai-asymmetric" => {
            let _ = c.reduction(numerics::Reduction::Mean)?;
            let cfg = AsymmetricFocalTverskyConfig {
                to_onehot_y: c.bool("to_onehot_y", false)?,
                delta: c.f64("delta", 0.7)?,
                gamma: c.f64("gamma", 0.75)?,
                epsilon: c.f64("epsilon", 1e-7)?,
            };
            let ps = c.shape("probs")?.to_vec();
            let ts = c.shape("targets")?.to_vec();
            ov::check_channels_first(ID, "probs", &ps)?;
            numerics::inputs::check_float(c, "probs")?;
            if ts.len() != ps.len() {
                return Err(LossError::shape(ID, "targets", format!("rank {} (the probabilities')", ps.len()), fmt_shape(&ts)));
            }
            let flat = |s: &[usize]| [s[0], s[1], s[2..].iter().product::<usize>()];
            let p = c.float_reshaped("probs", flat(&ps))?;
            let t = c.float_reshaped("targets", flat(&ts))?;
            monai_asymmetric_focal_tversky::<3>(p, t, &cfg)
        }
        _ => Err(c.unknown_form(&ENTRY.forms.iter().map(|f| f.name).collect::<Vec<_>>())),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn probs_onehot(b: usize, s: usize, seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let fg = uniform(&[b, s], seed, 0.05, 0.95).floats;
        let lab: Vec<f64> = uniform(&[b, s], seed + 1, 0.0, 1.0).floats.iter().map(|v| v.round()).collect();
        let mut p = vec![0.0; b * 2 * s];
        let mut t = vec![0.0; b * 2 * s];
        for bi in 0..b {
            for si in 0..s {
                p[(bi * 2) * s + si] = 1.0 - fg[bi * s + si];
                p[(bi * 2 + 1) * s + si] = fg[bi * s + si];
                t[(bi * 2) * s + si] = 1.0 - lab[bi * s + si];
                t[(bi * 2 + 1) * s + si] = lab[bi * s + si];
            }
        }
        inputs(vec![("probs", f(&[b, 2, s], &p)), ("targets", f(&[b, 2, s], &t))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = randn(&[2, 3, 5], 1, 2.0);
        let labels = i(&[2, 5], &[0, 1, 2, 2, 1, 0, 1, 1, 1, 0]);
        assert_gradcheck(ID, Some("smp"), &params(json!({"mode": "multiclass", "alpha": 0.3, "beta": 0.7, "gamma": 2.0})), &inputs(vec![("logits", x), ("targets", labels)]));
        assert_gradcheck_only(ID, Some("monai-asymmetric"), &params(json!({"delta": 0.6, "gamma": 0.5})), &probs_onehot(2, 6, 3), Some(&["probs"]));
    }

    #[test]
    fn value_is_the_formula() {
        // smp binary, logits (0, 0) -> p = 1/2, targets (1, 0): I = 1/2, FP = 1/2, FN = 1/2;
        // alpha = beta = 1/2: TI = 1/2 / (1/2 + 1/2) = 1/2; gamma 2: (1 - 1/2)^2 = 1/4.
        let x = inputs(vec![("logits", f(&[1, 1, 2], &[0.0, 0.0])), ("targets", f(&[1, 1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, Some("smp"), &params(json!({"mode": "binary", "gamma": 2.0})), &x);
        assert!((ev.loss.floats[0] - 0.25).abs() < 1e-14);
        // MONAI asymmetric, one pixel per class, p = (1/2, 1/2), g = (1, 0) / (0, 1), delta 1/2:
        // tp = 1/2, fn = 1/2, fp = 1/2 for both classes: mTI = (1/2 + e)/(1 + e); terms
        // 1 - mTI and (1 - mTI)^(1 - gamma).
        let x = inputs(vec![("probs", f(&[1, 2, 1], &[0.5, 0.5])), ("targets", f(&[1, 2, 1], &[1.0, 0.0]))]);
        let _ = x;
        let x = inputs(vec![("probs", f(&[1, 2, 2], &[0.5, 0.5, 0.5, 0.5])), ("targets", f(&[1, 2, 2], &[1.0, 0.0, 0.0, 1.0]))]);
        let ev = eval64(ID, Some("monai-asymmetric"), &params(json!({"delta": 0.5, "gamma": 0.5})), &x);
        let e: f64 = 1e-7;
        let m: f64 = 1.0 - (0.5 + e) / (1.0 + e);
        assert!((ev.loss.floats[0] - 0.5 * (m + m.powf(0.5))).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extremes() {
        for scale in [1e2, 1e4] {
            let x = f(&[1, 2, 2], &[scale, -scale, -scale, scale]);
            assert_finite(ID, Some("smp"), &params(json!({"mode": "multiclass", "gamma": 2.0})), &inputs(vec![("logits", x), ("targets", i(&[1, 2], &[0, 1]))]));
            // gamma < 1 has an infinite slope at a perfect prediction (as in smp), so only gamma >= 1 is checked here.
        }
        // Probabilities exactly 0 and 1 (clamped inside MONAI's form).
        let x = inputs(vec![("probs", f(&[1, 2, 2], &[1.0, 0.0, 0.0, 1.0])), ("targets", f(&[1, 2, 2], &[1.0, 0.0, 0.0, 1.0]))]);
        assert_finite(ID, Some("monai-asymmetric"), &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[2, 3, 4], 7, 1.0);
        assert_error(ID, Some("smp"), &params(json!({})), &inputs(vec![("logits", x.clone()), ("targets", i(&[2, 4], &[0; 8]))]), ErrorKind::Param);
        assert_error(ID, Some("smp"), &params(json!({"mode": "multiclass"})), &inputs(vec![("logits", x.clone()), ("targets", i(&[2, 4], &[0, 1, 2, 3, 0, 0, 0, 0]))]), ErrorKind::Value);
        assert_error(ID, Some("monai-asymmetric"), &params(json!({})), &inputs(vec![("probs", f(&[1, 1, 2], &[0.5, 0.5])), ("targets", f(&[1, 1, 2], &[1.0, 0.0]))]), ErrorKind::Shape);
        assert_error(ID, Some("monai-asymmetric"), &params(json!({})), &inputs(vec![("probs", f(&[1, 2, 2], &[0.5; 4])), ("targets", f(&[1, 2, 3], &[0.0; 6]))]), ErrorKind::Shape);
    }
}
