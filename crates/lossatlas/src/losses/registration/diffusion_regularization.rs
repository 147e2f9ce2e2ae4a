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
    plot: Some(PlotSpec { x_label: "displacement at the centre of a 7 x 7 field (x component)", from: -2.0, to: 2.0, at: crate::numerics::ddf::plot_bump }),
    ..Entry::BLANK
};

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
    #[test]
    fn reference_cases_values_gradients_extremes_and_errors() {
        crate::numerics::ddf::check_field_entry(super::ID, |h, w, a, b, cc| {
            // Central differences are exact for quadratics: the mean of the squared exact
            // first derivatives over the interior, both components.
            let mut want = 0.0;
            for i in 1..h - 1 {
                for j in 1..w - 1 {
                    let (y, x) = (i as f64, j as f64);
                    want += (2.0 * a * x + b * y).powi(2) + (b * x).powi(2) + (2.0 * cc * y).powi(2);
                }
            }
            want / (2 * (h - 2) * (w - 2)) as f64
        });
    }
}
