//! beta-VAE: the VAE objective with the KL term weighted by beta > 1, trading reconstruction
//! quality for a more factorized (disentangled) latent code.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "beta-vae",
    name: "β-VAE Loss",
    aliases: &["beta-VAE Loss", "Beta-VAE"],
    kind: Kind::Loss,
    domains: &["vae"],
    year: 2017,
    paper: Paper {
        title: "β-VAE: Learning Basic Visual Concepts with a Constrained Variational Framework",
        authors: "Higgins et al.",
        venue: "ICLR",
        year: 2017,
        url: "https://openreview.net/forum?id=Sy2fzU9gl",
    },
    summary: "Multiplies the KL term of the VAE objective by beta; values above 1 press the posterior towards the isotropic prior, which the paper shows yields latent dimensions that align with independent generative factors, at the cost of blurrier reconstructions. beta is tuned per dataset and depends on how the reconstruction term is scaled. A follow-up (Burgess et al., 2018) instead penalizes the distance of the KL from a capacity C that grows linearly during training, gamma * |KL - C|, which improves reconstructions while keeping disentanglement.",
    formula: r"\mathcal{L}_{H} = -\log p_\theta(x \mid z) + \beta\,D_{\mathrm{KL}}\bigl(q_\phi(z \mid x) \,\Vert\, p(z)\bigr);\quad \mathcal{L}_{B} = -\log p_\theta(x \mid z) + \gamma\,\bigl|D_{\mathrm{KL}}\bigl(q_\phi(z \mid x) \,\Vert\, p(z)\bigr) - C\bigr|",
    inputs: &[
        Input { name: "pred", shape: "[N, *]", meaning: "decoder output for the sampled z" },
        Input { name: "target", shape: "[N, *]", meaning: "the input x" },
        Input { name: "mu", shape: "[N, d]", meaning: "posterior means" },
        Input { name: "logvar", shape: "[N, d]", meaning: "posterior log-variances" },
    ],
    params: &[
        Param { name: "beta", symbol: r"\beta", default: Value::Float(4.0), range: Range::NON_NEGATIVE, meaning: "form higgins: KL weight (tuned per dataset; 4 is PyTorch-VAE's default)" },
        Param { name: "gamma", symbol: r"\gamma", default: Value::Float(1000.0), range: Range::NON_NEGATIVE, meaning: "form burgess: weight of |KL - C| (PyTorch-VAE default)" },
        Param { name: "max_capacity", symbol: "C_{max}", default: Value::Float(25.0), range: Range::NON_NEGATIVE, meaning: "form burgess: final capacity in nats (PyTorch-VAE default)" },
        Param { name: "Capacity_max_iter", symbol: "", default: Value::Int(100000), range: Range::Integer { min: 1, max: i64::MAX }, meaning: "form burgess: iterations over which C grows linearly from 0 to max_capacity (PyTorch-VAE default)" },
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
    related: &["elbo", "kl-divergence", "wae", "vq-vae"],
    forms: &[
        Form { name: "higgins", description: "Higgins et al.: reconstruction + beta * KL." },
        Form { name: "burgess", description: "Burgess et al., Understanding disentangling in beta-VAE (2018): reconstruction + gamma * |KL - C| with C increased linearly to max_capacity over Capacity_max_iter iterations (PyTorch-VAE loss_type 'B')." },
    ],
    status: Status::Planned("not implemented yet"),
    eval: None,
    ..Entry::BLANK
};
