//! Total variation: the summed absolute differences between neighbouring pixels, a prior that
//! favours piecewise-constant images and suppresses high-frequency noise.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "total-variation",
    name: "Total Variation (TV) Loss",
    aliases: &["Total Variation Loss", "TV Loss", "TV Regularizer", "Anisotropic Total Variation"],
    kind: Kind::Loss,
    domains: &["image-translation", "super-resolution", "regularization", "perceptual"],
    year: 1992,
    paper: Paper {
        title: "Nonlinear Total Variation Based Noise Removal Algorithms",
        authors: "Rudin, L.I., Osher, S. & Fatemi, E.",
        venue: "Physica D: Nonlinear Phenomena",
        year: 1992,
        url: "https://doi.org/10.1016/0167-2789(92)90242-F",
    },
    summary: "Sums the absolute vertical and horizontal differences of neighbouring pixels of one image (no target), which penalizes noise and ringing while allowing sharp edges, unlike a squared-gradient penalty. It is used as a smoothness regularizer in style transfer, image generation, denoising and inversion. This is the anisotropic (L1) form; the isotropic form takes the norm of the gradient vector per pixel. The absolute value has a kink at zero difference, and the value scales with image size unless it is averaged.",
    formula: r"\operatorname{TV}(x) = \sum_{c}\sum_{i,j}\bigl|x_{c,i+1,j} - x_{c,i,j}\bigr| + \bigl|x_{c,i,j+1} - x_{c,i,j}\bigr|",
    inputs: &[
        Input { name: "pred", shape: "[N, C, H, W] (kornia: [*, H, W])", meaning: "the image(s) to regularize" },
    ],
    params: &[
        Param { name: "reduction", symbol: "", default: Value::Str("sum"), range: Range::Choice { values: &["sum", "mean", "none"] }, meaning: "kornia: sum, or mean of each difference term over its own count (no none); torchmetrics: per-image sums combined by sum, mean or none" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Yes,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &["kornia.losses.total_variation", "kornia.losses.TotalVariation", "torchmetrics.functional.total_variation", "tf.image.total_variation"],
    related: &["edge-aware-smoothness", "gradient-difference", "l1", "perceptual", "gram-style"],
    forms: &[
        Form { name: "kornia", description: "kornia.losses.total_variation(pred, reduction): anisotropic L1 variation over the last two axes only, keeping every leading axis ((N, C) for a batch; channels not summed); 'sum' adds the differences, 'mean' averages the vertical term over (H - 1) W and the horizontal over H (W - 1) and adds the two means." },
        Form { name: "torchmetrics", description: "torchmetrics.functional.total_variation(pred, reduction): per image the sum over channels of |dx| + |dy|; 'sum' over the batch, 'mean' averages the per-image sums, 'none' returns [N]." },
    ],
    status: Status::Planned("implementation pending; reference cases exist"),
    eval: None,
    ..Entry::BLANK
};
