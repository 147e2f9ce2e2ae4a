//! Bending energy: the mean squared second derivatives of a displacement field, a smoothness
//! regularizer for deformable registration.

use burn::tensor::Tensor;

use crate::catalog::*;
use crate::error::LossError;
use crate::eval::{by_rank, Call};
use crate::numerics::ddf::{check_field, component_scale, read_field, second_derivative};
use crate::numerics::{reduce, LossTensor, Reduction};

const ID: &str = "bending-energy";

pub const ENTRY: Entry = Entry {
    id: ID,
    name: "Bending Energy",
    aliases: &["Bending Energy Loss", "Thin-Plate Bending Energy"],
    kind: Kind::Loss,
    domains: &["registration", "medical"],
    year: 1999,
    paper: Paper {
        title: "Nonrigid registration using free-form deformations: application to breast MR images",
        authors: "Rueckert, D., Sonoda, L.I., Hayes, C., Hill, D.L.G., Leach, M.O., Hawkes, D.J.",
        venue: "IEEE TMI",
        year: 1999,
        url: "https://doi.org/10.1109/42.796284",
    },
    summary: "Penalizes the curvature of a predicted displacement field through the sum of squared second partial derivatives (with the mixed terms counted twice), the thin-plate bending energy. It discourages folding and non-physical local deformations while leaving affine motions unpenalized, and is added with a small weight to an image similarity loss. MONAI uses central differences on the interior, so a field needs at least 5 voxels per axis.",
    formula: r"L = \operatorname{mean}\Big(\sum_{i} \Big(\frac{\partial^2 u}{\partial x_i^2}\Big)^2 + 2\sum_{i<j}\Big(\frac{\partial^2 u}{\partial x_i\,\partial x_j}\Big)^2\Big)",
    inputs: &[
        Input { name: "pred", shape: "[B, ndim, *spatial]", meaning: "dense displacement field, one channel per spatial axis" },
    ],
    params: &[
        Param { name: "normalize", symbol: "", default: Value::Bool(false), range: Range::Bool, meaning: "scale each derivative by the size of its axis (makes the value independent of the image size)" },
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
        "monai.losses.BendingEnergyLoss",
    ],
    related: &["diffusion-regularization", "total-variation", "local-normalized-cross-correlation"],
    forms: &[
        Form { name: "default", description: "monai.losses.BendingEnergyLoss(normalize, reduction) as of MONAI 1.5: second derivatives by the compact stencils [1, -2, 1] and (x[i+1,j+1] - x[i+1,j-1] - x[i-1,j+1] + x[i-1,j-1]) / 4 on the interior (older MONAI applied (x[i+1] - x[i-1]) / 2 twice); normalize multiplies a derivative of component c along axes a, b by size_a size_b / size_c; mean over elements." },
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

/// MONAI `BendingEnergyLoss(normalize, reduction)(pred)` (MONAI >= 1.5, compact stencils):
/// squared second derivatives, mixed ones counted twice; per element `[B, ndim, *(spatial - 2)]`
/// before the reduction.
pub fn bending_energy<const D: usize>(pred: Tensor<D>, normalize: bool, reduction: Reduction) -> Result<LossTensor, LossError> {
    let shape = pred.dims();
    check_field(ID, &shape, 2)?;
    let sizes = &shape[2..];
    let mut energy: Option<Tensor<D>> = None;
    for d1 in 2..D {
        for d2 in d1..D {
            let mut h = second_derivative(pred.clone(), d1, d2);
            if normalize {
                h = h.clone() * component_scale(&h, sizes, (shape[d1] * shape[d2]) as f64);
            }
            let weight = if d1 == d2 { 1.0 } else { 2.0 };
            let sq = (h.clone() * h).mul_scalar(weight);
            energy = Some(match energy.take() {
                Some(e) => e + sq,
                None => sq,
            });
        }
    }
    Ok(reduce(energy.expect("at least one spatial axis"), reduction))
}

fn eval(c: &Call) -> Result<LossTensor, LossError> {
    match c.form() {
        None | Some("default") => {}
        Some(_) => return Err(c.unknown_form(&["default"])),
    }
    let (normalize, reduction, shape) = read_field(ID, c, 2)?;
    by_rank!(c, "pred", shape.len(), |R| bending_energy(c.float::<R>("pred")?, normalize, reduction))
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
        // exact for quadratics, so (unnormalized) with MONAI's compact stencils each element of the x component is (2a)^2 + 2 b^2 and of the y component (2c)^2.
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
        let want = ((2.0 * a) * (2.0 * a) + 2.0 * b * b + (2.0 * cc) * (2.0 * cc)) / 2.0;
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
