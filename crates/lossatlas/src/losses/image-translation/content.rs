//! Content loss (neural style transfer): squared error between deep feature maps of the generated
//! image and of the content image at one layer of a pretrained CNN.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "content",
    name: "Content Loss",
    aliases: &["Gatys Content Loss", "Feature Reconstruction Loss"],
    kind: Kind::Loss,
    domains: &["image-translation", "perceptual"],
    year: 2015,
    paper: Paper {
        title: "A Neural Algorithm of Artistic Style",
        authors: "Leon A. Gatys, Alexander S. Ecker, Matthias Bethge",
        venue: "",
        year: 2015,
        url: "https://arxiv.org/abs/1508.06576",
    },
    summary: "Half the summed squared difference between the feature maps F (generated image) and P (content image) at one layer of a VGG network (conv4_2 of VGG-19 in the paper), so that the output keeps the content image's spatial arrangement while a Gram-matrix style loss imposes texture. Deeper layers preserve layout but not exact pixels. It is the same quantity that Johnson et al. later called the feature reconstruction (perceptual) loss for training feed-forward networks; its scale depends on the layer and the chosen normalization, so weights are not portable between implementations.",
    formula: r"\mathcal{L}_{\text{content}}(\vec p, \vec x, l) = \frac{1}{2}\sum_{i,j}\big(F^{l}_{ij} - P^{l}_{ij}\big)^2",
    inputs: &[
        Input { name: "features", shape: "[N, C, H, W]", meaning: "feature map of the generated image at layer l" },
        Input { name: "target_features", shape: "[N, C, H, W]", meaning: "feature map of the content image at the same layer (no gradient)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    related: &["gram-style", "perceptual", "adain-style", "lpips", "mse"],
    status: Status::Planned("executable on given feature maps; the atlas ships no VGG weights and there are no reference cases"),
    eval: None,
    ..Entry::BLANK
};
