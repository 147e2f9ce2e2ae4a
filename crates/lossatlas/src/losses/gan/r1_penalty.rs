//! R1 regularization: a zero-centred gradient penalty on the discriminator at real data, which
//! makes GAN training locally convergent.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "r1-penalty",
    name: "R1 Regularization",
    aliases: &["R1 Penalty", "R1 Gradient Penalty", "Zero-Centered Gradient Penalty"],
    kind: Kind::Penalty,
    domains: &["gan", "regularization"],
    year: 2018,
    paper: Paper {
        title: "Which Training Methods for GANs do actually Converge?",
        authors: "Mescheder et al.",
        venue: "ICML 2018",
        year: 2018,
        url: "https://arxiv.org/abs/1801.04406",
    },
    summary: "Adds gamma/2 times the mean squared norm of the discriminator's gradient with respect to its input, evaluated on real samples only, to the discriminator loss. Penalizing the gradient towards zero (not towards 1 as in wgan-gp) keeps the discriminator flat on the data manifold once the generator matches it, which the paper shows gives local convergence where unregularized GANs oscillate. It is the default regularizer of StyleGAN2 and its successors, usually applied lazily every 16 steps with gamma scaled up accordingly; gamma is dataset-dependent (10 is common for faces, much smaller for low-resolution data). R2 is the same penalty on generated samples.",
    formula: r"R_1(\psi) = \frac{\gamma}{2}\, \mathbb{E}_{x \sim p_{\text{data}}}\big[\lVert \nabla_x D_\psi(x) \rVert_2^2\big]",
    inputs: &[
        Input { name: "gradients", shape: "[N, *]", meaning: "gradient of the discriminator output with respect to each real input (one row per sample)" },
    ],
    params: &[
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(10.0), range: Range::NON_NEGATIVE, meaning: "penalty weight (r1_gamma in StyleGAN2-ADA, whose loss defaults to 10; tuned per dataset)" },
    ],
    properties: Properties {
        convex: Tri::Yes,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Parameters,
    },
    related: &["wgan-gp", "path-length", "gan-non-saturating", "spectral-normalization", "stargan-v2", "swapping-autoencoder"],
    status: Status::Planned("executable given the discriminator's input gradients on real data as an input; no reference cases"),
    eval: None,
    ..Entry::BLANK
};
