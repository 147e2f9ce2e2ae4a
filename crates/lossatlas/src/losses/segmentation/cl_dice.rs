//! clDice: a Dice-like score between the soft skeletons (centerlines) of prediction and target,
//! preserving the connectivity of tubular structures.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor, by_rank};
use crate::numerics::monai_overlap::{monai_activation, monai_target, soft_cl_dice};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "cl-dice";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "clDice",
    aliases: &["Soft clDice", "Centerline Dice"],
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2021,
    paper: Paper {
        title: "clDice — A Novel Topology-Preserving Loss Function for Tubular Structure Segmentation",
        authors: "Shit et al.",
        venue: "CVPR",
        year: 2021,
        url: "https://arxiv.org/abs/2003.07311",
    },
    summary: "Extracts differentiable soft skeletons with iterated min/max pooling, then computes topology precision (fraction of the predicted skeleton inside the target) and topology sensitivity (fraction of the true skeleton inside the prediction) and takes their harmonic mean. It rewards connected vessels, airways or neurons rather than pixel overlap. The soft skeleton needs enough iterations for the structure thickness, and max-pool ties make gradients order dependent.",
    formula: r"T_{prec} = \frac{\sum S(P) \odot G + s_{nr}}{\sum S(P) + s_{dr}},\ T_{sens} = \frac{\sum S(G) \odot P + s_{nr}}{\sum S(G) + s_{dr}},\quad L = 1 - \frac{2\,T_{prec}T_{sens}}{T_{prec} + T_{sens} + s}",
    inputs: &[
        Input { name: "probs", shape: "[B, C, H, W] or [B, C, H, W, D]", meaning: "probabilities (or scores with sigmoid / softmax; `logits` is accepted as the name too)" },
        Input { name: "targets", shape: "[B, C, *] ([B, 1, *] labels with to_onehot_y)", meaning: "binary target masks (no gradient)" },
    ],
    params: &[
        Param { name: "iter_", symbol: "", default: Value::Int(3), range: Range::Integer { min: 0, max: i64::MAX }, meaning: "number of soft-skeleton iterations" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "added to the numerators of precision and sensitivity" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "added to their denominators" },
        Param { name: "smooth", symbol: "s", default: Value::Float(0.0001), range: Range::POSITIVE, meaning: "added to the harmonic-mean denominator" },
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
        "monai.losses.SoftclDiceLoss",
    ],
    related: &["soft-dice-cl-dice", "dice", "topological"],
    forms: &[
        Form { name: "monai", description: "monai.losses.SoftclDiceLoss(iter_, smooth_nr, smooth_dr, smooth, include_background, to_onehot_y, sigmoid, softmax, reduction): soft skeletons S by iterated min / max pooling; one clDice per sample from sums over the channels and space, then the reduction (none keeps [B])." },
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

/// Options of MONAI's `SoftclDiceLoss` (`Default` = MONAI's defaults; `other_act` is not
/// supported).
#[derive(Debug, Clone, PartialEq)]
pub struct ClDiceConfig {
    pub iter: usize,
    pub smooth_nr: f64,
    pub smooth_dr: f64,
    /// Added to the harmonic-mean denominator; must be > 0.
    pub smooth: f64,
    pub include_background: bool,
    pub to_onehot_y: bool,
    pub sigmoid: bool,
    pub softmax: bool,
    pub reduction: Reduction,
}

impl Default for ClDiceConfig {
    fn default() -> Self {
        ClDiceConfig { iter: 3, smooth_nr: 1.0, smooth_dr: 1.0, smooth: 1e-4, include_background: true, to_onehot_y: false, sigmoid: false, softmax: false, reduction: Reduction::Mean }
    }
}

/// MONAI `SoftclDiceLoss(...)(input, target)` before the reduction: one clDice per sample,
/// `[B]` (`loss` names the calling entry in errors). `input` is `[B, C, H, W(, D)]`; the target is given as host values of `tshape` (one-hot,
/// or labels `[B, 1, *]` with `to_onehot_y`) and takes no gradient.
pub fn cl_dice_per_sample<const D: usize>(loss: &str, input: Tensor<D>, target: &[f64], tshape: &[usize], cfg: &ClDiceConfig) -> Result<Tensor<1>, LossError> {
    let dims = input.dims();
    if D != 4 && D != 5 {
        return Err(LossError::shape(loss, "probs", "[B, C, H, W] or [B, C, H, W, D] (soft skeletons are 2D or 3D)", fmt_shape(&dims)));
    }
    if cfg.sigmoid && cfg.softmax {
        return Err(LossError::param(loss, "softmax", "at most one of sigmoid and softmax", "both true"));
    }
    if !(cfg.smooth > 0.0) || !cfg.smooth.is_finite() {
        return Err(LossError::param(loss, "smooth", "a finite number > 0", format!("{}", cfg.smooth)));
    }
    numerics::finite_param(loss, "smooth_nr", cfg.smooth_nr)?;
    numerics::finite_param(loss, "smooth_dr", cfg.smooth_dr)?;
    numerics::non_empty(loss, "probs", &dims)?;
    let channels = dims[1];
    let mut p = monai_activation(input, cfg.sigmoid, cfg.softmax);
    if !cfg.include_background && channels > 1 {
        p = p.narrow(1, 1, channels - 1);
    }
    let (tvals, tshape) = monai_target(loss, target, tshape, channels, cfg.to_onehot_y, cfg.include_background)?;
    if tshape[..] != p.dims()[..] {
        return Err(LossError::shape(loss, "targets", format!("shape {} (the shape of the prediction)", fmt_shape(&dims)), fmt_shape(&tshape)));
    }
    let t = numerics::tensor_like(&p, tvals, p.dims());
    Ok(soft_cl_dice(p, t, cfg.iter, cfg.smooth_nr, cfg.smooth_dr, cfg.smooth))
}

/// MONAI `SoftclDiceLoss(...)(input, target)`: [`cl_dice_per_sample`], then the reduction
/// (`none` keeps `[B]`).
pub fn cl_dice<const D: usize>(input: Tensor<D>, target: &[f64], tshape: &[usize], cfg: &ClDiceConfig) -> Result<LossTensor, LossError> {
    Ok(reduce(cl_dice_per_sample(ID, input, target, tshape, cfg)?, cfg.reduction))
}

/// Reads `iter_` (an integer >= 0) from a call.
pub fn read_iter(c: &Call) -> Result<usize, LossError> {
    let iters = c.i64("iter_", 3)?;
    if iters < 0 {
        return Err(LossError::param(c.loss, "iter_", "a number of iterations >= 0", format!("{iters}")));
    }
    Ok(iters as usize)
}

/// The prediction input of a call: `probs` (as in the reference cases) or `logits`.
pub fn prediction_name(c: &Call) -> &'static str {
    if c.has("logits") { "logits" } else { "probs" }
}

