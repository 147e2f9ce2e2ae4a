//! Generalized Wasserstein Dice loss: a multi-class Dice whose per-pixel error is the Wasserstein
//! distance between predicted and true label distributions under a class-distance matrix.

use burn::tensor::Tensor;
use serde_json::Value as Json;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor, by_rank};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "generalized-wasserstein-dice";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Generalized Wasserstein Dice Loss",
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2017,
    paper: Paper {
        title: "Generalised Wasserstein Dice Score for Imbalanced Multi-class Segmentation using Holistic Convolutional Networks",
        authors: "Fidon, L. et al.",
        venue: "BrainLes (MICCAI workshop)",
        year: 2017,
        url: "https://arxiv.org/abs/1707.00478",
    },
    summary: "Uses a matrix M of distances between classes (for example, confusing two tumour sub-regions costs less than confusing tumour with background) and measures each pixel's error as the transport cost sum_c M[y, c] p_c; true positives are weighted per class and combined into a Dice-like ratio. It encodes label hierarchy into the loss and was designed for brain tumour segmentation. The distance matrix must be chosen by hand; MONAI treats class 0 as the background (weight 0 in the default mode) and rescales M so that its largest entry is 1.",
    formula: r"\epsilon_i = \sum_c \tilde M_{y_i c}\,p_{ic},\quad TP = \sum_i \alpha_{y_i}(1 - \epsilon_i),\quad L = 1 - \frac{2\,TP + s_{nr}}{\operatorname{den} + s_{dr}},\quad \operatorname{den} = \begin{cases} 2\,TP + \sum_i \epsilon_i & \text{default} \\ \sum_i \alpha_{y_i}(2 - \epsilon_i) & \text{GDL} \end{cases}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, *]", meaning: "class scores (softmax over C inside); C must equal the size of dist_matrix" },
        Input { name: "targets", shape: "[B, *] or [B, 1, *]", meaning: "class labels in [0, C) (float labels are truncated, as MONAI's .long())" },
    ],
    params: &[
        Param { name: "dist_matrix", symbol: "M", default: Value::Null, range: Range::Any, meaning: "C x C matrix of distances between classes (required); divided by its maximum unless that is 1; row 0 is the background" },
        Param { name: "weighting_mode", symbol: "", default: Value::Str("default"), range: Range::Choice { values: &["default", "GDL"] }, meaning: "default: alpha = 0 for the background class 0 and 1 for the others (Fidon 2017); GDL: alpha_c = 1 / (count_c + 1) per sample, used in the denominator too" },
        Param { name: "smooth_nr", symbol: "s_{nr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the numerator (MONAI)" },
        Param { name: "smooth_dr", symbol: "s_{dr}", default: Value::Float(1e-05), range: Range::NON_NEGATIVE, meaning: "constant added to the denominator (MONAI)" },
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
        "monai.losses.GeneralizedWassersteinDiceLoss",
    ],
    related: &["generalized-dice", "dice", "earth-movers"],
    forms: &[
        Form { name: "monai", description: "monai.losses.GeneralizedWassersteinDiceLoss(dist_matrix, weighting_mode, reduction, smooth_nr, smooth_dr): one ratio per sample, then the reduction (none keeps [B]); GDL weights are computed in float32, as MONAI does." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of the true (foreground) class at one pixel", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: None,
        params: serde_json::json!({"dist_matrix": [[0.0, 1.0, 1.0], [1.0, 0.0, 0.5], [1.0, 0.5, 0.0]]}),
        inputs: vec![("logits", HostTensor::from_f64(vec![1, 3, 2], vec![0.0, 1.0, x, 0.0, 0.0, 0.0])), ("targets", HostTensor::from_i64(vec![1, 2], vec![1, 0]))],
        wrt: "logits",
        index: 2,
    }
}

/// How the class weights alpha are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeightingMode {
    /// alpha = 0 for class 0 (background), 1 for the others (Fidon et al. 2017).
    #[default]
    Default,
    /// alpha_c = 1 / (number of pixels of class c in the sample + 1), also in the denominator.
    Gdl,
}

/// Options of MONAI's `GeneralizedWassersteinDiceLoss`; `dist_matrix` is required.
#[derive(Debug, Clone, PartialEq)]
pub struct GwdlConfig {
    /// C x C class distances, row-major.
    pub dist_matrix: Vec<Vec<f64>>,
    pub weighting_mode: WeightingMode,
    pub smooth_nr: f64,
    pub smooth_dr: f64,
    pub reduction: Reduction,
}

