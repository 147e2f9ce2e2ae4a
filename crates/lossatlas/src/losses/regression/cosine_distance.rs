//! Cosine distance: one minus the cosine of the angle between a predicted and a target vector, a
//! scale-invariant regression loss for embeddings, features and directions.

use burn::tensor::{Bool, Tensor};

use crate::catalog::*;
use crate::error::{LossError, fmt_shape};
use crate::eval::{Call, by_rank};
use crate::numerics::elementwise::{self, REDUCTION_NONE, float_input};
use crate::numerics::{self, LossTensor, Reduction, reduce};

const ID: &str = "cosine-distance";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Cosine Distance",
    aliases: &["Cosine Distance Loss", "1 - Cosine Similarity"],
    kind: Kind::Loss,
    domains: &["regression", "metric-learning", "distillation", "self-supervised"],
    year: 1975,
    paper: Paper {
        title: "A Vector Space Model for Automatic Indexing",
        authors: "Salton, G., Wong, A. & Yang, C.S.",
        venue: "Communications of the ACM",
        year: 1975,
        url: "https://doi.org/10.1145/361219.361220",
    },
    summary: "Measures 1 - cos(angle) between each predicted vector and its target: 0 for the same direction, 1 for orthogonal vectors and 2 for opposite ones, whatever their lengths. It is the natural loss when only the direction matters: regressing embeddings or teacher features (distillation), normals and directions, and the core of BYOL- and SimSiam-style objectives. It ignores the norm entirely (combine it with an L2 term if scale matters) and is undefined for a zero vector; optax clips the squared norms at epsilon (0 by default, so zero vectors give NaN).",
    formula: r"\ell = 1 - \sum_d \frac{\hat{y}_d}{\sqrt{\max(\lVert\hat{y}\rVert^2, \epsilon)}}\,\frac{y_d}{\sqrt{\max(\lVert y\rVert^2, \epsilon)}}",
    inputs: &[
        Input { name: "pred", shape: "[*, D] (vectors on `axis`)", meaning: "predicted vectors" },
        Input { name: "target", shape: "as pred", meaning: "target vectors" },
        Input { name: "mask", shape: "as pred", meaning: "optional elements to include (optax's `where`); excluded elements count neither in the norms nor in the dot product" },
    ],
    params: &[
        Param { name: "epsilon", symbol: r"\epsilon", default: Value::Float(0.0), range: Range::NON_NEGATIVE, meaning: "lower clip of the squared norms (the smallest norm is sqrt(epsilon))" },
        Param { name: "axis", symbol: "", default: Value::Int(-1), range: Range::Integer { min: i64::MIN, max: i64::MAX }, meaning: "the axis holding the vector components" },
        REDUCTION_NONE,
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::Yes,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["optax.losses.cosine_distance"],
    related: &["cosine-embedding", "mse", "byol", "simsiam", "fitnets"],
    forms: &[Form { name: "optax", description: "optax cosine_distance(epsilon, axis, where): 1 - <p / sqrt(max(|p|^2, eps)), t / sqrt(max(|t|^2, eps))> per vector along axis (default the last); one value per vector (reduction none by default; mean and sum offered)." }],
    status: Status::Implemented,
    eval: Some(eval),
    ..Entry::BLANK
};

/// Options of optax's `cosine_distance`; `Default` equals optax's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CosineDistanceConfig {
    /// Lower clip of the squared norms (>= 0).
    pub epsilon: f64,
    /// Axis of the vector components; negative counts from the end.
    pub axis: i64,
    pub reduction: Reduction,
}

impl Default for CosineDistanceConfig {
    fn default() -> Self {
        CosineDistanceConfig { epsilon: 0.0, axis: -1, reduction: Reduction::None }
    }
}

fn resolve_axis(axis: i64, rank: usize) -> Result<usize, LossError> {
    let a = if axis < 0 { axis + rank as i64 } else { axis };
    if a < 0 || a >= rank as i64 {
        return Err(LossError::param(ID, "axis", format!("an axis of a rank-{rank} input"), format!("{axis}")));
    }
    Ok(a as usize)
}

