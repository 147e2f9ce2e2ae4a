//! Masked Dice loss: the Dice loss evaluated only inside a spatial mask (prediction and target are
//! multiplied by it).

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::losses::segmentation::dice::{MonaiDiceConfig, logits_bcs, monai_dice_matrix};
use crate::numerics::overlap as ov;
use crate::numerics::{self, LossTensor};

const ID: &str = "masked-dice";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Masked Dice Loss",
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2022,
    paper: Paper {
        title: "MONAI: An open-source framework for deep learning in healthcare",
        authors: "Cardoso, M.J. et al.",
        venue: "",
        year: 2022,
        url: "https://arxiv.org/abs/2211.02701",
    },
    summary: "Computes MONAI's Dice loss on input * mask and target * mask, so pixels outside a region of interest (unlabelled areas, padding, outside the body) neither add to the intersection nor to the sizes. Useful for partially labelled data. The mask has one channel and is broadcast over classes; it is applied after the activation.",
    formula: r"L = L_{dice}\big(\sigma(x) \odot m,\ g \odot m\big)",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores; the activation (softmax / sigmoid) is applied inside where the form says so" },
        Input { name: "targets", shape: "[B, C, *] or [B, 1, *] (i64 with to_onehot_y)", meaning: "one-hot or soft targets, or class labels to one-hot encode" },
        Input { name: "mask", shape: "[B, 1, *]", meaning: "spatial mask (1 = keep)" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "squared_pred", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "squared denominator terms" },
        Param { name: "jaccard", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "soft Jaccard instead" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "sum over the batch before the ratio instead of one value per sample (MONAI)" },
        Param { name: "weight", symbol: "w_c", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "class weights" },
        Param { name: "soft_label", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "soft-label (L1-norm) form of the true positives" },
        Param::REDUCTION_MEAN,
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
        "monai.losses.MaskedDiceLoss",
    ],
    related: &["dice"],
    forms: &[
        Form { name: "monai", description: "monai.losses.MaskedDiceLoss(...)(input, target, mask): DiceLoss on the masked tensors." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of a foreground pixel inside the mask (sigmoid; targets (1, 0, 1), mask (1, 1, 0))", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("monai"),
        params: serde_json::json!({"sigmoid": true}),
        inputs: vec![
            ("logits", HostTensor::from_f64(vec![1, 1, 3], vec![x, -1.0, 2.0])),
            ("targets", HostTensor::from_f64(vec![1, 1, 3], vec![1.0, 0.0, 1.0])),
            ("mask", HostTensor::from_f64(vec![1, 1, 3], vec![1.0, 1.0, 0.0])),
        ],
        wrt: "logits",
        index: 0,
    }
}

