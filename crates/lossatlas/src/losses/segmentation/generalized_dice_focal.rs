//! Generalized Dice + focal: the weighted sum of the generalized Dice loss and a focal loss, as
//! MONAI ships it.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::classification::focal::{MonaiFocalConfig, monai_focal_loss};
use crate::losses::segmentation::dice::logits_targets_bcs;
use crate::losses::segmentation::generalized_dice::{MonaiGdlConfig, monai_gdl_matrix};
use crate::numerics::overlap::{self as ov, MonaiWeight};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "generalized-dice-focal";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Generalized Dice + Focal Loss",
    kind: Kind::Composite,
    domains: &["segmentation", "medical"],
    year: 2022,
    paper: Paper {
        title: "MONAI: An open-source framework for deep learning in healthcare",
        authors: "Cardoso, M.J. et al.",
        venue: "",
        year: 2022,
        url: "https://arxiv.org/abs/2211.02701",
    },
    summary: "Adds a focal loss to the generalized Dice loss, combining volume-weighted region overlap for class imbalance with a pixel-wise term that focuses on hard pixels. It is MONAI's composite rather than a loss from a dedicated paper. Weights lambda_gdl and lambda_focal default to 1.",
    formula: r"L = \lambda_{gdl}\,L_{GDL}(\sigma(x), g) + \lambda_{focal}\,L_{focal}(x, g;\,\gamma)",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores; the activation (softmax / sigmoid) is applied inside where the form says so" },
        Input { name: "targets", shape: "[B, C, *] or [B, 1, *] (i64 with to_onehot_y)", meaning: "one-hot or soft targets, or class labels to one-hot encode" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "w_type", symbol: "", default: Value::Str("square"), range: Range::Choice { values: &["square", "simple", "uniform"] }, meaning: "class weights of the GDL term" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "focusing parameter" },
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "class weights of the focal term" },
        Param::REDUCTION_MEAN,
        Param { name: "lambda_gdl", symbol: r"\lambda_{gdl}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the GDL term" },
        Param { name: "lambda_focal", symbol: r"\lambda_{focal}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the focal term" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Logits,
    },
    equivalents: &[
        "monai.losses.GeneralizedDiceFocalLoss",
    ],
    related: &["generalized-dice", "focal", "dice-focal"],
    uses: &["generalized-dice", "focal"],
    forms: &[
        Form { name: "monai", description: "monai.losses.GeneralizedDiceFocalLoss: lambda_gdl * GeneralizedDiceLoss (activation, w_type, batch) + lambda_focal * FocalLoss(gamma, weight, to_onehot_y, include_background) on the raw logits; reduction mean or sum for both. In MONAI 1.6.1 the focal term is the sigmoid (per-channel) focal loss even with softmax=True (checked against its values)." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the true class at one pixel (MONAI, softmax; one-hot targets)", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("monai"),
        params: serde_json::json!({"softmax": true}),
        inputs: vec![
            ("logits", HostTensor::from_f64(vec![1, 2, 2], vec![x, 0.0, 0.0, 1.0])),
            ("targets", HostTensor::from_f64(vec![1, 2, 2], vec![1.0, 0.0, 0.0, 1.0])),
        ],
        wrt: "logits",
        index: 0,
    }
}

/// Options of MONAI's `GeneralizedDiceFocalLoss`; `Default` equals MONAI's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct GdlFocalConfig {
    pub gdl: MonaiGdlConfig,
    pub gamma: f64,
    pub weight: Option<MonaiWeight>,
    pub lambda_gdl: f64,
    pub lambda_focal: f64,
}

impl Default for GdlFocalConfig {
    fn default() -> Self {
        GdlFocalConfig { gdl: MonaiGdlConfig::default(), gamma: 2.0, weight: None, lambda_gdl: 1.0, lambda_focal: 1.0 }
    }
}