/// MONAI `GeneralizedWassersteinDiceLoss(...)(logits, targets)` on `logits [B, C, S]` (the
/// spatial axes flattened) and labels (`B * S` values).
pub fn generalized_wasserstein_dice(logits: Tensor<3>, targets: &[f64], cfg: &GwdlConfig) -> Result<LossTensor, LossError> {
    let [b, c, s] = logits.dims();
    let m = &cfg.dist_matrix;
    if m.iter().any(|r| r.len() != m.len()) || m.is_empty() {
        return Err(LossError::param(ID, "dist_matrix", "a C x C matrix", format!("{} rows of lengths {:?}", m.len(), m.iter().map(|r| r.len()).collect::<Vec<_>>())));
    }
    if m.len() != c {
        return Err(LossError::shape(ID, "logits", format!("{} channels (the size of dist_matrix)", m.len()), fmt_shape(&logits.dims())));
    }
    let flat: Vec<f64> = m.iter().flatten().copied().collect();
    numerics::finite_values(ID, "dist_matrix", &flat)?;
    numerics::finite_param(ID, "smooth_nr", cfg.smooth_nr)?;
    numerics::finite_param(ID, "smooth_dr", cfg.smooth_dr)?;
    numerics::non_empty(ID, "logits", &logits.dims())?;
    if targets.len() != b * s {
        return Err(LossError::shape(ID, "targets", format!("{} labels (one per pixel of logits {})", b * s, fmt_shape(&logits.dims())), format!("{} labels", targets.len())));
    }
    let labels: Vec<i64> = targets.iter().map(|v| v.trunc() as i64).collect();
    numerics::labels_in_range(ID, "targets", &labels, c, None)?;
    let max = flat.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    // Row M[y] for every pixel: [B, C, S].
    let mut rows = vec![0.0; b * c * s];
    let mut alpha = vec![0.0; b * s];
    for bi in 0..b {
        let mut counts = vec![0usize; c];
        for j in 0..s {
            counts[labels[bi * s + j] as usize] += 1;
        }
        for j in 0..s {
            let y = labels[bi * s + j] as usize;
            for k in 0..c {
                // MONAI divides M by its maximum unless that is exactly 1.
                rows[(bi * c + k) * s + j] = if max != 1.0 { m[y][k] / max } else { m[y][k] };
            }
            alpha[bi * s + j] = match cfg.weighting_mode {
                WeightingMode::Default => if y == 0 { 0.0 } else { 1.0 },
                // MONAI builds these weights in float32.
                WeightingMode::Gdl => (1.0 / (counts[y] as f64 + 1.0)) as f32 as f64,
            };
        }
    }
    let p = numerics::softmax(logits, 1);
    let rows = numerics::tensor_like(&p, rows, [b, c, s]);
    let alpha = numerics::tensor_like(&p, alpha, [b, s]);
    let eps = (rows * p).sum_dim(1).reshape([b, s]);
    let tp = (alpha.clone() * eps.clone().neg().add_scalar(1.0)).sum_dim(1).reshape([b]);
    let den = match cfg.weighting_mode {
        WeightingMode::Default => tp.clone().mul_scalar(2.0) + eps.sum_dim(1).reshape([b]),
        WeightingMode::Gdl => (alpha * eps.neg().add_scalar(2.0)).sum_dim(1).reshape([b]),
    };
    let loss = (tp.mul_scalar(2.0).add_scalar(cfg.smooth_nr) / den.add_scalar(cfg.smooth_dr)).neg().add_scalar(1.0);
    Ok(reduce(loss, cfg.reduction))
}

