//! Diffusion regularizer: the mean squared first spatial derivatives of a displacement field.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{by_rank, Call};
use crate::numerics::ddf::{check_field, component_scale, read_field, spatial_gradient};
use crate::numerics::{reduce, LossTensor, Reduction};

const ID: &str = "diffusion-regularization";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Diffusion Regularization",
    aliases: &["Diffusion Loss", "Gradient Smoothness Loss"],
    kind: Kind::Loss,
    domains: &["registration", "medical"],
    year: 2019,
    paper: Paper {
        title: "VoxelMorph: A Learning Framework for Deformable Medical Image Registration",
        authors: "Balakrishnan, G., Zhao, A., Sabuncu, M.R., Guttag, J., Dalca, A.V.",
        venue: "IEEE TMI",
        year: 2019,
        url: "https://arxiv.org/abs/1809.05231",
    },
    summary: "Penalizes the squared spatial gradient of the displacement field (a diffusion or membrane-energy smoothness prior), the regularizer VoxelMorph pairs with its image similarity loss. It is cheaper than bending energy but also penalizes affine motion. MONAI uses central differences on the interior voxels.",
    formula: r"L = \operatorname{mean}\Big(\sum_{i} \Big(\frac{\partial u}{\partial x_i}\Big)^2\Big)",
    inputs: &[
        Input { name: "pred", shape: "[B, ndim, *spatial]", meaning: "dense displacement field, one channel per spatial axis" },
    ],
    params: &[
        Param { name: "normalize", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "scale each derivative by the size of its axis" },
        Param::REDUCTION_MEAN,
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[
        "monai.losses.DiffusionLoss",
    ],
    related: &["bending-energy", "total-variation"],
    forms: &[
        Form { name: "default", description: "monai.losses.DiffusionLoss(normalize, reduction): central differences (x[i+1] - x[i-1]) / 2 on the interior, squared, summed over axes, then reduced." },
    ],
    status: Status::Implemented,
    eval: Some(eval),
    plot: Some(PlotSpec { x_label: "displacement at the centre of a 7 x 7 field (x component)", from: -2.0, to: 2.0, at: plot_at }),
    ..Entry::BLANK
};

/// A 7 x 7 field, zero but for a bump at the centre of its x component.
fn plot_at(x: f64) -> PlotInput {
    let mut v = vec![0.0; 2 * 49];
    v[24] = x;
    PlotInput { form: None, params: serde_json::json!({}), inputs: vec![("pred", crate::eval::HostTensor::from_f64(vec![1, 2, 7, 7], v))], wrt: "pred", index: 24 }
}

/// MONAI `DiffusionLoss(normalize, reduction)(pred)`: squared first derivatives by central
/// differences summed over the spatial axes; per element `[B, ndim, *(spatial - 2)]` before the
/// reduction.
pub fn diffusion<const D: usize>(pred: Tensor<D>, normalize: bool, reduction: Reduction) -> Result<LossTensor, LossError> {
    let shape = pred.dims();
    check_field(ID, &shape, 2)?;
    let sizes = &shape[2..];
    let mut total: Option<Tensor<D>> = None;
    for d in 2..D {
        let mut g = spatial_gradient(pred.clone(), d);
        if normalize {
            g = g.clone() * component_scale(&g, sizes, shape[d] as f64);
        }
        let sq = g.clone() * g;
        total = Some(match total.take() {
            Some(t) => t + sq,
            None => sq,
        });
    }
    Ok(reduce(total.expect("at least one spatial axis"), reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("default") => {}
        Some(_) => return Err(c.unknown_form(&["default"])),
    }
    let (normalize, reduction, shape) = read_field(ID, c, 2)?;
    by_rank!(c, "pred", shape.len(), |R| diffusion(c.float::<R>("pred")?, normalize, reduction))
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
    fn value_is_the_formula() {
        // A quadratic field u_x = a x^2 + b x y, u_y = c y^2 on a grid: central differences are
        // exact for quadratics, so (unnormalized) the mean of the squared exact derivatives over the interior.
        let (h, w) = (6usize, 7usize);
        let (a, b, cc) = (0.3, -0.7, 0.5);
        let mut v = vec![0.0; 2 * h * w];
        for i in 0..h {
            for j in 0..w {
                let (y, x) = (i as f64, j as f64);
                v[i * w + j] = a * x * x + b * x * y;
                v[h * w + i * w + j] = cc * y * y;
            }
        }
        let ev = eval64(ID, None, &params(json!({})), &inputs(vec![("pred", f(&[1, 2, h, w], &v))]));
        let mut want = 0.0;
        for i in 1..h - 1 {
            for j in 1..w - 1 {
                let (y, x) = (i as f64, j as f64);
                want += (2.0 * a * x + b * y).powi(2) + (b * x).powi(2) + (2.0 * cc * y).powi(2);
            }
        }
        want /= (2 * (h - 2) * (w - 2)) as f64;
        assert!((ev.loss.floats[0] - want).abs() < 1e-12, "{:?} vs {want}", ev.loss.floats);
    }

    #[test]
    fn gradients_match_finite_differences() {
        for (shape, normalize) in [(vec![1, 1, 7], false), (vec![2, 2, 6, 7], true), (vec![1, 3, 5, 6, 5], false), (vec![1, 3, 5, 6, 5], true)] {
            assert_gradcheck(ID, None, &params(json!({"normalize": normalize, "reduction": "sum"})), &inputs(vec![("pred", randn(&shape, 4, 1.0))]));
        }
    }

    #[test]
    fn reductions_extremes_and_bad_inputs() {
        let x = inputs(vec![("pred", randn(&[2, 2, 7, 8], 1, 1.0))]);
        let none = eval64(ID, None, &params(json!({"reduction": "none"})), &x);
        assert_eq!(none.loss.shape, vec![2, 2, 7 - 2 * 1, 8 - 2 * 1]);
        let mean = eval64(ID, None, &params(json!({})), &x).loss.floats[0];
        assert!((mean - none.loss.floats.iter().sum::<f64>() / none.loss.floats.len() as f64).abs() < 1e-12);
        for scale in [1e-12, 1e12] {
            assert_finite(ID, None, &params(json!({"normalize": true})), &inputs(vec![("pred", randn(&[1, 2, 7, 7], 2, scale))]));
        }
        let p = params(json!({}));
        assert_error(ID, None, &p, &inputs(vec![("pred", randn(&[1, 3, 7, 7], 1, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("pred", randn(&[1, 2, 7, 2 * 1], 1, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("pred", randn(&[2, 7], 1, 1.0))]), ErrorKind::Shape);
        assert_error(ID, None, &p, &inputs(vec![("pred", f(&[0, 2, 7, 7], &[]))]), ErrorKind::Empty);
        assert_error(ID, None, &p, &inputs(vec![("pred", i(&[1, 1, 7], &[0; 7]))]), ErrorKind::DType);
        assert_error(ID, None, &params(json!({"normalize": "yes"})), &x, ErrorKind::Param);
    }
}
