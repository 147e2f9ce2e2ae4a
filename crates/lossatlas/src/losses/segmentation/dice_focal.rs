//! Dice + focal: the weighted sum of a soft Dice loss and a focal loss, for segmentation of small,
//! imbalanced structures.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::Call;
use crate::losses::classification::focal::{MonaiFocalConfig, monai_focal_loss};
use crate::losses::segmentation::dice::{MonaiDiceConfig, logits_targets_bcs, monai_dice_matrix};
use crate::numerics::overlap::{self as ov, MonaiWeight};
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "dice-focal";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Dice + Focal Loss",
    aliases: &["DiceFocal"],
    kind: Kind::Composite,
    domains: &["segmentation", "medical"],
    year: 2019,
    paper: Paper {
        title: "AnatomyNet: Deep learning for fast and fully automated whole-volume segmentation of head and neck anatomy",
        authors: "Zhu, W. et al.",
        venue: "Medical Physics",
        year: 2019,
        url: "https://arxiv.org/abs/1808.05238",
    },
    summary: "Combines the Dice loss, which balances foreground and background at the region level, with the focal loss, which down-weights easy pixels so that hard boundary pixels dominate the gradient; AnatomyNet used this pairing for small head-and-neck organs. MONAI's DiceFocalLoss weights the two with lambda_dice and lambda_focal and, in MONAI 1.6.1, computes the focal term per channel with a sigmoid even when the Dice term uses a softmax.",
    formula: r"L = \lambda_{dice}\,L_{dice}(\sigma(x), g) + \lambda_{focal}\,L_{focal}(x, g;\,\gamma, \alpha)",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores; the activation (softmax / sigmoid) is applied inside where the form says so" },
        Input { name: "targets", shape: "[B, C, *] or [B, 1, *] (i64 with to_onehot_y)", meaning: "one-hot or soft targets, or class labels to one-hot encode" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(2.0), range: Range::NON_NEGATIVE, meaning: "focusing parameter of the focal term" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Null, range: Range::UNIT, meaning: "class balance of the focal term" },
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "class weights" },
        Param::REDUCTION_MEAN,
        Param { name: "lambda_dice", symbol: r"\lambda_{dice}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the Dice term" },
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
        "monai.losses.DiceFocalLoss",
    ],
    related: &["dice", "focal", "dice-ce", "generalized-dice-focal", "unified-focal"],
    uses: &["dice", "focal"],
    forms: &[
        Form { name: "monai", description: "monai.losses.DiceFocalLoss: targets one-hot encoded first (to_onehot_y), then lambda_dice * DiceLoss (activation, weight) + lambda_focal * FocalLoss(gamma, alpha, weight) on the raw logits; reduction mean or sum for both. In MONAI 1.6.1 the focal term is the sigmoid (per-channel) focal loss even with softmax=True (checked against its values)." },
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

/// Options of MONAI's `DiceFocalLoss`; `Default` equals MONAI's defaults. `dice.weight` is the
/// shared `weight` of both terms; `dice.reduction` (mean or sum) applies to both.
#[derive(Debug, Clone, PartialEq)]
pub struct DiceFocalConfig {
    pub dice: MonaiDiceConfig,
    pub gamma: f64,
    pub alpha: Option<f64>,
    pub lambda_dice: f64,
    pub lambda_focal: f64,
}

impl Default for DiceFocalConfig {
    fn default() -> Self {
        DiceFocalConfig { dice: MonaiDiceConfig::default(), gamma: 2.0, alpha: None, lambda_dice: 1.0, lambda_focal: 1.0 }
    }
}

/// MONAI `DiceFocalLoss` on `[B, C, S]` logits and targets: targets one-hot encoded first with
/// `to_onehot_y`, then `lambda_dice * DiceLoss + lambda_focal * FocalLoss(gamma, alpha, weight,
/// no softmax)`, the focal term the sigmoid focal loss on the raw logits, as in MONAI 1.6.1.
pub fn dice_focal(logits: Tensor<3>, targets: Tensor<3>, cfg: &DiceFocalConfig) -> Result<LossTensor, LossError> {
    let c = logits.dims()[1];
    numerics::non_empty(ID, "logits", &logits.dims())?;
    if cfg.dice.reduction == Reduction::None {
        return Err(LossError::param(ID, "reduction", "mean or sum", "none"));
    }
    numerics::non_negative_param(ID, "lambda_dice", cfg.lambda_dice)?;
    numerics::non_negative_param(ID, "lambda_focal", cfg.lambda_focal)?;
    let targets = if cfg.dice.prep.to_onehot_y && c > 1 { ov::monai_one_hot(ID, targets, c)? } else { targets };
    let mut dice_cfg = cfg.dice.clone();
    dice_cfg.prep.to_onehot_y = false;
    let f = monai_dice_matrix(ID, logits.clone(), targets.clone(), &dice_cfg)?;
    let dice = if cfg.dice.reduction == Reduction::Sum { f.sum() } else { f.mean() };
    let focal_cfg = MonaiFocalConfig {
        include_background: cfg.dice.prep.include_background,
        to_onehot_y: false,
        gamma: cfg.gamma,
        alpha: cfg.alpha,
        weight: cfg.dice.weight.as_ref().map(MonaiWeight::to_vec),
        reduction: cfg.dice.reduction,
        use_softmax: false,
    };
    let focal = monai_focal_loss(logits, targets, &focal_cfg)?;
    Ok(LossTensor::scalar(dice.mul_scalar(cfg.lambda_dice) + focal.value.mul_scalar(cfg.lambda_focal)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("monai") {
        "monai" => {
            let cfg = DiceFocalConfig {
                dice: MonaiDiceConfig::read(c)?,
                gamma: c.f64("gamma", 2.0)?,
                alpha: c.f64_opt("alpha")?,
                lambda_dice: c.f64("lambda_dice", 1.0)?,
                lambda_focal: c.f64("lambda_focal", 1.0)?,
            };
            let (x, t) = logits_targets_bcs(c)?;
            dice_focal(x, t, &cfg)
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
        for p in vec![json!({"softmax": true, "gamma": 1.5, "lambda_focal": 0.5}), json!({"sigmoid": true, "alpha": 0.3, "weight": [1.0, 2.0, 0.5], "reduction": "sum"}), json!({"sigmoid": true, "include_background": false, "squared_pred": true})] {
            assert_gradcheck_only(ID, Some("monai"), &params(p), &xt, only);
        }
        let labels = f(&[2, 1, 5], &[0.0, 1.0, 2.0, 2.0, 1.0, 0.0, 0.0, 1.0, 2.0, 1.0]);
        assert_gradcheck_only(ID, Some("monai"), &params(json!({"softmax": true, "to_onehot_y": true})), &inputs(vec![("logits", randn(&[2, 3, 5], 3, 2.0)), ("targets", labels)]), only);
    }

    #[test]
    fn value_is_the_formula() {
        // One pixel, one channel, no activation in the Dice term: p = x = 0 against g = 1 gives a
        // Dice loss 1 - 1e-5/(1 + 1e-5); the sigmoid focal term at logit 0, target 1, gamma 2
        // is ln 2 * (1/2)^2.
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
        e(json!({"lambda_focal": -1.0}), t.clone(), ErrorKind::Param);
        e(json!({"to_onehot_y": true}), f(&[2, 1, 4], &[0.0, 1.0, 2.0, 3.0, 0.0, 0.0, 0.0, 0.0]), ErrorKind::Value);
        e(json!({"weight": [1.0, 2.0]}), t, ErrorKind::Shape);
    }
}
