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
    plot: Some(PlotSpec { x_label: "displacement at the centre of a 7 x 7 field (x component)", from: -2.0, to: 2.0, at: crate::numerics::ddf::plot_bump }),
    ..Entry::BLANK
};

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
    #[test]
    fn reference_cases_values_gradients_extremes_and_errors() {
        crate::numerics::ddf::check_field_entry(super::ID, |_, _, a, b, cc| {
            // Compact stencils are exact for quadratics: each element of the x component is
            // (2a)^2 + 2 b^2 and of the y component (2c)^2; the mean over both components.
            ((2.0 * a) * (2.0 * a) + 2.0 * b * b + (2.0 * cc) * (2.0 * cc)) / 2.0
        });
    }
}
