//! Jaccard (soft IoU) loss: one minus the intersection over union computed from probabilities.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::segmentation::dice::{logits_bcs, smp_targets};
use crate::numerics::overlap::{self as ov, SmpScore, SmpSetConfig, SmpTargets};
use crate::numerics::LossTensor;

const ID: &str = "jaccard";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Jaccard Loss",
    aliases: &["Soft IoU Loss", "Soft Jaccard Loss", "IoU Loss (segmentation)"],
    kind: Kind::Loss,
    domains: &["segmentation"],
    year: 2016,
    paper: Paper {
        title: "Optimizing Intersection-Over-Union in Deep Neural Networks for Image Segmentation",
        authors: "Rahman, M.A., Wang, Y.",
        venue: "ISVC",
        year: 2016,
        url: "",
    },
    summary: "Optimizes a soft version of the IoU (Jaccard index) |X∩Y| / |X∪Y| with probabilities in place of binary masks, aligning training with the IoU metric used to evaluate segmentation. It behaves like the Dice loss (the two are monotonically related for hard sets) but penalizes errors somewhat more. smp sums over the batch and spatial axes per class, zeroes classes absent from the target and averages over classes.",
    formula: r"L = 1 - \frac{\sum_i p_i g_i + s}{\sum_i p_i + \sum_i g_i - \sum_i p_i g_i + s}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores (sigmoid or softmax inside)" },
        Input { name: "targets", shape: "[B, *] (i64) or [B, C, *]", meaning: "labels (multiclass) or binary masks" },
    ],
    params: &[
        Param { name: "mode", symbol: "", default: Value::Null, range: Range::Choice { values: &["binary", "multilabel", "multiclass"] }, meaning: "task type (required by smp)" },
        Param { name: "classes", symbol: "", default: Value::Null, range: Range::Any, meaning: "classes to include" },
        Param { name: "log_loss", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "return -log(score)" },
        Param { name: "from_logits", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "apply the activation inside" },
        Param { name: "smooth", symbol: "s", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "smoothing constant" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-07), range: Range::NON_NEGATIVE, meaning: "lower clamp of the score" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "segmentation_models_pytorch.losses.JaccardLoss",
    ],
    related: &["dice", "lovasz-softmax", "lovasz-hinge", "iou"],
    forms: &[
        Form { name: "smp", description: "segmentation_models_pytorch.losses.JaccardLoss(mode, smooth, ...): score (I + smooth)/(P + T - I + smooth) clamped below by eps per class over (batch, spatial), absent classes zeroed, mean over classes." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of a foreground pixel (smp binary; targets (1, 0))", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("smp"),
        params: serde_json::json!({"mode": "binary"}),
        inputs: vec![("logits", HostTensor::from_f64(vec![1, 1, 2], vec![x, -1.0])), ("targets", HostTensor::from_f64(vec![1, 1, 2], vec![1.0, 0.0]))],
        wrt: "logits",
        index: 0,
    }
}

