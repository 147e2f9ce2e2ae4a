//! VITS's objective: a conditional VAE loss (mel reconstruction and KL to a flow-based,
//! text-conditioned prior) plus a stochastic duration loss and HiFi-GAN-style adversarial and
//! feature-matching terms.

use crate::catalog::*;

pub const ENTRY: Entry = Entry {
    id: "vits",
    name: "VITS Loss",
    aliases: &["VITS Training Objective"],
    kind: Kind::Composite,
    domains: &["audio"],
    year: 2021,
    paper: Paper {
        title: "Conditional Variational Autoencoder with Adversarial Learning for End-to-End Text-to-Speech",
        authors: "Jaehyeon Kim, Jungil Kong, Juhee Son",
        venue: "ICML",
        year: 2021,
        url: "https://arxiv.org/abs/2106.06103",
    },
    summary: "Trains text-to-speech end to end as a conditional VAE with adversarial decoding: an L1 mel-spectrogram reconstruction (weight 45), a KL term between the posterior from the linear spectrogram and a normalizing-flow prior conditioned on the text and the monotonic alignment, the variational bound of a stochastic duration predictor, and least-squares adversarial plus feature-matching losses from HiFi-GAN's discriminators; the terms other than the reconstruction have weight 1. Training on random waveform segments keeps memory manageable.",
    formula: r"\mathcal{L} = \lambda_{recon}\lVert x_{mel} - \hat x_{mel} \rVert_1 + \bigl(\log q_\phi(z \mid x_{lin}) - \log p_\theta(z \mid c_{text}, A)\bigr) + \mathcal{L}_{dur} + \mathcal{L}_{adv}(G) + \mathcal{L}_{fm}(G),\quad \lambda_{recon} = 45",
    params: &[
        Param { name: "lambda_recon", symbol: r"\lambda_{recon}", default: Value::Float(45.0), range: Range::NON_NEGATIVE, meaning: "weight of the mel reconstruction term" },
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
    related: &["glow-tts", "hifi-gan", "elbo"],
    uses: &["mel-spectrogram", "kl-divergence", "lsgan", "feature-matching"],
    status: Status::NotExecutable("needs the posterior encoder, flow prior, duration predictor, decoder and discriminators"),
    eval: None,
    ..Entry::BLANK
};