/// MONAI `MaskedDiceLoss(...)(input, target, mask)` on `[B, C, S]` logits and targets and a
/// `[B or 1, 1, S]` mask: the activation first, then DiceLoss on `p * mask` and `g * mask`
/// (the mask broadcast over the channels). Returns the `[K, C]` matrix before the reduction.
pub fn masked_dice_matrix(logits: Tensor<3>, targets: Tensor<3>, mask: Tensor<3>, cfg: &MonaiDiceConfig) -> Result<Tensor<2>, LossError> {
    let [b, c, s] = logits.dims();
    numerics::non_empty(ID, "logits", &[b, c, s])?;
    cfg.prep.validate(ID)?;
    let md = mask.dims();
    if !(md[0] == b || md[0] == 1) || md[1] != 1 || md[2] != s {
        return Err(LossError::shape(ID, "mask", format!("shape [{b} or 1, 1, *] with the logits' spatial size"), fmt_shape(&md)));
    }
    let mut p = logits;
    if cfg.prep.sigmoid {
        p = numerics::sigmoid(p);
    }
    if cfg.prep.softmax && c > 1 {
        p = numerics::softmax(p, 1);
    }
    let tc = targets.dims()[1];
    let m = mask.expand([b, c, s]);
    let mt = if tc == c { m.clone() } else { m.clone().narrow(1, 0, 1).expand([b, tc, s]) };
    let plain = MonaiDiceConfig { prep: ov::MonaiPrep { sigmoid: false, softmax: false, ..cfg.prep }, ..cfg.clone() };
    monai_dice_matrix(ID, p * m, targets * mt, &plain)
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("monai") {
        "monai" => {
            let cfg = MonaiDiceConfig::read(c)?;
            let x = logits_bcs(c, "logits")?;
            let [b, _, s] = x.dims();
            let ls = c.shape("logits")?.to_vec();
            let ts = c.shape("targets")?.to_vec();
            if ts.len() != ls.len() || ts[0] != b {
                return Err(LossError::shape(ID, "targets", format!("rank {} with a batch of {b} (the logits')", ls.len()), fmt_shape(&ts)));
            }
            let t = c.float_reshaped("targets", [b, ts[1], s])?;
            let ms = c.shape("mask")?.to_vec();
            if ms.len() != ls.len() || ms.len() < 2 || ms[2..] != ls[2..] {
                return Err(LossError::shape(ID, "mask", "shape [B or 1, 1, *] (the logits' rank and spatial size)", fmt_shape(&ms)));
            }
            let m = c.float_reshaped("mask", [ms[0], ms[1], s])?;
            let f = masked_dice_matrix(x, t, m, &cfg)?;
            Ok(ov::monai_reduce(f, cfg.reduction, cfg.batch, ls.len()))
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

    fn xtm(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let t: Vec<f64> = uniform(&[2, 2, 6], seed + 1, 0.0, 1.0).floats.iter().map(|v| v.round()).collect();
        let m: Vec<f64> = uniform(&[2, 1, 6], seed + 2, 0.0, 1.0).floats.iter().map(|v| v.round()).collect();
        inputs(vec![("logits", randn(&[2, 2, 6], seed, 2.0)), ("targets", f(&[2, 2, 6], &t)), ("mask", f(&[2, 1, 6], &m))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        let only: Option<&[&str]> = Some(&["logits"]);
        for p in [json!({"sigmoid": true}), json!({"softmax": true, "jaccard": true, "reduction": "none"}), json!({"sigmoid": true, "squared_pred": true, "batch": true})] {
            assert_gradcheck_only(ID, Some("monai"), &params(p), &xtm(3), only);
        }
    }

    #[test]
    fn value_is_the_formula() {
        // Probabilities (0.5, 0.9) against targets (1, 1); the mask drops the second pixel:
        // tp = 0.5, P + G = 1.5, loss = 1 - (1 + 1e-5)/(1.5 + 1e-5).
        let x = inputs(vec![("logits", f(&[1, 1, 2], &[0.5, 0.9])), ("targets", f(&[1, 1, 2], &[1.0, 1.0])), ("mask", f(&[1, 1, 2], &[1.0, 0.0]))]);
        let ev = eval64(ID, Some("monai"), &params(json!({})), &x);
        assert!((ev.loss.floats[0] - (1.0 - (1.0 + 1e-5) / (1.5 + 1e-5))).abs() < 1e-14);
        // A mask of ones gives the plain Dice loss.
        let mut ones = xtm(5);
        ones.insert("mask".into(), f(&[1, 1, 6], &[1.0; 6]));
        let a = eval64(ID, Some("monai"), &params(json!({"sigmoid": true})), &ones);
        ones.remove("mask");
        let b = eval64("dice", Some("monai"), &params(json!({"sigmoid": true})), &ones);
        assert!((a.loss.floats[0] - b.loss.floats[0]).abs() < 1e-14);
    }

    #[test]
    fn finite_at_extreme_logits() {
        for scale in [1e2, 1e4] {
            let x = inputs(vec![("logits", f(&[1, 2, 2], &[scale, -scale, -scale, scale])), ("targets", f(&[1, 2, 2], &[1.0, 0.0, 0.0, 1.0])), ("mask", f(&[1, 1, 2], &[0.0, 0.0]))]);
            let ev = assert_finite(ID, Some("monai"), &params(json!({"softmax": true})), &x);
            // Everything masked: each class is empty and scores 1 - s_nr / s_dr = 0.
            assert!(ev.loss.floats[0].abs() < 1e-12);
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let mut x = xtm(7);
        x.insert("mask".into(), f(&[2, 2, 6], &[1.0; 24]));
        assert_error(ID, Some("monai"), &params(json!({})), &x, ErrorKind::Shape);
        let mut x = xtm(7);
        x.insert("mask".into(), f(&[2, 1, 5], &[1.0; 10]));
        assert_error(ID, Some("monai"), &params(json!({})), &x, ErrorKind::Shape);
        assert_error(ID, Some("monai"), &params(json!({"sigmoid": true, "softmax": true})), &xtm(7), ErrorKind::Param);
        let mut x = xtm(7);
        x.insert("targets".into(), f(&[2, 3, 6], &[0.0; 36]));
        assert_error(ID, Some("monai"), &params(json!({})), &x, ErrorKind::Shape);
        let mut x = xtm(7);
        x.remove("mask");
        assert_error(ID, Some("monai"), &params(json!({})), &x, ErrorKind::Missing);
    }
}
