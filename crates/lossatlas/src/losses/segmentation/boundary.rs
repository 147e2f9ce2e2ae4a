//! Boundary loss: the mean of predicted probabilities weighted by the signed distance map of the
//! target boundary, an integral approximation of the distance between contours.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, HostTensor, by_rank};
use crate::numerics::morphology::edt;
use crate::numerics::monai_overlap::{monai_activation, monai_one_hot};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "boundary";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Boundary Loss",
    kind: Kind::Loss,
    domains: &["segmentation", "medical"],
    year: 2019,
    paper: Paper {
        title: "Boundary Loss for Highly Unbalanced Segmentation",
        authors: "Kervadec, H. et al.",
        venue: "MIDL",
        year: 2019,
        url: "https://arxiv.org/abs/1812.07032",
    },
    summary: "Multiplies each pixel's foreground probability by its signed distance to the target boundary (negative inside the object, positive outside), so probability mass far outside the object is penalized in proportion to its distance. It uses boundary information that region losses ignore and helps for tiny structures, but it can be negative and is normally combined with a region loss (Dice or GDL) whose weight is annealed. The distance maps come from the target and carry no gradient.",
    formula: r"L = \frac{1}{|\Omega|}\sum_{i \in \Omega} \phi_G(i)\,p_i,\quad \phi_G(i) = \begin{cases} 1 - d(i, \Omega \setminus G) & i \in G \\ d(i, G) & i \notin G \end{cases}",
    inputs: &[
        Input { name: "logits", shape: "[B, C, H, W] or [B, C, H, W, D]", meaning: "class scores (with sigmoid / softmax) or probabilities" },
        Input { name: "targets", shape: "[B, C, *] ([B, 1, *] or [B, *] labels with to_onehot_y)", meaning: "one-hot target masks; the signed distance maps are computed from them (no gradient)" },
    ],
    params: &[
        Param { name: "include_background", symbol: "", default: Value::Bool(true), range: Range::Bool, meaning: "keep channel 0 (MONAI)" },
        Param { name: "to_onehot_y", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "one-hot encode integer targets of shape [B, 1, *] (MONAI)" },
        Param { name: "sigmoid", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a sigmoid to the input (MONAI)" },
        Param { name: "softmax", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "apply a softmax over the channel axis (MONAI)" },
        Param { name: "batch", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "average the per-sample values over the batch first, one value per channel (MONAI)" },
        Param::REDUCTION_MEAN,
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
        "monai.losses.BoundaryLoss",
    ],
    related: &["hausdorff", "dice", "generalized-dice", "distance-map-ce"],
    forms: &[
        Form { name: "monai", description: "monai.losses.BoundaryLoss: signed Euclidean distance maps (scipy EDT, float32) per (sample, class): 1 - distance to the background inside the object, distance to the object outside, all 0 for an empty or full mask; mean over pixels, then reduction." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "logit of a background pixel at distance 2 from the object (sigmoid)", from: -6.0, to: 6.0, at: plot_at }),
    ..Entry::BLANK
};

fn plot_at(x: f64) -> PlotInput {
    PlotInput {
        form: Some("monai"),
        params: serde_json::json!({"sigmoid": true}),
        inputs: vec![("logits", HostTensor::from_f64(vec![1, 1, 1, 3], vec![2.0, -1.0, x])), ("targets", HostTensor::from_f64(vec![1, 1, 1, 3], vec![1.0, 0.0, 0.0]))],
        wrt: "logits",
        index: 2,
    }
}

/// Options of MONAI's `BoundaryLoss` (`Default` = MONAI's defaults; `other_act` is not supported).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BoundaryConfig {
    pub include_background: bool,
    pub to_onehot_y: bool,
    pub sigmoid: bool,
    pub softmax: bool,
    pub batch: bool,
    pub reduction: Reduction,
}

impl BoundaryConfig {
    pub fn monai() -> Self {
        BoundaryConfig { include_background: true, ..Default::default() }
    }
}

/// MONAI's signed distance map of one mask (`target > 0.5`) over `spatial`: `-(edt(mask) - 1)`
/// inside, `edt(~mask)` outside, in float32; all 0 when the mask is empty or full.
fn signed_map(values: &[f64], spatial: &[usize]) -> Vec<f64> {
    let mask: Vec<bool> = values.iter().map(|&v| v > 0.5).collect();
    if mask.iter().all(|&m| m) || !mask.iter().any(|&m| m) {
        return vec![0.0; values.len()];
    }
    let inv: Vec<bool> = mask.iter().map(|m| !m).collect();
    let (fg, bg) = (edt(&mask, spatial), edt(&inv, spatial));
    mask.iter()
        .enumerate()
        .map(|(j, &m)| if m { -((fg[j] as f32) - 1.0) as f64 } else { (bg[j] as f32) as f64 })
        .collect()
}

