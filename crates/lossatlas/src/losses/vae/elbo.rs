//! The negative evidence lower bound of a variational autoencoder: reconstruction error plus
//! the KL divergence from the approximate posterior to the prior.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "elbo",
    name: "ELBO",
    aliases: &["VAE Loss", "Evidence Lower Bound", "Negative ELBO"],
    kind: Kind::Loss,
    domains: &["vae", "uncertainty"],
    year: 2013,
    paper: Paper {
        title: "Auto-Encoding Variational Bayes",
        authors: "Kingma, D.P. & Welling, M.",
        venue: "ICLR",
        year: 2013,
        url: "https://arxiv.org/abs/1312.6114",
    },
    summary: "Minimizes the negative evidence lower bound: the expected negative log-likelihood of the data under the decoder, estimated with one reparameterized sample z = mu + sigma * eps, plus the KL divergence from the encoder's diagonal Gaussian to the standard normal prior, which has a closed form. With a Gaussian decoder of fixed variance the reconstruction term is a scaled squared error, with a Bernoulli decoder a binary cross-entropy; the relative scale of the two terms (and whether they are summed or averaged over pixels) changes the trade-off between sharp reconstructions and a well-used latent space. Posterior collapse (KL near zero, latents ignored) is the common failure, countered by KL warm-up or free bits.",
    formula: r"\mathcal{L} = \underbrace{-\log p_\theta(x \mid z)}_{\text{reconstruction}} + w\,D_{\mathrm{KL}}\bigl(\mathcal{N}(\mu, \sigma^2) \,\Vert\, \mathcal{N}(0, I)\bigr),\quad D_{\mathrm{KL}} = -\frac{1}{2}\sum_{d}\bigl(1 + \log\sigma_d^2 - \mu_d^2 - \sigma_d^2\bigr),\quad z = \mu + \sigma \odot \varepsilon",
    inputs: &[
        Input { name: "pred", shape: "[N, *]", meaning: "decoder output for the sampled z (mean of a Gaussian, or logits of a Bernoulli decoder)" },
        Input { name: "target", shape: "[N, *]", meaning: "the input x" },
        Input { name: "mu", shape: "[N, d]", meaning: "posterior means" },
        Input { name: "logvar", shape: "[N, d]", meaning: "posterior log-variances log sigma^2" },
    ],
    params: &[
        Param { name: "kld_weight", symbol: "w", default: Value::Float(1.0), range: Range::NON_NEGATIVE, meaning: "weight of the KL term (1 gives the ELBO; PyTorch-VAE passes the minibatch-to-dataset ratio)" },
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
    equivalents: &["pyro.infer.Trace_ELBO", "torch.distributions.kl_divergence"],
    related: &["beta-vae", "kl-divergence", "mse", "binary-cross-entropy", "vq-vae", "wae", "gaussian-nll"],
    forms: &[],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