/// smp `JaccardLoss(mode, classes, log_loss, from_logits, smooth, eps)` on `[B, C, S]` logits:
/// per class over the batch and spatial axes `(I + s) / max(P + T - I + s, eps)`, loss
/// `1 - score` (or `-log max(score, eps)`), classes without target pixels counting 0, then the
/// mean over (the selected) classes. `cfg.ignore_index` must be `None` (smp has none here).
pub fn smp_jaccard(logits: Tensor<3>, targets: SmpTargets, cfg: &SmpSetConfig) -> Result<LossTensor, LossError> {
    if cfg.ignore_index.is_some() {
        return Err(LossError::param(ID, "ignore_index", "none (smp JaccardLoss has no ignore_index)", "a value"));
    }
    let per = ov::smp_class_losses(ID, logits, targets, cfg, SmpScore::Jaccard)?;
    Ok(LossTensor::scalar(per.mean()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("smp") {
        "smp" => {
            let cfg = SmpSetConfig {
                mode: ov::smp_mode(ID, c.str_opt("mode")?)?,
                classes: c.i64_list_opt("classes")?,
                log_loss: c.bool("log_loss", false)?,
                from_logits: c.bool("from_logits", true)?,
                smooth: c.f64("smooth", 0.0)?,
                ignore_index: None,
                eps: c.f64("eps", 1e-7)?,
            };
            let x = logits_bcs(c, "logits")?;
            let t = smp_targets(c, cfg.mode, x.dims()[0])?;
            smp_jaccard(x, t, &cfg)
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

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let x = randn(&[2, 3, 5], 1, 2.0);
        let labels = i(&[2, 5], &[0, 1, 2, 2, 1, 0, 1, 1, 1, 0]);
        assert_gradcheck(ID, Some("smp"), &params(json!({"mode": "multiclass", "smooth": 0.3})), &inputs(vec![("logits", x.clone()), ("targets", labels.clone())]));
        assert_gradcheck(ID, Some("smp"), &params(json!({"mode": "multiclass", "log_loss": true, "classes": [0, 2]})), &inputs(vec![("logits", x.clone()), ("targets", labels)]));
        let t: Vec<f64> = uniform(&[2, 3, 5], 2, 0.0, 1.0).floats.iter().map(|v| v.round()).collect();
        assert_gradcheck_only(ID, Some("smp"), &params(json!({"mode": "multilabel"})), &inputs(vec![("logits", x), ("targets", f(&[2, 3, 5], &t))]), Some(&["logits"]));
    }

    #[test]
    fn value_is_the_formula() {
        // Binary, logits (0, 0) -> p = (1/2, 1/2), targets (1, 0): I = 1/2, P + T - I = 3/2,
        // loss 1 - (1/2)/(3/2) = 2/3.
        let x = inputs(vec![("logits", f(&[1, 1, 2], &[0.0, 0.0])), ("targets", f(&[1, 1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, Some("smp"), &params(json!({"mode": "binary"})), &x);
        assert!((ev.loss.floats[0] - 2.0 / 3.0).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e4] {
            let x = f(&[1, 2, 2], &[scale, -scale, -scale, scale]);
            let ev = assert_finite(ID, Some("smp"), &params(json!({"mode": "multiclass", "log_loss": true})), &inputs(vec![("logits", x.clone()), ("targets", i(&[1, 2], &[0, 1]))]));
            assert!(ev.loss.floats[0] < 1e-6);
            assert_finite(ID, Some("smp"), &params(json!({"mode": "multilabel", "log_loss": true})), &inputs(vec![("logits", x), ("targets", f(&[1, 2, 2], &[0.0, 1.0, 1.0, 0.0]))]));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[2, 3, 4], 7, 1.0);
        let lab = i(&[2, 4], &[0; 8]);
        assert_error(ID, Some("smp"), &params(json!({})), &inputs(vec![("logits", x.clone()), ("targets", lab.clone())]), ErrorKind::Param);
        assert_error(ID, Some("smp"), &params(json!({"mode": "binary", "classes": [0]})), &inputs(vec![("logits", x.clone()), ("targets", f(&[2, 3, 4], &[0.0; 24]))]), ErrorKind::Param);
        assert_error(ID, Some("smp"), &params(json!({"mode": "multiclass", "classes": [5]})), &inputs(vec![("logits", x.clone()), ("targets", lab)]), ErrorKind::Param);
        assert_error(ID, Some("smp"), &params(json!({"mode": "multiclass"})), &inputs(vec![("logits", x.clone()), ("targets", i(&[2, 3], &[0; 6]))]), ErrorKind::Shape);
        assert_error(ID, Some("smp"), &params(json!({"mode": "multilabel"})), &inputs(vec![("logits", x), ("targets", f(&[2, 3, 3], &[0.0; 18]))]), ErrorKind::Shape);
    }
}