/// MONAI `BoundaryLoss(...)(input, target)` on `input [B, C, H, W(, D)]`; the target is given as
/// host values of `tshape` (one-hot, or labels with `to_onehot_y`); no gradient flows to it.
pub fn boundary_monai<const D: usize>(input: Tensor<D>, target: &[f64], tshape: &[usize], cfg: &BoundaryConfig) -> Result<LossTensor, LossError> {
    let dims = input.dims();
    if D != 4 && D != 5 {
        return Err(LossError::shape(ID, "logits", "[B, C, H, W] or [B, C, H, W, D] (MONAI supports 2D and 3D only)", fmt_shape(&dims)));
    }
    if cfg.sigmoid && cfg.softmax {
        return Err(LossError::param(ID, "softmax", "at most one of sigmoid and softmax", "both true"));
    }
    numerics::non_empty(ID, "logits", &dims)?;
    let channels = dims[1];
    let p = monai_activation(input, cfg.sigmoid, cfg.softmax);
    let (tvals, tshape) = if cfg.to_onehot_y && channels > 1 {
        let mut ts = tshape.to_vec();
        if ts.len() == D - 1 {
            ts.insert(1, 1);
        }
        monai_one_hot(ID, "targets", target, &ts, channels)?
    } else {
        (target.to_vec(), tshape.to_vec())
    };
    if tshape[..] != dims[..] {
        return Err(LossError::shape(ID, "targets", format!("shape {} (the shape of the prediction)", fmt_shape(&dims)), fmt_shape(&tshape)));
    }
    let (b, s) = (dims[0], dims[2..].iter().product::<usize>());
    let first = if !cfg.include_background && channels > 1 { 1 } else { 0 };
    let c = channels - first;
    let p = p.narrow(1, first, c).reshape([b, c, s]);
    let mut dmap = vec![0.0; b * c * s];
    for bi in 0..b {
        for ch in 0..c {
            let src = (bi * channels + ch + first) * s;
            let m = signed_map(&tvals[src..src + s], &dims[2..]);
            dmap[(bi * c + ch) * s..(bi * c + ch + 1) * s].copy_from_slice(&m);
        }
    }
    let dmap = numerics::tensor_like(&p, dmap, [b, c, s]);
    let mut f = (p * dmap).sum_dim(2).reshape([b, c]).mul_scalar(1.0 / s as f64);
    if cfg.batch {
        f = f.mean_dim(0);
    }
    Ok(match cfg.reduction {
        Reduction::None if cfg.batch => LossTensor::with_shape(f, vec![c]),
        r => reduce(f, r),
    })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    if let Some(f) = c.form().filter(|f| *f != "monai") {
        let _ = f;
        return Err(c.unknown_form(&["monai"]));
    }
    let cfg = BoundaryConfig {
        include_background: c.bool("include_background", true)?,
        to_onehot_y: c.bool("to_onehot_y", false)?,
        sigmoid: c.bool("sigmoid", false)?,
        softmax: c.bool("softmax", false)?,
        batch: c.bool("batch", false)?,
        reduction: c.reduction(Reduction::Mean)?,
    };
    let shape = c.shape("logits")?.to_vec();
    numerics::inputs::check_float(c, "logits")?;
    let t = c.host("targets")?;
    let (tvals, tshape) = (t.as_f64(), t.shape.clone());
    by_rank!(c, "logits", shape.len(), |D| boundary_monai(c.float::<D>("logits")?, &tvals, &tshape, &cfg))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ID;
    use crate::ErrorKind;
    use crate::testing::*;

    fn seg(seed: u64) -> std::collections::BTreeMap<String, crate::eval::HostTensor> {
        let labels: Vec<usize> = (0..2 * 5 * 5).map(|k| ((k * 7 + seed as usize) / 5) % 3).collect();
        let mut t = vec![0.0; 2 * 3 * 25];
        for (k, l) in labels.iter().enumerate() {
            t[((k / 25) * 3 + l) * 25 + k % 25] = 1.0;
        }
        inputs(vec![("logits", randn(&[2, 3, 5, 5], seed, 1.5)), ("targets", f(&[2, 3, 5, 5], &t))])
    }

    #[test]
    fn reference_cases_pass() {
        assert_cases_pass(ID);
    }

    #[test]
    fn value_is_the_formula() {
        // One 1 x 4 image, target (1, 1, 0, 0), probabilities (0.9, 0.6, 0.3, 0.2): the signed
        // map is (-(2 - 1), -(1 - 1), 1, 2) = (-1, 0, 1, 2); mean of p * phi =
        // (-0.9 + 0 + 0.3 + 0.4) / 4 = -0.05.
        let x = inputs(vec![("logits", f(&[1, 1, 1, 4], &[0.9, 0.6, 0.3, 0.2])), ("targets", f(&[1, 1, 1, 4], &[1.0, 1.0, 0.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert!((ev.loss.floats[0] + 0.05).abs() < 1e-12, "{:?}", ev.loss.floats);
        // An empty or full mask has no boundary: its map is 0.
        let x = inputs(vec![("logits", f(&[1, 1, 1, 2], &[0.9, 0.6])), ("targets", f(&[1, 1, 1, 2], &[1.0, 1.0]))]);
        assert_eq!(eval64(ID, None, &params(json!({})), &x).loss.floats[0], 0.0);
    }

    #[test]
    fn gradients_match_finite_differences() {
        assert_gradcheck(ID, None, &params(json!({"softmax": true})), &seg(3));
        assert_gradcheck(ID, None, &params(json!({"sigmoid": true, "include_background": false, "batch": true, "reduction": "sum"})), &seg(4));
        assert_gradcheck(ID, None, &params(json!({"sigmoid": true, "reduction": "none"})), &seg(5));
    }

    #[test]
    fn finite_at_extreme_inputs() {
        for scale in [1e2, 1e4] {
            let mut x = seg(6);
            x.insert("logits".into(), randn(&[2, 3, 5, 5], 7, scale));
            assert_finite(ID, None, &params(json!({"softmax": true})), &x);
            assert_finite(ID, None, &params(json!({"sigmoid": true})), &x);
        }
    }

    #[test]
    fn options_agree_with_their_definitions() {
        let x = seg(2);
        let oh = x["targets"].floats.clone();
        let labels: Vec<f64> = (0..50).map(|k| (0..3).find(|&c| oh[((k / 25) * 3 + c) * 25 + k % 25] == 1.0).unwrap() as f64).collect();
        let b = eval64(ID, None, &params(json!({"softmax": true})), &x);
        for shape in [vec![2, 1, 5, 5], vec![2, 5, 5]] {
            let a = eval64(ID, None, &params(json!({"softmax": true, "to_onehot_y": true})), &inputs(vec![("logits", x["logits"].clone()), ("targets", f(&shape, &labels))]));
            assert!((a.loss.floats[0] - b.loss.floats[0]).abs() < 1e-12);
        }
        let none = eval64(ID, None, &params(json!({"softmax": true, "reduction": "none"})), &x);
        assert_eq!(none.loss.shape, vec![2, 3]);
        let none = eval64(ID, None, &params(json!({"softmax": true, "reduction": "none", "batch": true, "include_background": false})), &x);
        assert_eq!(none.loss.shape, vec![2]);
    }

    #[test]
    fn rejects_bad_inputs() {
        let x = seg(1);
        assert_error(ID, None, &params(json!({"sigmoid": true, "softmax": true})), &x, ErrorKind::Param);
        let three_d = inputs(vec![("logits", randn(&[2, 3, 5], 1, 1.0)), ("targets", f(&[2, 3, 5], &[0.0; 30]))]);
        assert_error(ID, None, &params(json!({})), &three_d, ErrorKind::Shape);
        let mismatch = inputs(vec![("logits", randn(&[2, 3, 5, 5], 1, 1.0)), ("targets", f(&[2, 2, 5, 5], &[0.0; 100]))]);
        assert_error(ID, None, &params(json!({})), &mismatch, ErrorKind::Shape);
        let bad_label = inputs(vec![("logits", randn(&[1, 3, 2, 2], 1, 1.0)), ("targets", f(&[1, 1, 2, 2], &[0.0, 1.0, 2.0, 3.0]))]);
        assert_error(ID, None, &params(json!({"to_onehot_y": true})), &bad_label, ErrorKind::Value);
        let ints = inputs(vec![("logits", i(&[1, 1, 2, 2], &[0, 1, 1, 0])), ("targets", f(&[1, 1, 2, 2], &[0.0; 4]))]);
        assert_error(ID, None, &params(json!({})), &ints, ErrorKind::DType);
        let empty = inputs(vec![("logits", f(&[0, 3, 2, 2], &[])), ("targets", f(&[0, 3, 2, 2], &[]))]);
        assert_error(ID, None, &params(json!({})), &empty, ErrorKind::Empty);
    }
}
