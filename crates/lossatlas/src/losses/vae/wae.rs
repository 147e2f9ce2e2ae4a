//! Wasserstein autoencoder: reconstruction cost plus a divergence between the aggregate
//! distribution of encoded latents and the prior, estimated here with an MMD.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "wae",
    name: "WAE Loss",
    aliases: &["Wasserstein Auto-Encoder Loss", "WAE-MMD"],
    kind: Kind::Loss,
    domains: &["vae"],
    year: 2018,
    paper: Paper {
        title: "Wasserstein Auto-Encoders",
        authors: "Tolstikhin et al.",
        venue: "ICLR",
        year: 2018,
        url: "https://arxiv.org/abs/1711.01558",
    },
    summary: "Minimizes a relaxation of the optimal-transport cost between data and model distributions: a reconstruction cost (squared error) plus lambda times a divergence that matches the aggregate posterior of all encoded points to the prior, not each posterior separately as the VAE's KL does. This lets different inputs keep distinct latent codes and gives sharper samples. WAE-MMD uses an unbiased maximum mean discrepancy with an inverse multiquadratic kernel between encoded latents and samples from the prior; WAE-GAN uses a latent-space discriminator instead (not covered here). MMD estimates are noisy for small batches.",
    formula: r"\mathcal{L} = \frac{1}{n}\sum_{i}\lVert x_i - G(z_i)\rVert_2^2 + \frac{\lambda}{n(n-1)}\sum_{l \ne j}\bigl(k(\tilde z_l, \tilde z_j) + k(z_l, z_j)\bigr) - \frac{2\lambda}{n^2}\sum_{l,j}k(z_l, \tilde z_j),\quad k(a, b) = \frac{C}{C + \lVert a - b\rVert_2^2},\ C = 2 d_z \sigma_z^2",
    inputs: &[
        Input { name: "pred", shape: "[N, *]", meaning: "reconstructions G(z)" },
        Input { name: "target", shape: "[N, *]", meaning: "inputs x" },
        Input { name: "z", shape: "[N, d_z]", meaning: "encoded latents" },
        Input { name: "z_prior", shape: "[N, d_z]", meaning: "samples from the prior, no gradient" },
    ],
    params: &[
        Param { name: "reg_weight", symbol: r"\lambda", default: Value::Float(100.0), range: Range::NON_NEGATIVE, meaning: "weight of the latent divergence (PyTorch-VAE WAE_MMD default; the paper tunes it per dataset)" },
        Param { name: "latent_var", symbol: r"\sigma_z^2", default: Value::Float(2.0), range: Range::POSITIVE, meaning: "prior variance used in the kernel scale C (PyTorch-VAE WAE_MMD default)" },
        Param { name: "kernel_type", symbol: "", default: Value::Str("imq"), range: Range::Choice { values: &["imq", "rbf"] }, meaning: "MMD kernel: inverse multiquadratic (paper) or Gaussian" },
    ],
    properties: Properties {
        convex: Tri::No,
        bounded: Tri::No,
        smooth: Tri::Yes,
        robust_to_outliers: Tri::No,
        suits_imbalance: Tri::No,
        suits_label_noise: Tri::No,
        operand: Operand::Values,
    },
    equivalents: &[],
    related: &["elbo", "mmd", "beta-vae", "earth-movers"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
