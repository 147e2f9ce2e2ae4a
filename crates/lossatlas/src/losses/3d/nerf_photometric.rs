//! NeRF's photometric loss: squared error between the colour rendered along each camera ray and the
//! pixel's true colour, for both the coarse and the fine network.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "nerf-photometric",
    name: "NeRF Photometric Loss",
    aliases: &["NeRF Rendering Loss"],
    kind: Kind::Loss,
    domains: &["3d"],
    year: 2020,
    paper: Paper {
        title: "NeRF: Representing Scenes as Neural Radiance Fields for View Synthesis",
        authors: "Mildenhall et al.",
        venue: "ECCV",
        year: 2020,
        url: "https://arxiv.org/abs/2003.08934",
    },
    summary: "Renders a batch of camera rays through the radiance field by volume rendering and sums the squared colour errors of the coarse and the fine network against the ground-truth pixels; the coarse term is kept so that its density estimates stay good for the hierarchical sampling of the fine network. Only multi-view images with known camera poses are needed as supervision. The loss compares colours only, so geometry is constrained indirectly and can be wrong with few views.",
    formula: r"\mathcal{L} = \sum_{\mathbf{r} \in \mathcal{R}}\Bigl[\lVert \hat C_c(\mathbf{r}) - C(\mathbf{r}) \rVert_2^2 + \lVert \hat C_f(\mathbf{r}) - C(\mathbf{r}) \rVert_2^2\Bigr]",
    inputs: &[
        Input { name: "pred", shape: "[R, 3]", meaning: "colours rendered by the coarse network for a batch of rays" },
        Input { name: "pred_fine", shape: "[R, 3]", meaning: "colours rendered by the fine network" },
        Input { name: "target", shape: "[R, 3]", meaning: "ground-truth pixel colours" },
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
    related: &["mse", "gaussian-splatting", "occupancy", "deepsdf"],
    status: Status::Planned("squared error on rendered colours (the rendering needs the radiance-field model); no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