fn read_matrix(c: &Call) -> Result<Vec<Vec<f64>>, LossError> {
    let bad = |found: String| LossError::param(ID, "dist_matrix", "a C x C matrix (a list of lists of numbers)", found);
    match c.json("dist_matrix") {
        None => Err(LossError::missing(ID, "dist_matrix", "the C x C class distance matrix (required)")),
        Some(Json::Array(rows)) => rows
            .iter()
            .map(|r| match r {
                Json::Array(xs) => xs.iter().map(|x| crate::eval::json_to_float(x).map_err(|_| bad(x.to_string()))).collect(),
                other => Err(bad(other.to_string())),
            })
            .collect(),
        Some(other) => Err(bad(other.to_string())),
    }
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if c.form().is_some_and(|f| f != "monai") {
        return Err(c.unknown_form(&["monai"]));
    }
    let weighting_mode = match c.str("weighting_mode", "default")? {
        "default" => WeightingMode::Default,
        "GDL" => WeightingMode::Gdl,
        other => return Err(LossError::param(ID, "weighting_mode", "'default' or 'GDL'", format!("{other:?}"))),
    };
    let cfg = GwdlConfig {
        dist_matrix: read_matrix(c)?,
        weighting_mode,
        smooth_nr: c.f64("smooth_nr", 1e-5)?,
        smooth_dr: c.f64("smooth_dr", 1e-5)?,
        reduction: c.reduction(Reduction::Mean)?,
    };
    let shape = c.shape("logits")?.to_vec();
    if shape.len() < 2 {
        return Err(LossError::shape(ID, "logits", "[B, C, *]", fmt_shape(&shape)));
    }
    numerics::inputs::check_float(c, "logits")?;
    let targets = c.host("targets")?.as_f64();
    let s: usize = shape[2..].iter().product();
    let logits = by_rank!(c, "logits", shape.len(), |D| c.float::<D>("logits").map(|t| t.reshape([shape[0], shape[1], s])))?;
    generalized_wasserstein_dice(logits, &targets, &cfg)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn m3() -> serde_json::Value {
        json!([[0.0, 1.0, 1.0], [1.0, 0.0, 0.5], [1.0, 0.5, 0.0]])
    }

    fn seg(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let t: Vec<i64> = (0..2 * 9).map(|k| ((k * 7 + seed as usize) % 3) as i64).collect();
        inputs(vec![("logits", randn(&[2, 3, 3, 3], seed, 1.5)), ("targets", i(&[2, 3, 3], &t))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // Two pixels, two classes, M = [[0, 2], [2, 0]] (rescaled to [[0, 1], [1, 0]]), logits
        // give p = (1/2, 1/2) and (1/4, 3/4) for class (0, 1); labels (0, 1).
        // eps = (M[0] . p_1, M[1] . p_2) = (1/2, 1/4). Default: alpha = (0, 1), TP = 3/4,
        // den = 2 TP + 3/4 = 9/4, loss = 1 - (3/2 + 1e-5) / (9/4 + 1e-5).
        let x = inputs(vec![("logits", f(&[1, 2, 2], &[0.0, 0.0, 0.0, 3f64.ln()])), ("targets", i(&[1, 2], &[0, 1]))]);
        let ev = eval64(ID, None, &params(json!({"dist_matrix": [[0, 2], [2, 0]]})), &x);
        let want = 1.0 - (1.5 + 1e-5) / (2.25 + 1e-5);
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
        // GDL: alpha = (1/2, 1/2); TP = (1/2 + 3/4) / 2 = 5/8; den = (3/2 + 7/4) / 2 = 13/8.
        let ev = eval64(ID, None, &params(json!({"dist_matrix": [[0, 2], [2, 0]], "weighting_mode": "GDL"})), &x);
        let want = 1.0 - (1.25 + 1e-5) / (1.625 + 1e-5);
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({"dist_matrix": m3()})), &seg(3));
        assert_gradcheck(ID, None, &params(json!({"dist_matrix": m3(), "weighting_mode": "GDL", "reduction": "none"})), &seg(4));
        assert_gradcheck(ID, None, &params(json!({"dist_matrix": [[0, 3, 2], [3, 0, 1], [2, 1, 0]], "reduction": "sum", "smooth_nr": 0.0})), &seg(5));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let mut x = seg(6);
            x.insert("logits".into(), randn(&[2, 3, 3, 3], 7, scale));
            assert_finite(ID, None, &params(json!({"dist_matrix": m3()})), &x);
            assert_finite(ID, None, &params(json!({"dist_matrix": m3(), "weighting_mode": "GDL"})), &x);
        }
    }

    #[test]
    fn rejects_bad_inputs() {
        let x = seg(1);
        assert_error(ID, None, &params(json!({})), &x, ErrorKind::Missing);
        assert_error(ID, None, &params(json!({"dist_matrix": [[0, 1, 1], [1, 0, 1]]})), &x, ErrorKind::Param);
        assert_error(ID, None, &params(json!({"dist_matrix": [[0, 1], [1, 0]]})), &x, ErrorKind::Shape);
        assert_error(ID, None, &params(json!({"dist_matrix": m3(), "weighting_mode": "gdl"})), &x, ErrorKind::Param);
        let bad_label = inputs(vec![("logits", randn(&[1, 3, 2], 1, 1.0)), ("targets", i(&[1, 2], &[0, 3]))]);
        assert_error(ID, None, &params(json!({"dist_matrix": m3()})), &bad_label, ErrorKind::Value);
        let mismatch = inputs(vec![("logits", randn(&[1, 3, 2], 1, 1.0)), ("targets", i(&[1, 3], &[0, 1, 2]))]);
        assert_error(ID, None, &params(json!({"dist_matrix": m3()})), &mismatch, ErrorKind::Shape);
        let empty = inputs(vec![("logits", f(&[0, 3, 2], &[])), ("targets", i(&[0, 2], &[]))]);
        assert_error(ID, None, &params(json!({"dist_matrix": m3()})), &empty, ErrorKind::Empty);
    }
}
