//! Autoencoder reconstruction loss: squared error between an input and its reconstruction through a
//! low-dimensional bottleneck; trained on normal data, the same error serves as an anomaly score.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "autoencoder-reconstruction",
    name: "Autoencoder Reconstruction Loss",
    aliases: &["Reconstruction Error", "Autoencoder Anomaly Score"],
    kind: Kind::Loss,
    domains: &["anomaly-multimodal"],
    year: 2003,
    paper: Paper {
        title: "Reducing the Dimensionality of Data with Neural Networks",
        authors: "Geoffrey E. Hinton, Ruslan R. Salakhutdinov",
        venue: "Science",
        year: 2006,
        url: "https://www.science.org/doi/10.1126/science.1127647",
    },
    summary: "Trains an encoder-decoder to reproduce its input through a bottleneck, usually with mean squared error; trained on normal data only, inputs it reconstructs poorly are flagged as anomalies. It needs no labels and is the baseline of reconstruction-based anomaly detection. Its known weakness is that a capable autoencoder also reconstructs anomalies well, and pixel-wise error is sensitive to small misalignments; structural (SSIM) or feature-space errors are common alternatives. Hinton and Salakhutdinov popularized deep autoencoders; the idea is older.",
    formula: r"\ell(x) = \bigl\lVert x - g_\phi(f_\theta(x)) \bigr\rVert_2^2,\quad \text{anomaly score } s(x) = \ell(x)",
    inputs: &[
        Input { name: "pred", shape: "[N, *]", meaning: "reconstruction g(f(x))" },
        Input { name: "target", shape: "[N, *]", meaning: "input x" },
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
    related: &["mse", "deep-svdd", "dagmm", "draem", "vq-vae"],
    status: Status::Planned("the mean squared error between input and reconstruction; no reference cases yet"),
    eval: None,
    ..Entry::BLANK
};
