//! Bending energy: the mean squared second derivatives of a displacement field, a smoothness
//! regularizer for deformable registration.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "bending-energy",
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
        Form { name: "default", description: "monai.losses.BendingEnergyLoss(normalize, reduction): derivatives by central differences (x[i+1] - x[i-1]) / 2 applied twice on the interior; mean over elements." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
