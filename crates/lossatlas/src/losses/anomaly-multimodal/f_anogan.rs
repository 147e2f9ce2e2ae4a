//! f-AnoGAN: a Wasserstein GAN trained on normal images plus an encoder trained to invert the
//! generator; the anomaly score combines image reconstruction error and discriminator-feature
//! residual.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "f-anogan",
    name: "f-AnoGAN Loss",
    aliases: &["fast AnoGAN"],
    kind: Kind::Method,
    domains: &["anomaly-multimodal"],
    year: 2019,
    paper: Paper {
        title: "f-AnoGAN: Fast Unsupervised Anomaly Detection with Generative Adversarial Networks",
        authors: "Thomas Schlegl, Philipp Seeböck, Sebastian M. Waldstein, Georg Langegger, Ursula Schmidt-Erfurth",
        venue: "Medical Image Analysis",
        year: 2019,
        url: "https://doi.org/10.1016/j.media.2019.01.010",
    },
    summary: "First trains a WGAN-GP on normal data only, then freezes it and trains an encoder E so that G(E(x)) reconstructs x, minimizing pixel MSE plus kappa times the MSE of discriminator features (the izi_f architecture, kappa = 1). The same quantity scores anomalies at test time in a single forward pass, replacing AnoGAN's slow per-image latent optimization. Quality depends on the GAN covering the normal distribution; mode collapse turns normal variation into false alarms.",
    formula: r"\mathcal{L}_{izi_f}(x) = \frac{1}{n}\bigl\lVert x - G(E(x)) \bigr\rVert^2 + \frac{\kappa}{n_d}\bigl\lVert f(x) - f(G(E(x))) \bigr\rVert^2,\quad A(x) = \mathcal{L}_{izi_f}(x)",
    params: &[
        Param { name: "kappa", symbol: r"\kappa", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the discriminator-feature residual" },
    ],
    properties: Properties {
        convex: Tri::Unknown,
        bounded: Tri::Unknown,
        smooth: Tri::Unknown,
        robust_to_outliers: Tri::Unknown,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::NotApplicable,
    },
    related: &["autoencoder-reconstruction", "wgan-gp", "feature-matching"],
    uses: &["wgan-gp", "mse"],
    status: Status::NotExecutable("needs a trained generator, discriminator and encoder"),
    eval: None,
    ..Entry::BLANK
};
