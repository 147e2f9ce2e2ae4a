//! Gatys style loss: match the Gram matrices (channel co-activation statistics) of a network's
//! feature maps, which capture texture and style regardless of spatial arrangement.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "gram-style",
    name: "Style Loss",
    aliases: &["Gram Matrix Loss", "Style Reconstruction Loss", "Gatys Style Loss"],
    kind: Kind::Loss,
    domains: &["perceptual", "image-translation"],
    year: 2015,
    paper: Paper {
        title: "A Neural Algorithm of Artistic Style",
        authors: "Gatys et al.",
        venue: "",
        year: 2015,
        url: "https://arxiv.org/abs/1508.06576",
    },
    summary: "At selected layers of a fixed pretrained CNN (VGG-19 in the paper), forms the Gram matrix of the feature maps, the inner products between channels summed over positions, and minimizes the squared Frobenius distance to the Gram matrix of the style image, normalized by the squared numbers of channels and positions and summed with per-layer weights. Because positions are summed out, it matches texture statistics rather than layout, and is combined with a content (feature) loss for style transfer. The value depends on the layer choice and on the normalization, which implementations vary (some divide the Gram matrix by C H W first).",
    formula: r"G^{l}_{ij} = \sum_{k} F^{l}_{ik}F^{l}_{jk},\quad E_l = \frac{1}{4 N_l^2 M_l^2}\sum_{i,j}\bigl(G^{l}_{ij} - A^{l}_{ij}\bigr)^2,\quad \mathcal{L}_{\text{style}} = \sum_{l} w_l\,E_l",
    inputs: &[
        Input { name: "features", shape: "[N, C_l, H_l, W_l] per layer", meaning: "feature maps of the generated image at each style layer (N_l = C_l channels, M_l = H_l W_l positions)" },
        Input { name: "target_features", shape: "[N, C_l, H_l, W_l] per layer", meaning: "feature maps of the style image at the same layers (A = their Gram matrices)" },
    ],
    params: &[
        Param { name: "layer_weights", symbol: "w_l", default: Value::Null, range: Range::Reals { min: 0.0, max: f64::INFINITY }, meaning: "weight per style layer (the paper weights its five layers equally)" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &["piq.StyleLoss"],
    related: &["perceptual", "content", "adain-style", "total-variation", "contextual"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given feature maps it is a function of tensors; the pretrained network that produces them stays with the caller"),
    eval: None,
    ..Entry::BLANK
};