/// optax `cosine_distance`: one value per vector along `axis`; `mask` (optax's `where`) keeps
/// only the selected components.
pub fn cosine_distance<const D: usize>(pred: Tensor<D>, target: Tensor<D>, mask: Option<Tensor<D, Bool>>, cfg: &CosineDistanceConfig) -> Result<LossTensor, LossError> {
    numerics::non_negative_param(ID, "epsilon", cfg.epsilon)?;
    let dims = pred.dims();
    numerics::same_shape(ID, "target", &target.dims(), "pred", &dims)?;
    if let Some(m) = &mask {
        numerics::same_shape(ID, "mask", &m.dims(), "pred", &dims)?;
    }
    numerics::non_empty(ID, "pred", &dims)?;
    let axis = resolve_axis(cfg.axis, D)?;
    let (mut a, mut b) = (pred.movedim(axis, D - 1), target.movedim(axis, D - 1));
    if let Some(m) = mask {
        let drop = m.movedim(axis, D - 1).bool_not();
        a = a.mask_fill(drop.clone(), 0.0);
        b = b.mask_fill(drop, 0.0);
    }
    let d = dims[axis];
    let m = dims.iter().product::<usize>() / d;
    let (a, b) = (a.reshape([m, d]), b.reshape([m, d]));
    let an = a.clone().square().sum_dim(1).clamp_min(cfg.epsilon).sqrt().expand([m, d]);
    let bn = b.clone().square().sum_dim(1).clamp_min(cfg.epsilon).sqrt().expand([m, d]);
    let sim = ((a / an) * (b / bn)).sum_dim(1).reshape([m]);
    let per = sim.neg().add_scalar(1.0);
    let mut out_shape = dims.to_vec();
    out_shape.remove(axis);
    Ok(match cfg.reduction {
        Reduction::None => LossTensor::with_shape(per, out_shape),
        r => reduce(per, r),
    })
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form().unwrap_or("optax") {
        "optax" => {
            let cfg = CosineDistanceConfig { epsilon: c.f64("epsilon", 0.0)?, axis: c.i64("axis", -1)?, reduction: c.reduction(Reduction::None)? };
            elementwise::check_same_input_shape(c, "pred", "target")?;
            let shape = c.shape("pred")?.to_vec();
            if c.has("mask") {
                numerics::same_shape(ID, "mask", c.shape("mask")?, "pred", &shape)?;
            }
            resolve_axis(cfg.axis, shape.len())?;
            if shape.is_empty() {
                return Err(LossError::shape(ID, "pred", "vectors (rank >= 1)", fmt_shape(&shape)));
            }
            by_rank!(c, "pred", shape.len(), |R| {
                let mask = if c.has("mask") { Some(c.mask::<R>("mask")?) } else { c.host_opt("mask"); None };
                cosine_distance(float_input::<R>(c, "pred")?, c.float::<R>("target")?, mask, &cfg)
            })
        }
        _ => Err(elementwise::unknown_form(c, &ENTRY)),
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
        let x = inputs(vec![("pred", randn(&[3, 5], 66, 1.0)), ("target", randn(&[3, 5], 67, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({})), &x);
        assert_gradcheck(ID, None, &params(json!({"epsilon": 0.5, "reduction": "mean"})), &x);
        let x = inputs(vec![("pred", randn(&[2, 4, 3], 68, 1.0)), ("target", randn(&[2, 4, 3], 69, 1.0))]);
        assert_gradcheck(ID, None, &params(json!({"axis": 1})), &x);
        let mut xm = x.clone();
        xm.insert("mask".into(), i(&[2, 4, 3], &[1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1]));
        assert_gradcheck(ID, None, &params(json!({"epsilon": 1e-3})), &xm);
    }

    #[test]
    fn value_is_the_formula() {
        // (1, 0) vs (1, 1): 1 - 1/sqrt 2; (2, 0) vs (-3, 0): 2; orthogonal: 1.
        let x = inputs(vec![("pred", f(&[3, 2], &[1.0, 0.0, 2.0, 0.0, 0.0, 5.0])), ("target", f(&[3, 2], &[1.0, 1.0, -3.0, 0.0, 7.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({})), &x);
        assert_eq!(ev.loss.shape, vec![3]);
        assert!((ev.loss.floats[0] - (1.0 - std::f64::consts::FRAC_1_SQRT_2)).abs() < 1e-15);
        assert_eq!(&ev.loss.floats[1..], &[2.0, 1.0]);
        // epsilon clips the squared norm: |p|^2 = 0.01 < 1 -> p is divided by 1, not 0.1.
        let x = inputs(vec![("pred", f(&[2], &[0.1, 0.0])), ("target", f(&[2], &[1.0, 0.0]))]);
        let ev = eval64(ID, None, &params(json!({"epsilon": 1.0})), &x);
        assert!((ev.loss.floats[0] - 0.9).abs() < 1e-15);
        assert_eq!(ev.loss.shape, Vec::<usize>::new());
        // A mask drops components from norms and dot product: only the first stays.
        let x = inputs(vec![("pred", f(&[2], &[1.0, 5.0])), ("target", f(&[2], &[2.0, -7.0])), ("mask", i(&[2], &[1, 0]))]);
        assert!(eval64(ID, None, &params(json!({})), &x).loss.floats[0].abs() < 1e-15);
    }

    #[test]
    fn finite_at_extreme_inputs() {
        let x = inputs(vec![("pred", f(&[3, 2], &[1e-12, 0.0, 1e12, -1e12, 1e-12, 1e12])), ("target", f(&[3, 2], &[1.0, 1.0, 1e-12, 1.0, 1e12, 0.0]))]);
        assert_finite(ID, None, &params(json!({})), &x);
        // A zero vector is NaN without epsilon (as optax), finite with it.
        let z = inputs(vec![("pred", f(&[2], &[0.0, 0.0])), ("target", f(&[2], &[1.0, 0.0]))]);
        assert!(eval64(ID, None, &params(json!({})), &z).loss.floats[0].is_nan());
        assert_finite(ID, None, &params(json!({"epsilon": 1e-12})), &z);
    }

    #[test]
    fn bad_inputs_are_errors() {
        crate::numerics::elementwise::assert_pair_errors(ID, None, &json!({}));
        let good = || inputs(vec![("pred", randn(&[2, 3], 1, 1.0)), ("target", randn(&[2, 3], 2, 1.0))]);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("pred", randn(&[2, 3], 1, 1.0)), ("target", randn(&[3, 2], 2, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &params(json!({})), &inputs(vec![("pred", f(&[0, 3], &[])), ("target", f(&[0, 3], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &params(json!({"epsilon": -1.0})), &good(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"epsilon": "nan"})), &good(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"axis": 2})), &good(), ErrorKind::Param);
        assert_error(ID, None, &params(json!({"axis": -3})), &good(), ErrorKind::Param);
        let mut m = good();
        m.insert("mask".into(), i(&[3], &[1, 0, 1]));
        assert_error(ID, None, &params(json!({})), &m, ErrorKind::Shape);
    }
}
