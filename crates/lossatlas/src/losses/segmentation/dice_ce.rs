//! Dice + cross-entropy: the weighted sum of a soft Dice loss and pixel-wise cross-entropy, the
//! default segmentation objective of nnU-Net and many medical pipelines.

use burn::tensor::{Int, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::losses::classification::binary_cross_entropy::{BceConfig, binary_cross_entropy_with_logits};
use crate::losses::classification::cross_entropy::{CrossEntropyConfig, cross_entropy, cross_entropy_soft};
use crate::losses::segmentation::dice::{MonaiDiceConfig, logits_bcs, monai_dice_matrix};
use crate::numerics::overlap::MonaiWeight;
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "dice-ce";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Dice + Cross-Entropy Loss",
    aliases: &["DiceCE"],
    kind: Kind::Composite,
    domains: &["segmentation", "medical"],
    year: 2021,
    paper: Paper {
        title: "nnU-Net: a self-configuring method for deep learning-based biomedical image segmentation",
        authors: "Isensee, F., Jaeger, P.F., Kohl, S.A.A., Petersen, J., Maier-Hein, K.H.",
        venue: "Nature Methods",
        year: 2021,
        url: "https://www.nature.com/articles/s41592-020-01008-z",
    },
    summary: "Adds the region-level Dice loss, which handles class imbalance, to pixel-wise cross-entropy, which gives smooth, well-conditioned gradients early in training; nnU-Net uses the two with equal weight. MONAI's DiceCELoss weights the terms by lambda_dice and lambda_ce (both 1 by default). In MONAI the cross-entropy part always sees the raw logits: class-index targets [B, 1, *] give the usual cross-entropy, C-channel (one-hot or soft) targets the cross-entropy with class probabilities, and a single-channel input binary cross-entropy with logits (weight as pos_weight).",
    formula: r"L = \lambda_{dice}\,L_{dice}(\sigma(x), g) + \lambda_{ce}\,L_{CE}(x, g)",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores; the activation (softmax / sigmoid) is applied inside where the form says so" },
        Input { name: "targets", shape: "[B, C, *] or [B, 1, *] (i64 with to_onehot_y)", meaning: "one-hot or soft targets, or class labels to one-hot encode" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "squared_pred", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "Dice part: squared denominator terms" },
        Param { name: "jaccard", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "Dice part: soft Jaccard instead" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "class weights for both parts" },
        Param { name: "lambda_dice", symbol: r"\lambda_{dice}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the Dice term" },
        Param { name: "lambda_ce", symbol: r"\lambda_{ce}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the cross-entropy term" },
        Param { name: "label_smoothing", symbol: r"\varepsilon", default: Value::Float(0.0), range: Range::UNIT, meaning: "label smoothing of the cross-entropy term" },
        Param { name: "soft_label", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "Dice part: soft-label (L1-norm) form of the true positives" },
        Param { name: "reduction", symbol: "", default: Value::Str("mean"), range: Range::Choice { values: &["mean", "sum"] }, meaning: "mean or sum, for both terms (no none)" },
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
        "monai.losses.DiceCELoss",
    ],
    related: &["dice", "cross-entropy", "dice-focal", "combo"],
    uses: &["dice", "cross-entropy", "binary-cross-entropy"],
    forms: &[
        Form { name: "monai", description: "monai.losses.DiceCELoss: lambda_dice * DiceLoss (with the activation, to_onehot_y, weight[1:] without the background) + lambda_ce * torch cross-entropy on the raw logits with weight and label_smoothing: class indices for [B, 1, *] targets, class probabilities for [B, C, *] targets; one input channel uses BCE with logits and pos_weight = weight. reduction mean or sum for both terms." },
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

/// Options of MONAI's `DiceCELoss`; `Default` equals MONAI's defaults. `dice.weight` is the
/// shared `weight` (MONAI passes `weight[1:]` to the Dice part when the background is
/// excluded); `dice.reduction` (mean or sum) applies to both terms.
#[derive(Debug, Clone, PartialEq)]
pub struct DiceCeConfig {
    pub dice: MonaiDiceConfig,
    pub lambda_dice: f64,
    pub lambda_ce: f64,
    pub label_smoothing: f64,
}

impl Default for DiceCeConfig {
    fn default() -> Self {
        DiceCeConfig { dice: MonaiDiceConfig::default(), lambda_dice: 1.0, lambda_ce: 1.0, label_smoothing: 0.0 }
    }
}

/// MONAI `DiceCELoss` on `[B, C, S]` logits and targets (`[B, 1, S]` class indices or `[B, C, S]`
/// one-hot / soft targets): `lambda_dice * DiceLoss + lambda_ce * CE`, the cross-entropy on the raw
/// logits (binary cross-entropy with `pos_weight = weight` for one channel).
pub fn dice_ce(logits: Tensor<3>, targets: Tensor<3>, cfg: &DiceCeConfig) -> Result<LossTensor, LossError> {
    let [b, c, s] = logits.dims();
    numerics::non_empty(ID, "logits", &[b, c, s])?;
    let td = targets.dims();
    if td[0] != b || td[2] != s || (td[1] != 1 && td[1] != c) {
        return Err(LossError::shape(ID, "targets", format!("[{b}, 1, *] or [{b}, {c}, *] with the logits' spatial size (MONAI: neither 1 nor the input's channels)"), fmt_shape(&td)));
    }
    if cfg.dice.reduction == Reduction::None {
        return Err(LossError::param(ID, "reduction", "mean or sum (MONAI DiceCELoss has no none)", "none"));
    }
    numerics::non_negative_param(ID, "lambda_dice", cfg.lambda_dice)?;
    numerics::non_negative_param(ID, "lambda_ce", cfg.lambda_ce)?;
    let mut dice_cfg = cfg.dice.clone();
    if !cfg.dice.prep.include_background {
        dice_cfg.weight = cfg.dice.weight.as_ref().map(MonaiWeight::without_background);
    }
    let f = monai_dice_matrix(ID, logits.clone(), targets.clone(), &dice_cfg)?;
    let dice = match cfg.dice.reduction {
        Reduction::Sum => f.sum(),
        _ => f.mean(),
    };
    let weight = cfg.dice.weight.as_ref().map(MonaiWeight::to_vec);
    let ce = if c == 1 {
        let pos_weight = match weight {
            Some(w) if w.len() != 1 => return Err(LossError::shape(ID, "weight", "one value (pos_weight of the single channel)", format!("{} values", w.len()))),
            w => w,
        };
        binary_cross_entropy_with_logits(logits, targets, None, &BceConfig { pos_weight, reduction: cfg.dice.reduction })?
    } else {
        let ce_cfg = CrossEntropyConfig { weight, ignore_index: -100, label_smoothing: cfg.label_smoothing, reduction: cfg.dice.reduction };
        if td[1] == 1 {
            // torch casts the squeezed targets with .long(): truncation toward zero.
            let labels: Vec<i64> = numerics::host_f64(&targets).iter().map(|v| v.trunc() as i64).collect();
            let idx: Tensor<2, Int> = numerics::ints_like(&logits, labels, [b, s]);
            cross_entropy::<3, 2>(logits, idx, &ce_cfg)?
        } else {
            cross_entropy_soft::<3>(logits, targets, &ce_cfg)?
        }
    };
    Ok(LossTensor::scalar(dice.mul_scalar(cfg.lambda_dice) + ce.value.mul_scalar(cfg.lambda_ce)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("monai") {
        "monai" => {
            let cfg = DiceCeConfig {
                dice: MonaiDiceConfig::read(c)?,
                lambda_dice: c.f64("lambda_dice", 1.0)?,
                lambda_ce: c.f64("lambda_ce", 1.0)?,
                label_smoothing: c.f64("label_smoothing", 0.0)?,
            };
            let x = logits_bcs(c, "logits")?;
            let ls = c.shape("logits")?.to_vec();
            let ts = c.shape("targets")?.to_vec();
            if ts.len() != ls.len() {
                return Err(LossError::shape(ID, "targets", format!("rank {} (MONAI: the number of dimensions of input and target must agree)", ls.len()), fmt_shape(&ts)));
            }
            let t = c.float_reshaped("targets", ov_flat(&ts))?;
            dice_ce(x, t, &cfg)
        }
        _ => Err(c.unknown_form(&ENTRY.forms.iter().map(|f| f.name).collect::<Vec<_>>())),
    }
}

fn ov_flat(s: &[usize]) -> [usize; 3] {
    [s[0], s.get(1).copied().unwrap_or(1), s.iter().skip(2).product()]
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
        for p in vec![json!({"softmax": true, "lambda_ce": 0.5, "label_smoothing": 0.1, "weight": [1.0, 2.0, 0.5]}), json!({"sigmoid": true, "jaccard": true, "reduction": "sum"}), json!({"softmax": true, "include_background": false, "weight": [0.5, 2.0, 1.0]})] {
            assert_gradcheck_only(ID, Some("monai"), &params(p), &xt, only);
        }
        let labels = f(&[2, 1, 5], &[0.0, 1.0, 2.0, 2.0, 1.0, 0.0, 0.0, 1.0, 2.0, 1.0]);
        assert_gradcheck_only(ID, Some("monai"), &params(json!({"softmax": true, "to_onehot_y": true})), &inputs(vec![("logits", randn(&[2, 3, 5], 3, 2.0)), ("targets", labels)]), only);
    }

    #[test]
    fn value_is_the_formula() {
        // One pixel, two classes, logits (0, ln 3) -> p = (1/4, 3/4), target class 1 (one-hot).
        // Dice per class (sample 0): class 0: 1 - (0 + 1e-5)/(1/4 + 1e-5); class 1:
        // 1 - (3/2 + 1e-5)/(3/4 + 1 + 1e-5); CE = ln(4/3).
        let x = inputs(vec![("logits", f(&[1, 2, 1], &[0.0, 3f64.ln()])), ("targets", f(&[1, 2, 1], &[0.0, 1.0]))]);
        let ev = eval64(ID, Some("monai"), &params(json!({"softmax": true})), &x);
        let d0 = 1.0 - 1e-5 / (0.25 + 1e-5);
        let d1 = 1.0 - (1.5 + 1e-5) / (1.75 + 1e-5);
        let want = 0.5 * (d0 + d1) + (4.0f64 / 3.0).ln();
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
        e(json!({"lambda_ce": -1.0}), t.clone(), ErrorKind::Param);
        e(json!({"to_onehot_y": true}), f(&[2, 1, 4], &[0.0, 1.0, 2.0, 3.0, 0.0, 0.0, 0.0, 0.0]), ErrorKind::Value);
        e(json!({"weight": [1.0, 2.0]}), t, ErrorKind::Shape);
    }
}
