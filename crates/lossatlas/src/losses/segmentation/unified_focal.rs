//! Unified focal loss: a weighted sum of the asymmetric focal loss and the asymmetric focal Tversky
//! loss, unifying cross-entropy-based and Dice-based objectives under shared hyperparameters.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::Call;
use crate::losses::segmentation::focal_tversky::asymmetric_focal_tversky_terms;
use crate::numerics::overlap as ov;
use crate::numerics::{self, LossTensor, Reduction};

const ID: &str = "unified-focal";


pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Unified Focal Loss",
    aliases: &["Asymmetric Unified Focal Loss"],
    kind: Kind::Composite,
    domains: &["segmentation", "medical"],
    year: 2022,
    paper: Paper {
        title: "Unified Focal Loss: Generalising Dice and Cross Entropy-Based Losses to Handle Class Imbalanced Medical Image Segmentation",
        authors: "Yeung et al.",
        venue: "Computerized Medical Imaging and Graphics",
        year: 2022,
        url: "https://arxiv.org/abs/2102.04525",
    },
    summary: "Combines a distribution-based term (asymmetric focal loss) and a region-based term (asymmetric focal Tversky loss) with weight lambda, sharing delta (false-negative vs false-positive balance) and gamma (focusing) between them. The asymmetric versions suppress the focal modulation of the rare foreground class so that it is not down-weighted. MONAI's AsymmetricUnifiedFocalLoss is binary only and, despite its docstring, applies no activation: inputs are probabilities clamped to [1e-7, 1 - 1e-7].",
    formula: r"L = \lambda\,L_{aF}(p, g;\,\delta, \gamma) + (1 - \lambda)\,L_{aFT}(p, g;\,\delta, \gamma)",
    inputs: &[
        Input { name: "probs", shape: "[B, 2, *]", meaning: "binary probabilities (background, foreground)" },
        Input { name: "targets", shape: "[B, 2, *] or [B, 1, *]", meaning: "one-hot targets (or labels with to_onehot_y)" },
    ],
    params: &[
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode label targets" },
        Param { name: "num_classes", symbol: "", default: Value::Int(2), range: Range::Integer { min: 2, max: 2 }, meaning: "number of classes (MONAI supports 2)" },
        Param { name: "weight", symbol: r"\lambda", default: Value::Float(0.5), range: Range::UNIT, meaning: "weight of the asymmetric focal term" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(0.5), range: Range::NON_NEGATIVE, meaning: "focusing parameter shared by both terms" },
        Param { name: "delta", symbol: r"\delta", default: Value::Float(0.7), range: Range::UNIT, meaning: "false-negative weight shared by both terms" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Unknown,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::Yes,
        suits_label_noise: Tri::No,
        operand: Operand::Probabilities,
    },
    equivalents: &[
        "monai.losses.AsymmetricUnifiedFocalLoss",
    ],
    related: &["asymmetric-focal", "focal-tversky", "focal", "dice-focal", "combo"],
    uses: &["asymmetric-focal", "focal-tversky"],
    forms: &[
        Form { name: "monai-asymmetric", description: "monai.losses.AsymmetricUnifiedFocalLoss(num_classes=2, weight, gamma, delta): weight * AsymmetricFocalLoss + (1 - weight) * AsymmetricFocalTverskyLoss on probabilities." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "foreground probability of a foreground pixel (targets one-hot (bg, fg))", from: 0.01, to: 0.99, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    use crate::eval::HostTensor;
    PlotInput {
        form: Some("monai-asymmetric"),
        params: serde_json::json!({}),
        inputs: vec![
            ("probs", HostTensor::from_f64(vec![1, 2, 1, 2], vec![1.0 - x, 0.7, x, 0.3])),
            ("targets", HostTensor::from_f64(vec![1, 2, 1, 2], vec![0.0, 1.0, 1.0, 0.0])),
        ],
        wrt: "probs",
        index: 2,
    }
}

/// Options of MONAI's `AsymmetricUnifiedFocalLoss`; `Default` equals MONAI's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct UnifiedFocalConfig {
    pub to_onehot_y: bool,
    pub num_classes: usize,
    pub weight: f64,
    pub gamma: f64,
    pub delta: f64,
    pub reduction: Reduction,
}

impl Default for UnifiedFocalConfig {
    fn default() -> Self {
        UnifiedFocalConfig { to_onehot_y: false, num_classes: 2, weight: 0.5, gamma: 0.5, delta: 0.7, reduction: Reduction::Mean }
    }
}

/// MONAI's asymmetric focal loss on `[B, C, S]` probabilities (channels 0 and 1), clamped to
/// `[eps, 1 - eps]`: the mean over samples, the two terms and pixels of the background term
/// `(1 - delta) (1 - p_0)^gamma (-g_0 log p_0)` and the foreground term `delta (-g_1 log p_1)`
/// (MONAI 1.6.1 averages the stacked terms, i.e. half the mean of their sum; checked against its
/// values).
pub fn asymmetric_focal_monai(probs: Tensor<3>, targets: Tensor<3>, delta: f64, gamma: f64, epsilon: f64) -> Tensor<1> {
    let [b, _, s] = probs.dims();
    let p = probs.narrow(1, 0, 2).clamp(epsilon, 1.0 - epsilon);
    let g = targets.narrow(1, 0, 2);
    let ce = (g * p.clone().log()).neg();
    let back = p.narrow(1, 0, 1).neg().add_scalar(1.0).powf_scalar(gamma) * ce.clone().narrow(1, 0, 1);
    let fore = ce.narrow(1, 1, 1);
    (back.mul_scalar(1.0 - delta) + fore.mul_scalar(delta)).reshape([b * s]).mean().mul_scalar(0.5)
}

/// MONAI `AsymmetricUnifiedFocalLoss(to_onehot_y, num_classes, weight, gamma, delta)` on
/// `[B, C, *]` probabilities and targets of the same shape (rank 4 or 5): `weight *
/// AsymmetricFocalLoss + (1 - weight) * AsymmetricFocalTverskyLoss`, both with `gamma`, `delta`
/// and epsilon 1e-7. A single channel is one-hot encoded (probabilities truncated to class
/// indices, as MONAI does); the targets must reach class `num_classes - 1`.
pub fn unified_focal<const D: usize>(probs: Tensor<D>, targets: Tensor<D>, cfg: &UnifiedFocalConfig) -> Result<LossTensor, LossError> {
    let pd = probs.dims();
    numerics::same_shape(ID, "targets", &targets.dims(), "probs", &pd)?;
    if D != 4 && D != 5 {
        return Err(LossError::shape(ID, "probs", "rank 4 or 5 ([B, C, H, W] or [B, C, H, W, D])", fmt_shape(&pd)));
    }
    numerics::non_empty(ID, "probs", &pd)?;
    for (n, v) in [("weight", cfg.weight), ("gamma", cfg.gamma), ("delta", cfg.delta)] {
        numerics::finite_param(ID, n, v)?;
    }
    let mut p = ov::flatten_spatial(probs);
    let mut t = ov::flatten_spatial(targets);
    if pd[1] == 1 {
        if cfg.num_classes < 1 {
            return Err(LossError::param(ID, "num_classes", "at least 1", format!("{}", cfg.num_classes)));
        }
        p = ov::monai_one_hot(ID, p, cfg.num_classes)?;
        t = ov::monai_one_hot(ID, t, cfg.num_classes)?;
    }
    let max = numerics::host_f64(&t).into_iter().fold(f64::NEG_INFINITY, f64::max);
    if max != (cfg.num_classes as f64) - 1.0 {
        return Err(LossError::value(ID, "targets", format!("a largest target of {} (num_classes - 1; MONAI: make sure the number of classes is {})", cfg.num_classes - 1, cfg.num_classes - 1), format!("{max}")));
    }
    let c = p.dims()[1];
    if cfg.to_onehot_y && c > 1 {
        t = ov::monai_one_hot(ID, t, c)?;
    }
    let eps = 1e-7;
    let afl = asymmetric_focal_monai(p.clone(), t.clone(), cfg.delta, cfg.gamma, eps);
    let aftl = asymmetric_focal_tversky_terms(ID, p, t, cfg.delta, cfg.gamma, eps)?.mean();
    Ok(LossTensor::scalar(afl.mul_scalar(cfg.weight) + aftl.mul_scalar(1.0 - cfg.weight)))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("monai-asymmetric") {
        "monai-asymmetric" => {
            let nc = c.i64("num_classes", 2)?;
            if nc < 1 {
                return Err(LossError::param(ID, "num_classes", "at least 1", format!("{nc}")));
            }
            let cfg = UnifiedFocalConfig {
                to_onehot_y: c.bool("to_onehot_y", false)?,
                num_classes: nc as usize,
                weight: c.f64("weight", 0.5)?,
                gamma: c.f64("gamma", 0.5)?,
                delta: c.f64("delta", 0.7)?,
                reduction: c.reduction(Reduction::Mean)?,
            };
            numerics::inputs::check_float(c, "probs")?;
            let ps = c.shape("probs")?.to_vec();
            match ps.len() {
                4 => unified_focal(c.float::<4>("probs")?, c.float::<4>("targets")?, &cfg),
                5 => unified_focal(c.float::<5>("probs")?, c.float::<5>("targets")?, &cfg),
                _ => Err(LossError::shape(ID, "probs", "rank 4 or 5 ([B, C, H, W] or [B, C, H, W, D])", fmt_shape(&ps))),
            }
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
        let mut lab: Vec<f64> = uniform(&[b, s], seed + 1, 0.0, 1.0).floats.iter().map(|v| v.round()).collect();
        lab[0] = 1.0;
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
        inputs(vec![("probs", f(&[b, 2, 2, s / 2], &p)), ("targets", f(&[b, 2, 2, s / 2], &t))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for p in [json!({}), json!({"weight": 0.3, "gamma": 0.75, "delta": 0.6})] {
            assert_gradcheck_only(ID, Some("monai-asymmetric"), &params(p), &probs_onehot(2, 6, 3), Some(&["probs"]));
        }
    }

    #[test]
    fn value_is_the_formula() {
        // One pixel per class, p = (1/2, 1/2) everywhere, g = (1, 0) / (0, 1), weight 1: only the
        // asymmetric focal term, the mean of the two stacked terms over the two pixels:
        // pixel 0 (background): (1 - d) (1/2)^gamma ln 2; pixel 1 (foreground): d ln 2.
        let x = inputs(vec![("probs", f(&[1, 2, 1, 2], &[0.5; 4])), ("targets", f(&[1, 2, 1, 2], &[1.0, 0.0, 0.0, 1.0]))]);
        let ev = eval64(ID, Some("monai-asymmetric"), &params(json!({"weight": 1.0, "gamma": 0.5, "delta": 0.7})), &x);
        let l2 = 2f64.ln();
        let want = 0.5 * ((0.3 * 0.5f64.powf(0.5) * l2) + 0.7 * l2) / 2.0;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12);
    }

    #[test]
    fn finite_at_probabilities_zero_and_one() {
        let x = inputs(vec![("probs", f(&[1, 2, 1, 2], &[1.0, 0.0, 0.0, 1.0])), ("targets", f(&[1, 2, 1, 2], &[0.0, 1.0, 1.0, 0.0]))]);
        assert_finite(ID, Some("monai-asymmetric"), &params(json!({})), &x);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let good = probs_onehot(1, 4, 5);
        let mut x = good.clone();
        x.insert("targets".into(), f(&[1, 2, 2, 3], &[0.0; 12]));
        assert_error(ID, Some("monai-asymmetric"), &params(json!({})), &x, ErrorKind::Shape);
        let x = inputs(vec![("probs", f(&[2, 2, 3], &[0.5; 12])), ("targets", f(&[2, 2, 3], &[0.0; 12]))]);
        assert_error(ID, Some("monai-asymmetric"), &params(json!({})), &x, ErrorKind::Shape);
        // No foreground anywhere: MONAI's num_classes check fails.
        let x = inputs(vec![("probs", f(&[1, 2, 1, 2], &[0.5; 4])), ("targets", f(&[1, 2, 1, 2], &[0.0; 4]))]);
        assert_error(ID, Some("monai-asymmetric"), &params(json!({})), &x, ErrorKind::Value);
        assert_error(ID, Some("monai-asymmetric"), &params(json!({"num_classes": 3})), &good, ErrorKind::Value);
    }
}
