//! Contextual loss: compare two sets of deep features as distributions, matching each target
//! feature to its most similar source feature, so the images need not be aligned.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "contextual",
    name: "Contextual Loss",
    aliases: &["CX Loss"],
    kind: Kind::Loss,
    domains: &["super-resolution", "image-translation", "perceptual"],
    year: 2018,
    paper: Paper {
        title: "The Contextual Loss for Image Transformation with Non-Aligned Data",
        authors: "Mechrez et al.",
        venue: "ECCV",
        year: 2018,
        url: "https://arxiv.org/abs/1803.02077",
    },
    summary: "Treats the feature vectors of the generated and target images (VGG-19 features in the paper) as two sets. Cosine distances between all pairs, computed after centering on the target's mean feature, are normalized by each source feature's nearest distance, turned into affinities with a bandwidth h and row-normalized; the contextual similarity averages, over target features, the best affinity to any source feature, and the loss is its negative log. It needs no spatial correspondence, which suits style transfer, domain translation and super-resolution with misaligned pairs, but it costs memory quadratic in the number of positions, so features are usually subsampled.",
    formula: r"\tilde d_{ij} = \frac{d_{ij}}{\min_{k} d_{ik} + \epsilon},\quad w_{ij} = e^{(1 - \tilde d_{ij})/h},\quad CX_{ij} = \frac{w_{ij}}{\sum_{k} w_{ik}},\quad \mathcal{L}_{CX}(x, y) = -\log\Bigl(\frac{1}{N}\sum_{j}\max_{i} CX_{ij}\Bigr)",
    inputs: &[
        Input { name: "features", shape: "[N, C, H, W]", meaning: "feature map of the generated image (its H W positions are the source set, index i)" },
        Input { name: "target_features", shape: "[N, C, H', W']", meaning: "feature map of the target image (the target set, index j); d_ij is the cosine distance" },
    ],
    params: &[
        Param { name: "band_width", symbol: "h", default: Value::Float(0.5), range: Range::POSITIVE, meaning: "bandwidth of the exponential affinity (0.5 in the authors' released configuration)" },
        Param { name: "eps", symbol: r"\epsilon", default: Value::Float(1e-5), range: Range::POSITIVE, meaning: "stabilizer in the relative-distance normalization" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::No,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Embeddings,
    },
    equivalents: &[],
    related: &["perceptual", "gram-style", "patchnce", "chamfer"],
    forms: &[],
    status: Status::Planned("not implemented yet: on given feature maps it is a function of tensors; the pretrained network that produces them stays with the caller"),
    eval: None,
    ..Entry::BLANK
};
