//! Soft Dice + clDice: a convex combination of a soft Dice loss and the clDice loss, as recommended
//! by the clDice paper.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor, by_rank};
use crate::numerics::monai_overlap::{MonaiDiceConfig, monai_dice, monai_target};
use crate::numerics::{LossTensor, Reduction, reduce};

use super::cl_dice::{ClDiceConfig, read_config, read_inputs};

const ID: &str = "soft-dice-cl-dice";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Soft Dice + clDice Loss",
    kind: Kind::Composite,
    domains: &["segmentation", "medical"],
    year: 2021,
    paper: Paper {
        title: "clDice — A Novel Topology-Preserving Loss Function for Tubular Structure Segmentation",
        authors: "Shit et al.",
        venue: "CVPR",
        year: 2021,
        url: "https://arxiv.org/abs/2003.07311",
    },
    summary: "Mixes a region overlap term (soft Dice) with the topology-preserving clDice term with weight alpha, since clDice alone does not constrain the thickness of the prediction. The paper recommends moderate alpha so that Dice drives volume accuracy and clDice connectivity. MONAI's SoftDiceclDiceLoss adds its DiceLoss (one value per sample and channel) and its per-sample SoftclDiceLoss, with shared smoothing constants and activation options.",
    formula: r"L = (1 - \alpha)\,L_{Dice}(P, G) + \alpha\,L_{clDice}(P, G),\quad L_{Dice} = 1 - \frac{2 \sum P G + s_{nr}}{\sum P + \sum G + s_{dr}}",
    inputs: &[
        Input { name: "probs", shape: "[B, C, H, W] or [B, C, H, W, D]", meaning: "probabilities (or scores with sigmoid / softmax; `logits` is accepted as the name too)" },
        Input { name: "targets", shape: "[B, C, *] ([B, 1, *] labels with to_onehot_y)", meaning: "binary target masks (no gradient)" },
    ],
    params: &[
        Param { name: "iter_", symbol: "", default: Value::Int(3), range: Range::Integer { min: 0, max: i64::MAX }, meaning: "soft-skeleton iterations" },
        Param { name: "alpha", symbol: r"\alpha", default: Value::Float(0.5), range: Range::UNIT, meaning: "weight of the clDice term" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "numerator constant" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "denominator constant" },
        Param { name: "smooth", symbol: "s", default: Value::Float(0.0001), range: Range::POSITIVE, meaning: "harmonic-mean constant" },
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::No,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[
        "monai.losses.SoftDiceclDiceLoss",
    ],
    related: &["cl-dice", "dice"],
    uses: &["dice", "cl-dice"],
    forms: &[
        Form { name: "monai", description: "monai.losses.SoftDiceclDiceLoss(iter_, alpha, smooth_nr, smooth_dr, smooth, include_background, to_onehot_y, sigmoid, softmax, reduction): (1 - alpha) * DiceLoss (per sample and channel) + alpha * SoftclDiceLoss (per sample), each reduced." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "probability of a foreground pixel on the centerline", from: 0.0, to: 1.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    // Two channels (background, one tube) of a 1 x 5 x 5 image with a vertical line in the
    // foreground channel; x is the predicted probability of the middle pixel of the line.
    let mut tube = vec![0.0; 25];
    for r in 0..5 {
        tube[r * 5 + 2] = 1.0;
    }
    let mut probs: Vec<f64> = tube.iter().map(|t| 1.0 - (0.8 * t + 0.1)).collect();
    let mut fgp: Vec<f64> = tube.iter().map(|t| 0.8 * t + 0.1).collect();
    fgp[12] = x;
    probs.extend(fgp);
    let mut targets: Vec<f64> = tube.iter().map(|t| 1.0 - t).collect();
    targets.extend(tube);
    PlotInput {
        form: None,
        params: serde_json::json!({"iter_": 1}),
        inputs: vec![("probs", HostTensor::from_f64(vec![1, 2, 5, 5], probs)), ("targets", HostTensor::from_f64(vec![1, 2, 5, 5], targets))],
        wrt: "probs",
        index: 37,
    }
}

/// MONAI `SoftDiceclDiceLoss(iter_, alpha, smooth_nr, smooth_dr, smooth, include_background,
/// to_onehot_y, sigmoid, softmax, reduction)(input, target)`:
/// `(1 - alpha) * DiceLoss + alpha * SoftclDiceLoss` with shared settings. With `none`, MONAI adds
/// the Dice values `[B, C, 1, ...]` to the clDice values `[B]` by broadcasting, which gives
/// `[B, C, 1, ..., B]`; that is reproduced.
pub fn soft_dice_cl_dice<const D: usize>(input: Tensor<D>, target: &[f64], tshape: &[usize], alpha: f64, cfg: &ClDiceConfig) -> Result<LossTensor, LossError> {
    let dims = input.dims();
    if !(0.0..=1.0).contains(&alpha) {
        return Err(LossError::param(ID, "alpha", "a number in [0, 1]", format!("{alpha}")));
    }
    if tshape.len() != D {
        return Err(LossError::shape(ID, "targets", format!("rank {D} (the rank of the prediction)"), fmt_shape(tshape)));
    }
    if tshape[1] != 1 && tshape[1] != dims[1] {
        return Err(LossError::shape(ID, "targets", format!("1 or {} channels", dims[1]), fmt_shape(tshape)));
    }
    let (tvals, tshape) = monai_target(ID, target, tshape, dims[1], cfg.to_onehot_y, true)?;
    let dice_cfg = MonaiDiceConfig {
        include_background: cfg.include_background,
        sigmoid: cfg.sigmoid,
        softmax: cfg.softmax,
        smooth_nr: cfg.smooth_nr,
        smooth_dr: cfg.smooth_dr,
        reduction: cfg.reduction,
        ..MonaiDiceConfig::default()
    };
    let cl_cfg = super::cl_dice::ClDiceConfig { to_onehot_y: false, ..cfg.clone() };
    let cl = super::cl_dice::cl_dice_per_sample(ID, input.clone(), &tvals, &tshape, &cl_cfg)?;
    let dice = monai_dice(ID, input, &tvals, &tshape, &dice_cfg)?;
    Ok(match cfg.reduction {
        Reduction::None => {
            let b = dims[0];
            let rows = dice.value.dims()[0];
            let dice = dice.value.reshape([rows, 1]).mul_scalar(1.0 - alpha);
            let cl = cl.reshape([1, b]).mul_scalar(alpha);
            let mut shape = dice_shape_with_last(&dice_dims(&dims, cfg.include_background), b);
            shape.truncate(D);
            LossTensor::with_shape(dice + cl, shape)
        }
        r => {
            let cl = reduce(cl, r).value;
            LossTensor { value: dice.value.mul_scalar(1.0 - alpha) + cl.mul_scalar(alpha), shape: vec![] }
        }
    })
}

/// The `none` shape of MONAI's Dice: `[B, C', 1, ...]`.
fn dice_dims(dims: &[usize], include_background: bool) -> Vec<usize> {
    let c = if !include_background && dims[1] > 1 { dims[1] - 1 } else { dims[1] };
    let mut s = vec![dims[0], c];
    s.extend(std::iter::repeat_n(1, dims.len() - 2));
    s
}

/// `shape` with its last axis (of length 1) broadcast to `b`.
fn dice_shape_with_last(shape: &[usize], b: usize) -> Vec<usize> {
    let mut s = shape.to_vec();
    *s.last_mut().expect("rank >= 3") = b;
    s
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "monai") {
        return Err(c.unknown_form(&["monai"]));
    }
    let cfg = read_config(c)?;
    let alpha = c.f64("alpha", 0.5)?;
    let (name, shape, tvals, tshape) = read_inputs(c)?;
    by_rank!(c, name, shape.len(), |D| soft_dice_cl_dice(c.float::<D>(name)?, &tvals, &tshape, alpha, &cfg))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn seg(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let t: Vec<f64> = (0..2 * 2 * 36).map(|k| ((k * 7 + seed as usize) % 5 < 2) as u8 as f64).collect();
        inputs(vec![("probs", uniform(&[2, 2, 6, 6], seed, 0.0, 1.0)), ("targets", f(&[2, 2, 6, 6], &t))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // The cl-dice example (iter_ = 0): cl = 1 - 2 * 0.95 / (1.95 + 1e-4). MONAI Dice with
        // s_nr = s_dr = 1: 1 - (2 * 0.9 + 1) / (1 + 1.4 + 1) = 1 - 2.8 / 3.4. alpha = 0.25.
        let x = inputs(vec![("probs", f(&[1, 1, 1, 3], &[0.2, 0.9, 0.3])), ("targets", f(&[1, 1, 1, 3], &[0.0, 1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"iter_": 0, "alpha": 0.25})), &x);
        let want = 0.75 * (1.0 - 2.8 / 3.4) + 0.25 * (1.0 - 2.0 * 0.95 / (1.95 + 1e-4));
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
        let none = eval64(ID, None, &params(json!({"reduction": "none"})), &seg(2));
        assert_eq!(none.loss.shape, vec![2, 2, 1, 2]);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &seg(3));
        assert_gradcheck(ID, None, &params(json!({"iter_": 1, "alpha": 0.3, "smooth": 0.1, "include_background": false})), &seg(4));
        let mut x = seg(5);
        x.insert("probs".into(), randn(&[2, 2, 6, 6], 5, 1.0));
        assert_gradcheck(ID, None, &params(json!({"sigmoid": true, "reduction": "none"})), &x);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = seg(6);
        let t = x["targets"].clone();
        assert_finite(ID, None, &params(json!({})), &inputs(vec![("probs", t.clone()), ("targets", t)]));
        let zeros = inputs(vec![("probs", f(&[1, 2, 3, 3], &[0.0; 18])), ("targets", f(&[1, 2, 3, 3], &[0.0; 18]))]);
        assert_finite(ID, None, &params(json!({})), &zeros);
    }

    #[test]
    fn rejects_bad_inputs() {
        let x = seg(1);
        assert_error(ID, None, &params(json!({"iter_": -2})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"alpha": 1.5})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"smooth": -1.0})), &x, ErrorKind::Param);
        let rank3 = inputs(vec![("probs", uniform(&[2, 2, 6], 1, 0.0, 1.0)), ("targets", f(&[2, 2, 6], &[0.0; 24]))]);
        assert_error(ID, None, &params(json!({})), &rank3, ErrorKind::Shape);
        let mismatch = inputs(vec![("probs", uniform(&[2, 2, 6, 6], 1, 0.0, 1.0)), ("targets", f(&[2, 3, 6, 6], &[0.0; 216]))]);
        assert_error(ID, None, &params(json!({})), &mismatch, ErrorKind::Shape);
        let empty = inputs(vec![("probs", f(&[0, 2, 2, 2], &[])), ("targets", f(&[0, 2, 2, 2], &[]))]);
        assert_error(ID, None, &params(json!({})), &empty, ErrorKind::Empty);
    }
}
