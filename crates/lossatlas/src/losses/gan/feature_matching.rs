//! Feature matching: train the generator to match the mean of an intermediate discriminator
//! layer on real data, instead of directly fooling the discriminator's output.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "feature-matching",
    name: "Feature Matching Loss",
    aliases: &["GAN Feature Matching"],
    kind: Kind::Loss,
    domains: &["gan", "semi-supervised"],
    year: 2016,
    paper: Paper {
        title: "Improved Techniques for Training GANs",
        authors: "Salimans et al.",
        venue: "NeurIPS 2016",
        year: 2016,
        url: "https://arxiv.org/abs/1606.03498",
    },
    summary: "A generator objective that matches first moments: the squared distance between the batch mean of discriminator features f(x) on real data and on generated data. It gives the generator a stationary target while the discriminator is trained as usual, which stabilizes training and worked well for GAN-based semi-supervised classification. Matching only means can leave other statistics free, so sample quality may lag the standard loss. Note that later work (pix2pixHD, SPADE) and torchgan's FeatureMatchingGeneratorLoss use a per-sample L1 or L2 distance between features of paired real and fake images, which is a different quantity.",
    formula: r"\mathcal{L}_G = \Big\lVert \frac{1}{N}\sum_{i=1}^{N} f(x_i) - \frac{1}{M}\sum_{j=1}^{M} f(G(z_j)) \Big\rVert_2^2",
    inputs: &[
        Input { name: "real_features", shape: "[N, F]", meaning: "intermediate discriminator activations on real samples (flattened)" },
        Input { name: "fake_features", shape: "[M, F]", meaning: "the same activations on generated samples" },
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
    related: &["gan-non-saturating", "gan-minimax", "mmd", "perceptual", "spade"],
    status: Status::Planned("no reference cases; a squared distance between feature means, evaluator pending"),
    eval: None,
    ..Entry::BLANK
};