/// Reads the `SoftclDiceLoss` options shared with soft-dice-cl-dice from a call.
pub fn read_config(c: &Call) -> Result<ClDiceConfig, LossError> {
    Ok(ClDiceConfig {
        iter: read_iter(c)?,
        smooth_nr: c.f64("smooth_nr", 1.0)?,
        smooth_dr: c.f64("smooth_dr", 1.0)?,
        smooth: c.f64("smooth", 1e-4)?,
        include_background: c.bool("include_background", true)?,
        to_onehot_y: c.bool("to_onehot_y", false)?,
        sigmoid: c.bool("sigmoid", false)?,
        softmax: c.bool("softmax", false)?,
        reduction: c.reduction(Reduction::Mean)?,
    })
}

/// The prediction (named `probs` or `logits`), checked as floats, and the target's host values
/// and shape.
pub fn read_inputs(c: &Call) -> Result<(&'static str, Vec<usize>, Vec<f64>, Vec<usize>), LossError> {
    let name = prediction_name(c);
    let shape = c.shape(name)?.to_vec();
    numerics::inputs::check_float(c, name)?;
    let t = c.host("targets")?;
    Ok((name, shape, t.as_f64(), t.shape.clone()))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "monai") {
        return Err(c.unknown_form(&["monai"]));
    }
    let cfg = read_config(c)?;
    let (name, shape, tvals, tshape) = read_inputs(c)?;
    by_rank!(c, name, shape.len(), |D| cl_dice(c.float::<D>(name)?, &tvals, &tshape, &cfg))
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
        // iter_ = 0, one 1 x 3 channel: p = (0.2, 0.9, 0.3). Erosion (min over the cross):
        // (0.2, 0.2, 0.3); opening = dilation of that: (0.2, 0.3, 0.3); skeleton
        // relu(p - open) = (0, 0.6, 0). Target g = (0, 1, 0): eroded and opened (0, 0, 0),
        // skeleton (0, 1, 0). With s_nr = s_dr = 1: T_prec = (0.6 + 1) / (0.6 + 1) = 1,
        // T_sens = (0.9 + 1) / (1 + 1) = 0.95; loss = 1 - 2 * 0.95 / (1.95 + 1e-4).
        let x = inputs(vec![("probs", f(&[1, 1, 1, 3], &[0.2, 0.9, 0.3])), ("targets", f(&[1, 1, 1, 3], &[0.0, 1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"iter_": 0})), &x);
        let want = 1.0 - 2.0 * 0.95 / (1.95 + 1e-4);
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({})), &seg(3));
        assert_gradcheck(ID, None, &params(json!({"iter_": 1, "smooth": 0.1, "include_background": false, "reduction": "none"})), &seg(4));
        let mut x = seg(5);
        x.insert("probs".into(), randn(&[2, 2, 6, 6], 5, 1.0));
        assert_gradcheck(ID, None, &params(json!({"softmax": true, "smooth_nr": 0.5, "reduction": "sum"})), &x);
        let t: Vec<f64> = (0..108).map(|k| (k % 3 == 0) as u8 as f64).collect();
        let x = inputs(vec![("probs", uniform(&[1, 2, 3, 3, 6], 5, 0.0, 1.0)), ("targets", f(&[1, 2, 3, 3, 6], &t))]);
        assert_gradcheck(ID, None, &params(json!({"iter_": 2})), &x);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        // Probabilities exactly 0 and 1: a prediction equal to the target.
        let x = seg(6);
        let t = x["targets"].clone();
        assert_finite(ID, None, &params(json!({})), &inputs(vec![("probs", t.clone()), ("targets", t)]));
        let zeros = inputs(vec![("probs", f(&[1, 2, 3, 3], &[0.0; 18])), ("targets", f(&[1, 2, 3, 3], &[0.0; 18]))]);
        assert_finite(ID, None, &params(json!({})), &zeros);
        let mut x = seg(7);
        x.insert("probs".into(), randn(&[2, 2, 6, 6], 8, 1e4));
        assert_finite(ID, None, &params(json!({"sigmoid": true})), &x);
    }

    #[test]
    fn rejects_bad_inputs() {
        let x = seg(1);
        assert_error(ID, None, &params(json!({"iter_": -1})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"smooth": 0.0})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"sigmoid": true, "softmax": true})), &x, ErrorKind::Param);
        let rank3 = inputs(vec![("probs", uniform(&[2, 2, 6], 1, 0.0, 1.0)), ("targets", f(&[2, 2, 6], &[0.0; 24]))]);
        assert_error(ID, None, &params(json!({})), &rank3, ErrorKind::Shape);
        let mismatch = inputs(vec![("probs", uniform(&[2, 2, 6, 6], 1, 0.0, 1.0)), ("targets", f(&[2, 2, 6, 5], &[0.0; 120]))]);
        assert_error(ID, None, &params(json!({})), &mismatch, ErrorKind::Shape);
        let ints = inputs(vec![("probs", i(&[1, 2, 1, 2], &[0, 1, 1, 0])), ("targets", f(&[1, 2, 1, 2], &[0.0; 4]))]);
        assert_error(ID, None, &params(json!({})), &ints, ErrorKind::DType);
        let bad_label = inputs(vec![("probs", uniform(&[1, 2, 2, 2], 1, 0.0, 1.0)), ("targets", f(&[1, 1, 2, 2], &[0.0, 1.0, 2.0, 1.0]))]);
        assert_error(ID, None, &params(json!({"to_onehot_y": true})), &bad_label, ErrorKind::Value);
        let empty = inputs(vec![("probs", f(&[0, 2, 2, 2], &[])), ("targets", f(&[0, 2, 2, 2], &[]))]);
        assert_error(ID, None, &params(json!({})), &empty, ErrorKind::Empty);
    }
}