/// MONAI `GeneralizedDiceFocalLoss` on `[B, C, S]` logits and targets:
/// `lambda_gdl * GeneralizedDiceLoss + lambda_focal * FocalLoss(gamma, weight)`, the focal term
/// on the raw logits with MONAI's sigmoid FocalLoss (MONAI does not switch it to softmax) and the same `to_onehot_y`,
/// `include_background` and reduction.
pub fn generalized_dice_focal(logits: Tensor<3>, targets: Tensor<3>, cfg: &GdlFocalConfig) -> Result<LossTensor, LossError> {
    numerics::non_empty(ID, "logits", &logits.dims())?;
    if cfg.gdl.reduction == Reduction::None {
        return Err(LossError::param(ID, "reduction", "mean or sum", "none"));
    }
    numerics::non_negative_param(ID, "lambda_gdl", cfg.lambda_gdl)?;
    numerics::non_negative_param(ID, "lambda_focal", cfg.lambda_focal)?;
    let f = monai_gdl_matrix(ID, logits.clone(), targets.clone(), &cfg.gdl)?;
    let gdl = if cfg.gdl.reduction == Reduction::Sum { f.sum() } else { f.mean() };
    let c = logits.dims()[1];
    let classes = if !cfg.gdl.prep.include_background && c > 1 { c - 1 } else { c };
    ov::monai_class_weight(ID, cfg.weight.as_ref(), classes)?;
    let focal_cfg = MonaiFocalConfig {
        include_background: cfg.gdl.prep.include_background,
        to_onehot_y: cfg.gdl.prep.to_onehot_y,
        gamma: cfg.gamma,
        alpha: None,
        weight: cfg.weight.as_ref().map(MonaiWeight::to_vec),
        reduction: cfg.gdl.reduction,
        use_softmax: false,
    };
    let focal = monai_focal_loss(logits, targets, &focal_cfg)?;
    Ok(LossTensor::scalar(gdl.mul_scalar(cfg.lambda_gdl) + focal.value.mul_scalar(cfg.lambda_focal)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("monai") {
        "monai" => {
            let cfg = GdlFocalConfig {
                gdl: MonaiGdlConfig::read(c)?,
                gamma: c.f64("gamma", 2.0)?,
                weight: MonaiWeight::read(c)?,
                lambda_gdl: c.f64("lambda_gdl", 1.0)?,
                lambda_focal: c.f64("lambda_focal", 1.0)?,
            };
            let (x, t) = logits_targets_bcs(c)?;
            generalized_dice_focal(x, t, &cfg)
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

    use crate::numerics::overlap::random_onehot as onehot;

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let only: Option<&[&str]> = Some(&["logits"]);
        let xt = inputs(vec![("logits", randn(&[2, 3, 5], 1, 2.0)), ("targets", onehot(2, 3, 5, 2))]);
        for p in vec![json!({"softmax": true, "gamma": 1.5, "lambda_focal": 0.5}), json!({"sigmoid": true, "w_type": "simple", "weight": [1.0, 2.0, 0.5], "reduction": "sum"}), json!({"sigmoid": true, "include_background": false, "batch": true})] {
            assert_gradcheck_only(ID, Some("monai"), &params(p), &xt, only);
        }
        let labels = f(&[2, 1, 5], &[0.0, 1.0, 2.0, 2.0, 1.0, 0.0, 0.0, 1.0, 2.0, 1.0]);
        assert_gradcheck_only(ID, Some("monai"), &params(json!({"softmax": true, "to_onehot_y": true})), &inputs(vec![("logits", randn(&[2, 3, 5], 3, 2.0)), ("targets", labels)]), only);
    }

    #[test]
    fn value_is_the_formula() {
        // One pixel, one channel, no activation: p = x = 0 against g = 1: weight 1/1^2, GDL
        // 1 - 1e-5/(1 + 1e-5); the sigmoid focal term at logit 0, target 1, gamma 2 is
        // ln 2 * (1/2)^2.
        let x = inputs(vec![("logits", f(&[1, 1, 1], &[0.0])), ("targets", f(&[1, 1, 1], &[1.0]))]);
        let ev = eval64(ID, Some("monai"), &params(json!({})), &x);
        let want = 1.0 - 1e-5 / (1.0 + 1e-5) + 2f64.ln() * 0.25;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e3, 1e4] {
            let x = f(&[1, 2, 2], &[scale, -scale, -scale, scale]);
            let t = f(&[1, 2, 2], &[1.0, 0.0, 0.0, 1.0]);
            let ev = assert_finite(ID, Some("monai"), &params(json!({"softmax": true})), &inputs(vec![("logits", x.clone()), ("targets", t.clone())]));
            assert!(ev.loss.floats[0] < 1e-3);
            let wrong = f(&[1, 2, 2], &[0.0, 1.0, 1.0, 0.0]);
            assert_finite(ID, Some("monai"), &params(json!({"sigmoid": true, "reduction": "sum"})), &inputs(vec![("logits", x), ("targets", wrong)]));
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let x = randn(&[2, 3, 4], 7, 1.0);
        let t = onehot(2, 3, 4, 8);
        let e = |p: serde_json::Value, t: crate::eval::HostTensor, kind: ErrorKind| assert_error(ID, Some("monai"), &params(p), &inputs(vec![("logits", x.clone()), ("targets", t)]), kind);
        e(json!({}), f(&[2, 2, 4], &[0.0; 16]), ErrorKind::Shape);
        e(json!({}), f(&[2, 12], &[0.0; 24]), ErrorKind::Shape);
        e(json!({"softmax": true, "sigmoid": true}), t.clone(), ErrorKind::Param);
        e(json!({"reduction": "none"}), t.clone(), ErrorKind::Param);
        e(json!({"lambda_gdl": -1.0}), t.clone(), ErrorKind::Param);
        e(json!({"to_onehot_y": true}), f(&[2, 1, 4], &[0.0, 1.0, 2.0, 3.0, 0.0, 0.0, 0.0, 0.0]), ErrorKind::Value);
        e(json!({"weight": [1.0, 2.0]}), t, ErrorKind::Shape);
    }
}
