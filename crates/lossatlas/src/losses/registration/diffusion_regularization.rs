//! Diffusion regularizer: the mean squared first spatial derivatives of a displacement field.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "diffusion-regularization",
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
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
